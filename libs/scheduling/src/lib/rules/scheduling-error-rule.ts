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
