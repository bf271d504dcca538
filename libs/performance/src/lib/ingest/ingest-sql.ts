import { CONTRIBUTIONS, NO_AGENT, SqlStatement, SURVEYS_OF_INTERACTION } from '../kpi/kpi-sql';
import { COUNT_COLUMNS, InteractionCounts } from '../kpi/metrics';
import { COLUMNS, IngestKind } from './ingest-rules';

/**
 * Set-based ingest of rows already checked by ingest-rules.ts (typed and valid; for interactions and
 * states also without repeated keys): one statement per batch writes the new rows, updates the changed
 * ones (an identical re-sent row writes nothing and counts as unchanged) and applies the difference to
 * the hourly rollups, all in the caller's transaction. The same statements serve the GraphQL mutations
 * (rows from a jsonb parameter) and the import command (rows from its staging table).
 *
 * Source rows carry `idx` (the batch index or the file's line number) and the typed columns of
 * `COLUMNS[kind]`.
 */

/** Where the batch comes from: a jsonb array parameter, or a range of line numbers of the import's staging table. */
export type BatchSource = { kind: 'json'; rows: string } | { kind: 'staging'; importId: string; fromIdx: number; toIdx: number };

function typedRows(kind: IngestKind, source: BatchSource, p: unknown[]): string {
  const columns = COLUMNS[kind];
  if (source.kind === 'json') {
    p.push(source.rows);
    return `SELECT * FROM jsonb_to_recordset($${p.length}::jsonb) AS x(idx bigint, ${columns.map(([c, t]) => `${c} ${t}`).join(', ')})`;
  }
  p.push(source.importId, source.fromIdx, source.toIdx);
  return `SELECT idx, ${columns.map(([c]) => c).join(', ')} FROM import_staging
           WHERE tenant_id = app_current_tenant_id() AND import_id = $${p.length - 2} AND idx BETWEEN $${p.length - 1} AND $${p.length}`;
}

const cellOf = (i: string) =>
  `${i}.team_id, date_trunc('hour', ${i}.created_at, 'UTC') AS hour, coalesce(${i}.agent_id, '${NO_AGENT}'::uuid) AS agent_key, ${i}.channel, coalesce(${i}.category, '') AS category`;

/** What each row adds to (or, with '-', takes from) its rollup cell; a new interaction has no surveys yet. */
const contributions = (sign: '' | '-', surveys = true) =>
  COUNT_COLUMNS.map((c: keyof InteractionCounts) => `${sign}(${surveys || !/^(csat|nps)_/.test(c) ? CONTRIBUTIONS[c] : '0'})::bigint AS ${c}`).join(', ');

const CELL_KEY = ['team_id', 'hour', 'agent_key', 'channel', 'category'];

/**
 * Adds the summed deltas of `cellsCte` (team_id, hour, agent_key, channel, category, counts…) to the
 * rollup (ON CONFLICT: an index look-up per cell by construction), returning each touched cell's key and
 * new contact count. Cells left without contacts are removed afterwards by PRUNE_CELLS (see `emptiedCells`).
 */
function applyInteractionDeltas(cellsCte: string): string {
  return `INSERT INTO interaction_hourly AS h (tenant_id, ${CELL_KEY.join(', ')}, ${COUNT_COLUMNS.join(', ')})
    SELECT app_current_tenant_id(), ${CELL_KEY.join(', ')}, ${COUNT_COLUMNS.map((c) => `sum(${c})`).join(', ')}
      FROM ${cellsCte} GROUP BY ${CELL_KEY.join(', ')}
    HAVING NOT (${COUNT_COLUMNS.map((c) => `sum(${c}) = 0`).join(' AND ')})
    ORDER BY ${CELL_KEY.join(', ')}
    ON CONFLICT (tenant_id, ${CELL_KEY.join(', ')})
    DO UPDATE SET ${COUNT_COLUMNS.map((c) => `${c} = h.${c} + EXCLUDED.${c}`).join(', ')}
    RETURNING ${CELL_KEY.map((k) => `h.${k}`).join(', ')}, h.contacts = 0 AS emptied`;
}

