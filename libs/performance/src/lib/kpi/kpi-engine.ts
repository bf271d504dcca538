import { AgentService } from '@deskforce/people';
import { Actor } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { PerformanceRepository } from '../kpi.repository';
import { ScheduledWorkSource } from '../scheduled-work.port';
import {
  adherence,
  countsFromRawRows,
  countsFromRollup,
  exactFromRawRows,
  KpiSlice,
  periodStartsOf,
  ScheduledPiece,
  statesFromRawEvents,
  statesFromRollup,
} from './kpi-sql';
import {
  AdherenceFigures,
  BUSINESS_TIME_METRICS,
  COUNT_COLUMNS,
  ExactFigures,
  InteractionCounts,
  KpiMetric,
  METRICS,
  MetricValue,
  StateTotals,
  valueFromAdherence,
  valueFromCounts,
  valueFromExact,
  valueFromStates,
} from './metrics';
import { isHourAligned, KpiGroupBy, periodsOf, periodUnitOf } from './periods';

export interface KpiGroupKey {
  agentId: string | null;
  teamId: string | null;
  channel: string | null;
  period: { start: Date; end: Date; label: string } | null;
}

export interface KpiResultRow {
  group: KpiGroupKey;
  values: MetricValue[];
}

export interface KpiResult {
  countsSource: 'ROLLUP' | 'RAW_ROWS';
  rows: KpiResultRow[];
}

export interface KpiOptions {
  serviceLevelTargetSeconds: number;
  /** For tests and the benchmark: force where counts come from. */
  countsSource?: 'ROLLUP' | 'RAW_ROWS';
  /** Grouping by a period alone lists periods without data too (null values); false turns that off. */
  fillPeriods?: boolean;
}

export const MAX_KPI_ROWS = 10000;

/** The grouping columns of a statement's row; `period` is the 1-based position among the slice's period starts. */
type GroupColumns = {
  agent_id?: string | null;
  team_id?: string | null;
  channel?: string | null;
  period?: number | null;
};

/** What a group without rows adds up to. */
export const ZERO_COUNTS = Object.fromEntries(COUNT_COLUMNS.map((c) => [c, 0])) as unknown as InteractionCounts;
export const ZERO_EXACT: ExactFigures = {
  first_response_median_s: null,
  first_response_p90_s: null,
  resolution_median_s: null,
  resolution_p90_s: null,
  answered_within_target: 0,
  offered: 0,
  first_responses: 0,
  resolved: 0,
};
const ZERO_STATES: StateTotals = {
  available_ms: 0,
  busy_ms: 0,
  after_call_work_ms: 0,
  break_ms: 0,
  offline_ms: 0,
  agent_hours: 0,
};
const ZERO_ADHERENCE: AdherenceFigures = { scheduled_ms: 0, adherent_ms: 0, shifts: 0 };

/**
 * Computes KPI values for a slice, inside the caller's tenant transaction. Counts and sums come from the
 * hourly rollup when the slice is hour-aligned and the zone's offsets are whole hours (else from raw rows,
 * with the same expressions); order statistics and the service level from raw rows; staff time from the
 * state rollup. Authorization (which teams) is the caller's job: `slice.teamIds` is taken as given.
 */
@Injectable()
export class KpiEngine {
  constructor(
    private readonly repository: PerformanceRepository,
    private readonly scheduled: ScheduledWorkSource,
    private readonly agents: AgentService,
  ) {}

  /**
   * The hourly rollups answer a slice exactly when both ends of the window and every boundary between its
   * periods fall on whole UTC hours: then each UTC hour lies inside one period (any zone, DST included).
   * Zones with half- or quarter-hour offsets (Asia/Kolkata, Australia/Adelaide…) cut days off the hour.
   */
  canUseRollup(slice: KpiSlice): boolean {
    if (!isHourAligned(slice.from, slice.to)) return false;
    const starts = periodStartsOf(slice);
    return !starts || starts.every((start, i) => i === 0 || start.getTime() % 3_600_000 === 0);
  }

