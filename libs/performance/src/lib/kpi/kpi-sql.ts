import { COUNT_COLUMNS, InteractionCounts } from './metrics';
import { KpiGroupBy, periodsBetween, periodUnitOf } from './periods';

/**
 * The SQL of the KPI engine, as pure functions (text + parameters), so that the repository runs them,
 * the benchmark can run exactly the same statements through `pg`, and reviewers see every query here.
 * Every statement is confined to the transaction's tenant by `app_current_tenant_id()` (and by RLS).
 */
export interface SqlStatement {
  text: string;
  values: unknown[];
}

export interface KpiSlice {
  from: Date;
  to: Date;
  timeZone: string;
  groupBy: readonly KpiGroupBy[];
  /** null: every team of the tenant. */
  teamIds: readonly string[] | null;
  agentIds?: readonly string[] | null;
  channels?: readonly string[] | null;
  categories?: readonly string[] | null;
  /**
   * The starts of the window's periods when grouping by DAY, WEEK or MONTH (the first contains `from`),
   * cut in `timeZone`; computed when absent (the engine computes them once per question).
   */
  periodStarts?: readonly Date[];
}

/** The starts of the slice's periods, or null when it is not grouped by a period. */
export function periodStartsOf(slice: KpiSlice): readonly Date[] | null {
  const unit = periodUnitOf(slice.groupBy);
  if (!unit) return null;
  return slice.periodStarts ?? periodsBetween(slice.from, slice.to, unit, slice.timeZone);
}

/** The nil uuid stands for "no agent" in rollup keys (key columns cannot be NULL). */
export const NO_AGENT = '00000000-0000-0000-0000-000000000000';

/**
 * What one interaction row `i` (with its surveys aggregated as `s`) adds to each rollup column. The raw-row
 * path sums the same expressions, so the rollup and the raw rows agree by construction; a test checks it.
 */
export const CONTRIBUTIONS: Readonly<Record<keyof InteractionCounts, string>> = {
  contacts: '1',
  handled: 'coalesce(i.abandoned_at IS NULL, false)::int',
  handled_by_agent: 'coalesce(i.abandoned_at IS NULL AND i.agent_id IS NOT NULL, false)::int',
  first_responses: 'coalesce(i.first_response_ms IS NOT NULL, false)::int',
  first_response_ms_sum: 'coalesce(i.first_response_ms, 0)',
  resolved: 'coalesce(i.resolution_ms IS NOT NULL, false)::int',
  resolution_ms_sum: 'coalesce(i.resolution_ms, 0)',
  fcr_known: 'coalesce(i.resolution_ms IS NOT NULL AND i.contacts_to_resolve IS NOT NULL, false)::int',
  fcr_one_contact: 'coalesce(i.resolution_ms IS NOT NULL AND i.contacts_to_resolve = 1, false)::int',
  escalated: 'coalesce(i.abandoned_at IS NULL AND i.escalated_to IS NOT NULL, false)::int',
  reopened: 'coalesce(i.resolution_ms IS NOT NULL AND i.reopen_count > 0, false)::int',
  handle_timed: 'coalesce(i.handle_time_s IS NOT NULL, false)::int',
  handle_time_s_sum: 'coalesce(i.handle_time_s, 0)',
  complaints: 'i.complaint::int',
  offered: 'coalesce(i.answered_at IS NOT NULL OR i.abandoned_at IS NOT NULL, false)::int',
  answered: 'coalesce(i.answered_at IS NOT NULL, false)::int',
  abandoned: 'coalesce(i.abandoned_at IS NOT NULL, false)::int',
  answered_wait_ms_sum: 'CASE WHEN i.answered_at IS NOT NULL THEN coalesce(i.wait_ms, 0) ELSE 0 END',
  csat_responses: 'coalesce(s.csat_responses, 0)',
  csat_satisfied: 'coalesce(s.csat_satisfied, 0)',
  nps_responses: 'coalesce(s.nps_responses, 0)',
  nps_promoters: 'coalesce(s.nps_promoters, 0)',
  nps_detractors: 'coalesce(s.nps_detractors, 0)',
};

