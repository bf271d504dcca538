import { CONTRIBUTIONS, NO_AGENT, SqlStatement, SURVEYS_OF_INTERACTION } from '../kpi/kpi-sql';
import { COUNT_COLUMNS, InteractionCounts } from '../kpi/metrics';

/**
 * Set-based ingest: one statement per batch validates every row, drops the earlier of two rows with the
 * same key, upserts the valid ones (`ON CONFLICT … DO UPDATE … WHERE` the row differs, so a re-sent row
 * is "unchanged" and writes nothing) and applies the difference to the hourly rollups, all in the
 * caller's transaction. The same statement serves the GraphQL mutations (rows from a jsonb parameter)
 * and the import command (rows from its staging table), so both apply the same rules.
 *
 * Source rows carry `idx` (the batch index or the file's line number) and every field as text.
 */

export const INTERACTION_FIELDS = [
  'source',
  'external_id',
  'channel',
  'agent_id',
  'team_id',
  'customer_ref',
  'category',
  'status',
  'created_at',
  'first_response_at',
  'resolved_at',
  'handle_time_seconds',
  'escalated_to',
  'reopen_count',
  'contacts_to_resolve',
  'complaint',
  'answered_at',
  'abandoned_at',
  'wait_time_seconds',
] as const;

export const SURVEY_FIELDS = ['source', 'external_id', 'interaction_source', 'interaction_external_id', 'agent_id', 'csat', 'nps', 'comment', 'responded_at'] as const;

export const STATE_FIELDS = ['agent_id', 'state', 'started_at', 'ended_at'] as const;

export type IngestKind = 'interactions' | 'surveys' | 'states';

export const FIELDS: Record<IngestKind, readonly string[]> = { interactions: INTERACTION_FIELDS, surveys: SURVEY_FIELDS, states: STATE_FIELDS };

/** snake_case column → the GraphQL / file field name clients see in rejections. */
export function fieldName(column: string): string {
  return column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Where the batch comes from: a jsonb array parameter, or a range of the import's staging table. */
export type BatchSource = { kind: 'json'; rows: unknown } | { kind: 'staging'; importId: string; fromIdx: number; toIdx: number };

/** Agents the caller may reference, with their current team (from the people library). */
export interface KnownAgents {
  agentIds: string[];
  /** The current team of each agent in `agentIds`, in the same order. */
  agentTeamIds: string[];
  /** Teams of the organisation that the batch names. */
  teamIds: string[];
}

// An ISO 8601 date-time with an offset (or Z); text without one is refused rather than read in some zone.
const DATETIME = `'^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|z|[+-]\\d{2}(:?\\d{2})?)$'`;

/*
 * Each text field is parsed once, in the batch CTE `b`, into a typed shadow column (NULL when it does not
 * parse): `<field>__t` timestamptz (truncated to milliseconds), `__i` integer, `__n` numeric, `__u` uuid.
 * The rules below read those instead of parsing again (validation is most of an ingest's CPU time).
 */
type FieldType = 'time' | 'int' | 'num' | 'uuid';
const SHADOW: Record<FieldType, (c: string) => string> = {
  time: (c) => `CASE WHEN r.${c} ~ ${DATETIME} AND pg_input_is_valid(r.${c}, 'timestamptz') THEN date_trunc('milliseconds', r.${c}::timestamptz) END AS ${c}__t`,
  int: (c) => `CASE WHEN pg_input_is_valid(r.${c}, 'integer') THEN r.${c}::int END AS ${c}__i`,
  num: (c) => `CASE WHEN pg_input_is_valid(r.${c}, 'numeric') THEN r.${c}::numeric END AS ${c}__n`,
  uuid: (c) => `CASE WHEN pg_input_is_valid(r.${c}, 'uuid') THEN r.${c}::uuid END AS ${c}__u`,
};

function typedBatch(rows: string, types: Record<string, FieldType>): string {
  return `SELECT r.*, ${Object.entries(types).map(([c, t]) => SHADOW[t](c)).join(',\n      ')} FROM (${rows}) r`;
}

const isTime = (c: string) => `(b.${c}__t IS NOT NULL)`;
const asTime = (c: string) => `b.${c}__t`;
const asInt = (c: string) => `b.${c}__i`;
const isUuid = (c: string) => `(b.${c}__u IS NOT NULL)`;
const isBool = (c: string) => `(lower(b.${c}) IN ('true', 'false', 't', 'f', '1', '0', 'yes', 'no'))`;

type Rule = [condition: string, column: string, message: string];

/** The first failing rule names the row's problem as `field|message`. */
function problem(rules: Rule[]): string {
  return `CASE ${rules.map(([condition, column, message]) => `WHEN ${condition} THEN '${fieldName(column)}|${message.replace(/'/g, "''")}'`).join('\n      ')} END`;
}

