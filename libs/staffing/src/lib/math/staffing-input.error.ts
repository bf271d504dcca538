/**
 * An input no staffing model can accept (negative volume, shrinkage of 100%, ...).
 *
 * `field` names the offending input property as the caller passed it (e.g. `ahtSeconds`, or
 * `agents[3].maxWeeklyHours`), so the GraphQL layer can map the error to BAD_USER_INPUT and
 * point at the field. The message is client-safe: it only repeats the caller's own values.
 */
export class StaffingInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'StaffingInputError';
  }
}

/** Throws unless `value` is a finite number ≥ 0. */
export function requireNonNegative(field: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new StaffingInputError(field, `${field} must be a finite number ≥ 0 (got ${String(value)}).`);
  }
}

/** Throws unless `value` is a finite number > 0. */
export function requirePositive(field: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new StaffingInputError(field, `${field} must be a finite number > 0 (got ${String(value)}).`);
  }
}

/** Throws unless `value` is an integer ≥ `min`. */
export function requireInteger(field: string, value: number, min = 0): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new StaffingInputError(field, `${field} must be an integer ≥ ${min} (got ${String(value)}).`);
  }
}
