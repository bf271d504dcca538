import {
  Actor,
  AppConfig,
  APP_CONFIG,
  AppError,
  EventOutbox,
  fromDatabaseError,
  JobQueue,
  Role,
  TenantDatabase,
} from '@deskforce/platform';
import { ShiftService } from '@deskforce/scheduling';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { greedyInWorker } from './generation/greedy-baseline.client';
import { channelCoverageResult, fairnessResult } from './generation/schedule-result';
import { GenerationRequest, ScheduleProblemBuilder } from './generation/schedule-problem.builder';
import { ScheduleJobResultModel } from './graphql/schedule-job.model';
import { ScheduleProgress, ScheduleSolution } from './optimize/schedule-problem.types';
import { solveInWorker } from './optimize/schedule-worker.client';
import { JobProgress, ScheduleJobRepository, StoredScheduleJob } from './schedule-job.repository';
import { ScheduleJobPhase, ScheduleJobStatus, ScheduleSolverStatus } from './staffing.enums';
import { scheduleJobFinished } from './staffing.events';

/** The pg-boss queue of schedule generation (created by the migration LeaseScheduleJobs). */
export const SCHEDULE_QUEUE = 'schedule-generation';
const TICK_MS = 1000;
/** Every this many ticks, running jobs whose lease lapsed are marked INTERRUPTED. */
const SWEEP_EVERY_TICKS = 5;
const SHUTDOWN_WAIT_MS = 10_000;
/** Beyond its time limit, how long a job may take to build its problem and write its drafts before the queue gives up on it. */
const QUEUE_EXPIRY_MARGIN_SECONDS = 600;

export const INTERRUPTED_MESSAGE =
  'The job was interrupted: the server running it stopped (restart, crash, or stalled past its lease). Start it again.';

/** What the queue carries: where to find the job; everything else is in its row. */
export interface ScheduleQueueMessage {
  tenantId: string;
  jobId: string;
}

/** Who asked for a job, kept in its parameters: the drafts are written as them. */
export interface JobRequester {
  role: Role;
  email: string;
}

interface ActiveJob {
  job: StoredScheduleJob;
  actor: Actor;
  controller: AbortController;
  started: number;
  phase: ScheduleJobPhase;
  objective: number | null;
  bestBound: number | null;
  mipGap: number | null;
  cancelled: boolean;
  /** The lease went to nobody (it lapsed and the job was marked INTERRUPTED): write nothing. */
  lost: boolean;
}

/** A job that another path (cancel, the lapsed-lease sweep) ended while it ran: its shifts are rolled back. */
class JobAlreadyEnded extends Error {}

const SOLVER_PHASES: Record<ScheduleProgress['phase'], ScheduleJobPhase> = {
  'building model': ScheduleJobPhase.BUILDING_MODEL,
  'warm start': ScheduleJobPhase.WARM_START,
  solving: ScheduleJobPhase.SOLVING,
  done: ScheduleJobPhase.SOLVING,
};

/**
 * Runs schedule generation jobs from the PostgreSQL job queue (pg-boss): any API process with a free
 * solver slot (SOLVER_CONCURRENCY) takes the next job, tenants in turn (a tenant's later jobs queue behind
 * other tenants' first ones). The process claims the job under a lease (JOB_LEASE_SECONDS), builds the
 * problem, solves it in a worker thread (HiGHS, `solveInWorker`) beside the greedy baseline, renews the
 * lease with its progress every second, and on success writes the drafts through ShiftService.createDrafts
 * (every labor rule checked again, all or nothing) in the transaction that marks the job SUCCEEDED — only
 * while the lease is still its own.
 *
 * A job whose lease lapses (its process died, or stalled longer than the lease) is marked INTERRUPTED by
 * whichever process sweeps next; a process that comes back from a stall finds its lease gone and writes
 * nothing. A slow process is never robbed of a job whose lease it keeps renewing.
 */