  async compute(actor: Actor, slice: KpiSlice, metrics: readonly KpiMetric[], options: KpiOptions): Promise<KpiResult> {
    const sources = new Set(metrics.map((m) => METRICS[m].source));
    const byChannel = slice.groupBy.includes(KpiGroupBy.CHANNEL);
    const needsStates =
      !byChannel && (metrics.includes(KpiMetric.OCCUPANCY) || metrics.includes(KpiMetric.CONTACTS_PER_AGENT_HOUR));
    const needsCounts = sources.has('counts') || metrics.includes(KpiMetric.CONTACTS_PER_AGENT_HOUR);
    const unit = periodUnitOf(slice.groupBy);
    // The window's periods, computed once: the statements place each row among their starts.
    const periods = unit ? periodsOf(slice.from, slice.to, unit, slice.timeZone) : [];
    if (unit) slice = { ...slice, periodStarts: periods.map((p) => p.start) };
    // Every statement names the open transaction's tenant as a parameter.
    const tenantId = this.repository.tenantId;
    const rollup = options.countsSource ? options.countsSource === 'ROLLUP' : this.canUseRollup(slice);

    const rows = new Map<
      string,
      {
        group: KpiGroupKey;
        counts?: InteractionCounts;
        exact?: ExactFigures;
        states?: StateTotals;
        adherence?: AdherenceFigures;
      }
    >();
    const entry = (g: GroupColumns) => {
      const period = g.period ? periods[g.period - 1]! : null;
      const key = `${g.agent_id ?? ''}|${g.team_id ?? ''}|${g.channel ?? ''}|${g.period ?? ''}`;
      let row = rows.get(key);
      if (!row) {
        row = { group: { agentId: g.agent_id ?? null, teamId: g.team_id ?? null, channel: g.channel ?? null, period } };
        rows.set(key, row);
      }
      return row;
    };

    if (needsCounts) {
      const statement = rollup ? countsFromRollup(tenantId, slice) : countsFromRawRows(tenantId, slice);
      for (const r of await this.repository.many<GroupColumns & InteractionCounts>(statement)) {
        if (slice.groupBy.length > 0 && r.contacts === 0) continue;
        entry(r).counts = r;
      }
    }
    if (sources.has('exact')) {
      for (const r of await this.repository.many<GroupColumns & ExactFigures>(
        exactFromRawRows(
          tenantId,
          slice,
          options.serviceLevelTargetSeconds,
          metrics.some((m) => BUSINESS_TIME_METRICS.has(m) && METRICS[m].source === 'exact'),
        ),
      ))
        entry(r).exact = r;
    }
    if (needsStates) {
      const statement = rollup ? statesFromRollup(tenantId, slice) : statesFromRawEvents(tenantId, slice);
      for (const r of await this.repository.many<GroupColumns & StateTotals>(statement)) {
        if (slice.groupBy.length > 0 && r.agent_hours === 0) continue;
        entry(r).states = r;
      }
    }
    if (sources.has('schedule') && !byChannel) {
      const shifts = await this.scheduledPieces(actor, slice);
      if (shifts.length > 0) {
        for (const r of await this.repository.many<GroupColumns & AdherenceFigures>(adherence(tenantId, slice, shifts)))
          entry(r).adherence = r;
      }
    }
    if (slice.groupBy.length === 0) entry({});
    if (unit && slice.groupBy.length === 1 && options.fillPeriods !== false) {
      for (let i = 1; i <= periods.length; i++) entry({ period: i });
    }
    if (rows.size > MAX_KPI_ROWS) throw new RangeError(`more than ${MAX_KPI_ROWS} rows`);

    const result: KpiResultRow[] = [...rows.values()].map((row) => ({
      group: row.group,
      values: metrics.map((metric) => {
        const counts = row.counts ?? ZERO_COUNTS;
        const value =
          valueFromCounts(metric, counts) ??
          valueFromExact(metric, row.exact ?? ZERO_EXACT) ??
          valueFromStates(metric, row.states ?? ZERO_STATES, counts.handled_by_agent) ??
          valueFromAdherence(row.adherence ?? ZERO_ADHERENCE);
        return value;
      }),
    }));
    result.sort((a, b) => compareGroups(a.group, b.group));
    return { countsSource: rollup ? 'ROLLUP' : 'RAW_ROWS', rows: result };
  }

  /** Published work of the agents in the slice, with each agent's team, clipped to [from, to). */
  private async scheduledPieces(actor: Actor, slice: KpiSlice): Promise<ScheduledPiece[]> {
    const work = await this.scheduled.scheduledWork(actor.tenantId, slice.agentIds ?? null, slice.from, slice.to);
    if (work.length === 0) return [];
    const ids = [...new Set(work.map((w) => w.agentId))];
    const agents = await this.agents.byIds(actor, ids);
    const teamOf = new Map(agents.filter((a) => a !== null).map((a) => [a!.id, a!.teamId]));
    return work
      .filter((w) => teamOf.has(w.agentId) && (!slice.teamIds || slice.teamIds.includes(teamOf.get(w.agentId)!)))
      .filter((w) => !slice.agentIds || slice.agentIds.includes(w.agentId))
      .map((w) => ({
        agentId: w.agentId,
        teamId: teamOf.get(w.agentId)!,
        start: new Date(Math.max(w.start.getTime(), slice.from.getTime())),
        end: new Date(Math.min(w.end.getTime(), slice.to.getTime())),
      }))
      .filter((w) => w.end > w.start);
  }
}

function compareGroups(a: KpiGroupKey, b: KpiGroupKey): number {
  const time = (a.period?.start.getTime() ?? 0) - (b.period?.start.getTime() ?? 0);
  if (time !== 0) return time;
  return (
    (a.teamId ?? '').localeCompare(b.teamId ?? '') ||
    (a.agentId ?? '').localeCompare(b.agentId ?? '') ||
    (a.channel ?? '').localeCompare(b.channel ?? '')
  );
}

/** Only for the group-less case: one row with every value. */
export function valuesOf(result: KpiResult): MetricValue[] {
  return result.rows[0]?.values ?? [];
}
