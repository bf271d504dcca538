import { registerConstraintMessages } from '@deskforce/platform';

/** Why scheduling refused a change: `extensions.details.rule` of its errors (besides the labor rules' own names). */
export enum SchedulingErrorRule {
  /** The agent already has a shift at that time. */
  NO_OVERLAP = 'NO_OVERLAP',
  /** A hard labor rule refuses the change (details list the violations). */
  LABOR_RULES = 'LABOR_RULES',
  /** The shift's activities would not fit inside it after the change. */
  ACTIVITIES_DO_NOT_FIT = 'ACTIVITIES_DO_NOT_FIT',
  /** No shift of the agent covers the activity. */
  NO_COVERING_SHIFT = 'NO_COVERING_SHIFT',
  /** The agent already has a pending request over those days. */
  DUPLICATE_REQUEST = 'DUPLICATE_REQUEST',
  /** The version sent is not the current one (someone changed the record meanwhile). */
  STALE_VERSION = 'STALE_VERSION',
}

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
