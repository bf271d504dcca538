import {
  isStorableText,
  parseBoolean,
  parseInteger,
  parseSecondsAsMs,
  parseTimestampMs,
  parseUuid,
  textLength,
  timestampText,
} from './text-values';

const ms = (iso: string) => Date.parse(iso);

describe('text values read as PostgreSQL reads them', () => {
  it('reads ISO 8601 date-times with an offset, truncated to the millisecond', () => {
    expect(parseTimestampMs('2026-01-01T10:00:00Z')).toBe(ms('2026-01-01T10:00:00Z'));
    expect(parseTimestampMs('2026-01-01 10:00z')).toBe(ms('2026-01-01T10:00:00Z'));
    expect(parseTimestampMs('2026-01-01T10:00:00+0530')).toBe(ms('2026-01-01T04:30:00Z'));
    expect(parseTimestampMs('2026-01-01T10:00:00+05')).toBe(ms('2026-01-01T05:00:00Z'));
    expect(parseTimestampMs('2026-01-01T10:00:00-00')).toBe(ms('2026-01-01T10:00:00Z'));
    expect(parseTimestampMs('2026-01-01T10:00:00+15:59')).toBe(ms('2025-12-31T18:01:00Z'));
    expect(parseTimestampMs('2026-01-01T10:00:59.5Z')).toBe(ms('2026-01-01T10:00:59.500Z'));
    expect(parseTimestampMs('2026-01-01T10:00:00.123456789012345678901234567890Z')).toBe(
      ms('2026-01-01T10:00:00.123Z'),
    );
    // Microseconds are rounded first (half to even), then truncated to milliseconds.
    expect(parseTimestampMs('2026-01-01T10:00:00.1239995Z')).toBe(ms('2026-01-01T10:00:00.124Z'));
    expect(parseTimestampMs('2026-01-01T10:00:00.9999995Z')).toBe(ms('2026-01-01T10:00:01Z'));
    // 24:00:00 and a leap second roll over; year 10000 after the offset is still a date.
    expect(parseTimestampMs('2026-01-01T24:00:00Z')).toBe(ms('2026-01-02T00:00:00Z'));
    expect(parseTimestampMs('2026-01-01T23:59:60Z')).toBe(ms('2026-01-02T00:00:00Z'));
    expect(parseTimestampMs('2024-02-29T00:00:00Z')).toBe(ms('2024-02-29T00:00:00Z'));
    expect(parseTimestampMs('0001-01-01T00:00:00Z')).toBe(Date.UTC(2001, 0, 1) - 2000 * 365.2425 * 86_400_000);
  });

  it('refuses what PostgreSQL refuses, and text without an offset', () => {
    for (const text of [
      '2026-01-01T10:00:00',
      '0000-01-01T00:00:00Z',
      '2026-02-29T00:00:00Z',
      '1900-02-29T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-00-10T00:00:00Z',
      '2026-13-10T00:00:00Z',
      '2026-01-00T00:00:00Z',
      '2026-01-01T24:00:01Z',
      '2026-01-01T24:01Z',
      '2026-01-01T23:59:61Z',
      '2026-01-01T23:60:00Z',
      '2026-01-01T10:00:00+16:00',
      '2026-01-01T10:00:00+05:60',
      '2026-01-01T10:00.5Z',
      ' 2026-01-01T10:00:00Z',
    ]) {
      expect({ text, value: parseTimestampMs(text) }).toEqual({ text, value: null });
    }
  });

  it('writes instants back as text PostgreSQL reads as the same instant', () => {
    expect(timestampText(ms('2026-01-01T10:00:00.123Z'))).toBe('2026-01-01T10:00:00.123Z');
    expect(timestampText(parseTimestampMs('9999-12-31T23:00:00-05:00')!)).toBe('10000-01-01T04:00:00.000Z');
    expect(timestampText(parseTimestampMs('0001-01-01T00:00:00+01:00')!)).toBe('0001-12-31T23:00:00.000+00 BC');
  });

  it('reads integers as int4in does', () => {
    const cases: [string, number | null][] = [
      [' 12 ', 12],
      ['+5', 5],
      ['-0', 0],
      ['1_000', 1000],
      ['0x1A', 26],
      ['0X1a', 26],
      ['0o17', 15],
      ['0b101', 5],
      ['0x_1', 1],
      ['0x1_0', 16],
      ['\t7\n', 7],
      ['007', 7],
      ['2147483647', 2147483647],
      ['-2147483648', -2147483648],
      ['2147483648', null],
      ['1__0', null],
      ['_1', null],
      ['1_', null],
      ['12a', null],
      ['', null],
      [' ', null],
      ['1e3', null],
      ['1.0', null],
      ['٣', null],
    ];
    for (const [text, value] of cases) expect({ text, value: parseInteger(text) }).toEqual({ text, value });
  });

  it('reads seconds as numeric and rounds them to whole milliseconds exactly', () => {
    const seconds = (text: string) => parseSecondsAsMs(text, 0, 86400);
    expect(seconds(' 12.5 ')).toEqual({ inRange: true, ms: 12500 });
    expect(seconds('.5')).toEqual({ inRange: true, ms: 500 });
    expect(seconds('5.')).toEqual({ inRange: true, ms: 5000 });
    expect(seconds('1E-2')).toEqual({ inRange: true, ms: 10 });
    expect(seconds('+.5e1')).toEqual({ inRange: true, ms: 5000 });
    expect(seconds('1_000.5')).toEqual({ inRange: true, ms: 1000500 });
    expect(seconds('0x10')).toEqual({ inRange: true, ms: 16000 });
    // round() on numeric: half away from zero, with no binary floating point on the way.
    expect(seconds('0.0005')).toEqual({ inRange: true, ms: 1 });
    expect(seconds('1.0005')).toEqual({ inRange: true, ms: 1001 });
    expect(seconds('86399.9995')).toEqual({ inRange: true, ms: 86400000 });
    expect(seconds('86400')).toEqual({ inRange: true, ms: 86400000 });
    expect(seconds('86400.0001')).toEqual({ inRange: false, ms: null });
    expect(seconds('-0.0001')).toEqual({ inRange: false, ms: null });
    expect(seconds('1e+21')).toEqual({ inRange: false, ms: null });
    expect(seconds('1e-1000')).toEqual({ inRange: true, ms: 0 });
    for (const special of ['NaN', 'nan', 'Infinity', '-inf'])
      expect(seconds(special)).toEqual({ inRange: false, ms: null });
    for (const bad of ['1.2.3', 'e5', '1e', ' ', '']) expect(seconds(bad)).toBeNull();
  });

  it('reads uuids as uuid_in does, in canonical form', () => {
    const canonical = '8a2b3c4d-1111-2222-3333-44445555666a';
    expect(parseUuid('8A2B3C4D-1111-2222-3333-44445555666A')).toBe(canonical);
    expect(parseUuid('{8a2b3c4d-1111-2222-3333-44445555666a}')).toBe(canonical);
    expect(parseUuid('8A2B3C4D11112222333344445555666a')).toBe(canonical);
    expect(parseUuid('8a2b-3c4d-1111-2222-3333-4444-5555-666a')).toBe(canonical);
    for (const bad of [
      '8a2b3c4d-1111-2222-3333-44445555666a-',
      ' 8a2b3c4d-1111-2222-3333-44445555666a',
      '{8a2b3c4d-1111-2222-3333-44445555666a',
      '8a2b3c4d--1111-2222-3333-44445555666a',
      '8a2b3c4-d1111-2222-3333-44445555666a',
    ]) {
      expect({ bad, value: parseUuid(bad) }).toEqual({ bad, value: null });
    }
  });

  it('reads booleans, counts characters and spots text PostgreSQL cannot store', () => {
    expect(['true', 'FALSE', 't', 'f', '1', '0', 'Yes', 'no'].map(parseBoolean)).toEqual([
      true,
      false,
      true,
      false,
      true,
      false,
      true,
      false,
    ]);
    expect(['on', ' true', 'y', ''].map(parseBoolean)).toEqual([null, null, null, null]);
    expect(textLength('𝒟ë𝓈𝓀 🦄')).toBe(6);
    expect(isStorableText('𝒟ë𝓈𝓀 🦄')).toBe(true);
    expect(isStorableText('a\u0000b')).toBe(false);
    expect(isStorableText('a\ud800b')).toBe(false);
    expect(isStorableText('\udc00')).toBe(false);
  });
});
