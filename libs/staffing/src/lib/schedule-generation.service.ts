import { Actor, AppError, ConnectionShape, EventOutbox, TenantDatabase, toConnection } from '@deskforce/platform';
import { TeamAccessService } from '@deskforce/people';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { windowIntervals, ForecastService } from './forecast.service';
import { ScheduleProblemBuilder } from './generation/schedule-problem.builder';
import { ScheduleJobModel, ScheduleJobResultModel } from './graphql/schedule-job.model';
import {
  GenerateScheduleInput,
  ScheduleFairnessInput,
  ScheduleJobFilter,
  ScheduleWeightsInput,
} from './graphql/schedule-job.input';
import { FairnessRule } from './optimize/schedule-problem.types';
import { RequirementsService } from './requirements.service';
import { ScheduleJobRepository, StoredScheduleJob } from './schedule-job.repository';
import { JobRequester, ScheduleJobRunner } from './schedule-job.runner';
import { ScheduleJobStatus } from './staffing.enums';
import { scheduleJobFinished } from './staffing.events';

/** The client-facing shape of a stored job (the actor, parameters and flags stay inside). */
/** The bounds of the fairness input that are set, as the core's rules. */
function fairnessRules(input: ScheduleFairnessInput): FairnessRule[] {
  return [
    { tag: 'WEEKEND' as const, maxAboveFairShare: input.weekendShiftsAboveFairShare },
    { tag: 'NIGHT' as const, maxAboveFairShare: input.nightShiftsAboveFairShare },
  ].filter((rule): rule is FairnessRule => rule.maxAboveFairShare !== null);
}