function sourceRows(source: BatchSource, fields: readonly string[], p: unknown[]): string {
  if (source.kind === 'json') {
    p.push(JSON.stringify(source.rows));
    return `SELECT * FROM jsonb_to_recordset($${p.length}::jsonb) AS x(idx bigint, ${fields.map((f) => `${f} text`).join(', ')})`;
  }
  p.push(source.importId, source.fromIdx, source.toIdx);
  return `SELECT idx, ${fields.join(', ')} FROM import_staging
           WHERE tenant_id = app_current_tenant_id() AND import_id = $${p.length - 2} AND idx >= $${p.length - 1} AND idx < $${p.length}`;
}

function knownTeams(known: KnownAgents, p: unknown[]): string {
  p.push(known.teamIds);
  return `$${p.length}`;
}

function knownAgents(known: KnownAgents, p: unknown[]): string {
  p.push(known.agentIds, known.agentTeamIds);
  return `SELECT * FROM unnest($${p.length - 1}::uuid[], $${p.length}::uuid[]) AS k(agent_id, team_id)`;
}

/**
 * Marks the earlier of two valid rows with the same key: `later` is the index of the last one, which wins.
 */
function laterOf(key: string[]): string {
  const last = `max(v.idx) OVER (PARTITION BY v.problem IS NULL, ${key.map((k) => `v.${k}`).join(', ')})`;
  return `SELECT v.*, CASE WHEN v.problem IS NULL AND v.idx < ${last} THEN ${last} END AS later FROM v`;
}

/** Rejected rows and the counts, as rows of the final SELECT of every ingest statement. */
function finalSelect(upsertCte: string, validCte: string): string {
  return `SELECT 'summary' AS kind, NULL::bigint AS idx, NULL::text AS problem,
         (SELECT count(*) FROM ${upsertCte} WHERE inserted)::int AS inserted,
         (SELECT count(*) FROM ${upsertCte} WHERE NOT inserted)::int AS updated,
         (SELECT count(*) FROM ${validCte} WHERE problem IS NULL AND later IS NULL)::int AS valid
  UNION ALL
  SELECT 'rejected', v.idx, coalesce(v.problem, 'externalId|is repeated further on (at ' || v.later || '); the last one is kept'), NULL, NULL, NULL
    FROM ${validCte} v WHERE v.problem IS NOT NULL OR v.later IS NOT NULL`;
}

const cellOf = (i: string) =>
  `${i}.team_id, date_trunc('hour', ${i}.created_at, 'UTC') AS hour, coalesce(${i}.agent_id, '${NO_AGENT}'::uuid) AS agent_key, ${i}.channel, coalesce(${i}.category, '') AS category`;

/** Adds the summed deltas of `cells` (team_id, hour, agent_key, channel, category, counts…) to the rollup. */
function applyInteractionDeltas(cellsCte: string): string {
  const cols = COUNT_COLUMNS.join(', ');
  return `INSERT INTO interaction_hourly AS h (tenant_id, team_id, hour, agent_key, channel, category, ${cols})
    SELECT app_current_tenant_id(), team_id, hour, agent_key, channel, category, ${COUNT_COLUMNS.map((c) => `sum(${c})`).join(', ')}
      FROM ${cellsCte} GROUP BY team_id, hour, agent_key, channel, category
    ON CONFLICT (tenant_id, team_id, hour, agent_key, channel, category)
    DO UPDATE SET ${COUNT_COLUMNS.map((c) => `${c} = h.${c} + EXCLUDED.${c}`).join(', ')}
    RETURNING 1`;
}

const contributions = (sign: '' | '-') => COUNT_COLUMNS.map((c: keyof InteractionCounts) => `${sign}(${CONTRIBUTIONS[c]})::bigint AS ${c}`).join(', ');