/** The survey aggregate of one interaction, as a LATERAL subquery over `survey_responses` (alias s). */
export const SURVEYS_OF_INTERACTION = (interactionId: string) => `LEFT JOIN LATERAL (
    SELECT count(sr.csat) AS csat_responses, count(*) FILTER (WHERE sr.csat >= 4) AS csat_satisfied,
           count(sr.nps) AS nps_responses, count(*) FILTER (WHERE sr.nps >= 9) AS nps_promoters,
           count(*) FILTER (WHERE sr.nps <= 6) AS nps_detractors
      FROM survey_responses sr WHERE sr.tenant_id = app_current_tenant_id() AND sr.interaction_id = ${interactionId}
  ) s ON true`;

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

interface Columns {
  time: string;
  team: string;
  agent: string;
  channel: string | null;
  category: string | null;
}

/**
 * The grouping columns. A period is the position of the row's time among the period starts computed once
 * in TypeScript (`width_bucket`, a binary search): the same boundaries as the periods listed, and no time
 * zone conversion per row (which cost more than the rest of reading an index entry).
 */
function groupExpressions(slice: KpiSlice, c: Columns, p: Params, agentIsKey: boolean): { select: string[]; group: string[] } {
  const select: string[] = [];
  const group: string[] = [];
  const add = (expression: string, alias: string) => {
    select.push(`${expression} AS ${alias}`);
    group.push(expression);
  };
  const groupBy = slice.groupBy;
  if (groupBy.includes(KpiGroupBy.AGENT)) add(agentIsKey ? `nullif(${c.agent}, '${NO_AGENT}'::uuid)` : c.agent, 'agent_id');
  if (groupBy.includes(KpiGroupBy.TEAM)) add(c.team, 'team_id');
  if (groupBy.includes(KpiGroupBy.CHANNEL) && c.channel) add(c.channel, 'channel');
  const starts = periodStartsOf(slice);
  if (starts) add(`width_bucket(${c.time}, ${p.add(starts)}::timestamptz[])`, 'period');
  return { select, group };
}

function filters(slice: KpiSlice, c: Columns, p: Params, agentIsKey: boolean, timeColumn = c.time): string[] {
  const where = [`${timeColumn} >= ${p.add(slice.from)}`, `${timeColumn} < ${p.add(slice.to)}`];
  if (slice.teamIds) where.push(`${c.team} = ANY(${p.add(slice.teamIds)}::uuid[])`);
  if (slice.agentIds) where.push(`${c.agent} = ANY(${p.add(slice.agentIds)}::uuid[])`);
  if (slice.channels && c.channel) where.push(`${c.channel} = ANY(${p.add(slice.channels)}::text[])`);
  if (slice.categories && c.category) {
    where.push(agentIsKey ? `${c.category} = ANY(${p.add(slice.categories)}::text[])` : `${c.category} = ANY(${p.add(slice.categories)}::text[])`);
  }
  return where;
}

function statement(p: Params, select: string[], from: string, where: string[], group: string[]): SqlStatement {
  const text = `SELECT ${select.join(', ')}\n  FROM ${from}\n WHERE ${where.join('\n   AND ')}${group.length ? `\n GROUP BY ${group.join(', ')}` : ''}`;
  return { text, values: p.values };
}

const ROLLUP_COLUMNS: Columns = { time: 'r.hour', team: 'r.team_id', agent: 'r.agent_key', channel: 'r.channel', category: 'r.category' };
const RAW_COLUMNS: Columns = { time: 'i.created_at', team: 'i.team_id', agent: 'i.agent_id', channel: 'i.channel', category: 'i.category' };

/** Counts and sums of the slice from the hourly rollup. Valid only for hour-aligned slices in whole-hour zones. */
export function countsFromRollup(slice: KpiSlice): SqlStatement {
  const p = new Params();
  const g = groupExpressions(slice, ROLLUP_COLUMNS, p, true);
  const sums = COUNT_COLUMNS.map((column) => `coalesce(sum(r.${column}), 0)::float8 AS ${column}`);
  const where = ['r.tenant_id = app_current_tenant_id()', ...filters(slice, ROLLUP_COLUMNS, p, true)];
  return statement(p, [...g.select, ...sums], 'interaction_hourly r', where, g.group);
}

