/**
 * Messages between `solveInWorker` and schedule-solver.worker.ts. Everything here is structured-
 * clone safe: the problem and the solution are plain JSON, the stop flag is shared memory.
 */
import type {
  ScheduleProblem,
  ScheduleProgress,
  ScheduleSolution,
  ScheduleSolveOptions,
} from './schedule-problem.types';

export interface ScheduleWorkerRequest {
  problem: ScheduleProblem;
  options: ScheduleSolveOptions;
  /**
   * One Int32 in shared memory: the caller stores 1 to ask HiGHS to stop. A plain message could not
   * be read while HiGHS blocks the worker's thread; HiGHS's interrupt callback reads this instead.
   */
  stopFlag?: SharedArrayBuffer;
}

export interface SerializedError {
  name: string;
  message: string;
  /** StaffingInputError only. */
  field?: string;
}

export type ScheduleWorkerMessage =
  | { type: 'progress'; progress: ScheduleProgress }
  | { type: 'result'; solution: ScheduleSolution }
  | { type: 'error'; error: SerializedError };
