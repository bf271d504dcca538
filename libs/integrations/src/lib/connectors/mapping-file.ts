import { DateTime, IANAZone } from 'luxon';
import { escalationOf } from './common';
import {
  CONTACT_CHANNELS,
  CONTACT_PRIORITIES,
  CONTACT_STATUSES,
  ContactChannel,
  ContactPriority,
  ContactRejection,
  ContactStatus,
  NormalisedContact,
} from './contact';
import { RowProblem, isRecord, isoInstant } from './values';

/**
 * A mapping file for any other help desk or phone system's CSV or NDJSON export: which column holds each
 * field of the normalised contact, how its values translate (vendor value → our enum), and how its dates
 * read (format and zone). The whole file is checked before any row is read (every problem named by its
 * key, e.g. `fields.channel.values.Web form`), then applied row by row, a bad row being rejected with
 * its column and reason. Example: docs/help-desk.md and fixtures/generic-mapping.json.
 */

type DateFormat = 'iso' | 'epoch-seconds' | 'epoch-millis' | string;

interface ColumnSpec {
  column: string;
}
interface DateSpec extends ColumnSpec {
  /** `iso` (default; needs an offset), `epoch-seconds`, `epoch-millis`, or a luxon format such as `dd/MM/yyyy HH:mm`. */
  format?: DateFormat;
  /** IANA zone for a format without an offset (required then). */
  zone?: string;
}
interface EnumSpec<T extends string> extends ColumnSpec {
  /** Vendor value → ours; matched exactly, then case-insensitively. */
  values?: Record<string, T>;
  /** Used when the cell is empty. */
  default?: T;
}

export interface MappingFile {
  version: 1;
  /** Our `source` for the rows, e.g. `talkdesk` (1–64 characters). */
  source: string;
  fields: {
    externalId: ColumnSpec;
    createdAt: DateSpec;
    channel: EnumSpec<ContactChannel>;
    status: EnumSpec<ContactStatus>;
    updatedAt?: DateSpec;
    firstResponseAt?: DateSpec;
    resolvedAt?: DateSpec;
    agent?: ColumnSpec & { kind: 'email' | 'id' };
    group?: ColumnSpec;
    customerRef?: ColumnSpec;
    category?: ColumnSpec;
    priority?: EnumSpec<ContactPriority>;
    reopenCount?: ColumnSpec;
    replyCount?: ColumnSpec;
    tags?: ColumnSpec & { separator?: string };
    escalatedTo?: ColumnSpec;
    csat?: ColumnSpec & { values?: Record<string, number> };
  };
  /** Tag → department, as ConnectorOptions.escalationTags. */
  escalationTags?: Record<string, string>;
}

export interface MappingProblem {
  /** The mapping key at fault, e.g. `fields.createdAt.zone`. */
  key: string;
  message: string;
}

/** A checked mapping, ready to apply to rows. */
export interface CompiledMapping {
  readonly file: MappingFile;
  /** Every column the mapping reads (to check a file's header before its rows). */
  readonly columns: readonly string[];
}

const FIELD_KINDS: Record<
  keyof MappingFile['fields'],
  'id' | 'date' | 'channel' | 'status' | 'agent' | 'text' | 'priority' | 'count' | 'tags' | 'csat'
> = {
  externalId: 'id',
  createdAt: 'date',
  channel: 'channel',
  status: 'status',
  updatedAt: 'date',
  firstResponseAt: 'date',
  resolvedAt: 'date',
  agent: 'agent',
  group: 'text',
  customerRef: 'text',
  category: 'text',
  priority: 'priority',
  reopenCount: 'count',
  replyCount: 'count',
  tags: 'tags',
  escalatedTo: 'text',
  csat: 'csat',
};
const REQUIRED = ['externalId', 'createdAt', 'channel', 'status'] as const;
const ENUMS = { channel: CONTACT_CHANNELS, status: CONTACT_STATUSES, priority: CONTACT_PRIORITIES } as const;
const SPEC_KEYS: Record<string, readonly string[]> = {
  id: ['column'],
  text: ['column'],
  count: ['column'],
  date: ['column', 'format', 'zone'],
  channel: ['column', 'values', 'default'],
  status: ['column', 'values', 'default'],
  priority: ['column', 'values', 'default'],
  agent: ['column', 'kind'],
  tags: ['column', 'separator'],
  csat: ['column', 'values'],
};
const FIXED_FORMATS = new Set(['iso', 'epoch-seconds', 'epoch-millis']);

