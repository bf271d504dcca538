import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ContactRejection, NormalisedContact } from './contact';
import {
  applyMapping,
  checkMappingColumns,
  checkMappingFile,
  compileMappingFile,
  MappingFileError,
} from './mapping-file';

const read = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

describe('mapping files', () => {
  const mapping = compileMappingFile(JSON.parse(read('generic-mapping.json')));
  const rows = parse(read('generic-contacts.csv'), { columns: true, bom: true }) as Record<string, string>[];
  const results = rows.map((row, i) => applyMapping(mapping, row, i + 2));
  const contact = (i: number) => results[i] as NormalisedContact;

  it('checks a file header against the mapping before reading rows', () => {
    expect(checkMappingColumns(mapping, Object.keys(rows[0]!))).toEqual([]);
    expect(checkMappingColumns(mapping, ['Call ID', 'Started'])).toContainEqual({
      key: 'fields.channel.column',
      message: 'column "Type" is not in the file\'s header',
    });
  });

  it('reads local dates in their zone across a DST change, epoch seconds and ISO', () => {
    // 31 Mar 2024 01:59:30 Paris is +01:00; 03:00:10 is +02:00: 40 seconds later.
    expect(contact(0)).toMatchObject({
      source: 'phonebox',
      externalId: 'C-100',
      createdAt: '2024-03-31T00:59:30.000Z',
      firstResponseAt: '2024-03-31T01:00:10.000Z',
      resolvedAt: '2024-03-31T01:10:00.000Z',
      externalUpdatedAt: '2024-03-31T01:00:00.000Z',
      channel: 'PHONE',
      vendorChannel: 'Inbound call',
      status: 'RESOLVED',
      vendorStatus: 'Done',
      agent: { ref: 'email:ana.lopez@example.test', email: 'ana.lopez@example.test' },
      group: { ref: 'phonebox:group:Q1' },
      tags: ['vip', 'billing'],
      satisfaction: { vendorValue: 'Happy', csat: 5 },
    });
  });

  it('maps values, escalations and empty cells', () => {
    expect(contact(1)).toMatchObject({
      channel: 'VOICEMAIL',
      status: 'OPEN',
      agent: null,
      firstResponseAt: null,
      satisfaction: null,
      tags: [],
    });
    expect(contact(2)).toMatchObject({
      status: 'ESCALATED',
      escalatedTo: 'Billing back office',
      satisfaction: { csat: 3 },
    });
  });

  it('rejects a row with its line, id, column and reason; the others land', () => {
    expect(results[3]).toEqual<ContactRejection>({
      index: 5,
      vendorId: 'C-103',
      field: 'Started',
      message: '"16/04/2024 25:00:00" is not a date in the format dd/MM/yyyy HH:mm:ss (Europe/Paris)',
    });
    expect(results[4]).toEqual<ContactRejection>({
      index: 6,
      vendorId: 'C-104',
      field: 'Type',
      message: '"Fax" has no mapping (add it to the mapping\'s values)',
    });
  });

  it('reads NDJSON objects too (numbers as values)', () => {
    const json = compileMappingFile({
      version: 1,
      source: 'crm',
      fields: {
        externalId: { column: 'id' },
        createdAt: { column: 'ts', format: 'epoch-millis' },
        channel: { column: 'ch' },
        status: { column: 'st' },
        reopenCount: { column: 'reopens' },
      },
    });
    expect(applyMapping(json, { id: 17, ts: 1713261600000, ch: 'web', st: 'open', reopens: 2 }, 0)).toMatchObject({
      externalId: '17',
      createdAt: '2024-04-16T10:00:00.000Z',
      channel: 'WEB',
      status: 'OPEN',
      reopenCount: 2,
    });
  });

  it('validates the whole mapping first, naming every bad key', () => {
    const bad = {
      version: 2,
      source: '',
      extra: true,
      fields: {
        createdAt: { column: 'c', format: 'dd/MM/yyyy HH:mm' },
        channel: { column: 'ch', values: { 'Web form': 'WEBSITE' }, default: 'FAX' },
        status: { column: 's', colour: 'red' },
        agent: { column: 'a' },
        csat: { column: 'x', values: { Great: 6 } },
        mood: { column: 'm' },
      },
    };
    expect(checkMappingFile(bad)).toEqual([
      { key: 'extra', message: 'is not a mapping key (version, source, fields, escalationTags)' },
      { key: 'version', message: 'must be 1' },
      { key: 'source', message: 'is required, 1 to 64 characters' },
      { key: 'fields.externalId', message: 'is required' },
      {
        key: 'fields.createdAt.zone',
        message: 'is required for a format without an offset: an IANA zone, e.g. Europe/Paris',
      },
      {
        key: 'fields.channel.values.Web form',
        message: 'must be one of PHONE, EMAIL, CHAT, SOCIAL, WEB, API, MESSAGING, VOICEMAIL',
      },
      {
        key: 'fields.channel.default',
        message: 'must be one of PHONE, EMAIL, CHAT, SOCIAL, WEB, API, MESSAGING, VOICEMAIL',
      },
      { key: 'fields.status.colour', message: 'is not an option of this field (column, values, default)' },
      {
        key: 'fields.agent.kind',
        message: "must be email (the column holds agents' emails) or id (their ids in that system)",
      },
      { key: 'fields.csat.values.Great', message: 'must be a whole number from 1 to 5' },
      { key: 'fields.mood', message: expect.stringContaining('is not a field') },
    ]);
    expect(() => compileMappingFile(bad)).toThrow(MappingFileError);
    expect(checkMappingFile('nope')).toEqual([
      { key: '', message: 'must be a JSON object { version, source, fields }' },
    ]);
    expect(
      checkMappingFile({
        version: 1,
        source: 's',
        fields: {
          externalId: { column: 'i' },
          createdAt: { column: 'c', format: 'hh:mm', zone: 'UTC' },
          channel: { column: 'h' },
          status: { column: 's' },
        },
      }),
    ).toEqual([
      {
        key: 'fields.createdAt.format',
        message: 'is not a luxon date format with a year, month and day (e.g. dd/MM/yyyy HH:mm)',
      },
    ]);
  });
});
