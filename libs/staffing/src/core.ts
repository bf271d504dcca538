/**
 * The pure staffing core: Erlang C and channel requirements, volume and AHT forecasts, schedule
 * optimisation. No Nest, no database, no I/O; `index.ts` re-exports this for the rest of the app.
 */
export { StaffingInputError } from './lib/math/staffing-input.error';

export {
  averageSpeedOfAnswer,
  erlangB,
  erlangC,
  erlangCForAgents,
  grossUpForShrinkage,
  probabilityOfWaiting,
  serviceLevel,
  textbookErlangC,
  trafficErlangs,
  validateErlangCInput,
} from './lib/math/erlang-c';
export type { ErlangCAgentsResult, ErlangCInput, ErlangCResult } from './lib/math/erlang-c';

export { erlangA, erlangAForAgents, validateErlangAInput } from './lib/math/erlang-a';
export type { ErlangAAgentsResult, ErlangAInput, ErlangAResult } from './lib/math/erlang-a';

export { chatRequirement, deferredWorkRequirement } from './lib/math/channel-requirements';
export type {
  ChatRequirementInput,
  ChatRequirementResult,
  DeferredWorkInput,
  DeferredWorkResult,
} from './lib/math/channel-requirements';

export { forecast } from './lib/forecast/volume-forecast';
export { forecastAht } from './lib/forecast/aht-forecast';
export type { AhtForecastOptions, AhtForecastResult } from './lib/forecast/aht-forecast';
export { wape } from './lib/forecast/forecast-accuracy';
export { holtWintersForecast, HOLT_WINTERS_GRID } from './lib/forecast/holt-winters.forecaster';
export type { HoltWintersKind } from './lib/forecast/holt-winters.forecaster';
export {
  meanForecast,
  seasonalAverageForecast,
  seasonalNaiveForecast,
} from './lib/forecast/seasonal-average.forecaster';
export type {
  ForecastMethod,
  ForecastOptions,
  ForecastResult,
  HoltWintersParameters,
  MethodScore,
} from './lib/forecast/forecast.types';

export { DEFAULT_SCHEDULE_WEIGHTS } from './lib/optimize/schedule-problem.types';
export type {
  CandidateShift,
  FixedShift,
  ScheduleAgent,
  ScheduleAssignment,
  ScheduleProblem,
  ScheduleProgress,
  ScheduleProgressPhase,
  ScheduleRule,
  ScheduleSolution,
  ScheduleSolveOptions,
  ScheduleSolveStep,
  ScheduleStatus,
  ScheduleViolation,
  ScheduleWeights,
  ShiftTiming,
} from './lib/optimize/schedule-problem.types';
export { solveSchedule } from './lib/optimize/schedule.solver';
export type { ScheduleSolveControl } from './lib/optimize/schedule.solver';
export { greedySchedule } from './lib/optimize/greedy-schedule';
export { evaluateSchedule, validateSchedule } from './lib/optimize/schedule-evaluation';
export type { ScheduleEvaluation } from './lib/optimize/schedule-evaluation';
export { scheduleWorkerEntry, solveInWorker } from './lib/optimize/schedule-worker.client';
export type { SolveInWorkerControl } from './lib/optimize/schedule-worker.client';
