import { AgentService, TeamService } from '@deskforce/people';
import { Actor, Sql, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import {
  CHECKS,
  FIELDS,
  fieldName,
  IngestKind,
  isProblem,
  KEY_OF,
  KnownPeople,
  namedIds,
  REPEATED,
} from './ingest/ingest-rules';
import { BatchSource, BatchWritten, CheckedRow, ingestLock, writeBatch } from './ingest/ingest-sql';
import { PerformanceRepository } from './kpi.repository';
import { TeamCalendarService } from './team-calendar.service';

export interface IngestRejection {
  /** Batch index (GraphQL) or line number (import). */
  index: number;
  /** camelCase field name, e.g. resolvedAt. */
  field: string;
  message: string;
}

export interface IngestResult {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: IngestRejection[];
}

/** One row as text fields in `FIELDS[kind]` order (null: absent), with its index or line number. */
export interface RawRow {
  idx: number;
  raw: (string | null)[];
}

/** A batch after the rules: typed rows for the database (in `COLUMNS[kind]` order) and the rows refused. */
export interface CheckedBatch {
  rows: CheckedRow[];
  rejected: IngestRejection[];
}

/**
 * Runs the rules of `kind` on every row, then refuses the earlier of two valid rows with the same key (the
 * last one wins). Pure: the GraphQL mutations and the import command both go through it.
 */
export function checkBatch(kind: IngestKind, batch: readonly RawRow[], known: KnownPeople): CheckedBatch {
  const check = CHECKS[kind];
  const valid: CheckedRow[] = [];
  const rejected: IngestRejection[] = [];
  for (const { idx, raw } of batch) {
    const result = check(raw, known);
    if (isProblem(result)) rejected.push({ index: idx, ...result });
    else valid.push({ idx, values: result });
  }
  const keyOf = KEY_OF[kind];
  if (!keyOf) return { rows: valid, rejected };
  const last = new Map<string, number>();
  for (const row of valid) last.set(keyOf(row.values), row.idx);
  const rows: CheckedBatch['rows'] = [];
  for (const row of valid) {
    const later = last.get(keyOf(row.values))!;
    if (later === row.idx) rows.push(row);
    else rejected.push({ index: row.idx, ...REPEATED[kind](later) });
  }
  return { rows, rejected };
}

const FIELD_NAMES: Record<IngestKind, readonly string[]> = {
  interactions: FIELDS.interactions.map(fieldName),
  surveys: FIELDS.surveys.map(fieldName),
  states: FIELDS.states.map(fieldName),
};

/** A GraphQL input row as text fields in `FIELDS[kind]` order (dates as ISO 8601, numbers and booleans as text). */
export function rawRowOf(kind: IngestKind, row: object, idx: number): RawRow {
  const record = row as Record<string, unknown>;
  const names = FIELD_NAMES[kind];
  const raw = new Array<string | null>(names.length);
  for (let f = 0; f < names.length; f++) {
    const value = record[names[f]!];
    raw[f] = value === undefined || value === null ? null : value instanceof Date ? value.toISOString() : String(value);
  }
  return { idx, raw };
}

/**
 * Batches of interactions, survey responses and agent states, for GraphQL and for the import command.
 * One transaction per batch: valid rows land, rejected ones are listed, re-sending changes nothing.
 */
@Injectable()
export class IngestService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly repository: PerformanceRepository,
    private readonly agents: AgentService,
    private readonly teams: TeamService,
    private readonly calendars: TeamCalendarService,
  ) {}

  ingest(actor: Actor, kind: IngestKind, rows: readonly object[]): Promise<IngestResult> {
    const batch = rows.map((row, i) => rawRowOf(kind, row, i));
    return this.db.transaction(actor.tenantId, async () => {
      const known = await this.knownPeople(
        actor,
        namedIds(
          batch.map((r) => r.raw),
          FIELDS[kind].indexOf('agent_id'),
        ),
        kind === 'interactions'
          ? namedIds(
              batch.map((r) => r.raw),
              FIELDS[kind].indexOf('team_id'),
            )
          : [],
      );
      const checked = checkBatch(kind, batch, known);
      const written =
        checked.rows.length > 0
          ? await this.write(actor, kind, { kind: 'rows', rows: checked.rows })
          : { inserted: 0, updated: 0, valid: 0, rejected: [] };
      const valid = kind === 'surveys' ? written.valid : checked.rows.length;
      return {
        inserted: written.inserted,
        updated: written.updated,
        unchanged: valid - written.inserted - written.updated,
        rejected: [...checked.rejected, ...written.rejected].sort((a, b) => a.index - b.index),
      };
    });
  }

  /**
   * The agents (with their current team) and teams of the actor's organisation among those named; one
   * set-based look-up per batch through the people library (agents and teams are never deleted).
   */
  async knownPeople(actor: Actor, agentIds: readonly string[], teamIds: readonly string[]): Promise<KnownPeople> {
    const agents = agentIds.length ? await this.agents.byIds(actor, agentIds) : [];
    const teams = teamIds.length ? await this.teams.byIds(actor, teamIds) : [];
    return {
      agentTeam: new Map(agents.filter((a) => a !== null).map((a) => [a!.id.toLowerCase(), a!.teamId.toLowerCase()])),
      teams: new Set(teams.filter((t) => t !== null).map((t) => t!.id.toLowerCase())),
    };
  }

  /**
   * In the open tenant transaction: writes checked rows from `source`. `valid` counts the rows that could
   * be written (for surveys, after the interaction look-up); `rejected` lists what only SQL can refuse.
   * Contacts get their business times from their team's calendar as it is now (read after the lock).
   */
  async write(
    actor: Actor,
    kind: IngestKind,
    source: BatchSource,
    lock: 'exclusive' | 'shared' = 'exclusive',
  ): Promise<BatchWritten> {
    const tenantId = this.repository.tenantId;
    const run = <T extends object>(statement: Sql) => this.repository.many<T>(statement);
    await run(ingestLock(tenantId, lock));
    const calendars = kind === 'interactions' ? await this.calendars.compiledForIngest(actor) : undefined;
    return writeBatch(run, tenantId, kind, source, new Date(), calendars);
  }
}