@Injectable()
export class ScheduleJobRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ScheduleJobRunner');
  /** This process's name on the leases it holds. */
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
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
    private readonly queue: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: EventOutbox,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.interruptLapsed();
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
    if (this.config.solverConcurrency > 0) {
      await this.queue.work<ScheduleQueueMessage>(SCHEDULE_QUEUE, this.config.solverConcurrency, (message) =>
        this.track(this.run(message.data)),
      );
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.queue.stopWorking(SCHEDULE_QUEUE);
    for (const running of this.active.values()) running.controller.abort();
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.runs]),
      new Promise((resolve) => (timeout = setTimeout(resolve, SHUTDOWN_WAIT_MS))),
    ]);
    clearTimeout(timeout);
  }

  /**
   * Queues a job whose row was just inserted, in the same tenant transaction: the queue has it exactly
   * when the row commits. Its priority puts it behind the tenant's jobs already waiting or running.
   */
  async enqueue(tenantId: string, jobId: string, timeLimitSeconds: number): Promise<void> {
    const backlog = await this.jobs.unfinishedCount();
    const message: ScheduleQueueMessage = { tenantId, jobId };
    await this.queue.send(SCHEDULE_QUEUE, message, {
      priority: -backlog,
      expireInSeconds: timeLimitSeconds + QUEUE_EXPIRY_MARGIN_SECONDS,
      retryLimit: 0,
    });
  }

  /** Stops a job this process runs (nothing is written); a job elsewhere sees the request at its next lease renewal. */
  cancel(id: string): void {
    const running = this.active.get(id);
    if (running) {
      running.cancelled = true;
      running.controller.abort();
    }
  }

  /** Marks INTERRUPTED the running jobs of every tenant whose lease lapsed. */
  async interruptLapsed(): Promise<void> {
    try {
      const ended = await this.db.systemTransaction(() => this.jobs.interruptLapsed(new Date(), INTERRUPTED_MESSAGE));
      if (ended.length > 0)
        this.logger.warn(
          `Marked ${ended.length} schedule job(s) INTERRUPTED (lease lapsed): ${ended.map((j) => j.id).join(', ')}`,
        );
    } catch (error) {
      this.logger.warn(
        `Could not look for interrupted schedule jobs: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private track(run: Promise<void>): Promise<void> {
    const tracked = run.catch((error: unknown) => this.logger.error(error)).finally(() => this.runs.delete(tracked));
    this.runs.add(tracked);
    return tracked;
  }

  private leaseUntil(now: Date): Date {
    return new Date(now.getTime() + this.config.jobLeaseSeconds * 1000);
  }

  private async run(message: ScheduleQueueMessage): Promise<void> {
    if (this.stopping) return;
    const now = new Date();
    const job = await this.db.transaction(message.tenantId, () =>
      this.jobs.claim(message.jobId, this.owner, now, this.leaseUntil(now)),
    );
    if (!job) return; // cancelled while it waited
    const params = job.parameters as unknown as GenerationRequest & { mipRelativeGap: number; requester: JobRequester };
    const actor: Actor = {
      userId: job.requestedBy,
      tenantId: message.tenantId,
      role: params.requester.role,
      email: params.requester.email,
    };
    const state: ActiveJob = {
      job,
      actor,
      controller: new AbortController(),
      started: performance.now(),
      phase: ScheduleJobPhase.BUILDING_PROBLEM,
      objective: null,
      bestBound: null,
      mipGap: null,
      cancelled: false,
      lost: false,
    };
    this.active.set(job.id, state);
    const request: GenerationRequest = { ...params, from: new Date(params.from), to: new Date(params.to) };
    try {
      const templates = await this.builder.usableTemplates(
        actor,
        request.teamId,
        request.channels ?? [request.channel],
        request.templateIds,
      );
      const built = await this.builder.build(actor, request, templates, `Generated by schedule job ${job.id}`);
      const problemSeconds = (performance.now() - state.started) / 1000;
      if (state.cancelled) return await this.end(state, ScheduleJobStatus.CANCELLED);
      state.phase = ScheduleJobPhase.BUILDING_MODEL;
      // The baseline runs beside the solver; it is only for comparison, so its failure is not the job's.
      const baseline = greedyInWorker(built.problem).catch((error: unknown) => {
        this.logger.warn(
          `Greedy baseline of job ${job.id} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
        return null;
      });
      const solution = await solveInWorker(
        built.problem,
        {
          timeLimitSeconds: job.timeLimitSeconds,
          mipRelativeGap: params.mipRelativeGap,
          ...(built.previousWeek.length > 0 ? { startFrom: built.previousWeek } : {}),
        },
        (progress) => this.onProgress(state, progress),
        { signal: state.controller.signal },
      );
      const greedy = await baseline;
      if (state.lost) return;
      if (state.cancelled) return await this.end(state, ScheduleJobStatus.CANCELLED);
      if (this.stopping)
        return await this.fail(
          state,
          ScheduleJobStatus.INTERRUPTED,
          'The server shut down while the job ran. Start it again.',
          { code: 'INTERRUPTED' },
        );
      state.phase = ScheduleJobPhase.WRITING_SHIFTS;
      state.objective = solution.objective;
      state.bestBound = solution.bestBound;
      state.mipGap = solution.mipGap;
      await this.writeProgress(state);
      const drafts = await this.builder.drafts(actor, built, solution.assignments);
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
        result.fairness = fairnessResult(built.problem, solution, request.fairnessWeeks ?? 0);
        // Only while the lease is still ours: otherwise the drafts roll back with this transaction.
        const finished = await this.jobs.finish(job.id, ScheduleJobStatus.SUCCEEDED, {
          result,
          progress: this.snapshot(state),
          owner: this.owner,
        });
        if (!finished) throw new JobAlreadyEnded();
        await this.events.publish(
          'schedule_job.finished',
          scheduleJobFinished(job, ScheduleJobStatus.SUCCEEDED, { shiftsCreated: created.length }),
        );
      });
    } catch (error) {
      if (error instanceof JobAlreadyEnded || state.lost) return;
      const known = error instanceof AppError ? error : fromDatabaseError(error);
      if (!known) this.logger.error(error);
      await this.fail(
        state,
        ScheduleJobStatus.FAILED,
        known?.message ?? 'The schedule could not be generated (internal error).',
        {
          ...(known?.details ?? {}),
          code: known?.code ?? 'INTERNAL_SERVER_ERROR',
        },
      );
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
      progress:
        state.phase === ScheduleJobPhase.WRITING_SHIFTS
          ? 0.99
          : solving
            ? Math.min(0.99, elapsedSeconds / state.job.timeLimitSeconds)
            : 0,
      elapsedSeconds,
      objective: state.objective,
      bestBound: state.bestBound,
      mipGap: state.mipGap,
    };
  }

  /** Progress, and the lease renewed; a lease found gone stops the solver (the job was taken for interrupted). */
  private async writeProgress(state: ActiveJob): Promise<void> {
    const now = new Date();
    const answer = await this.db.transaction(state.actor.tenantId, () =>
      this.jobs.progress(state.job.id, this.owner, this.snapshot(state), now, this.leaseUntil(now)),
    );
    if (!answer) {
      if (!state.lost)
        this.logger.warn(`Schedule job ${state.job.id} is no longer leased to this process; it stops without writing.`);
      state.lost = true;
      state.controller.abort();
    } else if (answer.cancelRequested && !state.cancelled) this.cancel(state.job.id);
  }

  private async end(state: ActiveJob, status: ScheduleJobStatus.CANCELLED): Promise<void> {
    await this.db.transaction(state.actor.tenantId, async () => {
      if (await this.jobs.finish(state.job.id, status, { progress: this.snapshot(state), owner: this.owner }))
        await this.events.publish('schedule_job.finished', scheduleJobFinished(state.job, status));
    });
  }

  private async fail(
    state: ActiveJob,
    status: ScheduleJobStatus.FAILED | ScheduleJobStatus.INTERRUPTED,
    message: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    try {
      await this.db.transaction(state.actor.tenantId, async () => {
        const finished = await this.jobs.finish(state.job.id, status, {
          error: message,
          errorDetails: details,
          progress: this.snapshot(state),
          owner: this.owner,
        });
        if (finished)
          await this.events.publish(
            'schedule_job.finished',
            scheduleJobFinished(state.job, status, { error: message }),
          );
      });
    } catch (error) {
      this.logger.error(error);
    }
  }

  /** Every second: progress and lease of this process's jobs (and a cancellation asked from elsewhere); every few, the sweep. */
  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      for (const state of [...this.active.values()])
        await this.writeProgress(state).catch((error: unknown) => this.logger.warn(String(error)));
      if (++this.ticks % SWEEP_EVERY_TICKS === 0) await this.interruptLapsed();
    } finally {
      this.ticking = false;
    }
  }
}

function resultOf(
  solution: ScheduleSolution,
  greedy: ScheduleSolution | null,
  counts: {
    problemSeconds: number;
    writeSeconds: number;
    shiftsCreated: number;
    warnings: number;
    requiredAgentHours: number;
    agents: number;
    candidates: number;
  },
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
