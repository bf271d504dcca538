import { join, raw, sql, Sql } from '@deskforce/platform';
import { COUNT_COLUMNS, InteractionCounts } from './metrics';
import { KpiGroupBy, periodsBetween, periodUnitOf } from './periods';

/**
 * The SQL of the KPI engine, as pure functions answering tagged-template statements (`text` + `values`),
 * so that the repository runs them, the benchmark can run exactly the same statements through `pg`, and
 * reviewers see every query here. Every tenant table, at every level of a statement, is filtered by
 * `tenant_id = <the tenant as a parameter>` (RLS is the safety net, not the filter).
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
  // NULL business duration: written while the team had no calendar, so the calendar duration (around the clock).
  first_response_business_ms_sum: 'coalesce(i.first_response_business_ms, i.first_response_ms, 0)',
  resolution_business_ms_sum: 'coalesce(i.resolution_business_ms, i.resolution_ms, 0)',
};

/** A contact's business first response and resolution times (ms), NULL where the calendar one is NULL. */
export const FIRST_RESPONSE_BUSINESS_MS = 'coalesce(i.first_response_business_ms, i.first_response_ms)';
export const RESOLUTION_BUSINESS_MS = 'coalesce(i.resolution_business_ms, i.resolution_ms)';

/** The survey aggregate columns of an interaction (alias s in CONTRIBUTIONS), over `sr`. */
export const SURVEY_AGGREGATES = `count(sr.csat) AS csat_responses, count(*) FILTER (WHERE sr.csat >= 4) AS csat_satisfied,
           count(sr.nps) AS nps_responses, count(*) FILTER (WHERE sr.nps >= 9) AS nps_promoters,
           count(*) FILTER (WHERE sr.nps <= 6) AS nps_detractors`;

/**
 * The survey aggregates (alias s, see CONTRIBUTIONS) of the interactions `which` selects (a condition on
 * `sr.interaction_id`), summed per interaction once and joined to `interactions i` by id.
 */
export function surveysOf(tenantId: string, which: Sql): Sql {
  return sql`LEFT JOIN (
    SELECT sr.interaction_id, ${raw(SURVEY_AGGREGATES)}
      FROM survey_responses sr WHERE sr.tenant_id = ${tenantId} AND ${which}
     GROUP BY sr.interaction_id
  ) s ON s.interaction_id = i.id`;
}

interface Columns {
  time: string;
  team: string;
  agent: string;
  channel: string | null;
  category: string | null;
}

/**
 * The grouping columns, first in the select list (GROUP BY names them by position: an expression with a
 * parameter would be another parameter each time it is written). A period is the position of the row's
 * time among the period starts computed once in TypeScript (`width_bucket`, a binary search): the same
 * boundaries as the periods listed, and no time zone conversion per row (which cost more than the rest of
 * reading an index entry).
 */
function groupExpressions(slice: KpiSlice, c: Columns, agentIsKey: boolean): { select: Sql[]; group: Sql } {
  const select: Sql[] = [];
  const groupBy = slice.groupBy;
  if (groupBy.includes(KpiGroupBy.AGENT))
    select.push(
      agentIsKey ? sql`nullif(${raw(c.agent)}, ${NO_AGENT}::uuid) AS agent_id` : sql`${raw(c.agent)} AS agent_id`,
    );
  if (groupBy.includes(KpiGroupBy.TEAM)) select.push(sql`${raw(c.team)} AS team_id`);
  if (groupBy.includes(KpiGroupBy.CHANNEL) && c.channel) select.push(sql`${raw(c.channel)} AS channel`);
  const starts = periodStartsOf(slice);
  if (starts) select.push(sql`width_bucket(${raw(c.time)}, ${starts}::timestamptz[]) AS period`);
  const group = select.length ? sql`GROUP BY ${raw(select.map((_, i) => String(i + 1)).join(', '))}` : sql``;
  return { select, group };
}

/** The slice's conditions on a table with columns `c` (its tenant, window, teams, agents, channels, categories). */
function filters(tenantId: string, alias: string, slice: KpiSlice, c: Columns, timeColumn = c.time): Sql {
  const where = [
    sql`${raw(alias)}.tenant_id = ${tenantId}`,
    sql`${raw(timeColumn)} >= ${slice.from}`,
    sql`${raw(timeColumn)} < ${slice.to}`,
  ];
  if (slice.teamIds) where.push(sql`${raw(c.team)} = ANY(${slice.teamIds}::uuid[])`);
  if (slice.agentIds) where.push(sql`${raw(c.agent)} = ANY(${slice.agentIds}::uuid[])`);
  if (slice.channels && c.channel) where.push(sql`${raw(c.channel)} = ANY(${slice.channels}::text[])`);
  if (slice.categories && c.category) where.push(sql`${raw(c.category)} = ANY(${slice.categories}::text[])`);
  return join(where, '\n   AND ');
}

