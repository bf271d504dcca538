import { Actor, Role, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { SingleBar } from 'cli-progress';
import { createReadStream, createWriteStream, WriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { FIELDS, fieldName, IngestKind } from '../ingest/ingest-sql';
import { IngestService } from '../ingest.service';
import { PerformanceRepository } from '../kpi.repository';
import { copyText, CsvRecords } from './csv-records';

export interface ImportOptions {
  tenantId: string;
  kind: IngestKind;
  file: string;
  /** The connection for COPY (the connecting role; the upserts run as the request role in the tenant). */
  databaseUrl: string;
  /** Rows per upsert transaction. */
  chunkSize?: number;
  /** Draw progress bars on stderr. */
  progress?: boolean;
}

export interface ImportSummary {
  lines: number;
  staged: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejectFile: string | null;
  copySeconds: number;
  upsertSeconds: number;
  rowsPerSecond: number;
}

const IMPORT_LOCK = 804501;

/** The actor the import runs as: an administrator of the tenant (it reads every agent and team). */
function importActor(tenantId: string): Actor {
  return { tenantId, userId: '00000000-0000-0000-0000-000000000000', role: Role.ADMIN, email: 'import@deskforce.local' };
}

/** A line that never reached the staging table, or a row the ingest rules refused. */
function rejectLine(out: WriteStream, line: number, field: string, message: string): void {
  out.write(`${line},${field},"${message.replace(/"/g, '""')}"\n`);
}

/**
 * `npm run import`: streams a CSV (with a header of field names) or NDJSON file through COPY into the
 * staging table, then upserts it in chunks with the same statement as the GraphQL mutations, one
 * transaction per chunk. Lines that cannot be read, and rows the rules refuse, go to `<file>.rejected.csv`
 * with their line number. Re-running after an interruption is safe: committed chunks come back
 * "unchanged", the rest is inserted; nothing is lost or doubled because rows are keyed by their natural key.
 */
@Injectable()
export class InteractionImporter {
  constructor(
    private readonly db: TenantDatabase,
    private readonly ingest: IngestService,
    private readonly repository: PerformanceRepository,
  ) {}

  async import(options: ImportOptions): Promise<ImportSummary> {
    const fields = FIELDS[options.kind];
    const importId = randomUUID();
    const rejectFile = `${options.file}.rejected.csv`;
    const rejects = createWriteStream(rejectFile);
    rejects.write('line,field,message\n');
    let rejected = 0;
    const client = new Client({ connectionString: options.databaseUrl, application_name: 'deskforce-import' });
    await client.connect();
    try {
      // One import per tenant at a time; holding the lock, leftovers of an interrupted import are cleared.
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', [IMPORT_LOCK, options.tenantId]);
      if (!rows[0]!.locked) throw new Error('Another import is running for this organisation; try again when it ends.');
      await client.query('DELETE FROM import_staging WHERE tenant_id = $1', [options.tenantId]);

      const started = Date.now();
      const total = (await stat(options.file)).size;
      const bar = options.progress ? new SingleBar({ format: '{phase} [{bar}] {percentage}% | {rows} rows | {rate} rows/s', hideCursor: true }) : null;
      bar?.start(total, 0, { phase: 'copy  ', rows: 0, rate: 0 });
      let staged = 0;
      let lines = 0;
      let bytes = 0;
      const json = /\.(nd)?jsonl?$/i.test(options.file);
      const tenantId = options.tenantId;
      const prefix = `${tenantId}\t${importId}\t`;
      async function* copyRows(): AsyncGenerator<string> {
        const input = createReadStream(options.file, { encoding: 'utf8', highWaterMark: 1 << 20 });
        const reader = createInterface({ input, crlfDelay: Infinity });
        const csv = new CsvRecords();
        let columns: number[] | null = null;
        let batch: string[] = [];
        for await (const line of reader) {
          lines++;
          bytes += Buffer.byteLength(line) + 1;
          if (json) {
            if (line.trim() === '') continue;
            const values = parseJsonLine(line, fields);
            if (typeof values === 'string') {
              rejectLine(rejects, lines, 'line', values);
              rejected++;
              continue;
            }
            batch.push(prefix + lines + '\t' + values.map(copyText).join('\t'));
          } else {
            const record = csv.push(line, lines);
            if (!record) continue;
            if (!columns) {
              columns = headerColumns(record.fields, fields);
              continue;
            }
            if (record.fields.length === 1 && record.fields[0] === '') continue;
            if (record.fields.length !== columns.length) {
              rejectLine(rejects, record.lineNo, 'line', `has ${record.fields.length} fields where the header has ${columns.length}`);
              rejected++;
              continue;
            }
            const values: (string | null)[] = new Array(fields.length).fill(null);
            for (let c = 0; c < columns.length; c++) values[columns[c]!] = record.fields[c]!;
            batch.push(prefix + record.lineNo + '\t' + values.map(copyText).join('\t'));
          }
          if (batch.length >= 2000) {
            staged += batch.length;
            yield batch.join('\n') + '\n';
            batch = [];
            bar?.update(bytes, { rows: staged, rate: Math.round(staged / ((Date.now() - started) / 1000)) });
          }
        }
        const open = csv.unfinished();
        if (open !== null) {
          rejectLine(rejects, open, 'line', 'a quoted field is never closed');
          rejected++;
        }
        if (batch.length) {
          staged += batch.length;
          yield batch.join('\n') + '\n';
        }
        if (!json && !columns) throw new Error('The file is empty: a CSV file starts with a header line of field names.');
      }
      const copy = client.query(copyFrom(`COPY import_staging (tenant_id, import_id, idx, ${fields.join(', ')}) FROM STDIN`));
      await pipeline(Readable.from(copyRows()), copy);
      bar?.update(total, { rows: staged, rate: Math.round(staged / ((Date.now() - started) / 1000)) });
      bar?.stop();
      // Fresh statistics, so the upsert plans for the real number of staged rows.
      await client.query('ANALYZE import_staging');
      const copySeconds = (Date.now() - started) / 1000;

      // Upsert in chunks of line numbers, each in its own tenant transaction.
      const upsertStarted = Date.now();
      const chunk = options.chunkSize ?? 50000;
      const upsertBar = options.progress ? new SingleBar({ format: '{phase} [{bar}] {percentage}% | {value}/{total} rows | {rate} rows/s', hideCursor: true }) : null;
      upsertBar?.start(staged, 0, { phase: 'upsert', rate: 0 });
      const actor = importActor(options.tenantId);
      let inserted = 0;
      let updated = 0;
      let unchanged = 0;
      let done = 0;
      for (let from = 0; from <= lines; from += chunk) {
        const result = await this.db.transaction(options.tenantId, async () => {
          const ids = await this.repository.run<{ agent_ids: string[] | null; team_ids: string[] | null }>({
            text: `SELECT array_agg(DISTINCT agent_id) FILTER (WHERE agent_id ~* '^[0-9a-f-]{36}$') AS agent_ids,
                          ${fields.includes('team_id') ? `array_agg(DISTINCT team_id) FILTER (WHERE team_id ~* '^[0-9a-f-]{36}$')` : 'NULL::text[]'} AS team_ids
                     FROM import_staging WHERE tenant_id = app_current_tenant_id() AND import_id = $1 AND idx >= $2 AND idx < $3`,
            values: [importId, from, from + chunk],
          });
          return this.ingest.run(actor, options.kind, { kind: 'staging', importId, fromIdx: from, toIdx: from + chunk }, ids[0]?.agent_ids ?? [], ids[0]?.team_ids ?? []);
        });
        inserted += result.inserted;
        updated += result.updated;
        unchanged += result.unchanged;
        for (const r of result.rejected) rejectLine(rejects, r.index, r.field, r.message);
        rejected += result.rejected.length;
        done += result.inserted + result.updated + result.unchanged + result.rejected.length;
        upsertBar?.update(done, { rate: Math.round(done / ((Date.now() - upsertStarted) / 1000)) });
      }
      upsertBar?.stop();
      await client.query('DELETE FROM import_staging WHERE tenant_id = $1 AND import_id = $2', [options.tenantId, importId]);
      const seconds = (Date.now() - started) / 1000;
      return {
        lines,
        staged,
        inserted,
        updated,
        unchanged,
        rejected,
        rejectFile: rejected > 0 ? rejectFile : null,
        copySeconds,
        upsertSeconds: (Date.now() - upsertStarted) / 1000,
        rowsPerSecond: Math.round(staged / seconds),
      };
    } finally {
      await new Promise<void>((resolve) => rejects.end(() => resolve()));
      await client.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
      await client.end();
    }
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

/** One NDJSON line → values in `fields` order, or the reason it cannot be read. */
function parseJsonLine(line: string, fields: readonly string[]): (string | null)[] | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return 'is not valid JSON';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'is not a JSON object';
  const values: (string | null)[] = new Array(fields.length).fill(null);
  for (const [key, value] of Object.entries(parsed)) {
    const position = fields.findIndex((f) => fieldName(f) === key);
    if (position < 0) return `has an unknown field "${key}"`;
    values[position] = value === null || value === undefined ? null : String(value);
  }
  return values;
}
