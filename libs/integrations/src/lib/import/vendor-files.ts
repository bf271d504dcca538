import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { ConnectorInputError, ContactRejection, NormalisedContact, NormalisedSurvey } from '../connectors/contact';
import { mapFreshdeskSatisfactionRatings, mapFreshdeskTickets } from '../connectors/freshdesk';
import { applyMapping, checkMappingColumns, CompiledMapping, MappingFileError } from '../connectors/mapping-file';
import { isContactRejection } from '../connectors/zendesk-webhook';
import { mapZendeskExportPage, mapZendeskSatisfactionRatings } from '../connectors/zendesk';

export type Vendor = 'zendesk' | 'freshdesk';

/** Records handed on per page when a file has no pages of its own (mapping files). */
const PAGE = 1000;

/** One ticket of a vendor file at its position (1-based, in file order): mapped, or why not. */
export type VendorRecord =
  { position: number; contact: NormalisedContact } | { position: number; rejection: ContactRejection };

export interface VendorFile {
  /** The file's tickets, one page (or line) at a time. */
  records: AsyncIterable<VendorRecord[]>;
  /** Bytes of the file read so far, for the progress bar. */
  bytesRead(): number;
}

const isNdjson = (file: string) => /\.(ndjson|jsonl)$/i.test(file);

/**
 * The pages of a vendor file: a JSON file (one page, or a list of pages) is read whole; an NDJSON file
 * (`.ndjson`, `.jsonl`: one page or one ticket per line) a line at a time, for exports too big to parse at once.
 */
async function* pagesOf(
  file: string,
  onBytes: (n: number) => void,
): AsyncGenerator<{ page: unknown; line: number | null }> {
  if (isNdjson(file)) {
    const reader = createInterface({
      input: createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }),
      crlfDelay: Infinity,
    });
    let line = 0;
    for await (const text of reader) {
      line++;
      onBytes(Buffer.byteLength(text) + 1);
      if (text.trim() === '') continue;
      let page: unknown;
      try {
        page = JSON.parse(text);
      } catch {
        throw new ConnectorInputError(`line ${line}`, 'is not valid JSON');
      }
      yield { page, line };
    }
    return;
  }
  const size = (await stat(file)).size;
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    throw new ConnectorInputError(file, 'is not valid JSON (NDJSON files end in .ndjson or .jsonl)');
  }
  onBytes(size);
  yield { page: parsed, line: null };
}

