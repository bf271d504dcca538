import { AgentService, TeamAccessService } from '@deskforce/people';
import { Actor, AppError, Role, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { IANAZone } from 'luxon';
import { KpiFilter, KpiWindowInput } from './graphql/kpi.input';
import { KpiEngine, KpiOptions, KpiResult, MAX_KPI_ROWS } from './kpi/kpi-engine';
import { KpiSlice } from './kpi/kpi-sql';
import {
  compareForRank,
  KpiMetric,
  scorecardMetrics,
  METRICS,
  MetricValue,
  targetStatus,
  TargetStatus,
} from './kpi/metrics';
import { KpiGroupBy, PeriodUnit, periodStart } from './kpi/periods';
import { KpiPeriodUnit } from './performance.enums';
import { TargetRepository } from './target.repository';

const MAX_WINDOW_DAYS = 732;

export interface TrendPoint {
  period: { start: Date; end: Date; label: string };
  value: number | null;
  sampleSize: number;
  previousValue: number | null;
  change: number | null;
  changePercent: number | null;
}

export interface ScorecardMetric {
  metric: KpiMetric;
  unit: string;
  value: number | null;
  sampleSize: number;
  teamValue: number | null;
  teamSampleSize: number;
  target: number | null;
  status: TargetStatus | null;
  rank: number | null;
  rankedAgents: number;
}

/** Zone names found valid (luxon builds an Intl formatter to tell; a name stays valid for the process's life). */
const validZones = new Set<string>();

function isValidZone(zone: string): boolean {
  if (validZones.has(zone)) return true;
  if (!IANAZone.isValidZone(zone)) return false;
  validZones.add(zone);
  return true;
}

/** Checks a KPI window and turns it into the engine's slice bounds. */
export function checkWindow(input: KpiWindowInput): void {
  if (!isValidZone(input.timeZone))
    throw AppError.badInput({
      field: 'input.timeZone',
      message: 'must be an IANA time zone such as Europe/Warsaw or UTC',
    });
  if (input.to <= input.from) throw AppError.badInput({ field: 'input.to', message: 'must be after from' });
  if (input.to.getTime() - input.from.getTime() > MAX_WINDOW_DAYS * 86_400_000) {
    throw AppError.badInput({ field: 'input.to', message: `must be at most ${MAX_WINDOW_DAYS} days after from` });
  }
}

const UNIT: Record<KpiPeriodUnit, PeriodUnit> = { DAY: 'day', WEEK: 'week', MONTH: 'month' };

/**
 * KPI questions with their authorization: directors, admins and trainers (read-only) see every team,
 * coordinators the teams they coordinate, agents only their own scorecard.
 */
@Injectable()
export class KpiService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly engine: KpiEngine,
    private readonly access: TeamAccessService,
    private readonly agents: AgentService,
    private readonly targets: TargetRepository,
  ) {}

  /** The teams the actor may read, narrowed by the filter: null = every team. */
  async readableTeams(
    actor: Actor,
    requested: readonly string[] | undefined,
    field = 'input.filter.teamIds',
  ): Promise<string[] | null> {
    if (actor.role === Role.AGENT) throw AppError.forbidden('Agents see only their own scorecard.');
    const managed = actor.role === Role.TRAINER ? 'ALL' : await this.access.managedTeamIds(actor);
    if (managed === 'ALL') return requested ? [...requested] : null;
    if (!requested) return managed;
    if (requested.some((id) => !managed.includes(id)))
      throw AppError.forbidden(`You do not coordinate every team in ${field}.`);
    return [...requested];
  }

  sliceOf(input: KpiWindowInput, teamIds: string[] | null, groupBy: KpiGroupBy[], filter?: KpiFilter): KpiSlice {
    return {
      from: input.from,
      to: input.to,
      timeZone: input.timeZone,
      groupBy,
      teamIds,
      agentIds: filter?.agentIds ?? null,
      channels: filter?.channels ?? null,
      categories: filter?.categories ?? null,
    };
  }

  async kpis(
    actor: Actor,
    input: KpiWindowInput & { metrics: KpiMetric[]; groupBy: KpiGroupBy[]; filter?: KpiFilter },
    options: Partial<KpiOptions> = {},
  ): Promise<KpiResult> {
    checkWindow(input);
    if (
      input.groupBy.filter((g) => g === KpiGroupBy.DAY || g === KpiGroupBy.WEEK || g === KpiGroupBy.MONTH).length > 1
    ) {
      throw AppError.badInput({ field: 'input.groupBy', message: 'may hold at most one of DAY, WEEK and MONTH' });
    }
    return this.db.transaction(actor.tenantId, async () => {
      const teamIds = await this.readableTeams(actor, input.filter?.teamIds);
      return this.compute(actor, this.sliceOf(input, teamIds, input.groupBy, input.filter), input.metrics, {
        serviceLevelTargetSeconds: input.serviceLevelTargetSeconds,
        ...options,
      });
    });
  }

  async trend(
    actor: Actor,
    input: KpiWindowInput & { metric: KpiMetric; granularity: KpiPeriodUnit; filter?: KpiFilter },
  ): Promise<TrendPoint[]> {
    checkWindow(input);
    const unit = UNIT[input.granularity];
    const first = periodStart(input.from, unit, input.timeZone);
    const before = periodStart(new Date(first.getTime() - 1), unit, input.timeZone);
    const groupBy = [input.granularity as unknown as KpiGroupBy];
    return this.db.transaction(actor.tenantId, async () => {
      const teamIds = await this.readableTeams(actor, input.filter?.teamIds);
      const slice = this.sliceOf({ ...input, from: before }, teamIds, groupBy, input.filter);
      const result = await this.compute(actor, slice, [input.metric], {
        serviceLevelTargetSeconds: input.serviceLevelTargetSeconds,
      });
      const points: TrendPoint[] = [];
      let previous: MetricValue | null = null;
      for (const row of result.rows) {
        const value = row.values[0]!;
        if (row.group.period!.start >= first) {
          const prev = previous?.value ?? null;
          const change = value.value !== null && prev !== null ? value.value - prev : null;
          points.push({
            period: row.group.period!,
            value: value.value,
            sampleSize: value.sampleSize,
            previousValue: prev,
            change,
            changePercent: change !== null && prev ? (100 * change) / Math.abs(prev) : null,
          });
        }
        previous = value;
      }
      return points;
    });
  }

  async scorecard(
    actor: Actor,
    input: KpiWindowInput & { agentId: string },
  ): Promise<{ agentId: string; teamId: string; metrics: ScorecardMetric[] }> {
    checkWindow(input);
    return this.db.transaction(actor.tenantId, async () => {
      // AgentService.get refuses an AGENT who asks for someone else's record.
      const agent = await this.agents.get(actor, input.agentId);
      if (actor.role === Role.COORDINATOR) await this.access.assertManages(actor, [agent.teamId]);
      const metrics = scorecardMetrics();
      const options = { serviceLevelTargetSeconds: input.serviceLevelTargetSeconds };
      const own = await this.compute(actor, this.sliceOf(input, null, [], { agentIds: [agent.id] }), metrics, options);
      const team = await this.compute(actor, this.sliceOf(input, [agent.teamId], [], undefined), metrics, options);
      const perAgent = await this.compute(
        actor,
        this.sliceOf(input, [agent.teamId], [KpiGroupBy.AGENT], undefined),
        metrics,
        options,
      );
      const targets = await this.targets.effectiveFor(agent.teamId);
      return {
        agentId: agent.id,
        teamId: agent.teamId,
        metrics: metrics.map((metric, i) => {
          const value = own.rows[0]!.values[i]!;
          const teamValue = team.rows[0]!.values[i]!;
          const ranked = perAgent.rows
            .filter((r) => r.group.agentId !== null && r.values[i]!.value !== null)
            .map((r) => ({ agentId: r.group.agentId!, value: r.values[i]!.value! }));
          const rank =
            value.value === null
              ? null
              : 1 +
                ranked.filter((r) => r.agentId !== agent.id && compareForRank(metric, r.value, value.value!) < 0)
                  .length;
          const target = targets.get(metric) ?? null;
          return {
            metric,
            unit: METRICS[metric].unit,
            value: value.value,
            sampleSize: value.sampleSize,
            teamValue: teamValue.value,
            teamSampleSize: teamValue.sampleSize,
            target,
            status: target === null ? null : targetStatus(metric, value.value, target),
            rank,
            rankedAgents: ranked.length + (rank !== null && !ranked.some((r) => r.agentId === agent.id) ? 1 : 0),
          };
        }),
      };
    });
  }

  /** The engine, with its row limit turned into a client error. */
  async compute(actor: Actor, slice: KpiSlice, metrics: readonly KpiMetric[], options: KpiOptions): Promise<KpiResult> {
    try {
      return await this.engine.compute(actor, slice, metrics, options);
    } catch (error) {
      if (error instanceof RangeError)
        throw AppError.badInput({
          field: 'input.groupBy',
          message: `gives more than ${MAX_KPI_ROWS} rows: narrow the window, the filter or the grouping`,
        });
      throw error;
    }
  }
}