/** Every problem of a mapping file (parsed JSON), each naming its key; empty when it can be used. */
export function checkMappingFile(input: unknown): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const add = (key: string, message: string) => problems.push({ key, message });
  if (!isRecord(input)) return [{ key: '', message: 'must be a JSON object { version, source, fields }' }];
  for (const key of Object.keys(input))
    if (!['version', 'source', 'fields', 'escalationTags'].includes(key))
      add(key, 'is not a mapping key (version, source, fields, escalationTags)');
  if (input['version'] !== 1) add('version', 'must be 1');
  const source = input['source'];
  if (typeof source !== 'string' || source.trim().length < 1 || source.length > 64)
    add('source', 'is required, 1 to 64 characters');
  const tags = input['escalationTags'];
  if (
    tags !== undefined &&
    (!isRecord(tags) || Object.values(tags).some((v) => typeof v !== 'string' || v.length < 1 || v.length > 100))
  ) {
    add('escalationTags', 'must map tags to department names (1–100 characters)');
  }
  const fields = input['fields'];
  if (!isRecord(fields)) {
    add('fields', 'is required, an object naming the column of each field');
    return problems;
  }
  for (const name of REQUIRED) if (!(name in fields)) add(`fields.${name}`, 'is required');
  for (const [name, spec] of Object.entries(fields)) {
    const key = `fields.${name}`;
    const kind = FIELD_KINDS[name as keyof typeof FIELD_KINDS];
    if (kind === undefined) {
      add(key, `is not a field (${Object.keys(FIELD_KINDS).join(', ')})`);
      continue;
    }
    if (!isRecord(spec)) {
      add(key, 'must be an object { column, … }');
      continue;
    }
    for (const k of Object.keys(spec))
      if (!SPEC_KEYS[kind]!.includes(k))
        add(`${key}.${k}`, `is not an option of this field (${SPEC_KEYS[kind]!.join(', ')})`);
    if (typeof spec['column'] !== 'string' || spec['column'].length < 1)
      add(`${key}.column`, 'is required, the column (CSV header or JSON key) holding the field');
    if (kind === 'date') {
      const format = spec['format'] ?? 'iso';
      const zone = spec['zone'];
      if (typeof format !== 'string' || format.length < 1)
        add(`${key}.format`, 'must be iso, epoch-seconds, epoch-millis or a luxon format such as dd/MM/yyyy HH:mm');
      else if (!FIXED_FORMATS.has(format)) {
        const probe = DateTime.fromObject(
          { year: 2024, month: 11, day: 23, hour: 17, minute: 45, second: 12 },
          { zone: 'UTC' },
        );
        const back = DateTime.fromFormat(probe.toFormat(format), format, { zone: 'UTC' });
        if (!back.isValid || !/[yY]/.test(format) || !/[Md]|L|o/.test(format))
          add(`${key}.format`, 'is not a luxon date format with a year, month and day (e.g. dd/MM/yyyy HH:mm)');
        if (!/Z/.test(format) && (typeof zone !== 'string' || !IANAZone.isValidZone(zone)))
          add(`${key}.zone`, 'is required for a format without an offset: an IANA zone, e.g. Europe/Paris');
      }
      if (zone !== undefined && (typeof zone !== 'string' || !IANAZone.isValidZone(zone)))
        add(`${key}.zone`, 'must be an IANA zone, e.g. Europe/Paris');
    }
    if (kind === 'channel' || kind === 'status' || kind === 'priority') {
      const allowed = ENUMS[kind] as readonly string[];
      const values = spec['values'];
      if (values !== undefined) {
        if (!isRecord(values)) add(`${key}.values`, 'must map vendor values to ours');
        else
          for (const [vendor, ours] of Object.entries(values))
            if (typeof ours !== 'string' || !allowed.includes(ours))
              add(`${key}.values.${vendor}`, `must be one of ${allowed.join(', ')}`);
      }
      if (spec['default'] !== undefined && (typeof spec['default'] !== 'string' || !allowed.includes(spec['default'])))
        add(`${key}.default`, `must be one of ${allowed.join(', ')}`);
    }
    if (kind === 'agent' && spec['kind'] !== 'email' && spec['kind'] !== 'id')
      add(`${key}.kind`, "must be email (the column holds agents' emails) or id (their ids in that system)");
    if (
      kind === 'tags' &&
      spec['separator'] !== undefined &&
      (typeof spec['separator'] !== 'string' || spec['separator'].length < 1)
    )
      add(`${key}.separator`, 'must be a non-empty text');
    if (kind === 'csat' && spec['values'] !== undefined) {
      const values = spec['values'];
      if (!isRecord(values)) add(`${key}.values`, 'must map vendor values to CSAT 1–5');
      else
        for (const [vendor, ours] of Object.entries(values))
          if (typeof ours !== 'number' || !Number.isInteger(ours) || ours < 1 || ours > 5)
            add(`${key}.values.${vendor}`, 'must be a whole number from 1 to 5');
    }
  }
  return problems;
}

