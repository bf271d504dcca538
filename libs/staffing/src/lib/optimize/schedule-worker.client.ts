/**
 * Runs the schedule solver in a worker thread so HiGHS (synchronous WebAssembly) never blocks the
 * API's event loop. When this file runs as TypeScript (tests, `node -r @swc-node/register`), the
 * worker loads the .ts entry point through @swc-node/register; compiled, it loads the .js one.
 */
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { StaffingInputError } from '../math/staffing-input.error';
import type {
  ScheduleProblem,
  ScheduleProgress,
  ScheduleSolution,
  ScheduleSolveOptions,
} from './schedule-problem.types';
import type { ScheduleWorkerMessage, ScheduleWorkerRequest } from './schedule-worker.protocol';

export interface SolveInWorkerControl {
  /** Aborting asks HiGHS to stop; the promise then resolves with the best schedule so far (status INTERRUPTED). */
  signal?: AbortSignal;
  /** Seconds to wait after an abort, or after the time limit, before terminating the worker (default 15). */
  graceSeconds?: number;
  /** Overrides the worker's execArgv (by default: @swc-node/register for .ts, inherited for .js). */
  execArgv?: string[];
}

/** The worker entry point next to this file, with the execArgv that can load it. */
export function scheduleWorkerEntry(): { file: string; execArgv: string[] | undefined } {
  const extension = extname(__filename);
  const file = join(__dirname, `schedule-solver.worker${extension}`);
  if (extension !== '.ts') return { file, execArgv: undefined };
  // Resolved from here rather than the cwd, so the worker finds it wherever the app was started.
  return { file, execArgv: ['-r', require.resolve('@swc-node/register')] };
}

export function solveInWorker(
  problem: ScheduleProblem,
  options: ScheduleSolveOptions = {},
  onProgress?: (progress: ScheduleProgress) => void,
  control: SolveInWorkerControl = {},
): Promise<ScheduleSolution> {
  return new Promise<ScheduleSolution>((resolve, reject) => {
    const entry = scheduleWorkerEntry();
    const stopFlag = new SharedArrayBuffer(4);
    const request: ScheduleWorkerRequest = { problem, options, stopFlag };
    const worker = new Worker(entry.file, { workerData: request, execArgv: control.execArgv ?? entry.execArgv });
    const grace = (control.graceSeconds ?? 15) * 1000;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];

    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      control.signal?.removeEventListener('abort', onAbort);
      outcome();
      // The worker exits by itself after posting its answer; terminate covers every other path.
      void worker.terminate();
    };
    const kill = (reason: string): void => finish(() => reject(new Error(reason)));
    function onAbort(): void {
      Atomics.store(new Int32Array(stopFlag), 0, 1);
      timers.push(
        setTimeout(() => kill('The schedule solver did not stop after the abort; worker terminated.'), grace),
      );
    }

    if (control.signal?.aborted) onAbort();
    else control.signal?.addEventListener('abort', onAbort, { once: true });
    // Watchdog: HiGHS honours its time limit; a worker silent well past it is stuck.
    const limit = (options.timeLimitSeconds ?? 60) * 1000;
    timers.push(
      setTimeout(() => kill('The schedule solver exceeded its time limit; worker terminated.'), limit + grace),
    );

    worker.on('message', (message: ScheduleWorkerMessage) => {
      if (message.type === 'progress') {
        onProgress?.(message.progress);
      } else if (message.type === 'result') {
        finish(() => resolve(message.solution));
      } else {
        const { name, message: text, field } = message.error;
        const error =
          name === 'StaffingInputError' && field !== undefined ? new StaffingInputError(field, text) : new Error(text);
        finish(() => reject(error));
      }
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) => kill(`The schedule solver worker exited (code ${code}) without an answer.`));
  });
}
