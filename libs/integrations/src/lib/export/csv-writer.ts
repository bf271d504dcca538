import { stringify } from 'csv-stringify';
import { Readable, pipeline } from 'node:stream';

/**
 * A streaming CSV writer for exports (KPI reports, trends, scorecards, coverage, schedules).
 *
 * Quoting is csv-stringify's (the csv-parse project the import already reads with): RFC 4180 fields,
 * quoted when they hold a comma, a quote (doubled) or a line break, CRLF between records, and it is a
 * Transform stream, so a report of any size goes out as it is produced. What we add:
 * - UTF-8 with a byte-order mark by default, so Excel opens accents and non-Latin names correctly;
 * - a header row from the column list;
 * - formula-injection neutralising (OWASP "CSV injection"): a text value starting with =, +, -, @, a tab
 *   or a carriage return is prefixed with an apostrophe, so a spreadsheet shows it as text instead of
 *   running it. Numbers written as numbers, and text that is exactly a plain number ("-12.5"), are left
 *   alone: a spreadsheet reads those as numbers, never as formulas.
 */

export type CsvValue = string | number | boolean | Date | null | undefined;

export interface CsvColumn<T> {
  /** The header cell. */
  header: string;
  /** The cell of a row. */
  value: (row: T) => CsvValue;
}

export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark (default true). */
  bom?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A text cell made safe to open in a spreadsheet (see the module comment). */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** One cell's text: dates as ISO 8601 UTC, non-finite numbers and null as empty, text neutralised. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return neutraliseFormula(value);
}

/**
 * Rows (sync or async iterable) → a readable stream of CSV text: header row, then one record per row.
 * Pipe it to an HTTP response; an error in the rows' source destroys the stream with that error.
 */
export function csvStream<T>(
  columns: readonly CsvColumn<T>[],
  rows: Iterable<T> | AsyncIterable<T>,
  options: CsvOptions = {},
): Readable {
  const stringifier = stringify({
    bom: options.bom ?? true,
    header: true,
    columns: columns.map((c, i) => ({ key: String(i), header: neutraliseFormula(c.header) })),
    record_delimiter: 'windows',
    // Also quote any line break (csv-stringify quotes only the record delimiter itself, CRLF here, and a
    // bare LF would end the record for many readers) and leading/trailing spaces, which readers trim.
    quoted_match: /[\r\n]|^\s|\s$/,
  });
  async function* records(): AsyncGenerator<Record<string, string>> {
    for await (const row of rows) {
      const record: Record<string, string> = {};
      columns.forEach((c, i) => (record[String(i)] = csvCell(c.value(row))));
      yield record;
    }
  }
  pipeline(Readable.from(records()), stringifier, () => undefined); // errors surface on stringifier
  return stringifier;
}

/** Collects a CSV stream into one string (tests, small exports). */
export async function csvText<T>(
  columns: readonly CsvColumn<T>[],
  rows: Iterable<T> | AsyncIterable<T>,
  options: CsvOptions = {},
): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of csvStream(columns, rows, options))
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}