export function toJobModel(job: StoredScheduleJob): ScheduleJobModel {
  return {
    id: job.id,
    teamId: job.teamId,
    channel: job.channel,
    from: job.from,
    to: job.to,
    intervalMinutes: job.intervalMinutes,
    timeLimitSeconds: job.timeLimitSeconds,
    status: job.status,
    phase: job.phase,
    progress: job.progress,
    elapsedSeconds: job.elapsedSeconds,
    // HiGHS reports ±Infinity for the bound and gap until it has proved one; GraphQL Float cannot carry that.
    objective: finiteOrNull(job.objective),
    bestBound: finiteOrNull(job.bestBound),
    mipGap: finiteOrNull(job.mipGap),
    // The runner wrote it from a ScheduleJobResultModel (resultOf in schedule-job.runner.ts).
    result: (job.result ?? null) as ScheduleJobResultModel | null,
    error: job.error,
    errorCode: job.errorCode,
    requestedBy: job.requestedBy,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}

const finiteOrNull = (value: number | null): number | null => (value !== null && Number.isFinite(value) ? value : null);

/** Schedule generation jobs: requested here, run by ScheduleJobRunner in the background. */
@Injectable()
export class ScheduleGenerationService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly jobs: ScheduleJobRepository,
    private readonly builder: ScheduleProblemBuilder,
    private readonly requirements: RequirementsService,
    private readonly forecasts: ForecastService,
    private readonly access: TeamAccessService,
    private readonly runner: ScheduleJobRunner,
    private readonly events: EventOutbox,
  ) {}

  /**
   * Checks the request (window, targets, team, access, templates) and queues the job; the answer comes
   * at once, the solving happens in the background.
   */
  async request(actor: Actor, input: GenerateScheduleInput): Promise<ScheduleJobModel> {
    windowIntervals(input.from, input.to, input.intervalMinutes);
    this.requirements.validateTargets(input);
    const team = await this.forecasts.team(actor, input.teamId);
    await this.access.assertManages(actor, [input.teamId]);
    // All channels: the main one first, each other sized by its channel's own method.
    const channels = input.allChannels
      ? [input.channel, ...team.channels.filter((c) => c !== input.channel)]
      : [input.channel];
    for (const channel of channels.slice(1))
      this.requirements.validateTargets({ ...input, channel, sizingMethod: undefined });
    const templates = await this.builder.usableTemplates(actor, input.teamId, channels, input.templateIds);
    const weights = input.weights
      ? {
          underCoverage: input.weights.underCoverage,
          overCoverage: input.weights.overCoverage,
          cost: input.weights.cost,
        }
      : undefined;
    const fairness = input.fairness ?? new ScheduleFairnessInput();
    const request = {
      teamId: input.teamId,
      channel: input.channel,
      from: input.from,
      to: input.to,
      intervalMinutes: input.intervalMinutes,
      historyWeeks: input.historyWeeks,
      defaultAhtSeconds: input.defaultAhtSeconds,
      sizingMethod: input.sizingMethod,
      serviceLevelTarget: input.serviceLevelTarget,
      targetAnswerSeconds: input.targetAnswerSeconds,
      asaTargetSeconds: input.asaTargetSeconds ?? null,
      shrinkage: input.shrinkage,
      maxOccupancy: input.maxOccupancy,
      concurrency: input.concurrency ?? null,
      patienceSeconds: input.patienceSeconds ?? null,
      maxAbandonment: input.maxAbandonment ?? null,
      responseDeadlineSeconds: input.responseDeadlineSeconds ?? null,
      volumeFactor: input.volumeFactor,
      forecastBound: input.forecastBound,
      ahtFactor: input.ahtFactor,
      templateIds: templates.map((t) => t.id),
      weights,
      fairness: fairnessRules(fairness),
      fairnessWeeks: fairness.pastWeeks,
      consecutiveDaysOffWeight: (input.weights ?? new ScheduleWeightsInput()).splitDaysOff,
      ...(channels.length > 1 ? { channels } : {}),
    };
    const job = await this.db.transaction(actor.tenantId, async () => {
      const active = await this.jobs.activeForTeam(input.teamId);
      if (active)
        throw AppError.conflict(
          'The team already has a schedule generation job queued or running; wait for it or cancel it.',
          { jobId: active.id },
        );
      const requester: JobRequester = { role: actor.role, email: actor.email };
      const inserted = await this.jobs.insert({
        id: randomUUID(),
        teamId: input.teamId,
        channel: input.channel,
        from: input.from,
        to: input.to,
        intervalMinutes: input.intervalMinutes,
        timeLimitSeconds: input.timeLimitSeconds,
        parameters: { ...request, mipRelativeGap: input.mipRelativeGap, requester },
        requestedBy: actor.userId,
      });
      await this.runner.enqueue(actor.tenantId, inserted.id, input.timeLimitSeconds);
      return inserted;
    });
    return toJobModel(job);
  }

  get(actor: Actor, id: string): Promise<ScheduleJobModel> {
    return this.db.transaction(actor.tenantId, async () => {
      const job = await this.jobs.findById(id);
      if (!job) throw AppError.notFound('Schedule generation job', id);
      return toJobModel(job);
    });
  }

  list(
    actor: Actor,
    filter: ScheduleJobFilter = {},
    first: number,
    after?: string,
  ): Promise<ConnectionShape<ScheduleJobModel>> {
    return this.db.transaction(actor.tenantId, async () => {
      const { rows, totalCount } = await this.jobs.page(filter, first, after);
      return toConnection(rows, first, totalCount, (j) => [j.createdAt.toISOString(), j.id], toJobModel);
    });
  }

  /** A queued job is cancelled at once; a running one stops its solver and writes nothing. */
  async cancel(actor: Actor, id: string): Promise<ScheduleJobModel> {
    const running = await this.db.transaction(actor.tenantId, async () => {
      const job = await this.jobs.findById(id, true);
      if (!job) throw AppError.notFound('Schedule generation job', id, 'input.id');
      await this.access.assertManages(actor, [job.teamId]);
      if (job.status === ScheduleJobStatus.QUEUED) {
        await this.jobs.finish(id, ScheduleJobStatus.CANCELLED);
        await this.events.publish('schedule_job.finished', scheduleJobFinished(job, ScheduleJobStatus.CANCELLED));
        return false;
      }
      if (job.status !== ScheduleJobStatus.RUNNING)
        throw AppError.conflict(`The job has already ended (${job.status}).`, { status: job.status });
      await this.jobs.requestCancel(id, new Date());
      return true;
    });
    // This process stops it now; if another process runs it, that one sees the request within a second.
    this.runner.cancel(id);
    if (running) await this.settled(actor, id);
    return this.get(actor, id);
  }

  /** Waits briefly for a running job to end after a cancellation, so the answer usually says CANCELLED. */
  private async settled(actor: Actor, id: string): Promise<void> {
    for (let i = 0; i < 50; i++) {
      const job = await this.get(actor, id);
      if (job.status !== ScheduleJobStatus.RUNNING) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
