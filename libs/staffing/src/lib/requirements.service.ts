import { Actor, AppError, Channel, ComputePool } from '@deskforce/platform';
import { SchedulePlanningService } from '@deskforce/scheduling';
import { Injectable } from '@nestjs/common';
import { CALCULATOR_WORKER_FILE, sizeSeriesTask, WorkerAnswer } from './math/calculator.worker';
import { validateErlangAInput } from './math/erlang-a';
import { trafficErlangs, validateErlangCInput } from './math/erlang-c';
import { SeriesSizing, SeriesSizingInput, sizeSeriesWork } from './math/size-series';
import { StaffingInputError } from './math/staffing-input.error';
import { ForecastSeries, ForecastService, ForecastWindow } from './forecast.service';
import { ForecastBound, ForecastSource, SizingMethod } from './staffing.enums';
import { withInputPath } from './staffing.errors';

/** Beyond this an interval is not a team's queue; the limits keep every Erlang C loop short. */
export const MAX_TRAFFIC_ERLANGS = 20_000;
export const MAX_AGENTS_PER_INTERVAL = 50_000;

export interface StaffingTargets {
  sizingMethod?: SizingMethod;
  serviceLevelTarget: number;
  targetAnswerSeconds: number;
  asaTargetSeconds?: number | null;
  shrinkage: number;
  maxOccupancy: number;
  concurrency?: number | null;
  patienceSeconds?: number | null;
  maxAbandonment?: number | null;
  responseDeadlineSeconds?: number | null;
  volumeFactor: number;
  ahtFactor: number;
  /** Size from the point forecast (default) or from each interval's 80% upper bound. */
  forecastBound?: ForecastBound;
}

export type RequirementsRequest = ForecastWindow & StaffingTargets;

export interface RequirementInterval {
  startsAt: Date;
  endsAt: Date;
  contacts: number;
  ahtSeconds: number;
  forecastSource: ForecastSource;
  trafficErlangs: number;
  netAgents: number;
  requiredAgents: number;
  scheduledAgents: number;
  gap: number;
  projectedServiceLevel: number | null;
  projectedAsaSeconds: number | null;
}

export interface RequirementsResult {
  sizingMethod: SizingMethod;
  effectiveDeadlineSeconds: number | null;
  forecast: ForecastSeries;
  intervals: RequirementInterval[];
  totals: {
    contacts: number;
    requiredAgentHours: number;
    scheduledAgentHours: number;
    shortAgentHours: number;
    overAgentHours: number;
    intervalsShort: number;
    intervalsBelowTarget: number;
    projectedServiceLevel: number | null;
  };
}

/** Below this many work units (about a millisecond), sizing runs at once; above, in a worker thread. */
const INLINE_WORK = 1000;

/**
 * How a channel is sized unless the request says otherwise (docs/staffing.md): a live queue answered one at
 * a time by Erlang C; conversations an agent holds several of at once (chat, messaging) by Erlang C on
 * concurrency slots; written work and voicemails (a call back within a deadline) as deferred work.
 */
export function defaultSizingMethod(channel: Channel): SizingMethod {
  switch (channel) {
    case Channel.PHONE:
      return SizingMethod.ERLANG_C;
    case Channel.CHAT:
    case Channel.MESSAGING:
      return SizingMethod.CHAT_CONCURRENCY;
    case Channel.EMAIL:
    case Channel.SOCIAL:
    case Channel.WEB:
    case Channel.API:
    case Channel.VOICEMAIL:
      return SizingMethod.DEFERRED_WORK;
  }
}

/**
 * Refuses traffic no Erlang C loop should be asked to size (it would need more agents than any team has):
 * the loop runs up to N ≈ A ÷ maxOccupancy.
 */
export function assertSizeable(traffic: number, maxOccupancy: number, prefix: string, contactsField: string): void {
  if (traffic > MAX_TRAFFIC_ERLANGS) {
    throw AppError.badInput({
      field: `${prefix}.${contactsField}`,
      message: `traffic of ${Math.round(traffic)} Erlangs is beyond the ${MAX_TRAFFIC_ERLANGS} this API sizes per interval`,
    });
  }
  if (maxOccupancy > 0 && traffic / maxOccupancy > MAX_AGENTS_PER_INTERVAL) {
    throw AppError.badInput({
      field: `${prefix}.maxOccupancy`,
      message: `would need more than ${MAX_AGENTS_PER_INTERVAL} agents on one interval`,
    });
  }
}

