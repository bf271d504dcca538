import { Actor, Role, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { SingleBar } from 'cli-progress';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, WriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { COLUMNS, FIELDS, fieldName, IngestKind, namedIds, Value } from '../ingest/ingest-rules';
import { timestampText } from '../ingest/text-values';
import { checkBatch, IngestRejection, IngestService, RawRow } from '../ingest.service';
import { copyText, CsvRecords } from './csv-records';

export interface ImportOptions {
  tenantId: string;
  kind: IngestKind;
  file: string;
  /** The connection for COPY (the connecting role; the upserts run as the request role in the tenant). */
  databaseUrl: string;
  /** Lines per chunk: one COPY and one upsert transaction each. */
  chunkSize?: number;
  /** Draw a progress bar on stderr. */
  progress?: boolean;
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

/** The actor the import runs as: an administrator of the tenant (it reads every agent and team). */
function importActor(tenantId: string): Actor {
  return { tenantId, userId: '00000000-0000-0000-0000-000000000000', role: Role.ADMIN, email: 'import@deskforce.local' };
}

/** A line that never reached the rules, or a row the rules refused. */
function rejectLine(out: WriteStream, line: number, field: string, message: string): void {
  out.write(`${line},${field},"${message.replace(/"/g, '""')}"\n`);
}

/** Typed values as one line of COPY text (tab-separated, \N for null). */
function copyLine(prefix: string, idx: number, values: readonly Value[], types: readonly string[]): string {
  let line = `${prefix}${idx}`;
  for (let c = 0; c < values.length; c++) {
    const v = values[c];
    if (v === null || v === undefined) line += '\t\\N';
    else if (types[c] === 'timestamptz') line += `\t${timestampText(v as number)}`;
    else if (typeof v === 'boolean') line += v ? '\tt' : '\tf';
    else if (typeof v === 'number') line += `\t${v}`;
    else line += `\t${copyText(v)}`;
  }
  return line;
}

/**
 * `npm run import`: streams a CSV (with a header of field names) or NDJSON file in chunks of lines. Each
 * chunk is checked in TypeScript by the same rules as the GraphQL mutations (ingest-rules.ts), its valid
 * rows COPYed, typed, into the staging table, and written by the same statement as the mutations in one
 * tenant transaction. Reading, checking and COPY of a chunk overlap with the write of the chunk before
 * (two database sessions, two cores). Lines that cannot be read and rows the rules refuse go to
 * `<file>.rejected.csv` with their line number. Re-running after an interruption is safe: committed chunks
 * come back "unchanged", the rest is inserted; nothing is lost or doubled because rows are keyed by their
 * natural key.
 */
@Injectable()
export class InteractionImporter {
  constructor(
    private readonly db: TenantDatabase,
    private readonly ingest: IngestService,
  ) {}

  async import(options: ImportOptions): Promise<ImportSummary> {
    const kind = options.kind;
    const fields = FIELDS[kind];
    const columns = COLUMNS[kind];
    const types = columns.map(([, t]) => t);
    const importId = randomUUID();
    const rejectFile = `${options.file}.rejected.csv`;
    const rejects = createWriteStream(rejectFile);
    rejects.write('line,field,message\n');
    const chunkSize = options.chunkSize ?? DEFAULT_IMPORT_CHUNK;
    const actor = importActor(options.tenantId);
    const client = new Client({ connectionString: options.databaseUrl, application_name: 'deskforce-import' });
    await client.connect();
    const tally = { lines: 0, staged: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, done: 0, copyMs: 0, upsertMs: 0 };
    const started = Date.now();
    try {
      // One import per tenant at a time; holding the lock, leftovers of an interrupted import are cleared.
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', [IMPORT_LOCK, options.tenantId]);
      if (!rows[0]!.locked) throw new Error('Another import is running for this organisation; try again when it ends.');
      await client.query('DELETE FROM import_staging WHERE tenant_id = $1', [options.tenantId]);

      const total = (await stat(options.file)).size;
      const bar = options.progress ? new SingleBar({ format: '[{bar}] {percentage}% | {rows} rows written | {rate} rows/s', hideCursor: true }) : null;
      bar?.start(total, 0, { rows: 0, rate: 0 });
      let bytes = 0;

      // Agents and teams named so far (looked up once each, set-based, per chunk that names new ones).
      const agentTeam = new Map<string, string>();
      const teams = new Set<string>();
      const lookedUp = new Set<string>();
      const known = { agentTeam, teams };
      const agentPosition = fields.indexOf('agent_id');
      const teamPosition = fields.indexOf('team_id');
      const learn = async (batch: RawRow[]) => {
        const agents = namedIds(batch.map((r) => r.raw), agentPosition).filter((id) => !lookedUp.has(`a${id}`));
        const teamIds = teamPosition < 0 ? [] : namedIds(batch.map((r) => r.raw), teamPosition).filter((id) => !lookedUp.has(`t${id}`));
        if (agents.length === 0 && teamIds.length === 0) return;
        const found = await this.ingest.knownPeople(actor, agents, teamIds);
        for (const [agent, team] of found.agentTeam) agentTeam.set(agent, team);
        for (const team of found.teams) teams.add(team);
        for (const id of agents) lookedUp.add(`a${id}`);
        for (const id of teamIds) lookedUp.add(`t${id}`);
      };

      // The write of the chunk before, still running while the next one is read, checked and copied.
      let writing: Promise<void> = Promise.resolve();
      const prefix = `${options.tenantId}\t${importId}\t`;
      const flush = async (batch: RawRow[]) => {
        if (batch.length === 0) return;
        await learn(batch);
        const checked = checkBatch(kind, batch, known);
        if (checked.rows.length > 0) {
          const text = checked.rows.map((r) => copyLine(prefix, r.idx, r.values, types)).join('\n') + '\n';
          const copyStarted = Date.now();
          await pipeline(Readable.from([text]), client.query(copyFrom(`COPY import_staging (tenant_id, import_id, idx, ${columns.map(([c]) => c).join(', ')}) FROM STDIN`)));
          tally.copyMs += Date.now() - copyStarted;
          tally.staged += checked.rows.length;
        }
        await writing;
        const range = { fromIdx: batch[0]!.idx, toIdx: batch[batch.length - 1]!.idx };
        writing = this.writeChunk(kind, actor, importId, range, checked.rows.length, checked.rejected, tally).then((rejected) => {
          for (const r of rejected) rejectLine(rejects, r.index, r.field, r.message);
          bar?.update(bytes, { rows: tally.done, rate: Math.round(tally.done / ((Date.now() - started) / 1000)) });
          // Staged rows of a written chunk are no longer needed (queued behind the next COPY on this session).
          if (checked.rows.length > 0) void client.query('DELETE FROM import_staging WHERE tenant_id = $1 AND import_id = $2 AND idx BETWEEN $3 AND $4', [options.tenantId, importId, range.fromIdx, range.toIdx]).catch(() => undefined);
        });
        // Surface a failed write at once rather than after the next chunk.
        writing.catch(() => undefined);
      };

      const json = /\.(nd)?jsonl?$/i.test(options.file);
      const input = createReadStream(options.file, { encoding: 'utf8', highWaterMark: 1 << 20 });
      const reader = createInterface({ input, crlfDelay: Infinity });
      const csv = new CsvRecords();
      let header: number[] | null = null;
      let batch: RawRow[] = [];
      for await (const line of reader) {
        const lineNo = ++tally.lines;
        bytes += line.length + 1;
        let raw: (string | null)[] | null = null;
        let idx = lineNo;
        if (json) {
          if (line.trim() === '') continue;
          const values = parseJsonLine(line, fields);
          if (typeof values === 'string') {
            rejectLine(rejects, lineNo, 'line', values);
            tally.rejected++;
            continue;
          }
          raw = values;
        } else {
          const record = csv.push(line, lineNo);
          if (!record) continue;
          if (!header) {
            header = headerColumns(record.fields, fields);
            continue;
          }
          if (record.fields.length === 1 && record.fields[0] === '') continue;
          if (record.fields.length !== header.length) {
            rejectLine(rejects, record.lineNo, 'line', `has ${record.fields.length} fields where the header has ${header.length}`);
            tally.rejected++;
            continue;
          }
          raw = new Array<string | null>(fields.length).fill(null);
          for (let c = 0; c < header.length; c++) {
            const value = record.fields[c]!;
            if (value !== '') raw[header[c]!] = value;
          }
          idx = record.lineNo;
        }
        batch.push({ idx, raw });
        if (batch.length >= chunkSize) {
          await flush(batch);
          batch = [];
        }
      }
      const open = csv.unfinished();
      if (open !== null) {
        rejectLine(rejects, open, 'line', 'a quoted field is never closed');
        tally.rejected++;
      }
      await flush(batch);
      await writing;
      if (!json && !header) throw new Error('The file is empty: a CSV file starts with a header line of field names.');
      bar?.update(total, { rows: tally.done, rate: Math.round(tally.done / ((Date.now() - started) / 1000)) });
      bar?.stop();
      await client.query('DELETE FROM import_staging WHERE tenant_id = $1 AND import_id = $2', [options.tenantId, importId]);
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
      await client.end();
    }
  }

  /** One tenant transaction: the staged rows of a chunk are written; returns the chunk's rejections in line order. */
  private async writeChunk(
    kind: IngestKind,
    actor: Actor,
    importId: string,
    range: { fromIdx: number; toIdx: number },
    staged: number,
    refused: IngestRejection[],
    tally: { inserted: number; updated: number; unchanged: number; rejected: number; done: number; upsertMs: number },
  ): Promise<IngestRejection[]> {
    let rejected = refused;
    if (staged > 0) {
      const started = Date.now();
      const written = await this.db.transaction(actor.tenantId, () => this.ingest.write(kind, { kind: 'staging', importId, ...range }));
      tally.upsertMs += Date.now() - started;
      const valid = kind === 'surveys' ? written.valid : staged;
      tally.inserted += written.inserted;
      tally.updated += written.updated;
      tally.unchanged += valid - written.inserted - written.updated;
      rejected = [...refused, ...written.rejected];
    }
    tally.rejected += rejected.length;
    tally.done += staged + refused.length;
    return rejected.sort((a, b) => a.index - b.index);
  }
}

/** CSV header names (camelCase, as in GraphQL) → positions in `fields`. */
function headerColumns(header: string[], fields: readonly string[]): number[] {
  return header.map((name) => {
    const position = fields.findIndex((f) => fieldName(f) === name.trim() || f === name.trim());
    if (position < 0) throw new Error(`Unknown column "${name}" in the header; expected some of: ${fields.map(fieldName).join(', ')}.`);
    return position;
  });
}

/** One NDJSON line → values in `fields` order (empty text as absent), or the reason it cannot be read. */
function parseJsonLine(line: string, fields: readonly string[]): (string | null)[] | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return 'is not valid JSON';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'is not a JSON object';
  const values: (string | null)[] = new Array<string | null>(fields.length).fill(null);
  for (const [key, value] of Object.entries(parsed)) {
    const position = fields.findIndex((f) => fieldName(f) === key);
    if (position < 0) return `has an unknown field "${key}"`;
    values[position] = value === null || value === undefined || value === '' ? null : String(value);
  }
  return values;
}