export function ingestInteractions(source: BatchSource, known: KnownAgents): SqlStatement {
  const p: unknown[] = [];
  const rows = sourceRows(source, INTERACTION_FIELDS, p);
  const agents = knownAgents(known, p);
  const rules: Rule[] = [
    ['b.source IS NULL OR length(b.source) NOT BETWEEN 1 AND 64', 'source', 'is required, 1 to 64 characters'],
    ['b.external_id IS NULL OR length(b.external_id) NOT BETWEEN 1 AND 200', 'external_id', 'is required, 1 to 200 characters'],
    [`b.channel IS NULL OR b.channel NOT IN ('PHONE', 'EMAIL', 'CHAT', 'SOCIAL')`, 'channel', 'must be PHONE, EMAIL, CHAT or SOCIAL'],
    [`b.agent_id IS NOT NULL AND NOT ${isUuid('agent_id')}`, 'agent_id', 'must be an agent id (uuid)'],
    [`b.agent_id IS NOT NULL AND k.agent_id IS NULL`, 'agent_id', 'is not an agent of this organisation'],
    [`b.team_id IS NOT NULL AND NOT ${isUuid('team_id')}`, 'team_id', 'must be a team id (uuid)'],
    [`b.team_id IS NOT NULL AND kt.team_id IS NULL`, 'team_id', 'is not a team of this organisation'],
    [`b.team_id IS NULL AND b.agent_id IS NULL`, 'team_id', 'is required when no agentId is given'],
    ['length(b.customer_ref) > 200', 'customer_ref', 'must be at most 200 characters'],
    ['b.category IS NOT NULL AND length(b.category) NOT BETWEEN 1 AND 100', 'category', 'must be 1 to 100 characters'],
    [`b.status IS NULL OR b.status NOT IN ('OPEN', 'RESOLVED', 'ESCALATED')`, 'status', 'must be OPEN, RESOLVED or ESCALATED'],
    [`b.created_at IS NULL OR NOT ${isTime('created_at')}`, 'created_at', 'is required, an ISO 8601 date-time with an offset'],
    ...(['first_response_at', 'resolved_at', 'answered_at', 'abandoned_at'] as const).map(
      (c): Rule => [`b.${c} IS NOT NULL AND NOT ${isTime(c)}`, c, 'must be an ISO 8601 date-time with an offset'],
    ),
    [`b.handle_time_seconds IS NOT NULL AND NOT (coalesce(b.handle_time_seconds__i BETWEEN 0 AND 604800, false))`, 'handle_time_seconds', 'must be a whole number of seconds, 0 to 604800'],
    [`b.reopen_count IS NOT NULL AND NOT (coalesce(b.reopen_count__i BETWEEN 0 AND 1000, false))`, 'reopen_count', 'must be a whole number, 0 to 1000'],
    [`b.contacts_to_resolve IS NOT NULL AND NOT (coalesce(b.contacts_to_resolve__i BETWEEN 1 AND 1000, false))`, 'contacts_to_resolve', 'must be a whole number, 1 to 1000'],
    [`b.complaint IS NOT NULL AND NOT ${isBool('complaint')}`, 'complaint', 'must be true or false'],
    [`b.wait_time_seconds IS NOT NULL AND NOT (coalesce(b.wait_time_seconds__n BETWEEN 0 AND 86400, false))`, 'wait_time_seconds', 'must be seconds, 0 to 86400'],
    ['t.first_response_at < t.created_at', 'first_response_at', 'is before createdAt'],
    ['t.resolved_at < t.created_at', 'resolved_at', 'is before createdAt'],
    [`b.status = 'RESOLVED' AND t.resolved_at IS NULL`, 'resolved_at', 'is required when status is RESOLVED'],
    [`b.status = 'ESCALATED' AND b.escalated_to IS NULL`, 'escalated_to', 'is required when status is ESCALATED'],
    ['b.escalated_to IS NOT NULL AND length(b.escalated_to) NOT BETWEEN 1 AND 100', 'escalated_to', 'must be 1 to 100 characters'],
    [`b.channel NOT IN ('PHONE', 'CHAT') AND (b.answered_at IS NOT NULL OR b.abandoned_at IS NOT NULL OR b.wait_time_seconds IS NOT NULL)`, 'answered_at', 'answeredAt, abandonedAt and waitTimeSeconds apply to PHONE and CHAT only'],
    ['t.answered_at IS NOT NULL AND t.abandoned_at IS NOT NULL', 'abandoned_at', 'a contact is either answered or abandoned, not both'],
    ['t.answered_at < t.created_at', 'answered_at', 'is before createdAt'],
    ['t.abandoned_at < t.created_at', 'abandoned_at', 'is before createdAt'],
    [`coalesce(t.wait_ms, 0) > 86400000`, 'wait_time_seconds', 'must be at most a day'],
  ];
  const columns = [
    'source', 'external_id', 'channel', 'team_id', 'agent_id', 'customer_ref', 'category', 'status', 'created_at', 'first_response_at',
    'resolved_at', 'handle_time_s', 'escalated_to', 'reopen_count', 'contacts_to_resolve', 'complaint', 'answered_at', 'abandoned_at', 'wait_ms',
  ];
  const batch = typedBatch(rows, {
    created_at: 'time', first_response_at: 'time', resolved_at: 'time', answered_at: 'time', abandoned_at: 'time',
    handle_time_seconds: 'int', reopen_count: 'int', contacts_to_resolve: 'int', wait_time_seconds: 'num', agent_id: 'uuid', team_id: 'uuid',
  });
  const text = `WITH b AS MATERIALIZED (${batch}),
  k AS (${agents}),
  kt AS (SELECT unnest(${knownTeams(known, p)}::uuid[]) AS team_id),
  t AS (
    SELECT b.idx, ${asTime('created_at')} AS created_at, ${asTime('first_response_at')} AS first_response_at,
           ${asTime('resolved_at')} AS resolved_at, ${asTime('answered_at')} AS answered_at, ${asTime('abandoned_at')} AS abandoned_at,
           CASE WHEN b.wait_time_seconds__n BETWEEN 0 AND 86400 THEN round(b.wait_time_seconds__n * 1000)::bigint END AS given_wait_ms
      FROM b
  ),
  t2 AS (
    SELECT t.*, coalesce(t.given_wait_ms,
             (extract(epoch FROM coalesce(t.answered_at, t.abandoned_at) - t.created_at) * 1000)::bigint) AS wait_ms
      FROM t
  ),
  v AS (
    SELECT b.idx, ${problem(rules)} AS problem,
           b.source, b.external_id, b.channel,
           coalesce(b.team_id__u, k.team_id) AS team_id,
           k.agent_id, b.customer_ref, b.category, b.status, t.created_at, t.first_response_at, t.resolved_at,
           ${asInt('handle_time_seconds')} AS handle_time_s, b.escalated_to, coalesce(${asInt('reopen_count')}, 0) AS reopen_count,
           ${asInt('contacts_to_resolve')} AS contacts_to_resolve,
           coalesce(CASE WHEN ${isBool('complaint')} THEN b.complaint::boolean END, false) AS complaint,
           t.answered_at, t.abandoned_at, t.wait_ms
      FROM b JOIN t2 t ON t.idx = b.idx
      LEFT JOIN k ON k.agent_id = b.agent_id__u
      LEFT JOIN kt ON kt.team_id = b.team_id__u
  ),
  d AS (${laterOf(['source', 'external_id'])}),
  up AS (
    INSERT INTO interactions AS cur (tenant_id, ${columns.join(', ')})
    SELECT app_current_tenant_id(), ${columns.join(', ')} FROM d WHERE d.problem IS NULL AND d.later IS NULL
    ON CONFLICT (tenant_id, source, external_id) DO UPDATE SET ${columns.slice(2).map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, updated_at = now()
      WHERE (${columns.slice(2).map((c) => `cur.${c}`).join(', ')}) IS DISTINCT FROM (${columns.slice(2).map((c) => `EXCLUDED.${c}`).join(', ')})
    RETURNING cur.*, (cur.xmax = 0) AS inserted
  ),
  cells AS (
    SELECT ${cellOf('i')}, ${contributions('')} FROM up i ${SURVEYS_OF_INTERACTION('i.id')}
    UNION ALL
    SELECT ${cellOf('i')}, ${contributions('-')} FROM interactions i ${SURVEYS_OF_INTERACTION('i.id')}
     WHERE i.tenant_id = app_current_tenant_id() AND i.id IN (SELECT id FROM up WHERE NOT inserted)
  ),
  roll AS (${applyInteractionDeltas('cells')})
  ${finalSelect('up', 'd')}`;
  return { text, values: p };
}

