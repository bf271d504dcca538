import { Actor, AppError, fromDatabaseError, TenantDatabase } from '@deskforce/platform';
import { ShiftService, ShiftTemplateModel } from '@deskforce/scheduling';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { greedyInWorker } from './generation/greedy-baseline.client';
import { channelCoverageResult } from './generation/schedule-result';
import { GenerationRequest, ScheduleProblemBuilder } from './generation/schedule-problem.builder';
import { ScheduleJobResultModel } from './graphql/schedule-job.model';
import { ScheduleProgress, ScheduleSolution } from './optimize/schedule-problem.types';
import { solveInWorker } from './optimize/schedule-worker.client';
import { JobProgress, ScheduleJobRepository, STALE_AFTER_SECONDS } from './schedule-job.repository';
import { ScheduleJobPhase, ScheduleJobStatus, ScheduleSolverStatus } from './staffing.enums';

/** Solves at once per process: HiGHS takes a core and up to a few hundred MB; more jobs wait QUEUED. */
const MAX_CONCURRENT_JOBS = 1;
const TICK_MS = 1000;
/** Every this many ticks, jobs abandoned by a stopped process are failed. */
const SWEEP_EVERY_TICKS = 15;
const SHUTDOWN_WAIT_MS = 10_000;

export const INTERRUPTED_MESSAGE = 'The job was interrupted: the server running it stopped (restart or crash). Start it again.';

export interface PendingJob {
  id: string;
  actor: Actor;
  request: GenerationRequest;
  templates: ShiftTemplateModel[];
  timeLimitSeconds: number;
  mipRelativeGap: number;
}

interface ActiveJob {
  job: PendingJob;
  controller: AbortController;
  started: number;
  phase: ScheduleJobPhase;
  objective: number | null;
  bestBound: number | null;
  mipGap: number | null;
  cancelled: boolean;
}

/** A job that another path (cancel, the abandoned-job sweep) ended while it ran: its shifts are rolled back. */
class JobAlreadyEnded extends Error {}

const SOLVER_PHASES: Record<ScheduleProgress['phase'], ScheduleJobPhase> = {
  'building model': ScheduleJobPhase.BUILDING_MODEL,
  'warm start': ScheduleJobPhase.WARM_START,
  solving: ScheduleJobPhase.SOLVING,
  done: ScheduleJobPhase.SOLVING,
};

/**
 * Runs schedule generation jobs in the background of this process: builds the problem, solves it in a
 * worker thread (HiGHS, `solveInWorker`) beside the greedy baseline (another worker), writes progress
 * and a heartbeat every second, and on success writes the chosen shifts as drafts through
 * ShiftService.createDrafts (every labor rule checked again, all or nothing) in the transaction that
 * marks the job SUCCEEDED.
 *
 * Jobs live in this process's memory while they wait or run. A process that stops leaves them QUEUED or
 * RUNNING with a heartbeat that ages: at start-up, and every 15 s, jobs without a heartbeat for 30 s are
 * marked FAILED (several API processes may share the database, so "unfinished" alone is not enough).
 */
