/**
 * Text → value, exactly as PostgreSQL 17's input functions read them, so that a row checked here is read
 * the same way the database would read it (the CHECK constraints remain the last line of defence). Pure
 * and allocation-light: the import runs these on every field of every line. `text-values.spec.ts` compares
 * them with PostgreSQL itself on generated strings.
 */

const SPACE = /^[ \t\n\r\v\f]*([^]*?)[ \t\n\r\v\f]*$/;

/**
 * An ISO 8601 date-time with an offset (or Z); text without one is refused rather than read in some zone.
 * Groups: year, month, day, hour, minute, second, fraction, zone (Z, z or ±HH[[:]MM]).
 */
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)$/;

const MS_PER_DAY = 86_400_000;

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Round half to even, as C's rint() in the default rounding mode. */
function rint(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Days from 1970-01-01 to the given proleptic Gregorian date (any year, month 1–12). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * A `timestamptz` as milliseconds since 1970, truncated to the millisecond as `date_trunc('milliseconds', …)`
 * does, or null when the text is not an ISO 8601 date-time with an offset that PostgreSQL accepts
 * (year 0001–9999, real calendar dates, 24:00:00, a leap second 60, offsets up to ±15:59).
 */
export function parseTimestampMs(text: string): number | null {
  const m = DATETIME.exec(text);
  if (!m) return null;
  const year = +m[1]!;
  const month = +m[2]!;
  const day = +m[3]!;
  const hour = +m[4]!;
  const minute = +m[5]!;
  const second = m[6] === undefined ? 0 : +m[6];
  // PostgreSQL: fsec = rint(strtod("0.<digits>") * 1e6), microseconds, then validated.
  const usec = m[7] === undefined ? 0 : rint(parseFloat(`0.${m[7]}`) * 1_000_000);
  if (year < 1 || month < 1 || month > 12 || day < 1) return null;
  if (day > (month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1]!)) return null;
  if (minute > 59 || second > 60 || hour > 24 || usec > 1_000_000) return null;
  if (hour === 24 && (minute > 0 || second > 0 || usec > 0)) return null;
  let offsetMinutes = 0;
  const zone = m[8]!;
  if (zone !== 'Z' && zone !== 'z') {
    const zh = +zone.slice(1, 3);
    const zm = zone.length > 3 ? +zone.slice(-2) : 0;
    if (zh > 15 || zm > 59) return null;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (zh * 60 + zm);
  }
  const wall = daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000;
  // Truncate microseconds to milliseconds (the fraction is never negative: floor is truncation).
  return wall - offsetMinutes * 60_000 + Math.floor(usec / 1000);
}

/** `ms` as text PostgreSQL reads back as the same instant (ISO 8601 in UTC; years outside 1–9999 spelt out). */
export function timestampText(ms: number): string {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  if (year >= 1 && year <= 9999) return date.toISOString();
  const iso = date.toISOString(); // ±YYYYYY-MM-DDTHH:MM:SS.sssZ
  const rest = iso.slice(iso.indexOf('-', 1));
  return year > 9999 ? `${year}${rest}` : `${String(1 - year).padStart(4, '0')}${rest.replace('Z', '+00')} BC`;
}

const INT_DECIMAL = /^[+-]?\d+(_\d+)*$/;
const INT_PREFIXED = /^[+-]?0(?:[xX](_?[0-9a-fA-F]+)+|[oO](_?[0-7]+)+|[bB](_?[01]+)+)$/;

/** An `integer` (int4), as int4in reads it (spaces around, a sign, decimal or 0x/0o/0b with single underscores), or null. */
export function parseInteger(text: string): number | null {
  const t = SPACE.exec(text)![1]!;
  let value: number;
  if (INT_DECIMAL.test(t)) value = Number(t.replace(/_/g, ''));
  else if (INT_PREFIXED.test(t)) {
    value = Number(t.replace(/^[+-]/, '').replace(/_/g, '').toLowerCase());
    if (t[0] === '-') value = -value;
  } else return null;
  return Number.isSafeInteger(value) && value >= -2147483648 && value <= 2147483647 ? value + 0 : null; // + 0: no -0
}

const NUM_DECIMAL = /^([+-]?)(\d+(?:_\d+)*)?(?:\.(\d+(?:_\d+)*)?)?(?:[eE]([+-]?\d+))?$/;
const NUM_SPECIAL = /^[+-]?(nan|inf|infinity)$/i;

/** A number of seconds read as `numeric`: whether it lies in the range checked, and `round(x * 1000)`. */
export interface SecondsAsMs {
  /** The value lies in [min, max] seconds (NaN and infinities never do). */
  inRange: boolean;
  /** round(value × 1000), half away from zero, as whole milliseconds; null when not in range. */
  ms: number | null;
}

