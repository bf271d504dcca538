import { registerConstraintMessages } from '@deskforce/platform';
import { SchedulingErrorRule } from './rules/scheduling-error-rule';

export { SchedulingErrorRule };

registerConstraintMessages({
  // The last line of defence under concurrency; the services check first and name the other shift.
  shifts_no_overlap: {
    message: 'The agent already has a shift at that time.',
    details: { rule: SchedulingErrorRule.NO_OVERLAP },
  },
  shift_activities_no_overlap: { field: 'input', message: 'The activity overlaps another activity of the shift.' },
  shift_activities_inside_shift: { field: 'input', message: 'Every activity must lie inside its shift.' },
  shifts_span_check: { field: 'input.endsAt', message: 'A shift ends after it starts and lasts at most 24 hours.' },
  time_off_no_overlapping_pending: {
    field: 'input.startsAt',
    message: 'The agent already has a pending time-off request over that time.',
    details: { rule: SchedulingErrorRule.DUPLICATE_REQUEST },
  },
  time_off_span_check: { field: 'input.endsAt', message: 'Time off ends after it starts and lasts at most a year.' },
});