/** The same counts and sums computed from the raw rows: any slice, any zone. */
export function countsFromRawRows(slice: KpiSlice): SqlStatement {
  const p = new Params();
  const g = groupExpressions(slice, RAW_COLUMNS, p, false);
  const sums = COUNT_COLUMNS.map((column) => `coalesce(sum(${CONTRIBUTIONS[column]}), 0)::float8 AS ${column}`);
  const where = ['i.tenant_id = app_current_tenant_id()', ...filters(slice, RAW_COLUMNS, p, false)];
  return statement(p, [...g.select, ...sums], `interactions i ${SURVEYS_OF_INTERACTION('i.id')}`, where, g.group);
}

/**
 * Exact order statistics (percentile_cont: linear interpolation between the two nearest ranks, as
 * Excel's PERCENTILE.INC) and the service level at `targetSeconds`, from the raw rows of the slice. The
 * covering indexes on (tenant, team|agent, created_at) serve them with an index-only scan.
 */
export function exactFromRawRows(slice: KpiSlice, targetSeconds: number): SqlStatement {
  const p = new Params();
  const g = groupExpressions(slice, RAW_COLUMNS, p, false);
  const target = p.add(targetSeconds * 1000);
  const select = [
    'percentile_cont(0.5) WITHIN GROUP (ORDER BY i.first_response_ms) / 1000.0 AS first_response_median_s',
    'percentile_cont(0.9) WITHIN GROUP (ORDER BY i.first_response_ms) / 1000.0 AS first_response_p90_s',
    'percentile_cont(0.5) WITHIN GROUP (ORDER BY i.resolution_ms) / 1000.0 AS resolution_median_s',
    'percentile_cont(0.9) WITHIN GROUP (ORDER BY i.resolution_ms) / 1000.0 AS resolution_p90_s',
    `count(*) FILTER (WHERE i.answered_at IS NOT NULL AND i.wait_ms <= ${target})::float8 AS answered_within_target`,
    'count(*) FILTER (WHERE i.answered_at IS NOT NULL OR i.abandoned_at IS NOT NULL)::float8 AS offered',
    'count(i.first_response_ms)::float8 AS first_responses',
    'count(i.resolution_ms)::float8 AS resolved',
  ];
  const where = ['i.tenant_id = app_current_tenant_id()', ...filters(slice, RAW_COLUMNS, p, false)];
  return statement(p, [...g.select, ...select], 'interactions i', where, g.group);
}

const STATE_SUMS = [
  'coalesce(sum(available_ms), 0)::float8 AS available_ms',
  'coalesce(sum(busy_ms), 0)::float8 AS busy_ms',
  'coalesce(sum(after_call_work_ms), 0)::float8 AS after_call_work_ms',
  'coalesce(sum(break_ms), 0)::float8 AS break_ms',
  'coalesce(sum(offline_ms), 0)::float8 AS offline_ms',
];

/** Agent-state time per slice from the hourly state rollup (channel and category do not apply to staff time). */
export function statesFromRollup(slice: KpiSlice): SqlStatement {
  const p = new Params();
  const columns: Columns = { time: 'h.hour', team: 'h.team_id', agent: 'h.agent_id', channel: null, category: null };
  const g = groupExpressions(slice, columns, p, false);
  const where = ['h.tenant_id = app_current_tenant_id()', ...filters(slice, columns, p, false)];
  return statement(p, [...g.select, ...STATE_SUMS, 'count(*)::float8 AS agent_hours'], 'agent_state_hourly h', where, g.group);
}

/**
 * The same from raw state events: each event is cut at quarter hours (every zone's offset is a multiple
 * of 15 minutes) and clipped to [from, to), so the pieces fall wholly inside one local period of any zone.
 */