export function ingestSurveys(source: BatchSource, known: KnownAgents): SqlStatement {
  const p: unknown[] = [];
  const rows = sourceRows(source, SURVEY_FIELDS, p);
  const agents = knownAgents(known, p);
  const rules: Rule[] = [
    ['b.source IS NULL OR length(b.source) NOT BETWEEN 1 AND 64', 'source', 'is required, 1 to 64 characters'],
    ['b.external_id IS NULL OR length(b.external_id) NOT BETWEEN 1 AND 200', 'external_id', 'is required, 1 to 200 characters'],
    ['b.interaction_external_id IS NULL', 'interaction_external_id', 'is required'],
    ['i.id IS NULL', 'interaction_external_id', 'names no interaction of this organisation (send the interaction first)'],
    [`b.agent_id IS NOT NULL AND NOT ${isUuid('agent_id')}`, 'agent_id', 'must be an agent id (uuid)'],
    [`b.agent_id IS NOT NULL AND k.agent_id IS NULL`, 'agent_id', 'is not an agent of this organisation'],
    ['b.csat IS NULL AND b.nps IS NULL', 'csat', 'a response needs a CSAT score, an NPS score or both'],
    [`b.csat IS NOT NULL AND NOT (coalesce(b.csat__i BETWEEN 1 AND 5, false))`, 'csat', 'must be a whole number from 1 to 5'],
    [`b.nps IS NOT NULL AND NOT (coalesce(b.nps__i BETWEEN 0 AND 10, false))`, 'nps', 'must be a whole number from 0 to 10'],
    ['length(b.comment) > 5000', 'comment', 'must be at most 5000 characters'],
    [`b.responded_at IS NULL OR NOT ${isTime('responded_at')}`, 'responded_at', 'is required, an ISO 8601 date-time with an offset'],
  ];
  const columns = ['source', 'external_id', 'interaction_id', 'agent_id', 'csat', 'nps', 'comment', 'responded_at'];
  const zero = COUNT_COLUMNS.filter((c) => !c.startsWith('csat_') && !c.startsWith('nps_')).map((c) => `0::bigint AS ${c}`);
  const surveyCounts = (sign: '' | '-', x: string) => [
    `${sign}(${x}.csat IS NOT NULL)::int::bigint AS csat_responses`,
    `${sign}(coalesce(${x}.csat >= 4, false))::int::bigint AS csat_satisfied`,
    `${sign}(${x}.nps IS NOT NULL)::int::bigint AS nps_responses`,
    `${sign}(coalesce(${x}.nps >= 9, false))::int::bigint AS nps_promoters`,
    `${sign}(coalesce(${x}.nps <= 6, false))::int::bigint AS nps_detractors`,
  ];
  const text = `WITH b AS MATERIALIZED (${typedBatch(rows, { responded_at: 'time', csat: 'int', nps: 'int', agent_id: 'uuid' })}),
  k AS (${agents}),
  v AS (
    SELECT b.idx, ${problem(rules)} AS problem, b.source, b.external_id, i.id AS interaction_id, k.agent_id,
           CASE WHEN b.csat__i BETWEEN 1 AND 5 THEN b.csat__i::smallint END AS csat, CASE WHEN b.nps__i BETWEEN 0 AND 10 THEN b.nps__i::smallint END AS nps,
           b.comment, ${asTime('responded_at')} AS responded_at
      FROM b
      LEFT JOIN interactions i ON i.tenant_id = app_current_tenant_id() AND i.source = coalesce(b.interaction_source, b.source) AND i.external_id = b.interaction_external_id
      LEFT JOIN k ON k.agent_id = b.agent_id__u
  ),
  d AS (${laterOf(['source', 'external_id'])}),
  old AS (
    SELECT sr.* FROM survey_responses sr JOIN d ON sr.tenant_id = app_current_tenant_id() AND sr.source = d.source AND sr.external_id = d.external_id
     WHERE d.problem IS NULL AND d.later IS NULL
  ),
  up AS (
    INSERT INTO survey_responses AS cur (tenant_id, ${columns.join(', ')})
    SELECT app_current_tenant_id(), ${columns.join(', ')} FROM d WHERE d.problem IS NULL AND d.later IS NULL
    ON CONFLICT (tenant_id, source, external_id) DO UPDATE SET ${columns.slice(2).map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, updated_at = now()
      WHERE (${columns.slice(2).map((c) => `cur.${c}`).join(', ')}) IS DISTINCT FROM (${columns.slice(2).map((c) => `EXCLUDED.${c}`).join(', ')})
    RETURNING cur.*, (cur.xmax = 0) AS inserted
  ),
  cells AS (
    SELECT ${cellOf('i')}, ${[...zero, ...surveyCounts('', 'u')].join(', ')}
      FROM up u JOIN interactions i ON i.tenant_id = app_current_tenant_id() AND i.id = u.interaction_id
    UNION ALL
    SELECT ${cellOf('i')}, ${[...zero, ...surveyCounts('-', 'o')].join(', ')}
      FROM old o JOIN interactions i ON i.tenant_id = app_current_tenant_id() AND i.id = o.interaction_id
     WHERE o.id IN (SELECT id FROM up WHERE NOT inserted)
  ),
  roll AS (${applyInteractionDeltas('cells')})
  ${finalSelect('up', 'd')}`;
  return { text, values: p };
}