/**
 * Demand against supply per interval: the forecast (after the what-if factors) sized into agents with the
 * channel's method, beside the agents the schedule as it stands has (scheduling's coverage), and the
 * service level that schedule would reach.
 */
@Injectable()
export class RequirementsService {
  constructor(
    private readonly forecasts: ForecastService,
    private readonly planning: SchedulePlanningService,
    private readonly pool: ComputePool,
  ) {}

  /** Checks the targets before any reading, so that a bad one is BAD_USER_INPUT on its own field. */
  validateTargets(request: Pick<RequirementsRequest, 'channel'> & StaffingTargets, prefix = 'input'): SizingMethod {
    const method = request.sizingMethod ?? defaultSizingMethod(request.channel);
    withInputPath(
      () =>
        validateErlangCInput({
          // Queues will see traffic, so an unattainable target (1) is refused here, before any reading.
          contacts: method === SizingMethod.DEFERRED_WORK ? 0 : 1,
          intervalSeconds: 900,
          ahtSeconds: 1,
          serviceLevelTarget: request.serviceLevelTarget,
          targetAnswerSeconds: request.targetAnswerSeconds,
          asaTargetSeconds: request.asaTargetSeconds ?? null,
          shrinkage: request.shrinkage,
          maxOccupancy: request.maxOccupancy,
        }),
      prefix,
    );
    if (
      method === SizingMethod.CHAT_CONCURRENCY &&
      request.concurrency !== undefined &&
      request.concurrency !== null &&
      request.concurrency < 1
    ) {
      throw AppError.badInput({ field: `${prefix}.concurrency`, message: 'must be an integer ≥ 1' });
    }
    if (method === SizingMethod.ERLANG_A) {
      if (request.patienceSeconds === undefined || request.patienceSeconds === null) {
        throw AppError.badInput({ field: `${prefix}.patienceSeconds`, message: 'is required to size with ERLANG_A' });
      }
      withInputPath(
        () =>
          validateErlangAInput({
            contacts: 1,
            intervalSeconds: 900,
            ahtSeconds: 1,
            patienceSeconds: request.patienceSeconds!,
            serviceLevelTarget: request.serviceLevelTarget,
            targetAnswerSeconds: request.targetAnswerSeconds,
            maxAbandonment: request.maxAbandonment ?? null,
            asaTargetSeconds: request.asaTargetSeconds ?? null,
            shrinkage: request.shrinkage,
            maxOccupancy: request.maxOccupancy,
          }),
        prefix,
      );
    }
    if (method === SizingMethod.DEFERRED_WORK) {
      const deadline = request.responseDeadlineSeconds;
      if (deadline === undefined || deadline === null)
        throw AppError.badInput({
          field: `${prefix}.responseDeadlineSeconds`,
          message: 'is required to size deferred work (EMAIL, SOCIAL, WEB, API, VOICEMAIL)',
        });
      if (!(deadline > 0))
        throw AppError.badInput({ field: `${prefix}.responseDeadlineSeconds`, message: 'must be > 0' });
    }
    return method;
  }