/** The keys of rollup cells this statement left empty, as a jsonb array (NULL when none), for PRUNE_CELLS. */
const emptiedCells = (rollCte: string, key: readonly string[]) =>
  `(SELECT jsonb_agg(jsonb_build_object(${key.map((k) => `'${k}', ${k}`).join(', ')})) FROM ${rollCte} WHERE emptied) AS emptied`;

const INTERACTION_COLUMNS = COLUMNS.interactions.map(([c]) => c);
/** Everything but the key (source, external_id): what an update may change. */
const INTERACTION_VALUES = INTERACTION_COLUMNS.slice(2);
/** The columns CONTRIBUTIONS and cellOf read. */
const CELL_INPUTS =
  'team_id, created_at, agent_id, channel, category, abandoned_at, first_response_ms, resolution_ms, contacts_to_resolve, escalated_to, reopen_count, handle_time_s, complaint, answered_at, wait_ms';

/** A look-up by key that PostgreSQL runs as one index probe per row (LIMIT keeps it from becoming a join). */
const probe = (select: string, from: string, where: string) => `LEFT JOIN LATERAL (SELECT ${select} FROM ${from} WHERE ${where} LIMIT 1)`;

/**
 * Interactions: each row's key is probed once; new keys are inserted by a plain INSERT (no speculative
 * insertion; tenant ingests are serialised by INGEST_LOCK and the import's lanes hold disjoint keys, so
 * no other writer can take the key meanwhile, and no survey can rate a new row yet), existing ones
 * updated where they differ. The rollup gets the new
 * rows, plus the new minus the old version of each updated one (read back by id: within the statement the
 * table still shows the old version). Every look-up goes through an index whatever the planner guesses
 * about the batch. Returns one row { inserted, updated, emptied }.
 */
export function ingestInteractions(source: BatchSource): SqlStatement {
  const p: unknown[] = [];
  const text = `WITH b AS MATERIALIZED (
    SELECT s.*, x.id AS existing FROM (${typedRows('interactions', source, p)}) s
    ${probe('i.id', 'interactions i', 'i.tenant_id = app_current_tenant_id() AND i.source = s.source AND i.external_id = s.external_id')} x ON true
  ),
  ins AS (
    INSERT INTO interactions (tenant_id, ${INTERACTION_COLUMNS.join(', ')})
    SELECT app_current_tenant_id(), ${INTERACTION_COLUMNS.map((c) => `b.${c}`).join(', ')} FROM b WHERE b.existing IS NULL
    RETURNING ${CELL_INPUTS}
  ),
  upd AS (
    UPDATE interactions AS cur SET ${INTERACTION_VALUES.map((c) => `${c} = b.${c}`).join(', ')}, updated_at = now()
      FROM b
     WHERE cur.tenant_id = app_current_tenant_id() AND cur.id = b.existing
       AND (${INTERACTION_VALUES.map((c) => `cur.${c}`).join(', ')}) IS DISTINCT FROM (${INTERACTION_VALUES.map((c) => `b.${c}`).join(', ')})
    RETURNING cur.id, ${CELL_INPUTS.split(', ').map((c) => `cur.${c}`).join(', ')}
  ),
  cells AS (
    SELECT ${cellOf('i')}, ${contributions('', false)} FROM ins i
    UNION ALL
    SELECT ${cellOf('i')}, ${contributions('')} FROM upd i ${SURVEYS_OF_INTERACTION('i.id')}
    UNION ALL
    SELECT ${cellOf('i')}, ${contributions('-')}
      FROM upd u CROSS JOIN LATERAL (SELECT * FROM interactions o WHERE o.tenant_id = app_current_tenant_id() AND o.id = u.id LIMIT 1) i
      ${SURVEYS_OF_INTERACTION('i.id')}
  ),
  roll AS (${applyInteractionDeltas('cells')})
  SELECT (SELECT count(*) FROM ins)::int AS inserted, (SELECT count(*) FROM upd)::int AS updated, ${emptiedCells('roll', CELL_KEY)}`;
  return { text, values: p };
}