const STATE_COLUMNS = ['available_ms', 'busy_ms', 'after_call_work_ms', 'break_ms', 'offline_ms'] as const;

/** An event's time cut into UTC hours, one column per state (ms), signed. */
function stateHours(relation: string, sign: '' | '-'): string {
  const e = 'e';
  const ms = `(extract(epoch FROM least(${e}.ended_at, hr.hour + interval '1 hour') - greatest(${e}.started_at, hr.hour)) * 1000)::bigint`;
  const per = STATE_COLUMNS.map((c) => `${sign}CASE WHEN ${e}.state = '${c.replace(/_ms$/, '').toUpperCase()}' THEN ${ms} ELSE 0 END AS ${c}`);
  return `SELECT ${e}.team_id, hr.hour, ${e}.agent_id, ${per.join(', ')}
      FROM ${relation} ${e}
      CROSS JOIN LATERAL generate_series(date_trunc('hour', ${e}.started_at, 'UTC'), ${e}.ended_at - interval '1 microsecond', interval '1 hour') AS hr(hour)`;
}

export function ingestStates(source: BatchSource, known: KnownAgents): SqlStatement {
  const p: unknown[] = [];
  const rows = sourceRows(source, STATE_FIELDS, p);
  const agents = knownAgents(known, p);
  const rules: Rule[] = [
    [`b.agent_id IS NULL OR NOT ${isUuid('agent_id')}`, 'agent_id', 'is required, an agent id (uuid)'],
    ['k.agent_id IS NULL', 'agent_id', 'is not an agent of this organisation'],
    [`b.state IS NULL OR b.state NOT IN ('AVAILABLE', 'BUSY', 'AFTER_CALL_WORK', 'BREAK', 'OFFLINE')`, 'state', 'must be AVAILABLE, BUSY, AFTER_CALL_WORK, BREAK or OFFLINE'],
    [`b.started_at IS NULL OR NOT ${isTime('started_at')}`, 'started_at', 'is required, an ISO 8601 date-time with an offset'],
    [`b.ended_at IS NULL OR NOT ${isTime('ended_at')}`, 'ended_at', 'is required, an ISO 8601 date-time with an offset'],
    [`${asTime('ended_at')} <= ${asTime('started_at')}`, 'ended_at', 'must be after startedAt'],
    [`${asTime('ended_at')} - ${asTime('started_at')} > interval '24 hours'`, 'ended_at', 'a state event lasts at most 24 hours (split longer ones)'],
  ];
  const columns = ['agent_id', 'started_at', 'ended_at', 'state', 'team_id'];
  const text = `WITH b AS MATERIALIZED (${typedBatch(rows, { started_at: 'time', ended_at: 'time', agent_id: 'uuid' })}),
  k AS (${agents}),
  v AS (
    SELECT b.idx, ${problem(rules)} AS problem, k.agent_id, ${asTime('started_at')} AS started_at, ${asTime('ended_at')} AS ended_at,
           b.state, k.team_id
      FROM b LEFT JOIN k ON k.agent_id = b.agent_id__u
  ),
  d AS (${laterOf(['agent_id', 'started_at'])}),
  o_rows AS (
    SELECT e.* FROM agent_state_events e JOIN d ON e.tenant_id = app_current_tenant_id() AND e.agent_id = d.agent_id AND e.started_at = d.started_at
     WHERE d.problem IS NULL AND d.later IS NULL
  ),
  up AS (
    INSERT INTO agent_state_events AS cur (tenant_id, ${columns.join(', ')})
    SELECT app_current_tenant_id(), ${columns.join(', ')} FROM d WHERE d.problem IS NULL AND d.later IS NULL
    ON CONFLICT (tenant_id, agent_id, started_at) DO UPDATE SET ended_at = EXCLUDED.ended_at, state = EXCLUDED.state, team_id = EXCLUDED.team_id, updated_at = now()
      WHERE (cur.ended_at, cur.state, cur.team_id) IS DISTINCT FROM (EXCLUDED.ended_at, EXCLUDED.state, EXCLUDED.team_id)
    RETURNING cur.*, (cur.xmax = 0) AS inserted
  ),
  changed_o AS (SELECT o.* FROM o_rows o JOIN up u ON u.agent_id = o.agent_id AND u.started_at = o.started_at AND NOT u.inserted),
  deltas AS (
    ${stateHours('up', '')}
    UNION ALL
    ${stateHours('changed_o', '-')}
  ),
  roll AS (
    INSERT INTO agent_state_hourly AS h (tenant_id, team_id, hour, agent_id, ${STATE_COLUMNS.join(', ')})
    SELECT app_current_tenant_id(), team_id, hour, agent_id, ${STATE_COLUMNS.map((c) => `sum(${c})`).join(', ')}
      FROM deltas GROUP BY team_id, hour, agent_id
    ON CONFLICT (tenant_id, team_id, hour, agent_id) DO UPDATE SET ${STATE_COLUMNS.map((c) => `${c} = h.${c} + EXCLUDED.${c}`).join(', ')}
    RETURNING 1
  )
  ${finalSelect('up', 'd')}`;
  return { text, values: p };
}

