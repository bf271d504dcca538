import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ScheduleProblem, ScheduleSolution } from '../optimize/schedule-problem.types';
import { scheduleWorkerEntry } from '../optimize/schedule-worker.client';

/** The greedy heuristic's schedule for the problem, computed in a worker thread. */
export function greedyInWorker(problem: ScheduleProblem, timeoutSeconds = 120): Promise<ScheduleSolution> {
  return new Promise<ScheduleSolution>((resolve, reject) => {
    // Same loader as the solver's worker: @swc-node/register when running from TypeScript.
    const { execArgv } = scheduleWorkerEntry();
    const worker = new Worker(join(__dirname, `greedy-baseline.worker${extname(__filename)}`), {
      workerData: problem,
      execArgv,
    });
    let settled = false;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
      void worker.terminate();
    };
    const timer = setTimeout(
      () => finish(() => reject(new Error('The greedy baseline did not finish in time.'))),
      timeoutSeconds * 1000,
    );
    worker.on('message', (message: { solution?: ScheduleSolution; error?: string }) =>
      finish(() =>
        message.solution
          ? resolve(message.solution)
          : reject(new Error(message.error ?? 'The greedy baseline failed.')),
      ),
    );
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) =>
      finish(() => reject(new Error(`The greedy baseline worker exited (code ${code}) without an answer.`))),
    );
  });
}