const ROLLUP_COLUMNS: Columns = {
  time: 'r.hour',
  team: 'r.team_id',
  agent: 'r.agent_key',
  channel: 'r.channel',
  category: 'r.category',
};
const RAW_COLUMNS: Columns = {
  time: 'i.created_at',
  team: 'i.team_id',
  agent: 'i.agent_id',
  channel: 'i.channel',
  category: 'i.category',
};

/** Counts and sums of the slice from the hourly rollup. Valid only for hour-aligned slices in whole-hour zones. */
export function countsFromRollup(tenantId: string, slice: KpiSlice): Sql {
  const g = groupExpressions(slice, ROLLUP_COLUMNS, true);
  const sums = COUNT_COLUMNS.map((column) => raw(`coalesce(sum(r.${column}), 0)::float8 AS ${column}`));
  return sql`SELECT ${join([...g.select, ...sums])}
  FROM interaction_hourly r
 WHERE ${filters(tenantId, 'r', slice, ROLLUP_COLUMNS)}
 ${g.group}`;
}

/** The same counts and sums computed from the raw rows: any slice, any zone. */
export function countsFromRawRows(tenantId: string, slice: KpiSlice): Sql {
  const g = groupExpressions(slice, RAW_COLUMNS, false);
  const sums = COUNT_COLUMNS.map((column) => raw(`coalesce(sum(${CONTRIBUTIONS[column]}), 0)::float8 AS ${column}`));
  const where = filters(tenantId, 'i', slice, RAW_COLUMNS);
  return sql`SELECT ${join([...g.select, ...sums])}
  FROM interactions i ${surveysOf(tenantId, sql`sr.interaction_id IN (SELECT i.id FROM interactions i WHERE ${where})`)}
 WHERE ${where}
 ${g.group}`;
}

/**
 * Exact order statistics (percentile_cont: linear interpolation between the two nearest ranks, as
 * Excel's PERCENTILE.INC) and the service level at `targetSeconds`, from the raw rows of the slice. The
 * covering indexes on (tenant, team|agent, created_at) serve them with an index-only scan.
 */
export function exactFromRawRows(tenantId: string, slice: KpiSlice, targetSeconds: number, business = false): Sql {
  const g = groupExpressions(slice, RAW_COLUMNS, false);
  const select = [
    sql`percentile_cont(0.5) WITHIN GROUP (ORDER BY i.first_response_ms) / 1000.0 AS first_response_median_s`,
    sql`percentile_cont(0.9) WITHIN GROUP (ORDER BY i.first_response_ms) / 1000.0 AS first_response_p90_s`,
    sql`percentile_cont(0.5) WITHIN GROUP (ORDER BY i.resolution_ms) / 1000.0 AS resolution_median_s`,
    sql`percentile_cont(0.9) WITHIN GROUP (ORDER BY i.resolution_ms) / 1000.0 AS resolution_p90_s`,
    // Four more sorts: only when a business-time order statistic is asked for.
    ...(business
      ? [
          raw(
            `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${FIRST_RESPONSE_BUSINESS_MS}) / 1000.0 AS first_response_business_median_s`,
          ),
          raw(
            `percentile_cont(0.9) WITHIN GROUP (ORDER BY ${FIRST_RESPONSE_BUSINESS_MS}) / 1000.0 AS first_response_business_p90_s`,
          ),
          raw(
            `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${RESOLUTION_BUSINESS_MS}) / 1000.0 AS resolution_business_median_s`,
          ),
          raw(
            `percentile_cont(0.9) WITHIN GROUP (ORDER BY ${RESOLUTION_BUSINESS_MS}) / 1000.0 AS resolution_business_p90_s`,
          ),
        ]
      : []),
    sql`count(*) FILTER (WHERE i.answered_at IS NOT NULL AND i.wait_ms <= ${targetSeconds * 1000})::float8 AS answered_within_target`,
    sql`count(*) FILTER (WHERE i.answered_at IS NOT NULL OR i.abandoned_at IS NOT NULL)::float8 AS offered`,
    sql`count(i.first_response_ms)::float8 AS first_responses`,
    sql`count(i.resolution_ms)::float8 AS resolved`,
  ];
  return sql`SELECT ${join([...g.select, ...select])}
  FROM interactions i
 WHERE ${filters(tenantId, 'i', slice, RAW_COLUMNS)}
 ${g.group}`;
}

const STATE_SUMS = [
  'coalesce(sum(available_ms), 0)::float8 AS available_ms',
  'coalesce(sum(busy_ms), 0)::float8 AS busy_ms',
  'coalesce(sum(after_call_work_ms), 0)::float8 AS after_call_work_ms',
  'coalesce(sum(break_ms), 0)::float8 AS break_ms',
  'coalesce(sum(offline_ms), 0)::float8 AS offline_ms',
].map((s) => raw(s));

/** Agent-state time per slice from the hourly state rollup (channel and category do not apply to staff time). */
export function statesFromRollup(tenantId: string, slice: KpiSlice): Sql {
  const columns: Columns = { time: 'h.hour', team: 'h.team_id', agent: 'h.agent_id', channel: null, category: null };
  const g = groupExpressions(slice, columns, false);
  return sql`SELECT ${join([...g.select, ...STATE_SUMS, raw('count(*)::float8 AS agent_hours')])}
  FROM agent_state_hourly h
 WHERE ${filters(tenantId, 'h', slice, columns)}
 ${g.group}`;
}