/**
 * Ingest statements of one tenant run one at a time: each reads the rows it replaces before writing the
 * rollup difference, so two concurrent batches touching the same key must not interleave. Run this first
 * in the transaction (a lock taken inside the ingest statement would come after its snapshot).
 */
export const INGEST_LOCK: SqlStatement = { text: `SELECT pg_advisory_xact_lock(804500, hashtext(app_current_tenant_id()::text))`, values: [] };

/** Rollup cells whose every count went back to zero (all their rows moved away) are removed. */
export const PRUNE_EMPTY_CELLS: SqlStatement[] = [
  { text: `DELETE FROM interaction_hourly WHERE tenant_id = app_current_tenant_id() AND contacts = 0`, values: [] },
  {
    text: `DELETE FROM agent_state_hourly WHERE tenant_id = app_current_tenant_id() AND ${STATE_COLUMNS.map((c) => `${c} = 0`).join(' AND ')}`,
    values: [],
  },
];

/**
 * Recomputes a tenant's rollups from the raw rows (after a bulk load that bypassed the ingest statements,
 * e.g. `seed:bench`), in the open tenant transaction.
 */
export const REBUILD_ROLLUPS: SqlStatement[] = [
  { text: `DELETE FROM interaction_hourly WHERE tenant_id = app_current_tenant_id()`, values: [] },
  {
    text: `INSERT INTO interaction_hourly (tenant_id, team_id, hour, agent_key, channel, category, ${COUNT_COLUMNS.join(', ')})
      SELECT app_current_tenant_id(), team_id, hour, agent_key, channel, category, ${COUNT_COLUMNS.map((c) => `sum(${c})`).join(', ')}
        FROM (SELECT ${cellOf('i')}, ${contributions('')} FROM interactions i ${SURVEYS_OF_INTERACTION('i.id')}
               WHERE i.tenant_id = app_current_tenant_id()) c
       GROUP BY team_id, hour, agent_key, channel, category`,
    values: [],
  },
  { text: `DELETE FROM agent_state_hourly WHERE tenant_id = app_current_tenant_id()`, values: [] },
  {
    text: `WITH deltas AS (${stateHours('(SELECT * FROM agent_state_events WHERE tenant_id = app_current_tenant_id())', '')})
      INSERT INTO agent_state_hourly (tenant_id, team_id, hour, agent_id, ${STATE_COLUMNS.join(', ')})
      SELECT app_current_tenant_id(), team_id, hour, agent_id, ${STATE_COLUMNS.map((c) => `sum(${c})`).join(', ')}
        FROM deltas GROUP BY team_id, hour, agent_id`,
    values: [],
  },
];
