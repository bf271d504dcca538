import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { StringDecoder } from 'node:string_decoder';
import { fieldName } from '../ingest/ingest-rules';

/** One record of an import file: its raw values in `fields` order (absent as null), or why it cannot be read. */
export type FileRow = { line: number; raw: (string | null)[] } | { line: number; problem: string; field?: string };

export interface FileRows {
  rows: AsyncIterable<FileRow>;
  /** Bytes of the file read so far (for the progress bar). */
  bytesRead(): number;
  /** Physical lines read so far. */
  linesRead(): number;
}

/** A file's rows: NDJSON for `.ndjson`/`.jsonl`/`.json`, CSV with a header line otherwise. */
export function fileRows(file: string, fields: readonly string[]): FileRows {
  return /\.(nd)?jsonl?$/i.test(file) ? ndjsonRows(file, fields) : csvRows(file, fields);
}

/**
 * CSV (RFC 4180: quoted fields may hold commas, doubled quotes and newlines; CRLF or LF; a byte-order mark
 * is dropped). The first record names the columns (camelCase field names, any order); a record with
 * another number of fields is refused by its line, as is one that cannot be read (reading goes on with
 * the next). A record's line is where it starts. A file without a quote character and without a lone CR
 * (most exports) is split at line feeds and commas, which reads it exactly as csv-parse would, several
 * times faster (csv-parse took most of an import's CPU time); any other file goes through csv-parse.
 */
function csvRows(file: string, fields: readonly string[]): FileRows {
  let bytes = 0;
  let lines = 0;
  async function* rows(): AsyncGenerator<FileRow> {
    const records = (await isPlainCsv(file)) ? plainRecords(file) : parsedRecords(file);
    let header: number[] | null = null;
    for await (const entry of records) {
      bytes = entry.bytes;
      lines = entry.lines;
      if ('problem' in entry) {
        yield { line: entry.line, problem: entry.problem };
        continue;
      }
      const { record, line } = entry;
      if (record.length === 1 && record[0] === '') continue;
      if (!header) {
        header = headerColumns(record, fields);
        continue;
      }
      if (record.length !== header.length) {
        yield { line, problem: `has ${record.length} fields where the header has ${header.length}` };
        continue;
      }
      const raw = new Array<string | null>(fields.length).fill(null);
      for (let c = 0; c < header.length; c++) {
        const value = record[c]!;
        if (value !== '') raw[header[c]!] = value;
      }
      yield { line, raw };
    }
    if (!header) throw new Error('The file is empty: a CSV file starts with a header line of field names.');
  }
  return { rows: rows(), bytesRead: () => bytes, linesRead: () => lines };
}

/**
 * A CSV record (its fields and the line it starts on) or a record that cannot be read, with the bytes
 * and physical lines read up to its end.
 */
type CsvRecord = ({ record: string[]; line: number } | { line: number; problem: string }) & {
  bytes: number;
  lines: number;
};

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Whether the file holds no quote character and ends its lines one way: every line with LF, or every
 * line with CRLF (csv-parse takes the first line's ending as the only one). Then every line is a record.
 */
async function isPlainCsv(file: string): Promise<boolean> {
  let crs = 0;
  let lfs = 0;
  let pendingCr = false;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    if (chunk.includes(QUOTE)) return false;
    if (pendingCr && chunk[0] !== LF) return false;
    pendingCr = false;
    for (let at = chunk.indexOf(CR); at >= 0; at = chunk.indexOf(CR, at + 1)) {
      crs++;
      if (at === chunk.length - 1) pendingCr = true;
      else if (chunk[at + 1] !== LF) return false;
    }
    for (let at = chunk.indexOf(LF); at >= 0; at = chunk.indexOf(LF, at + 1)) lfs++;
  }
  return !pendingCr && (crs === 0 || crs === lfs);
}

/** The records of a file without quotes: one per line (LF or CRLF), fields split at commas. */
async function* plainRecords(file: string): AsyncGenerator<CsvRecord> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let bytes = 0;
  let line = 0;
  let first = true;
  const record = (text: string): CsvRecord => {
    line++;
    const fields = (text.endsWith('\r') ? text.slice(0, -1) : text).split(',');
    return { record: fields, line, bytes, lines: line };
  };
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    let text = rest + decoder.write(chunk);
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      yield record(text.slice(start, end));
      start = end + 1;
    }
    rest = text.slice(start);
  }
  rest += decoder.end();
  if (first && rest.charCodeAt(0) === 0xfeff) rest = rest.slice(1);
  if (rest !== '') yield record(rest);
}

/** What csv-parse's error codes mean to someone fixing the file. */
function csvProblem(error: { code?: string; message: string }): string {
  return error.code === 'CSV_QUOTE_NOT_CLOSED'
    ? 'a quoted field is never closed'
    : `cannot be read as CSV (${error.message})`;
}

/** The records of any CSV file, through csv-parse. */
async function* parsedRecords(file: string): AsyncGenerator<CsvRecord> {
  // Errors csv-parse skips are reported through on_skip as it parses, which may be ahead of the records
  // consumed; each is placed before the first record that ends after it.
  const skipped: { lines: number; problem: string }[] = [];
  const parser = createReadStream(file, { highWaterMark: 1 << 20 }).pipe(
    parse({
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_records_with_error: true,
      info: true,
      on_skip: (error) => {
        skipped.push({ lines: Number(error?.['lines'] ?? 0), problem: csvProblem(error ?? { message: 'unreadable' }) });
        return undefined;
      },
    }),
  );
  let lastEnd = 0;
  let bytes = 0;
  const skipsBefore = function* (end: number): Generator<CsvRecord> {
    while (skipped.length > 0 && skipped[0]!.lines < end) {
      const skip = skipped.shift()!;
      yield { line: lastEnd + 1, problem: skip.problem, bytes, lines: lastEnd };
      lastEnd = Math.max(lastEnd, skip.lines);
    }
  };
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number; bytes: number };
  }>) {
    yield* skipsBefore(info.lines);
    const line = lastEnd + 1;
    lastEnd = info.lines;
    bytes = info.bytes;
    yield { record, line, bytes, lines: info.lines };
  }
  yield* skipsBefore(Number.POSITIVE_INFINITY);
}

/** CSV header names (camelCase, as in GraphQL, or the column names) → positions in `fields`. */
function headerColumns(header: readonly string[], fields: readonly string[]): number[] {
  return header.map((name) => {
    const position = fields.findIndex((f) => fieldName(f) === name.trim() || f === name.trim());
    if (position < 0)
      throw new Error(`Unknown column "${name}" in the header; expected some of: ${fields.map(fieldName).join(', ')}.`);
    return position;
  });
}

/** NDJSON: one JSON object per line (blank lines are skipped); keys are the camelCase field names. */
function ndjsonRows(file: string, fields: readonly string[]): FileRows {
  const reader = createInterface({
    input: createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }),
    crlfDelay: Infinity,
  });
  let bytes = 0;
  let lines = 0;
  async function* rows(): AsyncGenerator<FileRow> {
    for await (const text of reader) {
      const line = ++lines;
      bytes += Buffer.byteLength(text) + 1;
      if (text.trim() === '') continue;
      const values = parseJsonLine(text, fields);
      yield typeof values === 'string' ? { line, problem: values } : { line, raw: values };
    }
  }
  return { rows: rows(), bytesRead: () => bytes, linesRead: () => lines };
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