export function statesFromRawEvents(slice: KpiSlice): SqlStatement {
  const p = new Params();
  const from = p.add(slice.from);
  const to = p.add(slice.to);
  const columns: Columns = { time: 'x.piece_start', team: 'x.team_id', agent: 'x.agent_id', channel: null, category: null };
  const g = groupExpressions(slice, columns, p, false);
  const where = ['true'];
  if (slice.teamIds) where.push(`e.team_id = ANY(${p.add(slice.teamIds)}::uuid[])`);
  if (slice.agentIds) where.push(`e.agent_id = ANY(${p.add(slice.agentIds)}::uuid[])`);
  const pieces = `(
    SELECT e.agent_id, e.team_id, e.state, q.piece_start,
           (extract(epoch FROM least(e.ended_at, ${to}::timestamptz, q.piece_start + interval '15 minutes') - greatest(e.started_at, ${from}::timestamptz, q.piece_start)) * 1000)::bigint AS ms
      FROM agent_state_events e
      CROSS JOIN LATERAL generate_series(date_trunc('hour', greatest(e.started_at, ${from}::timestamptz), 'UTC'),
                                         least(e.ended_at, ${to}::timestamptz) - interval '1 microsecond', interval '15 minutes') AS q(piece_start)
     WHERE e.tenant_id = app_current_tenant_id() AND e.started_at < ${to}::timestamptz AND e.ended_at > ${from}::timestamptz
       AND e.started_at > ${from}::timestamptz - interval '24 hours' AND ${where.join(' AND ')}
  ) x`;
  const sum = (state: string) => `coalesce(sum(x.ms) FILTER (WHERE x.state = '${state}' AND x.ms > 0), 0)::float8`;
  const select = [
    ...g.select,
    `${sum('AVAILABLE')} AS available_ms`,
    `${sum('BUSY')} AS busy_ms`,
    `${sum('AFTER_CALL_WORK')} AS after_call_work_ms`,
    `${sum('BREAK')} AS break_ms`,
    `${sum('OFFLINE')} AS offline_ms`,
    `count(DISTINCT (x.agent_id, date_trunc('hour', x.piece_start, 'UTC'))) FILTER (WHERE x.ms > 0)::float8 AS agent_hours`,
  ];
  return { text: `SELECT ${select.join(', ')}\n  FROM ${pieces}${g.group.length ? `\n GROUP BY ${g.group.join(', ')}` : ''}`, values: p.values };
}

export interface ScheduledPiece {
  agentId: string;
  teamId: string;
  start: Date;
  end: Date;
}

/**
 * Schedule adherence: for each scheduled piece of work, the time the agent spent in a working state
 * (AVAILABLE, BUSY, AFTER_CALL_WORK) inside it. A piece counts in the period where it starts.
 */
export function adherence(slice: KpiSlice, shifts: readonly ScheduledPiece[]): SqlStatement {
  const p = new Params();
  const columns: Columns = { time: 'w.start_at', team: 'w.team_id', agent: 'w.agent_id', channel: null, category: null };
  const g = groupExpressions(slice, columns, p, false);
  const agents = p.add(shifts.map((s) => s.agentId));
  const teams = p.add(shifts.map((s) => s.teamId));
  const starts = p.add(shifts.map((s) => s.start));
  const ends = p.add(shifts.map((s) => s.end));
  const text = `SELECT ${[
    ...g.select,
    'coalesce(sum(extract(epoch FROM w.end_at - w.start_at) * 1000), 0)::float8 AS scheduled_ms',
    'coalesce(sum(w.adherent_ms), 0)::float8 AS adherent_ms',
    'count(*)::float8 AS shifts',
  ].join(', ')}
  FROM (
    SELECT u.agent_id, u.team_id, u.start_at, u.end_at,
           (SELECT coalesce(sum(extract(epoch FROM least(e.ended_at, u.end_at) - greatest(e.started_at, u.start_at)) * 1000), 0)
              FROM agent_state_events e
             WHERE e.tenant_id = app_current_tenant_id() AND e.agent_id = u.agent_id
               AND e.state IN ('AVAILABLE', 'BUSY', 'AFTER_CALL_WORK')
               AND e.started_at < u.end_at AND e.ended_at > u.start_at) AS adherent_ms
      FROM unnest(${agents}::uuid[], ${teams}::uuid[], ${starts}::timestamptz[], ${ends}::timestamptz[]) AS u(agent_id, team_id, start_at, end_at)
  ) w${g.group.length ? `\n GROUP BY ${g.group.join(', ')}` : ''}`;
  return { text, values: p.values };
}
