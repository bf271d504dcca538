import { AppError, registerConstraintMessages } from '@deskforce/platform';
import { StaffingInputError } from './math/staffing-input.error';

registerConstraintMessages({
  schedule_generation_jobs_one_active: {
    field: 'input.teamId',
    message: 'The team already has a schedule generation job queued or running; wait for it or cancel it.',
  },
  staffing_forecast_quarter_hour: { field: 'input', message: 'Forecast intervals start on a quarter hour.' },
});

/**
 * The core names an offending field as its caller passed it (`shrinkage`, `contacts[3]`); the API names it
 * by its path from the operation's arguments (`input.shrinkage`, `input.contacts.3`).
 */
export function inputPath(field: string, prefix = 'input'): string {
  return `${prefix}.${field.replace(/\[(\d+)\]/g, '.$1')}`;
}

/** Runs a core function, turning its StaffingInputError into BAD_USER_INPUT on the input path. */
export function withInputPath<T>(run: () => T, prefix = 'input', rename: Record<string, string> = {}): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof StaffingInputError) {
      throw AppError.badInput({ field: inputPath(rename[error.field] ?? error.field, prefix), message: error.message });
    }
    throw error;
  }
}