/** `(VALUES (0), (1), …, (n - 1)) AS alias(n)`: the offsets an event is cut at (a join, where a LATERAL series would pull rows to the coordinator). */
export function offsets(count: number, alias: string): Sql {
  return raw(`(VALUES ${Array.from({ length: count }, (_, i) => `(${i})`).join(', ')}) AS ${alias}(n)`);
}

/** A state event lasts at most 24 hours, so it touches at most 100 quarter hours (25 hours from the start of its first one). */
const QUARTER_HOURS = offsets(100, 'q');

/**
 * The same from raw state events: each event is cut at quarter hours (every zone's offset is a multiple
 * of 15 minutes) and clipped to [from, to), so the pieces fall wholly inside one local period of any zone.
 */
export function statesFromRawEvents(tenantId: string, slice: KpiSlice): Sql {
  const from = sql`${slice.from}::timestamptz`;
  const to = sql`${slice.to}::timestamptz`;
  const columns: Columns = {
    time: 'x.piece_start',
    team: 'x.team_id',
    agent: 'x.agent_id',
    channel: null,
    category: null,
  };
  const g = groupExpressions(slice, columns, false);
  const where = [
    sql`e.tenant_id = ${tenantId}`,
    sql`e.started_at < ${to}`,
    sql`e.ended_at > ${from}`,
    sql`e.started_at > ${from} - interval '24 hours'`,
  ];
  if (slice.teamIds) where.push(sql`e.team_id = ANY(${slice.teamIds}::uuid[])`);
  if (slice.agentIds) where.push(sql`e.agent_id = ANY(${slice.agentIds}::uuid[])`);
  const pieces = sql`(
    SELECT p.agent_id, p.team_id, p.state, p.piece_start,
           (extract(epoch FROM least(p.ended_at, ${to}, p.piece_start + interval '15 minutes') - greatest(p.started_at, ${from}, p.piece_start)) * 1000)::bigint AS ms
      FROM (SELECT e.agent_id, e.team_id, e.state, e.started_at, e.ended_at,
                   date_trunc('hour', greatest(e.started_at, ${from}), 'UTC') + q.n * interval '15 minutes' AS piece_start
              FROM agent_state_events e CROSS JOIN ${QUARTER_HOURS}
             WHERE ${join(where, ' AND ')}) p
     WHERE p.piece_start < least(p.ended_at, ${to})
  ) x`;
  const sum = (state: string) => `coalesce(sum(x.ms) FILTER (WHERE x.state = '${state}' AND x.ms > 0), 0)::float8`;
  const select = [
    ...g.select,
    raw(`${sum('AVAILABLE')} AS available_ms`),
    raw(`${sum('BUSY')} AS busy_ms`),
    raw(`${sum('AFTER_CALL_WORK')} AS after_call_work_ms`),
    raw(`${sum('BREAK')} AS break_ms`),
    raw(`${sum('OFFLINE')} AS offline_ms`),
    raw(
      `count(DISTINCT (x.agent_id, date_trunc('hour', x.piece_start, 'UTC'))) FILTER (WHERE x.ms > 0)::float8 AS agent_hours`,
    ),
  ];
  return sql`SELECT ${join(select)}\n  FROM ${pieces}\n ${g.group}`;
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
export function adherence(tenantId: string, slice: KpiSlice, shifts: readonly ScheduledPiece[]): Sql {
  const columns: Columns = {
    time: 'w.start_at',
    team: 'w.team_id',
    agent: 'w.agent_id',
    channel: null,
    category: null,
  };
  const g = groupExpressions(slice, columns, false);
  const select = [
    ...g.select,
    raw('coalesce(sum(extract(epoch FROM w.end_at - w.start_at) * 1000), 0)::float8 AS scheduled_ms'),
    raw('coalesce(sum(w.adherent_ms), 0)::float8 AS adherent_ms'),
    raw('count(*)::float8 AS shifts'),
  ];
  return sql`SELECT ${join(select)}
  FROM (
    SELECT u.agent_id, u.team_id, u.start_at, u.end_at,
           (SELECT coalesce(sum(extract(epoch FROM least(e.ended_at, u.end_at) - greatest(e.started_at, u.start_at)) * 1000), 0)
              FROM agent_state_events e
             WHERE e.tenant_id = ${tenantId} AND e.agent_id = u.agent_id
               AND e.state IN ('AVAILABLE', 'BUSY', 'AFTER_CALL_WORK')
               AND e.started_at < u.end_at AND e.ended_at > u.start_at) AS adherent_ms
      FROM unnest(${shifts.map((s) => s.agentId)}::uuid[], ${shifts.map((s) => s.teamId)}::uuid[], ${shifts.map((s) => s.start)}::timestamptz[], ${shifts.map((s) => s.end)}::timestamptz[])
           AS u(agent_id, team_id, start_at, end_at)
  ) w
 ${g.group}`;
}