  /**
   * Requirements of the window. Without `withCoverage` the scheduled agents are left at 0 (the schedule
   * generator needs only the demand).
   */
  async compute(
    actor: Actor,
    request: RequirementsRequest,
    options: { withCoverage: boolean } = { withCoverage: true },
  ): Promise<RequirementsResult> {
    const method = this.validateTargets(request);
    const forecast = await this.forecasts.forecast(actor, request);
    const intervalSeconds = request.intervalMinutes * 60;
    const intervalHours = request.intervalMinutes / 60;
    const upper = request.forecastBound === ForecastBound.UPPER_80;
    const contacts = forecast.intervals.map((i) => (upper ? i.upperContacts : i.contacts) * request.volumeFactor);
    const aht = forecast.intervals.map((i) => i.ahtSeconds * request.ahtFactor);
    for (let k = 0; k < contacts.length; k++)
      assertSizeable(
        trafficErlangs(contacts[k]!, aht[k]!, intervalSeconds),
        request.maxOccupancy,
        'input',
        'volumeFactor',
      );

    const scheduled = options.withCoverage
      ? (
          await this.planning.coverage(actor, {
            teamId: request.teamId,
            from: request.from,
            to: request.to,
            intervalMinutes: request.intervalMinutes,
            channel: request.channel,
          })
        ).map((c) => c.scheduledAgents)
      : contacts.map(() => 0);
    const sizing: SeriesSizingInput = {
      method,
      contacts,
      ahtSeconds: aht,
      intervalSeconds,
      serviceLevelTarget: request.serviceLevelTarget,
      targetAnswerSeconds: request.targetAnswerSeconds,
      asaTargetSeconds: request.asaTargetSeconds ?? null,
      shrinkage: request.shrinkage,
      maxOccupancy: request.maxOccupancy,
      concurrency: request.concurrency ?? 1,
      patienceSeconds: request.patienceSeconds ?? null,
      maxAbandonment: request.maxAbandonment ?? null,
      responseDeadlineSeconds: request.responseDeadlineSeconds ?? null,
      scheduled,
    };
    // A month of quarter hours takes tens of milliseconds: a worker thread's, not the event loop's.
    const answer =
      sizeSeriesWork(sizing) < INLINE_WORK
        ? sizeSeriesTask(sizing)
        : await this.pool.run<WorkerAnswer<SeriesSizing>>(
            actor.tenantId,
            { file: CALCULATOR_WORKER_FILE, name: 'sizeSeriesTask' },
            sizing,
          );
    if (!answer.ok) {
      const { field, message } = answer;
      withInputPath(() => {
        throw new StaffingInputError(field, message);
      });
    }
    const { intervals: sized, effectiveDeadlineSeconds } = (answer as { ok: true; value: SeriesSizing }).value;

    const intervals: RequirementInterval[] = forecast.intervals.map((point, k) => {
      const scheduledAgents = scheduled[k] ?? 0;
      return {
        startsAt: point.startsAt,
        endsAt: point.endsAt,
        contacts: contacts[k]!,
        ahtSeconds: aht[k]!,
        forecastSource: point.source,
        trafficErlangs: sized[k]!.traffic,
        netAgents: sized[k]!.net,
        requiredAgents: sized[k]!.required,
        scheduledAgents,
        gap: scheduledAgents - sized[k]!.required,
        projectedServiceLevel: sized[k]!.projectedServiceLevel,
        projectedAsaSeconds: sized[k]!.projectedAsaSeconds,
      };
    });

    const totalContacts = intervals.reduce((s, i) => s + i.contacts, 0);
    const weighted = intervals.filter((i) => i.projectedServiceLevel !== null && i.contacts > 0);
    const weightedContacts = weighted.reduce((s, i) => s + i.contacts, 0);
    return {
      sizingMethod: method,
      effectiveDeadlineSeconds,
      forecast,
      intervals,
      totals: {
        contacts: totalContacts,
        requiredAgentHours: intervals.reduce((s, i) => s + i.requiredAgents, 0) * intervalHours,
        scheduledAgentHours: intervals.reduce((s, i) => s + i.scheduledAgents, 0) * intervalHours,
        shortAgentHours: intervals.reduce((s, i) => s + Math.max(0, -i.gap), 0) * intervalHours,
        overAgentHours: intervals.reduce((s, i) => s + Math.max(0, i.gap), 0) * intervalHours,
        intervalsShort: intervals.filter((i) => i.gap < -1e-9).length,
        intervalsBelowTarget: intervals.filter(
          (i) =>
            i.projectedServiceLevel !== null &&
            i.contacts > 0 &&
            i.projectedServiceLevel < request.serviceLevelTarget - 1e-12,
        ).length,
        projectedServiceLevel:
          weightedContacts > 0
            ? weighted.reduce((s, i) => s + i.projectedServiceLevel! * i.contacts, 0) / weightedContacts
            : null,
      },
    };
  }
}
