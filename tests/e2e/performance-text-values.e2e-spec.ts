import { parseInteger, parseSecondsAsMs, parseTimestampMs, parseUuid, textLength } from '@deskforce/performance';
import fc from 'fast-check';
import { Client } from 'pg';

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
});
