import {
  BinaryCopyRows,
  parseInteger,
  parseSecondsAsMs,
  parseTimestampMs,
  parseUuid,
  textLength,
  timestampText,
  uuidBytes,
} from '@deskforce/performance';
import fc from 'fast-check';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * The ingest rules read text in TypeScript (libs/performance/src/lib/ingest/text-values.ts) exactly as
 * PostgreSQL's input functions would: checked here against PostgreSQL itself on generated strings, mostly
 * near the edges (bad dates, leap seconds, 24:00, offsets, underscores, prefixes, exponents, braces).
 */
describe('text values against PostgreSQL', () => {
  let db: Client;

  beforeAll(async () => {
    db = new Client({ connectionString: process.env['DESKFORCE_TEST_DATABASE_URL'] });
    await db.connect();
    await db.query(`SET TimeZone = 'UTC'`);
  });
  afterAll(() => db.end());

  const DATETIME = `'^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|z|[+-]\\d{2}(:?\\d{2})?)$'`;
  const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
  const timestamp = fc
    .record({
      year: fc
        .oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(0, 1, 1900, 2000, 2024, 2026, 9999))
        .map((y) => String(y).padStart(4, '0')),
      month: two(13),
      day: fc.oneof(two(32), fc.constantFrom('28', '29', '30', '31')),
      sep: fc.constantFrom('T', ' '),
      hour: fc.oneof(two(25), fc.constant('24')),
      minute: fc.oneof(two(61), fc.constant('00')),
      second: fc.option(fc.oneof(two(61), fc.constantFrom('00', '59', '60')), { nil: undefined }),
      fraction: fc.option(
        fc.oneof(fc.stringMatching(/^\d{1,12}$/), fc.constantFrom('9999995', '1239995', '0000005', '5')),
        { nil: undefined },
      ),
      zone: fc.oneof(
        fc.constantFrom('Z', 'z', '', '+00', '-00'),
        fc
          .tuple(fc.constantFrom('+', '-'), two(17), fc.constantFrom('', ':', 'x'), two(61))
          .map(([s, h, sep, m]) => (sep === 'x' ? `${s}${h}` : `${s}${h}${sep}${m}`)),
      ),
    })
    .map(
      (t) =>
        `${t.year}-${t.month}-${t.day}${t.sep}${t.hour}:${t.minute}${t.second === undefined ? '' : `:${t.second}${t.fraction === undefined ? '' : `.${t.fraction}`}`}${t.zone}`,
    );
  const fromAlphabet = (chars: string, maxLength: number) =>
    fc.array(fc.constantFrom(...chars.split('')), { maxLength }).map((a) => a.join(''));

  async function compare<T>(
    texts: string[],
    sql: string,
    ours: (text: string) => T,
    theirs: (row: Record<string, unknown>) => T,
    edge = true,
  ): Promise<void> {
    const { rows } = await db.query(`SELECT t, ${sql} FROM unnest($1::text[]) AS t`, [texts]);
    const mismatches = rows
      .filter((row) => JSON.stringify(ours(row['t'] as string)) !== JSON.stringify(theirs(row)))
      .map((row) => ({ text: row['t'], ours: ours(row['t'] as string), postgres: theirs(row) }));
    expect(mismatches).toEqual([]);
    // The samples reach both sides of the edge: a fair share reads as a value.
    if (!edge) return;
    const read = rows.filter((row) => theirs(row) !== null).length;
    expect(read).toBeGreaterThan(rows.length / 10);
    expect(read).toBeLessThan(rows.length);
  }

  it('reads date-times as timestamptz does (truncated to milliseconds), with the offset required', async () => {
    const texts = fc.sample(
      fc.oneof({ weight: 9, arbitrary: timestamp }, { weight: 1, arbitrary: fromAlphabet('0123456789-T :Zz+.', 30) }),
      { numRuns: 4000, seed: 5 },
    );
    await compare(
      texts,
      `CASE WHEN t ~ ${DATETIME} AND pg_input_is_valid(t, 'timestamptz') THEN (extract(epoch FROM date_trunc('milliseconds', t::timestamptz)) * 1000)::bigint::text END AS v`,
      (t) => parseTimestampMs(t),
      (r) => (r['v'] === null ? null : Number(r['v'])),
    );
  });

  it('reads integers as int4 does', async () => {
    const texts = fc.sample(
      fc.oneof(
        fromAlphabet('0123456789_+- \txXoObBaf.e', 12),
        fc.integer().map(String),
        fc.constantFrom('2147483647', '2147483648', '-2147483648', '-2147483649'),
      ),
      { numRuns: 3000, seed: 6 },
    );
    await compare(
      texts,
      `CASE WHEN pg_input_is_valid(t, 'integer') THEN t::int END AS v`,
      (t) => parseInteger(t),
      (r) => (r['v'] === null ? null : Number(r['v'])),
    );
  });

  it('reads seconds as numeric does, within 0 to 86400, rounded to milliseconds', async () => {
    const texts = fc.sample(
      fc.oneof(
        fromAlphabet('0123456789_.+- eExXnaNIfity', 12),
        fc.double({ min: -10, max: 90000, noNaN: true }).map(String),
        fc.constantFrom('86400', '86400.0004', '86399.9995', '0.0005', '-0', '1e-30'),
      ),
      { numRuns: 3000, seed: 7 },
    );
    await compare(
      texts,
      `CASE WHEN pg_input_is_valid(t, 'numeric') AND t::numeric BETWEEN 0 AND 86400 THEN round(t::numeric * 1000)::bigint END AS v`,
      (t) => parseSecondsAsMs(t, 0, 86400)?.ms ?? null,
      (r) => (r['v'] === null ? null : Number(r['v'])),
    );
  });

  it('reads uuids as uuid does, and counts characters as length() does', async () => {
    const hex = fc.stringMatching(/^[0-9a-fA-F]{32}$/);
    const uuid = fc
      .tuple(hex, fc.array(fc.boolean(), { minLength: 31, maxLength: 31 }), fc.constantFrom('', '{}', '{', '}', ' '))
      .map(([h, dashes, wrap]) => {
        let text = '';
        for (let i = 0; i < 32; i++)
          text += h[i]! + (i < 31 && dashes[i] && i % 4 === 3 ? '-' : i < 31 && dashes[i] && i === 6 ? '-' : '');
        return wrap === '{}'
          ? `{${text}}`
          : wrap === ' '
            ? ` ${text}`
            : wrap === '{'
              ? `{${text}`
              : wrap === '}'
                ? `${text}}`
                : text;
      });
    const texts = fc.sample(fc.oneof(uuid, fc.uuid()), { numRuns: 2000, seed: 8 });
    await compare(
      texts,
      `CASE WHEN pg_input_is_valid(t, 'uuid') THEN t::uuid::text END AS v`,
      (t) => parseUuid(t),
      (r) => r['v'] as string | null,
    );
    const strings = fc.sample(
      fc.string({ unit: 'grapheme', maxLength: 20 }).filter((s) => !s.includes('\u0000')),
      { numRuns: 1000, seed: 9 },
    );
    await compare(
      strings,
      'length(t) AS v',
      (t) => textLength(t),
      (r) => r['v'] as number,
      false,
    );
  });

  it('writes typed values in the binary COPY format as PostgreSQL reads their text', async () => {
    const instant = fc.oneof(
      // 4713 BC to year 275760 (the ends of JavaScript dates), and the years users send.
      fc.integer({ min: -210_866_760_000_000, max: 8_640_000_000_000_000 }),
      fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
    );
    const rows = fc.sample(
      fc.tuple(
        fc.option(instant, { nil: null }),
        fc.uuid(),
        fc.option(fc.string({ unit: 'grapheme', maxLength: 20 }), { nil: null }),
        fc.integer({ min: -2147483648, max: 2147483647 }),
        fc.integer({ min: -32768, max: 32767 }),
        fc.maxSafeInteger(),
        fc.boolean(),
      ),
      { numRuns: 2000, seed: 7 },
    );
    await db.query(
      `CREATE TEMP TABLE binary_copy (tenant_id uuid, import_id uuid, idx bigint, t timestamptz, u uuid, s text, i integer, h smallint, b bigint, f boolean)`,
    );
    const [tenantId, importId] = ['6f1c0a52-8d5e-4c8e-9c1e-2f3a4b5c6d7e', '0b9e8d7c-6b5a-4f3e-8d2c-1b0a9f8e7d6c'];
    const copy = new BinaryCopyRows(['timestamptz', 'uuid', 'text', 'integer', 'smallint', 'bigint', 'boolean']);
    rows.forEach((values, idx) => copy.add(uuidBytes(tenantId), uuidBytes(importId), idx, values));
    await pipeline(Readable.from(copy.finish()), db.query(copyFrom(`COPY binary_copy FROM STDIN (FORMAT binary)`)));
    // Each row beside the same values given as text (timestamps as the text the ingest sends).
    const { rows: mismatches } = await db.query(
      `SELECT x.idx FROM binary_copy x
         JOIN unnest($1::text[], $2::uuid[], $3::text[], $4::int[], $5::smallint[], $6::bigint[], $7::boolean[])
              WITH ORDINALITY AS e(t, u, s, i, h, b, f, n) ON e.n = x.idx + 1
        WHERE x.tenant_id <> $8 OR x.import_id <> $9
           OR (x.t, x.u, x.s, x.i, x.h, x.b, x.f) IS DISTINCT FROM (e.t::timestamptz, e.u, e.s, e.i, e.h, e.b, e.f)`,
      [
        rows.map((r) => (r[0] === null ? null : timestampText(r[0]))),
        rows.map((r) => r[1]),
        // An empty text is NULL, as the rules read it.
        rows.map((r) => (r[2] === '' ? null : r[2])),
        rows.map((r) => r[3]),
        rows.map((r) => r[4]),
        rows.map((r) => String(r[5])),
        rows.map((r) => r[6]),
        tenantId,
        importId,
      ],
    );
    expect(mismatches).toEqual([]);
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM binary_copy`)).rows as [{ n: number }];
    expect(n).toBe(rows.length);
  });
});
