import { FileRow, FileRows, ImportSummary, InteractionImporter, rawRowOf } from '@deskforce/performance';
import { TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { NormalisedContact } from '../connectors/contact';
import {
  HelpDeskContactsService,
  Positioned,
  PreparedRejection,
  PreparedRow,
} from '../contacts/help-desk-contacts.service';
import { compileMappingFile } from '../connectors/mapping-file';
import { readMappedFile, readRatingsFile, readVendorFile, Vendor } from './vendor-files';

export interface VendorImportOptions {
  tenantId: string;
  /** `mapping`: any other system's CSV or NDJSON, read through `mapping` (docs/help-desk.md, "a mapping file"). */
  vendor: Vendor | 'mapping';
  /** The parsed mapping file, for vendor `mapping` (checked whole before the file is opened). */
  mapping?: unknown;
  /** The export: Zendesk incremental export page(s), a Freshdesk tickets list (JSON or NDJSON), or the mapped file. */
  file: string;
  /** A satisfaction ratings file of the same vendor (Freshdesk's ratings carry its CSAT). */
  ratingsFile?: string;
  chunkSize?: number;
  progress?: boolean;
  /** Our `source` for the rows (default: the vendor's name). */
  source?: string;
}

export interface VendorImportSummary {
  tickets: ImportSummary;
  /** Tickets older than the version already stored (a later export or webhook came first): ignored. */
  stale: number;
  /** Survey answers: those the tickets carry and those of the ratings file; null when there were none. */
  surveys: ImportSummary | null;
}

/** Contacts resolved per statement: one look-up of mappings and versions for this many tickets. */
const LOOKUP_BATCH = 1000;

const rejectionText = (r: PreparedRejection) =>
  r.vendorId === null ? r.message : `ticket ${r.vendorId}: ${r.message}`;

/** Rows already prepared, as the importer reads a file (survey rows of the tickets, or of a ratings file). */
function preparedRows(rows: readonly PreparedRow[], rejected: readonly PreparedRejection[]): FileRows {
  const all: FileRow[] = [
    ...rows.map((r) => ({ line: r.idx, raw: rawRowOf('surveys', r.fields, r.idx).raw })),
    ...rejected.map((r) => ({ line: r.idx, field: r.field, problem: rejectionText(r) })),
  ].sort((a, b) => a.line - b.line);
  let done = 0;
  async function* iterate(): AsyncGenerator<FileRow> {
    for (const row of all) {
      done++;
      yield row;
    }
    await Promise.resolve();
  }
  return { rows: iterate(), bytesRead: () => done, linesRead: () => all.length };
}

/**
 * `npm run import -- zendesk|freshdesk FILE`: the vendor's file is read by its connector a page at a time;
 * each batch of tickets is checked against the versions stored (the later `externalUpdatedAt` wins) and
 * its agents and groups resolved through the tenant's mappings (one statement per batch); then the rows go
 * through the same import as our own format (InteractionImporter: the ingest rules, COPY, the same
 * upsert, the same rollups), so the KPIs are the same whichever door the data came in by. Rows the
 * connector or a mapping refuses are in `FILE.rejected.csv` with the ticket's position in the file, its
 * id and the reference to map; after mapping it, the same command imports them (the others are unchanged).
 * Survey answers follow, once their tickets are written (`FILE.surveys.rejected.csv`).
 */
@Injectable()
export class VendorImporter {
  constructor(
    private readonly db: TenantDatabase,
    private readonly importer: InteractionImporter,
    private readonly contacts: HelpDeskContactsService,
  ) {}

  async import(options: VendorImportOptions): Promise<VendorImportSummary> {
    const vendorFile =
      options.vendor === 'mapping'
        ? readMappedFile(options.file, compileMappingFile(options.mapping))
        : readVendorFile(options.vendor, options.file, { source: options.source });
    const surveys: PreparedRow[] = [];
    const surveyRejections: PreparedRejection[] = [];
    let stale = 0;
    let lines = 0;
    const prepare = (batch: Positioned<NormalisedContact>[]) =>
      this.db.transaction(options.tenantId, () => this.contacts.prepare(batch), { statementTimeoutMs: 0 });
    async function* rows(): AsyncGenerator<FileRow> {
      let batch: Positioned<NormalisedContact>[] = [];
      const early: FileRow[] = [];
      const flush = async function* (): AsyncGenerator<FileRow> {
        const prepared = await prepare(batch);
        batch = [];
        stale += prepared.stale.length;
        surveys.push(...prepared.surveys);
        const out: FileRow[] = [
          ...early.splice(0),
          ...prepared.interactions.map((r) => ({ line: r.idx, raw: rawRowOf('interactions', r.fields, r.idx).raw })),
          ...prepared.rejected.map((r) => ({ line: r.idx, field: r.field, problem: rejectionText(r) })),
        ].sort((a, b) => a.line - b.line);
        yield* out;
      };
      for await (const page of vendorFile.records) {
        for (const record of page) {
          lines = record.position;
          if ('rejection' in record)
            early.push({
              line: record.position,
              field: record.rejection.field,
              problem: rejectionText({ idx: record.position, ...record.rejection }),
            });
          else batch.push({ idx: record.position, value: record.contact });
          if (batch.length >= LOOKUP_BATCH) yield* flush();
        }
      }
      yield* flush();
    }
    const tickets = await this.importer.import({
      tenantId: options.tenantId,
      kind: 'interactions',
      file: options.file,
      chunkSize: options.chunkSize,
      progress: options.progress,
      rows: { rows: rows(), bytesRead: () => vendorFile.bytesRead(), linesRead: () => lines },
    });
    if (options.ratingsFile && options.vendor !== 'mapping') {
      const vendor = options.vendor;
      const ratings = await readRatingsFile(vendor, options.ratingsFile, { source: options.source });
      const offset = lines;
      const prepared = await this.db.transaction(options.tenantId, () =>
        this.contacts.prepareSurveys(ratings.surveys.map((s, i) => ({ idx: offset + i + 1, value: s }))),
      );
      surveys.push(...prepared.surveys);
      surveyRejections.push(
        ...prepared.rejected,
        ...ratings.rejected.map((r) => ({
          idx: offset + r.index + 1,
          vendorId: r.vendorId,
          field: r.field,
          message: r.message,
        })),
      );
    }
    let surveySummary: ImportSummary | null = null;
    if (surveys.length + surveyRejections.length > 0) {
      surveySummary = await this.importer.import({
        tenantId: options.tenantId,
        kind: 'surveys',
        file: options.file,
        chunkSize: options.chunkSize,
        progress: false,
        rows: preparedRows(surveys, surveyRejections),
        rejectFile: `${options.file}.surveys.rejected.csv`,
      });
    }
    return { tickets, stale, surveys: surveySummary };
  }
}
