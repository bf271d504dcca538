import { existsSync } from 'node:fs';
import { StaffingInputError } from '../math/staffing-input.error';
import { syntheticScheduleProblem } from '../../testing/synthetic-schedule.factory';
import { validateSchedule } from './schedule-evaluation';
import { ScheduleProgress } from './schedule-problem.types';
import { scheduleWorkerEntry, solveInWorker } from './schedule-worker.client';
import { solveSchedule } from './schedule.solver';

describe('solveInWorker', () => {
  it('loads the TypeScript worker entry through @swc-node/register', () => {
    const entry = scheduleWorkerEntry();
    expect(entry.file).toMatch(/schedule-solver\.worker\.ts$/);
    expect(existsSync(entry.file)).toBe(true);
    expect(entry.execArgv?.[0]).toBe('-r');
    expect(entry.execArgv?.[1]).toContain('@swc-node');
  });

  it('solves a small problem in a worker thread, reporting progress, with the same answer as in-process', async () => {
    const problem = syntheticScheduleProblem({ seed: 21, days: 2, agents: 10, templates: 8 });
    const progress: ScheduleProgress[] = [];
    let mainThreadTicks = 0;
    const ticker = setInterval(() => mainThreadTicks++, 5);
    const solution = await solveInWorker(problem, { timeLimitSeconds: 20, mipRelativeGap: 0 }, (p) => progress.push(p));
    clearInterval(ticker);
    const phases = progress.map((p) => p.phase);
    expect(phases[0]).toBe('building model');
    expect(phases).toContain('solving');
    expect(phases[phases.length - 1]).toBe('done');
    expect(solution.status).toBe('OPTIMAL');
    expect(validateSchedule(problem, solution.assignments)).toEqual([]);
    const inProcess = await solveSchedule(problem, { timeLimitSeconds: 20, mipRelativeGap: 0 });
    expect(solution.objective).toBeCloseTo(inProcess.objective, 6);
    // The answer crossed the thread boundary as plain data.
    expect(JSON.parse(JSON.stringify(solution))).toEqual(solution);
    // The event loop kept running while the worker solved.
    expect(mainThreadTicks).toBeGreaterThan(0);
  });

  it('passes input errors back as StaffingInputError with the field', async () => {
    const problem = syntheticScheduleProblem({ seed: 1, days: 1, agents: 2, templates: 2 });
    problem.required = problem.required.slice(1);
    const attempt = solveInWorker(problem, { timeLimitSeconds: 5 });
    await expect(attempt).rejects.toBeInstanceOf(StaffingInputError);
    await expect(attempt).rejects.toMatchObject({ field: 'required' });
  });

  it('stops on abort and resolves with the best schedule so far', async () => {
    const problem = syntheticScheduleProblem({ seed: 4, days: 7, agents: 60, templates: 20 });
    const controller = new AbortController();
    const pending = solveInWorker(
      problem,
      { timeLimitSeconds: 60, mipRelativeGap: 0 },
      (p) => {
        if (p.phase === 'solving') controller.abort();
      },
      { signal: controller.signal },
    );
    const solution = await pending;
    // INTERRUPTED, not TIME_LIMIT: the abort, not the 60 s limit, ended the solve.
    expect(solution.status).toBe('INTERRUPTED');
    expect(validateSchedule(problem, solution.assignments)).toEqual([]);
  });
});