/** The earlier of two valid rows with the same key gets `later`: the index of the last one, which wins. */
function laterOf(key: string[]): string {
  const last = `max(v.idx) OVER (PARTITION BY v.problem IS NULL, ${key.map((k) => `v.${k}`).join(', ')})`;
  return `SELECT v.*, CASE WHEN v.problem IS NULL AND v.idx < ${last} THEN ${last} END AS later FROM v`;
}

/**
 * Survey responses: the interaction each one rates is looked up here (a row naming none is refused
 * first, before the rules checked in TypeScript, whose verdict travels as `problem`); then as
 * interactions. Returns a 'summary' row { inserted, updated, valid } and one 'rejected' row per refusal.
 */
export function ingestSurveys(source: BatchSource): SqlStatement {
  const p: unknown[] = [];
  const columns = ['source', 'external_id', 'interaction_id', 'agent_id', 'csat', 'nps', 'comment', 'responded_at'];
  const zero = COUNT_COLUMNS.filter((c) => !c.startsWith('csat_') && !c.startsWith('nps_')).map((c) => `0::bigint AS ${c}`);
  const surveyCounts = (sign: '' | '-', x: string) => [
    `${sign}(${x}.csat IS NOT NULL)::int::bigint AS csat_responses`,
    `${sign}(coalesce(${x}.csat >= 4, false))::int::bigint AS csat_satisfied`,
    `${sign}(${x}.nps IS NOT NULL)::int::bigint AS nps_responses`,
    `${sign}(coalesce(${x}.nps >= 9, false))::int::bigint AS nps_promoters`,
    `${sign}(coalesce(${x}.nps <= 6, false))::int::bigint AS nps_detractors`,
  ];
  const text = `WITH b AS MATERIALIZED (${typedRows('surveys', source, p)}),
  v AS (
    SELECT b.idx, CASE WHEN i.id IS NULL THEN 'interactionExternalId|names no interaction of this organisation (send the interaction first)' ELSE b.problem END AS problem,
           b.source, b.external_id, i.id AS interaction_id, b.agent_id, b.csat, b.nps, b.comment, b.responded_at
      FROM b ${probe('i.id', 'interactions i', 'i.tenant_id = app_current_tenant_id() AND i.source = b.interaction_source AND i.external_id = b.interaction_external_id')} i ON true
  ),
  d AS (${laterOf(['source', 'external_id'])}),
  up AS (
    INSERT INTO survey_responses AS cur (tenant_id, ${columns.join(', ')})
    SELECT app_current_tenant_id(), ${columns.join(', ')} FROM d WHERE d.problem IS NULL AND d.later IS NULL
    ON CONFLICT (tenant_id, source, external_id) DO UPDATE SET ${columns.slice(2).map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, updated_at = now()
      WHERE (${columns.slice(2).map((c) => `cur.${c}`).join(', ')}) IS DISTINCT FROM (${columns.slice(2).map((c) => `EXCLUDED.${c}`).join(', ')})
    RETURNING cur.*, (cur.xmax = 0) AS inserted
  ),
  cells AS (
    SELECT ${cellOf('i')}, ${[...zero, ...surveyCounts('', 'u')].join(', ')}
      FROM up u CROSS JOIN LATERAL (SELECT * FROM interactions x WHERE x.tenant_id = app_current_tenant_id() AND x.id = u.interaction_id LIMIT 1) i
    UNION ALL
    SELECT ${cellOf('i')}, ${[...zero, ...surveyCounts('-', 'o')].join(', ')}
      FROM up u
      CROSS JOIN LATERAL (SELECT * FROM survey_responses x WHERE x.tenant_id = app_current_tenant_id() AND x.id = u.id LIMIT 1) o
      CROSS JOIN LATERAL (SELECT * FROM interactions x WHERE x.tenant_id = app_current_tenant_id() AND x.id = o.interaction_id LIMIT 1) i
     WHERE NOT u.inserted
  ),
  roll AS (${applyInteractionDeltas('cells')})
  SELECT 'summary' AS kind, NULL::bigint AS idx, NULL::text AS problem,
         (SELECT count(*) FROM up WHERE inserted)::int AS inserted,
         (SELECT count(*) FROM up WHERE NOT inserted)::int AS updated,
         (SELECT count(*) FROM d WHERE problem IS NULL AND later IS NULL)::int AS valid, ${emptiedCells('roll', CELL_KEY)}
  UNION ALL
  SELECT 'rejected', d.idx, coalesce(d.problem, 'externalId|is repeated further on (at ' || d.later || '); the last one is kept'), NULL, NULL, NULL, NULL
    FROM d WHERE d.problem IS NOT NULL OR d.later IS NOT NULL`;
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

/** Agent state events, keyed by (agent, start): as interactions, with the state-time rollup. Returns { inserted, updated }. */
export function ingestStates(source: BatchSource): SqlStatement {
  const p: unknown[] = [];
  const columns = ['agent_id', 'started_at', 'ended_at', 'state', 'team_id'];
  const key = ['team_id', 'hour', 'agent_id'];
  const text = `WITH b AS MATERIALIZED (${typedRows('states', source, p)}),
  up AS (
    INSERT INTO agent_state_events AS cur (tenant_id, ${columns.join(', ')})
    SELECT app_current_tenant_id(), ${columns.join(', ')} FROM b
    ON CONFLICT (tenant_id, agent_id, started_at) DO UPDATE SET ended_at = EXCLUDED.ended_at, state = EXCLUDED.state, team_id = EXCLUDED.team_id, updated_at = now()
      WHERE (cur.ended_at, cur.state, cur.team_id) IS DISTINCT FROM (EXCLUDED.ended_at, EXCLUDED.state, EXCLUDED.team_id)
    RETURNING cur.*, (cur.xmax = 0) AS inserted
  ),
  changed_o AS (
    SELECT o.* FROM up u
     CROSS JOIN LATERAL (SELECT * FROM agent_state_events x WHERE x.tenant_id = app_current_tenant_id() AND x.agent_id = u.agent_id AND x.started_at = u.started_at LIMIT 1) o
     WHERE NOT u.inserted
  ),
  deltas AS (
    ${stateHours('up', '')}
    UNION ALL
    ${stateHours('changed_o', '-')}
  ),
  roll AS (
    INSERT INTO agent_state_hourly AS h (tenant_id, ${key.join(', ')}, ${STATE_COLUMNS.join(', ')})
    SELECT app_current_tenant_id(), ${key.join(', ')}, ${STATE_COLUMNS.map((c) => `sum(${c})`).join(', ')}
      FROM deltas GROUP BY ${key.join(', ')}
    HAVING NOT (${STATE_COLUMNS.map((c) => `sum(${c}) = 0`).join(' AND ')})
    ORDER BY ${key.join(', ')}
    ON CONFLICT (tenant_id, ${key.join(', ')}) DO UPDATE SET ${STATE_COLUMNS.map((c) => `${c} = h.${c} + EXCLUDED.${c}`).join(', ')}
    RETURNING ${key.map((k) => `h.${k}`).join(', ')}, (${STATE_COLUMNS.map((c) => `h.${c} = 0`).join(' AND ')}) AS emptied
  )
  SELECT (SELECT count(*) FROM up WHERE inserted)::int AS inserted, (SELECT count(*) FROM up WHERE NOT inserted)::int AS updated, ${emptiedCells('roll', key)}`;
  return { text, values: p };
}

export const INGEST_STATEMENTS: Record<IngestKind, (source: BatchSource) => SqlStatement> = {
  interactions: ingestInteractions,
  surveys: ingestSurveys,
  states: ingestStates,
};

/**
 * Ingest statements of one tenant run one at a time: each reads the rows it replaces before writing the
 * rollup difference, so two concurrent batches touching the same key must not interleave. Run this first
 * in the transaction (a lock taken inside the ingest statement would come after its snapshot).
 *
 * The import's lanes take the lock shared: they run side by side because the import deals each key to
 * one lane only (so no two of them touch one row), and every statement adds to the rollup cells in key
 * order (ORDER BY above), so two lanes wait for each other's cells but never deadlock. Rollup cells only
 * ever get differences added (`h.x + EXCLUDED.x`), which commute.
 */
export const INGEST_LOCK = (mode: 'exclusive' | 'shared'): SqlStatement => ({
  text: `SELECT pg_advisory_xact_lock${mode === 'shared' ? '_shared' : ''}(804500, hashtext(app_current_tenant_id()::text))`,
  values: [],
});

/**
 * Removes the rollup cells an ingest statement left empty (every contact, or all the state time, moved
 * away), given the `emptied` keys it returned; only those cells are looked at.
 */
export const PRUNE_CELLS: Record<IngestKind, (emptied: string) => SqlStatement> = {
  interactions: (emptied) => pruneInteractionCells(emptied),
  surveys: (emptied) => pruneInteractionCells(emptied),
  states: (emptied) => ({
    text: `DELETE FROM agent_state_hourly h USING jsonb_to_recordset($1::jsonb) AS e(team_id uuid, hour timestamptz, agent_id uuid)
            WHERE h.tenant_id = app_current_tenant_id() AND h.team_id = e.team_id AND h.hour = e.hour AND h.agent_id = e.agent_id
              AND ${STATE_COLUMNS.map((c) => `h.${c} = 0`).join(' AND ')}`,
    values: [emptied],
  }),
};

function pruneInteractionCells(emptied: string): SqlStatement {
  return {
    text: `DELETE FROM interaction_hourly h USING jsonb_to_recordset($1::jsonb) AS e(team_id uuid, hour timestamptz, agent_key uuid, channel text, category text)
            WHERE h.tenant_id = app_current_tenant_id() AND ${CELL_KEY.map((k) => `h.${k} = e.${k}`).join(' AND ')} AND h.contacts = 0`,
    values: [emptied],
  };
}

/**
 * Recomputes a tenant's rollups from the raw rows (after a bulk load that bypassed the ingest statements,
 * e.g. `seed:bench` and the demo seed), in the open tenant transaction. Surveys are summed per interaction
 * once and joined (a look-up per interaction took most of the time).
 */
export const REBUILD_ROLLUPS: SqlStatement[] = [
  { text: `DELETE FROM interaction_hourly WHERE tenant_id = app_current_tenant_id()`, values: [] },
  {
    text: `INSERT INTO interaction_hourly (tenant_id, team_id, hour, agent_key, channel, category, ${COUNT_COLUMNS.join(', ')})
      SELECT app_current_tenant_id(), team_id, hour, agent_key, channel, category, ${COUNT_COLUMNS.map((c) => `sum(${c})`).join(', ')}
        FROM (SELECT ${cellOf('i')}, ${contributions('')}
                FROM interactions i
                LEFT JOIN (SELECT sr.interaction_id, count(sr.csat) AS csat_responses, count(*) FILTER (WHERE sr.csat >= 4) AS csat_satisfied,
                                  count(sr.nps) AS nps_responses, count(*) FILTER (WHERE sr.nps >= 9) AS nps_promoters,
                                  count(*) FILTER (WHERE sr.nps <= 6) AS nps_detractors
                             FROM survey_responses sr WHERE sr.tenant_id = app_current_tenant_id() GROUP BY sr.interaction_id) s ON s.interaction_id = i.id
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