const OUT_OF_RANGE: SecondsAsMs = { inRange: false, ms: null };

/**
 * Seconds as `numeric` text (numeric_in: spaces, sign, decimals, exponent, underscores, 0x/0o/0b
 * integers, NaN, Infinity), checked against [min, max] and turned into milliseconds exactly (BigInt
 * arithmetic, no floating point). Null when PostgreSQL would not read it as a number.
 */
export function parseSecondsAsMs(text: string, min: number, max: number): SecondsAsMs | null {
  const t = SPACE.exec(text)![1]!;
  if (NUM_SPECIAL.test(t)) return OUT_OF_RANGE;
  let mantissa: bigint;
  let exponent: number;
  const m = NUM_DECIMAL.exec(t);
  if (m && (m[2] !== undefined || m[3] !== undefined)) {
    const whole = (m[2] ?? '').replace(/_/g, '');
    const fraction = (m[3] ?? '').replace(/_/g, '');
    const e = m[4] === undefined ? 0 : Number(m[4]);
    if (!Number.isSafeInteger(e)) return null;
    mantissa = BigInt(`${m[1] === '-' ? '-' : ''}${whole}${fraction}` || '0');
    exponent = e - fraction.length;
  } else if (INT_PREFIXED.test(t)) {
    const negative = t[0] === '-';
    mantissa = BigInt(t.replace(/^[+-]/, '').replace(/_/g, '').toLowerCase());
    if (negative) mantissa = -mantissa;
    exponent = 0;
  } else return null;
  if (mantissa === 0n) return min <= 0 && max >= 0 ? { inRange: true, ms: 0 } : OUT_OF_RANGE;
  // Far outside any range we check (the bounds are small whole numbers): decide without huge powers of ten.
  const digits = (mantissa < 0n ? -mantissa : mantissa).toString().length;
  if (digits + exponent > 20) return OUT_OF_RANGE;
  if (digits + exponent < -20)
    return (mantissa > 0n ? min <= 0 && max > 0 : min < 0 && max >= 0) ? { inRange: true, ms: 0 } : OUT_OF_RANGE;
  // value = mantissa × 10^exponent; compare with the bounds exactly.
  const scale = exponent < 0 ? 10n ** BigInt(-exponent) : 1n;
  const scaled = exponent < 0 ? mantissa : mantissa * 10n ** BigInt(exponent);
  if (scaled < BigInt(min) * scale || scaled > BigInt(max) * scale) return OUT_OF_RANGE;
  // round(value × 1000) half away from zero.
  const shift = exponent + 3;
  if (shift >= 0) return { inRange: true, ms: Number(mantissa * 10n ** BigInt(shift)) };
  const divisor = 10n ** BigInt(-shift);
  const abs = mantissa < 0n ? -mantissa : mantissa;
  const q = abs / divisor;
  const rounded = 2n * (abs - q * divisor) >= divisor ? q + 1n : q;
  return { inRange: true, ms: Number(mantissa < 0n ? -rounded : rounded) };
}

const UUID = /^[0-9a-fA-F]{4}(?:-?[0-9a-fA-F]{4}){7}$/;
const UUID_BRACED = /^\{[0-9a-fA-F]{4}(?:-?[0-9a-fA-F]{4}){7}\}$/;

/** A `uuid` as uuid_in reads it (optional braces, a hyphen allowed after any group of four digits), in canonical form, or null. */
export function parseUuid(text: string): string | null {
  let hex: string;
  if (
    text.length === 36 &&
    text[8] === '-' &&
    text[13] === '-' &&
    text[18] === '-' &&
    text[23] === '-' &&
    UUID.test(text)
  )
    return text.toLowerCase();
  if (UUID.test(text)) hex = text.replace(/-/g, '');
  else if (UUID_BRACED.test(text)) hex = text.slice(1, -1).replace(/-/g, '');
  else return null;
  hex = hex.toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const BOOLEANS: Record<string, boolean> = {
  true: true,
  false: false,
  t: true,
  f: false,
  '1': true,
  '0': false,
  yes: true,
  no: false,
};

/** One of true, false, t, f, 1, 0, yes, no (any case), or null. */
export function parseBoolean(text: string): boolean | null {
  const value = BOOLEANS[text.toLowerCase()];
  return value === undefined ? null : value;
}

/** Length in characters (code points), as PostgreSQL's length() counts them. */
export function textLength(text: string): number {
  let surrogates = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) surrogates++;
  }
  return text.length - surrogates;
}

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text PostgreSQL can store: no NUL character and no unpaired surrogate (it would refuse the whole batch). */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && !UNPAIRED_SURROGATE.test(text);
}
