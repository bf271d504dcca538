import { registerEnumType } from '@nestjs/graphql';

/** How a channel's demand becomes agents (libs/staffing/METHODS.md). */
export enum SizingMethod {
  /** Live queue (phone): Erlang C. */
  ERLANG_C = 'ERLANG_C',
  /** Live queue whose callers hang up (phone with abandonment): Erlang A, needs patienceSeconds. */
  ERLANG_A = 'ERLANG_A',
  /** Chat: Erlang C on chat slots, k slots per agent. */
  CHAT_CONCURRENCY = 'CHAT_CONCURRENCY',
  /** Email, social: workload spread over the response deadline. */
  DEFERRED_WORK = 'DEFERRED_WORK',
}

/** Which forecast value requirements are sized from. */
export enum ForecastBound {
  /** The point forecast (mean). */
  POINT = 'POINT',
  /** The upper end of the 80% prediction interval of each interval: staffing for a busy case. */
  UPPER_80 = 'UPPER_80',
}

/** Where an interval's forecast came from. */
export enum ForecastSource {
  /** Uploaded by a planner (uploadForecast). */
  UPLOAD = 'UPLOAD',
  /** Set by a planner on that interval (setForecastOverride), possibly over an upload. */
  OVERRIDE = 'OVERRIDE',
  /** Forecast from the interaction history. */
  HISTORY = 'HISTORY',
  /** Part of the interval stored (uploaded or overridden), the rest from the history. */
  MIXED = 'MIXED',
  /** Nothing stored and no history: zero contacts. */
  NONE = 'NONE',
}

/** The forecasting methods of the core (`forecast`), as reported to planners. */
export enum StaffingForecastMethod {
  SEASONAL_AVERAGE_TREND = 'SEASONAL_AVERAGE_TREND',
  SEASONAL_AVERAGE = 'SEASONAL_AVERAGE',
  HOLT_WINTERS_ADDITIVE = 'HOLT_WINTERS_ADDITIVE',
  HOLT_WINTERS_MULTIPLICATIVE = 'HOLT_WINTERS_MULTIPLICATIVE',
  SEASONAL_NAIVE = 'SEASONAL_NAIVE',
  MEAN = 'MEAN',
  NO_HISTORY = 'NO_HISTORY',
}

export enum ScheduleJobStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
  /** The process running it stopped (crash, restart, or stalled past its lease): start it again. */
  INTERRUPTED = 'INTERRUPTED',
}

export const UNFINISHED_JOB_STATUSES: readonly ScheduleJobStatus[] = [
  ScheduleJobStatus.QUEUED,
  ScheduleJobStatus.RUNNING,
];

/** What a running job is doing. */
export enum ScheduleJobPhase {
  QUEUED = 'QUEUED',
  /** Reading the forecast, agents, templates, shifts, time off and rules; building candidate shifts. */
  BUILDING_PROBLEM = 'BUILDING_PROBLEM',
  /** The solver builds its model and the greedy warm start. */
  BUILDING_MODEL = 'BUILDING_MODEL',
  WARM_START = 'WARM_START',
  /** HiGHS runs (LP relaxation, restricted MIP, full MIP). */
  SOLVING = 'SOLVING',
  /** The chosen shifts are written as drafts, every labor rule checked again. */
  WRITING_SHIFTS = 'WRITING_SHIFTS',
  DONE = 'DONE',
}

/** The solver's verdict (the core's ScheduleStatus). */
export enum ScheduleSolverStatus {
  OPTIMAL = 'OPTIMAL',
  TIME_LIMIT = 'TIME_LIMIT',
  INTERRUPTED = 'INTERRUPTED',
  INFEASIBLE = 'INFEASIBLE',
  NO_CANDIDATES = 'NO_CANDIDATES',
  HEURISTIC = 'HEURISTIC',
  SOLVER_ERROR = 'SOLVER_ERROR',
}

/** Shifts that fairness shares out (see schedule-problem.mapping.ts for what counts as each). */
export enum FairnessTag {
  WEEKEND = 'WEEKEND',
  NIGHT = 'NIGHT',
}

registerEnumType(FairnessTag, {
  name: 'FairnessTag',
  description:
    'WEEKEND: starts on a local Saturday or Sunday; NIGHT: at least 3 h (or half the shift) between 22:00 and 06:00 local.',
});
registerEnumType(SizingMethod, {
  name: 'StaffingSizingMethod',
  description:
    'ERLANG_C (phone), ERLANG_A (phone with callers who hang up: needs patienceSeconds), CHAT_CONCURRENCY (chat), DEFERRED_WORK (email, social).',
});
registerEnumType(ForecastSource, { name: 'ForecastSource' });
registerEnumType(ForecastBound, {
  name: 'ForecastBound',
  description:
    'POINT: size from the point forecast; UPPER_80: from the upper end of each interval’s 80% prediction interval.',
});
registerEnumType(StaffingForecastMethod, { name: 'StaffingForecastMethod' });
registerEnumType(ScheduleJobStatus, { name: 'ScheduleJobStatus' });
registerEnumType(ScheduleJobPhase, { name: 'ScheduleJobPhase' });
registerEnumType(ScheduleSolverStatus, {
  name: 'ScheduleSolverStatus',
  description:
    'OPTIMAL: within the gap tolerance of a proven bound; TIME_LIMIT: best schedule found in the time; NO_CANDIDATES: nothing to decide; SOLVER_ERROR: the greedy schedule was used.',
});