export class MappingFileError extends Error {
  constructor(readonly problems: readonly MappingProblem[]) {
    super(problems.map((p) => `${p.key || '(mapping)'}: ${p.message}`).join('; '));
    this.name = 'MappingFileError';
  }
}

/** Checks and compiles a mapping file; throws MappingFileError listing every problem. */
export function compileMappingFile(input: unknown): CompiledMapping {
  const problems = checkMappingFile(input);
  if (problems.length > 0) throw new MappingFileError(problems);
  const file = input as MappingFile;
  const columns = [...new Set(Object.values(file.fields).map((spec) => (spec as ColumnSpec).column))];
  return { file, columns };
}

/** The mapping's columns missing from a file's header (checked before its rows are read). */
export function checkMappingColumns(mapping: CompiledMapping, header: readonly string[]): MappingProblem[] {
  const present = new Set(header);
  return Object.entries(mapping.file.fields)
    .filter(([, spec]) => !present.has((spec as ColumnSpec).column))
    .map(([name, spec]) => ({
      key: `fields.${name}.column`,
      message: `column "${(spec as ColumnSpec).column}" is not in the file's header`,
    }));
}

function cell(row: Readonly<Record<string, unknown>>, spec: ColumnSpec | undefined): string | null {
  if (!spec) return null;
  const value = row[spec.column];
  if (value === null || value === undefined) return null;
  const text =
    typeof value === 'string'
      ? value.trim()
      : typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : JSON.stringify(value);
  return text === '' ? null : text;
}

function dateOf(row: Readonly<Record<string, unknown>>, spec: DateSpec | undefined): string | null {
  const raw = cell(row, spec);
  if (raw === null || !spec) return null;
  const format = spec.format ?? 'iso';
  let iso: string | null;
  if (format === 'iso') iso = isoInstant(raw);
  else if (format === 'epoch-seconds' || format === 'epoch-millis') {
    const n = Number(raw);
    iso =
      /^-?\d+(\.\d+)?$/.test(raw) && Number.isFinite(n)
        ? new Date(format === 'epoch-seconds' ? n * 1000 : n).toISOString()
        : null;
  } else {
    const parsed = DateTime.fromFormat(raw, format, { zone: spec.zone ?? 'UTC', setZone: /Z/.test(format) });
    iso = parsed.isValid ? new Date(parsed.toMillis()).toISOString() : null;
  }
  if (iso === null)
    throw new RowProblem(
      spec.column,
      `"${raw}" is not a date in the format ${format}${spec.zone ? ` (${spec.zone})` : ''}`,
    );
  return iso;
}

function enumOf<T extends string>(
  row: Readonly<Record<string, unknown>>,
  spec: EnumSpec<T>,
  allowed: readonly T[],
): { value: T; raw: string } | null {
  const raw = cell(row, spec);
  if (raw === null) return spec.default === undefined ? null : { value: spec.default, raw: '' };
  const values = spec.values ?? {};
  let value: T | undefined = values[raw];
  if (value === undefined) {
    const lower = raw.toLowerCase();
    const found = Object.entries(values).find(([k]) => k.toLowerCase() === lower);
    value = found?.[1] ?? allowed.find((a) => a.toLowerCase() === lower);
  }
  if (value === undefined)
    throw new RowProblem(spec.column, `"${raw}" has no mapping (add it to the mapping's values)`);
  return { value, raw };
}

function countOf(row: Readonly<Record<string, unknown>>, spec: ColumnSpec | undefined): number | null {
  const raw = cell(row, spec);
  if (raw === null || !spec) return null;
  if (!/^\d+$/.test(raw) || Number(raw) > 1000)
    throw new RowProblem(spec.column, `"${raw}" must be a whole number from 0 to 1000`);
  return Number(raw);
}

