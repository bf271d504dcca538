import { Actor, Role, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { SingleBar } from 'cli-progress';
import { randomUUID } from 'node:crypto';
import { createWriteStream, WriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { COLUMNS, FIELDS, IngestKind, namedIds, Value } from '../ingest/ingest-rules';
import { BatchSource } from '../ingest/ingest-sql';
import { checkBatch, IngestRejection, IngestService, RawRow } from '../ingest.service';
import { BinaryCopyRows, uuidBytes } from './binary-copy';
import { fileRows, FileRows } from './file-rows';

export interface ImportOptions {
  tenantId: string;
  kind: IngestKind;
  file: string;
  /** Lines per chunk at most: one COPY and one write transaction per lane each (see FIRST_IMPORT_CHUNK). */
  chunkSize?: number;
  /** Draw a progress bar on stderr. */
  progress?: boolean;
  /** Tenant transactions writing side by side, each owning the rows whose key hashes to it (default 2). */
  lanes?: number;
  /**
   * Rows already read from `file` by a connector (help-desk exports), instead of reading it as CSV or
   * NDJSON of our fields; their `line` is what the rejected-rows file names.
   */
  rows?: FileRows;
  /** Where rejected rows go (default `<file>.rejected.csv`). */
  rejectFile?: string;
}

export interface ImportSummary {
  lines: number;
  /** Rows that passed the rules and were staged for writing. */
  staged: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejectFile: string | null;
  /** Wall-clock time of the whole import. */
  seconds: number;
  /** Time spent in COPY and in the upserts; they overlap (one chunk is copied while the one before is written). */
  copySeconds: number;
  upsertSeconds: number;
  rowsPerSecond: number;
}

const IMPORT_LOCK = 804501;
export const DEFAULT_IMPORT_CHUNK = 50000;
/**
 * The first chunk's lines; each chunk after it is twice the one before, up to the chunk size. Nothing is
 * written until the first chunk has been read, checked and copied: a whole 50,000-line chunk first kept
 * the database idle for about a fifth of a 200,000-line import. Large chunks after it keep each
 * transaction's fixed cost small.
 */
export const FIRST_IMPORT_CHUNK = 5000;
/** Two writers keep both cores of a small server busy; the database, not Node, is the bottleneck of an import. */
export const DEFAULT_IMPORT_LANES = 2;

/**
 * What deals a checked row to a lane. A chunk holds one version of each key (checkBatch keeps the last)
 * and lanes write one chunk at a time, so any dealing keeps two lanes off one row. Interactions go by
 * their rollup cell's team, agent and UTC hour (created_at, values[8], in ms): the new rows of the two
 * lanes then add to different cells, so neither waits for the other's commit to write its rollup; survey
 * responses and agent states (whose time spans several cells) go by their key.
 */
const LANE_KEY: Record<IngestKind, (values: readonly Value[]) => string> = {
  interactions: (v) => `${v[3] as string}\u0000${v[4] as string}\u0000${Math.floor((v[8] as number) / 3_600_000)}`,
  // values[0] is the rule verdict (`problem`); the survey's own key follows.
  surveys: (v) => `${v[1] as string}\u0000${v[2] as string}`,
  states: (v) => `${v[0] as string}\u0000${v[3] as number}`,
};

/** FNV-1a over the UTF-16 code units: spreads keys evenly over the lanes, the same way on every run. */
function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The actor the import runs as: an administrator of the tenant (it reads every agent and team). */
function importActor(tenantId: string): Actor {
  return {
    tenantId,
    userId: '00000000-0000-0000-0000-000000000000',
    role: Role.ADMIN,
    email: 'import@deskforce.local',
  };
}

/** A line that never reached the rules, or a row the rules refused. */
function rejectLine(out: WriteStream, line: number, field: string, message: string): void {
  out.write(`${line},${field},"${message.replace(/"/g, '""')}"\n`);
}

/**
 * The tables an import of each kind writes (rows and rollups), with the columns the KPI statements filter,
 * join and group on: fresh statistics of those are what the planner needs after a bulk load, and
 * analysing only them takes about a third of the time of whole tables (the other columns keep theirs
 * until autovacuum's next analyse).
 */
const ANALYZED_AFTER_IMPORT: Record<IngestKind, string> = {
  interactions:
    'interactions (tenant_id, team_id, agent_id, created_at, channel, category), ' +
    'interaction_hourly (tenant_id, team_id, hour, agent_key, channel, category)',
  surveys:
    'survey_responses (tenant_id, interaction_id, agent_id, responded_at), ' +
    'interaction_hourly (tenant_id, team_id, hour, agent_key, channel, category)',
  states:
    'agent_state_events (tenant_id, agent_id, team_id, started_at), agent_state_hourly (tenant_id, team_id, agent_id, hour)',
};

/**
 * `npm run import`: streams a CSV (with a header of field names) or NDJSON file (file-rows.ts) in chunks.
 * Each chunk is checked in TypeScript by the same rules as the GraphQL mutations (ingest-rules.ts), its
 * valid rows COPYed, typed, into the staging table, and written by the same statement as the mutations.
 * The rows of a chunk are dealt to lanes by a hash (LANE_KEY) and each lane writes its share in its own
 * tenant transaction, side by side (see INGEST_LOCK).
 * Reading, checking and COPY of a chunk overlap with the writes of the chunk before. Lines that cannot be
 * read and rows the rules refuse go to `<file>.rejected.csv` with their line number. Re-running after an
 * interruption is safe: committed chunks come back "unchanged", the rest is inserted; nothing is lost or
 * doubled because rows are keyed by their natural key.
 */
@Injectable()
export class InteractionImporter {
  constructor(
    private readonly db: TenantDatabase,
    private readonly ingest: IngestService,
  ) {}

  /**
   * COPY and the import's session lock go through one pooled connection held for the whole import (as
   * the connecting role: TenantDatabase.session); the writes run in tenant transactions of their own.
   */
  import(options: ImportOptions): Promise<ImportSummary> {
    return this.db.session((client) => this.importThrough(client, options));
  }

  private async importThrough(client: PoolClient, options: ImportOptions): Promise<ImportSummary> {
    const kind = options.kind;
    const fields = FIELDS[kind];
    const columns = COLUMNS[kind];
    const types = columns.map(([, t]) => t);
    const lanes = Math.max(1, Math.floor(options.lanes ?? DEFAULT_IMPORT_LANES));
    // Each lane stages its rows under its own import id and writes them in its own tenant transaction.
    const importIds = Array.from({ length: lanes }, () => randomUUID());
    const rejectFile = options.rejectFile ?? `${options.file}.rejected.csv`;
    const rejects = createWriteStream(rejectFile);
    rejects.write('line,field,message\n');
    const chunkSize = options.chunkSize ?? DEFAULT_IMPORT_CHUNK;
    const actor = importActor(options.tenantId);
    const tally = {
      lines: 0,
      staged: 0,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      done: 0,
      copyMs: 0,
      upsertMs: 0,
    };
    const started = Date.now();
    try {
      // One import per tenant at a time; holding the lock, leftovers of an interrupted import are cleared.
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked',
        [IMPORT_LOCK, options.tenantId],
      );
      if (!rows[0]!.locked) throw new Error('Another import is running for this organisation; try again when it ends.');
      await client.query('DELETE FROM import_staging WHERE tenant_id = $1', [options.tenantId]);

      const total = (await stat(options.file)).size;
      const bar = options.progress
        ? new SingleBar({ format: '[{bar}] {percentage}% | {rows} rows written | {rate} rows/s', hideCursor: true })
        : null;
      bar?.start(total, 0, { rows: 0, rate: 0 });
      const file = options.rows ?? fileRows(options.file, fields);

      // Agents and teams named so far (looked up once each, set-based, per chunk that names new ones).
      const agentTeam = new Map<string, string>();
      const teams = new Set<string>();
      const lookedUp = new Set<string>();
      const known = { agentTeam, teams };
      const agentPosition = fields.indexOf('agent_id');
      const teamPosition = fields.indexOf('team_id');
      const learn = async (batch: RawRow[]) => {
        const agents = namedIds(
          batch.map((r) => r.raw),
          agentPosition,
        ).filter((id) => !lookedUp.has(`a${id}`));
        const teamIds =
          teamPosition < 0
            ? []
            : namedIds(
                batch.map((r) => r.raw),
                teamPosition,
              ).filter((id) => !lookedUp.has(`t${id}`));
        if (agents.length === 0 && teamIds.length === 0) return;
        const found = await this.ingest.knownPeople(actor, agents, teamIds);
        for (const [agent, team] of found.agentTeam) agentTeam.set(agent, team);
        for (const team of found.teams) teams.add(team);
        for (const id of agents) lookedUp.add(`a${id}`);
        for (const id of teamIds) lookedUp.add(`t${id}`);
      };

      // The writes of the chunk before (one per lane), still running while the next one is read, checked and
      // copied; the COPY of a chunk is not waited for before reading the next (its writes wait for it).
      let writing: Promise<void> = Promise.resolve();
      let copying: Promise<void> = Promise.resolve();
      const tenantBytes = uuidBytes(options.tenantId);
      const importBytes = importIds.map(uuidBytes);
      const laneOf = LANE_KEY[kind];
      const flush = async (batch: RawRow[]) => {
        if (batch.length === 0) return;
        await learn(batch);
        const checked = checkBatch(kind, batch, known);
        const staged = new Array<number>(lanes).fill(0);
        const written = writing;
        if (checked.rows.length > 0) {
          const rows = new BinaryCopyRows(types);
          for (const r of checked.rows) {
            const lane = lanes === 1 ? 0 : hashKey(laneOf(r.values)) % lanes;
            staged[lane]!++;
            rows.add(tenantBytes, importBytes[lane]!, r.idx, r.values);
          }
          const copyStarted = Date.now();
          // One COPY at a time on the session (the one before has had a whole chunk's reading to finish).
          await copying;
          copying = pipeline(
            Readable.from(rows.finish()),
            client.query(
              copyFrom(
                `COPY import_staging (tenant_id, import_id, idx, ${columns.map(([c]) => c).join(', ')}) FROM STDIN (FORMAT binary)`,
              ),
            ),
          ).then(() => {
            tally.copyMs += Date.now() - copyStarted;
          });
          tally.staged += checked.rows.length;
        }
        const copied = copying;
        const range = { fromIdx: batch[0]!.idx, toIdx: batch[batch.length - 1]!.idx };
        // This chunk's writes start once it is copied and the chunk before is written.
        writing = Promise.all([copied, written]).then(async () => {
          const upsertStarted = Date.now();
          const lanesWritten = await Promise.all(
            importIds.map((id, lane) =>
              this.writeLane(
                kind,
                actor,
                { kind: 'staging', importId: id, ...range, staged: staged[lane]! },
                staged[lane]!,
              ),
            ),
          );
          tally.upsertMs += Date.now() - upsertStarted;
          const rejected = [...checked.rejected];
          for (const w of lanesWritten) {
            tally.inserted += w.inserted;
            tally.updated += w.updated;
            tally.unchanged += w.unchanged;
            rejected.push(...w.rejected);
          }
          tally.rejected += rejected.length;
          tally.done += checked.rows.length + checked.rejected.length;
          for (const r of rejected.sort((a, b) => a.index - b.index)) rejectLine(rejects, r.index, r.field, r.message);
          bar?.update(file.bytesRead(), {
            rows: tally.done,
            rate: Math.round(tally.done / ((Date.now() - started) / 1000)),
          });
          // Staged rows of a written chunk are no longer needed (queued behind the next COPY on this session).
          if (checked.rows.length > 0) {
            void client
              .query(
                'DELETE FROM import_staging WHERE tenant_id = $1 AND import_id = ANY($2::uuid[]) AND idx BETWEEN $3 AND $4',
                [options.tenantId, importIds, range.fromIdx, range.toIdx],
              )
              .catch(() => undefined);
          }
        });
        // Surface a failed write at once rather than after the next chunk.
        writing.catch(() => undefined);
        // At most two chunks ahead of the writes: this one copying, the next one being read.
        await written;
      };

      let batch: RawRow[] = [];
      let limit = Math.min(chunkSize, FIRST_IMPORT_CHUNK);
      for await (const row of file.rows) {
        if ('problem' in row) {
          rejectLine(rejects, row.line, row.field ?? 'line', row.problem);
          tally.rejected++;
          continue;
        }
        batch.push({ idx: row.line, raw: row.raw });
        if (batch.length >= limit) {
          await flush(batch);
          batch = [];
          limit = Math.min(chunkSize, limit * 2);
        }
      }
      tally.lines = file.linesRead();
      await flush(batch);
      await writing;
      bar?.update(total, { rows: tally.done, rate: Math.round(tally.done / ((Date.now() - started) / 1000)) });
      bar?.stop();
      await client.query('DELETE FROM import_staging WHERE tenant_id = $1 AND import_id = ANY($2::uuid[])', [
        options.tenantId,
        importIds,
      ]);
      // After a bulk load, fresh planner statistics (as after any ETL): until autovacuum gets to it, the
      // tenant's new rows are unknown to the planner, which then plans KPI joins as if it had none.
      if (tally.inserted > 0) await client.query(`ANALYZE ${ANALYZED_AFTER_IMPORT[kind]}`);
      const seconds = (Date.now() - started) / 1000;
      return {
        lines: tally.lines,
        staged: tally.staged,
        inserted: tally.inserted,
        updated: tally.updated,
        unchanged: tally.unchanged,
        rejected: tally.rejected,
        rejectFile: tally.rejected > 0 ? rejectFile : null,
        seconds,
        copySeconds: tally.copyMs / 1000,
        upsertSeconds: tally.upsertMs / 1000,
        rowsPerSecond: Math.round(tally.done / seconds),
      };
    } finally {
      await new Promise<void>((resolve) => rejects.end(() => resolve()));
      await client.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
    }
  }

  /** One lane's share of a chunk in one tenant transaction: its counts and what only SQL could refuse. */
  private async writeLane(
    kind: IngestKind,
    actor: Actor,
    source: BatchSource,
    staged: number,
  ): Promise<{ inserted: number; updated: number; unchanged: number; rejected: IngestRejection[] }> {
    if (staged === 0) return { inserted: 0, updated: 0, unchanged: 0, rejected: [] };
    // An import is not a request: a chunk may take longer than a request's statement timeout.
    const written = await this.db.transaction(actor.tenantId, () => this.ingest.write(actor, kind, source, 'shared'), {
      statementTimeoutMs: 0,
    });
    const valid = kind === 'surveys' ? written.valid : staged;
    return {
      inserted: written.inserted,
      updated: written.updated,
      unchanged: valid - written.inserted - written.updated,
      rejected: written.rejected,
    };
  }
}