@Injectable()
export class ScheduleJobRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ScheduleJobRunner');
  private readonly queue: PendingJob[] = [];
  private readonly active = new Map<string, ActiveJob>();
  private readonly runs = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  private ticks = 0;
  private ticking = false;
  private stopping = false;

  constructor(
    private readonly db: TenantDatabase,
    private readonly jobs: ScheduleJobRepository,
    private readonly builder: ScheduleProblemBuilder,
    private readonly shifts: ShiftService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.failAbandoned();
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    for (const job of this.queue.splice(0)) {
      await this.fail(job.actor, job.id, 'The server shut down before the job ran. Start it again.', { code: 'INTERRUPTED' });
    }
    for (const running of this.active.values()) running.controller.abort();
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.runs]), new Promise((resolve) => (timeout = setTimeout(resolve, SHUTDOWN_WAIT_MS)))]);
    clearTimeout(timeout);
  }

  enqueue(job: PendingJob): void {
    this.queue.push(job);
    this.pump();
  }

  /** Stops a job of this process: drops it from the queue, or interrupts its solver (nothing is written). */
  cancel(id: string): void {
    const queued = this.queue.findIndex((j) => j.id === id);
    if (queued >= 0) this.queue.splice(queued, 1);
    const running = this.active.get(id);
    if (running) {
      running.cancelled = true;
      running.controller.abort();
    }
  }

  /** Fails the queued and running jobs of every tenant whose process stopped sending heartbeats. */
  async failAbandoned(): Promise<string[]> {
    try {
      const failed = await this.db.systemTransaction(() => this.jobs.failAbandoned(STALE_AFTER_SECONDS, INTERRUPTED_MESSAGE));
      if (failed.length > 0) this.logger.warn(`Marked ${failed.length} interrupted schedule job(s) FAILED: ${failed.join(', ')}`);
      return failed;
    } catch (error) {
      this.logger.warn(`Could not look for interrupted schedule jobs: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  }

  private pump(): void {
    while (!this.stopping && this.active.size < MAX_CONCURRENT_JOBS && this.queue.length > 0) {
      const job = this.queue.shift()!;
      const run: Promise<void> = this.run(job)
        .catch((error: unknown) => this.logger.error(error))
        .finally(() => {
          this.runs.delete(run);
          this.pump();
        });
      this.runs.add(run);
    }
  }

  private async run(job: PendingJob): Promise<void> {
    const state: ActiveJob = {
      job,
      controller: new AbortController(),
      started: performance.now(),
      phase: ScheduleJobPhase.BUILDING_PROBLEM,
      objective: null,
      bestBound: null,
      mipGap: null,
      cancelled: false,
    };
    this.active.set(job.id, state);
    const { actor } = job;
    try {
      if (!(await this.db.transaction(actor.tenantId, () => this.jobs.claim(job.id)))) return;
      const built = await this.builder.build(actor, job.request, job.templates, `Generated by schedule job ${job.id}`);
      const problemSeconds = (performance.now() - state.started) / 1000;
      if (state.cancelled) return await this.end(state, ScheduleJobStatus.CANCELLED);
      state.phase = ScheduleJobPhase.BUILDING_MODEL;
      // The baseline runs beside the solver; it is only for comparison, so its failure is not the job's.
      const baseline = greedyInWorker(built.problem).catch((error: unknown) => {
        this.logger.warn(`Greedy baseline of job ${job.id} failed: ${error instanceof Error ? error.message : String(error)}`);
        return null;
      });
      const solution = await solveInWorker(
        built.problem,
        { timeLimitSeconds: job.timeLimitSeconds, mipRelativeGap: job.mipRelativeGap },
        (progress) => this.onProgress(state, progress),
        { signal: state.controller.signal },
      );
      const greedy = await baseline;
      if (state.cancelled) return await this.end(state, ScheduleJobStatus.CANCELLED);
      if (this.stopping) {
        return await this.fail(actor, job.id, 'The server shut down while the job ran. Start it again.', { code: 'INTERRUPTED' });
      }
      state.phase = ScheduleJobPhase.WRITING_SHIFTS;
      state.objective = solution.objective;
      state.bestBound = solution.bestBound;
      state.mipGap = solution.mipGap;
      await this.writeProgress(state);
      const drafts = solution.assignments.flatMap((a) => a.candidateIds.map((id) => built.draftFor(a.agentId, id)));
      await this.db.transaction(actor.tenantId, async () => {
        const writing = performance.now();
        const created = drafts.length > 0 ? await this.shifts.createDrafts(actor, drafts, 'GENERATE_SCHEDULE') : [];
        const result = resultOf(solution, greedy, {
          problemSeconds,
          writeSeconds: (performance.now() - writing) / 1000,
          shiftsCreated: created.length,
          warnings: created.reduce((s, c) => s + c.warnings.length, 0),
          requiredAgentHours: built.requiredAgentHours,
          agents: built.problem.agents.filter((a) => a.candidates.length > 0).length,
          candidates: built.candidateCount,
        });
        result.channelCoverage = channelCoverageResult(solution, built.channelRequiredAgentHours);
        const finished = await this.jobs.finish(job.id, ScheduleJobStatus.SUCCEEDED, { result, progress: this.snapshot(state) });
        if (!finished) throw new JobAlreadyEnded();
      });
    } catch (error) {
      if (error instanceof JobAlreadyEnded) return;
      const known = error instanceof AppError ? error : fromDatabaseError(error);
      if (!known) this.logger.error(error);
      await this.fail(actor, job.id, known?.message ?? 'The schedule could not be generated (internal error).', {
        ...(known?.details ?? {}),
        code: known?.code ?? 'INTERNAL_SERVER_ERROR',
      });
    } finally {
      this.active.delete(job.id);
    }
  }

  private onProgress(state: ActiveJob, progress: ScheduleProgress): void {
    state.phase = SOLVER_PHASES[progress.phase];
    if (progress.objective !== undefined) state.objective = progress.objective;
    if (progress.bestBound !== undefined) state.bestBound = progress.bestBound;
    if (progress.mipGap !== undefined) state.mipGap = progress.mipGap;
  }

  private snapshot(state: ActiveJob): JobProgress {
    const elapsedSeconds = (performance.now() - state.started) / 1000;
    const solving = state.phase !== ScheduleJobPhase.BUILDING_PROBLEM;
    return {
      phase: state.phase,
      // Share of the time budget used: the solver stops at the limit, so this reaches 1 at the latest then.
      progress: state.phase === ScheduleJobPhase.WRITING_SHIFTS ? 0.99 : solving ? Math.min(0.99, elapsedSeconds / state.job.timeLimitSeconds) : 0,
      elapsedSeconds,
      objective: state.objective,
      bestBound: state.bestBound,
      mipGap: state.mipGap,
    };
  }

  private async writeProgress(state: ActiveJob): Promise<void> {
    const answer = await this.db.transaction(state.job.actor.tenantId, () => this.jobs.progress(state.job.id, this.snapshot(state)));
    if (answer?.cancelRequested && !state.cancelled) this.cancel(state.job.id);
  }

  private async end(state: ActiveJob, status: ScheduleJobStatus.CANCELLED): Promise<void> {
    await this.db.transaction(state.job.actor.tenantId, () => this.jobs.finish(state.job.id, status, { progress: this.snapshot(state) }));
  }

  private async fail(actor: Actor, id: string, message: string, details: Record<string, unknown>): Promise<void> {
    try {
      await this.db.transaction(actor.tenantId, () => this.jobs.finish(id, ScheduleJobStatus.FAILED, { error: message, errorDetails: details }));
    } catch (error) {
      this.logger.error(error);
    }
  }

  /** Every second: progress and heartbeat of this process's jobs (and a cancellation asked from elsewhere). */
  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      for (const state of [...this.active.values()]) await this.writeProgress(state).catch((error: unknown) => this.logger.warn(String(error)));
      const queuedByTenant = new Map<string, string[]>();
      for (const job of this.queue) queuedByTenant.set(job.actor.tenantId, [...(queuedByTenant.get(job.actor.tenantId) ?? []), job.id]);
      for (const [tenantId, ids] of queuedByTenant) {
        await this.db.transaction(tenantId, () => this.jobs.heartbeat(ids)).catch((error: unknown) => this.logger.warn(String(error)));
      }
      if (++this.ticks % SWEEP_EVERY_TICKS === 0) await this.failAbandoned();
    } finally {
      this.ticking = false;
    }
  }
}

function resultOf(
  solution: ScheduleSolution,
  greedy: ScheduleSolution | null,
  counts: { problemSeconds: number; writeSeconds: number; shiftsCreated: number; warnings: number; requiredAgentHours: number; agents: number; candidates: number },
): ScheduleJobResultModel {
  return {
    ...counts,
    solverStatus: solution.status as ScheduleSolverStatus,
    solutionSource: solution.source,
    underCoverageAgentHours: solution.underCoverageAgentHours,
    overCoverageAgentHours: solution.overCoverageAgentHours,
    underCoveredIntervals: solution.underCoveredIntervals,
    cost: solution.cost,
    paidHours: solution.paidHours,
    objective: solution.objective,
    bestBound: solution.bestBound,
    mipGap: solution.mipGap,
    buildSeconds: solution.buildSeconds,
    solveSeconds: solution.solveSeconds,
    baseline: greedy
      ? {
          shifts: greedy.assignments.reduce((s, a) => s + a.candidateIds.length, 0),
          underCoverageAgentHours: greedy.underCoverageAgentHours,
          overCoverageAgentHours: greedy.overCoverageAgentHours,
          underCoveredIntervals: greedy.underCoveredIntervals,
          cost: greedy.cost,
          paidHours: greedy.paidHours,
          objective: greedy.objective,
        }
      : null,
    messages: solution.messages,
    preferences: solution.preferences ?? [],
  };
}