/**
 * One row (a CSV record keyed by its header, or an NDJSON object) → a normalised contact, or a rejection
 * naming the column. `index` is the row's position or line, reported back.
 */
export function applyMapping(
  mapping: CompiledMapping,
  row: Readonly<Record<string, unknown>>,
  index: number,
): NormalisedContact | ContactRejection {
  const f = mapping.file.fields;
  const source = mapping.file.source;
  const vendorId = cell(row, f.externalId);
  try {
    if (vendorId === null) throw new RowProblem(f.externalId.column, 'is required, the ticket id');
    if (vendorId.length > 200) throw new RowProblem(f.externalId.column, 'must be at most 200 characters');
    const createdAt = dateOf(row, f.createdAt);
    if (createdAt === null) throw new RowProblem(f.createdAt.column, 'is required, the creation time');
    const channel = enumOf(row, f.channel, CONTACT_CHANNELS);
    if (channel === null) throw new RowProblem(f.channel.column, 'is required');
    const status = enumOf(row, f.status, CONTACT_STATUSES);
    if (status === null) throw new RowProblem(f.status.column, 'is required');
    const firstResponseAt = dateOf(row, f.firstResponseAt);
    const resolvedAt = dateOf(row, f.resolvedAt);
    const separator = f.tags?.separator ?? ',';
    const tags = (cell(row, f.tags) ?? '')
      .split(separator)
      .map((t) => t.trim())
      .filter((t) => t !== '');
    const escalatedTo = cell(row, f.escalatedTo) ?? escalationOf(tags, { escalationTags: mapping.file.escalationTags });
    const agentText = cell(row, f.agent);
    const group = cell(row, f.group);
    const priority = f.priority ? enumOf(row, f.priority, CONTACT_PRIORITIES) : null;
    const csatRaw = cell(row, f.csat);
    let csat: number | null = null;
    if (csatRaw !== null && f.csat) {
      const mapped =
        f.csat.values?.[csatRaw] ??
        Object.entries(f.csat.values ?? {}).find(([k]) => k.toLowerCase() === csatRaw.toLowerCase())?.[1];
      csat = mapped ?? (/^[1-5]$/.test(csatRaw) ? Number(csatRaw) : null);
      if (csat === null) throw new RowProblem(f.csat.column, `"${csatRaw}" is not a CSAT 1–5 and has no mapping`);
    }
    // Without an update-time column the version is the latest time the row carries.
    const updatedAt =
      dateOf(row, f.updatedAt) ??
      [createdAt, firstResponseAt, resolvedAt]
        .filter((t): t is string => t !== null)
        .sort()
        .at(-1)!;
    const text100 = (spec: ColumnSpec | undefined) => {
      const t = cell(row, spec);
      if (t !== null && t.length > 200) throw new RowProblem(spec!.column, 'must be at most 200 characters');
      return t;
    };
    return {
      source,
      externalId: vendorId,
      externalUpdatedAt: updatedAt,
      channel: channel.value,
      vendorChannel: channel.raw,
      agent:
        agentText === null
          ? null
          : f.agent!.kind === 'email'
            ? { ref: `email:${agentText.toLowerCase()}`, email: agentText.toLowerCase() }
            : { ref: `${source}:agent:${agentText}`, email: null },
      group: group === null ? null : { ref: `${source}:group:${group}` },
      customerRef: text100(f.customerRef),
      category: text100(f.category),
      createdAt,
      firstResponseAt,
      firstResponseExact: true,
      resolvedAt,
      lastResolvedAt: resolvedAt,
      reopenCount: countOf(row, f.reopenCount),
      reopenedAt: [],
      replyCount: countOf(row, f.replyCount),
      // An escalation tag makes an unresolved contact ESCALATED, as in the vendor connectors.
      status: status.value === 'OPEN' && escalatedTo !== null ? 'ESCALATED' : status.value,
      vendorStatus: status.raw,
      escalatedTo,
      satisfaction:
        csat === null
          ? null
          : { vendorValue: csatRaw!, csat, offered: true, ratingId: null, comment: null, respondedAt: null },
      priority: priority?.value ?? null,
      vendorPriority: priority?.raw || null,
      tags,
      vendorMetrics: null,
    };
  } catch (error) {
    if (error instanceof RowProblem) return { index, vendorId, field: error.field, message: error.message };
    throw error;
  }
}