/** A Zendesk page list: one export page, or a list of them. */
function zendeskPages(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** Freshdesk: a list of tickets, `{ tickets: [...] }`, one ticket, or a list of pages (lists). */
function freshdeskLists(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.length > 0 && value.every(Array.isArray) ? value : [value];
  if (typeof value === 'object' && value !== null && !('tickets' in value)) return [[value]];
  return [value];
}

/** The tickets of a Zendesk incremental export or a Freshdesk tickets file, mapped by the connectors, page by page. */
export function readVendorFile(vendor: Vendor, file: string, options: { source?: string } = {}): VendorFile {
  let bytes = 0;
  async function* records(): AsyncGenerator<VendorRecord[]> {
    let position = 0;
    for await (const { page, line } of pagesOf(file, (n) => (bytes += n))) {
      const lists = vendor === 'zendesk' ? zendeskPages(page) : freshdeskLists(page);
      for (const list of lists) {
        let mapped: { contacts: NormalisedContact[]; rejected: ContactRejection[] };
        try {
          mapped = vendor === 'zendesk' ? mapZendeskExportPage(list, options) : mapFreshdeskTickets(list, options);
        } catch (error) {
          if (error instanceof ConnectorInputError && line !== null)
            throw new ConnectorInputError(`line ${line}: ${error.field}`, error.message.slice(error.field.length + 2));
          throw error;
        }
        // Both connectors keep the page's order: contacts and rejections interleave by their index on the page.
        const out: VendorRecord[] = [];
        const rejectedAt = new Map(mapped.rejected.map((r) => [r.index, r]));
        let c = 0;
        const count = mapped.contacts.length + mapped.rejected.length;
        for (let i = 0; i < count; i++) {
          const rejection = rejectedAt.get(i);
          if (rejection) out.push({ position: position + i + 1, rejection });
          else out.push({ position: position + i + 1, contact: mapped.contacts[c++]! });
        }
        position += count;
        yield out;
      }
    }
  }
  return { records: records(), bytesRead: () => bytes };
}

/** A satisfaction ratings file (Zendesk's or Freshdesk's ratings API, one page or a list) → survey answers in file order. */
export async function readRatingsFile(
  vendor: Vendor,
  file: string,
  options: { source?: string } = {},
): Promise<{ surveys: NormalisedSurvey[]; rejected: ContactRejection[] }> {
  const surveys: NormalisedSurvey[] = [];
  const rejected: ContactRejection[] = [];
  let offset = 0;
  for await (const { page } of pagesOf(file, () => undefined)) {
    const pages =
      Array.isArray(page) &&
      page.length > 0 &&
      page.every((p) => Array.isArray(p) || (typeof p === 'object' && p !== null && 'satisfaction_ratings' in p))
        ? page
        : [page];
    for (const p of pages) {
      const mapped =
        vendor === 'zendesk' ? mapZendeskSatisfactionRatings(p, options) : mapFreshdeskSatisfactionRatings(p, options);
      surveys.push(...mapped.surveys);
      rejected.push(...mapped.rejected.map((r) => ({ ...r, index: r.index + offset })));
      offset += mapped.surveys.length + mapped.rejected.length;
    }
  }
  return { surveys, rejected };
}

/**
 * A CSV (with a header) or NDJSON file read through a mapping file (`npm run import -- mapping FILE
 * --mapping MAP.json`): the header is checked against the mapping's columns before any row is read (all
 * missing columns listed at once); then each row maps or is a rejection naming its column. A row's
 * position is its line in the file.
 */
export function readMappedFile(file: string, mapping: CompiledMapping): VendorFile {
  let bytes = 0;
  async function* records(): AsyncGenerator<VendorRecord[]> {
    let page: VendorRecord[] = [];
    const add = (position: number, row: Record<string, unknown>) => {
      const mapped = applyMapping(mapping, row, position);
      page.push(
        isContactRejection(mapped)
          ? { position, rejection: { ...mapped, index: position } }
          : { position, contact: mapped },
      );
    };
    if (isNdjson(file)) {
      const reader = createInterface({
        input: createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }),
        crlfDelay: Infinity,
      });
      let line = 0;
      for await (const text of reader) {
        line++;
        bytes += Buffer.byteLength(text) + 1;
        if (text.trim() === '') continue;
        let row: unknown;
        try {
          row = JSON.parse(text);
        } catch {
          row = null;
        }
        if (typeof row !== 'object' || row === null || Array.isArray(row))
          page.push({
            position: line,
            rejection: { index: line, vendorId: null, field: 'line', message: 'is not a JSON object' },
          });
        else add(line, row as Record<string, unknown>);
        if (page.length >= PAGE) yield page.splice(0);
      }
    } else {
      const parser = createReadStream(file, { highWaterMark: 1 << 20 }).pipe(
        parse({ bom: true, info: true, relax_column_count: true }),
      );
      let header: string[] | null = null;
      let lastLine = 0;
      for await (const { record, info } of parser as AsyncIterable<{
        record: string[];
        info: { lines: number; bytes: number };
      }>) {
        const line = lastLine + 1;
        lastLine = info.lines;
        bytes = info.bytes;
        if (record.length === 1 && record[0] === '') continue;
        if (!header) {
          header = record.map((h) => h.trim());
          const missing = checkMappingColumns(mapping, header);
          if (missing.length > 0) throw new MappingFileError(missing);
          continue;
        }
        if (record.length !== header.length) {
          page.push({
            position: line,
            rejection: {
              index: line,
              vendorId: null,
              field: 'line',
              message: `has ${record.length} fields where the header has ${header.length}`,
            },
          });
        } else add(line, Object.fromEntries(header.map((h, i) => [h, record[i]])));
        if (page.length >= PAGE) yield page.splice(0);
      }
    }
    if (page.length > 0) yield page;
    page = [];
  }
  return { records: records(), bytesRead: () => bytes };
}
