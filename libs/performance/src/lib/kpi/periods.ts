import { DateTime } from 'luxon';
import { ZoneTransitions, zoneTransitions } from '../business-hours/zone-transitions';

export enum KpiGroupBy {
  AGENT = 'AGENT',
  TEAM = 'TEAM',
  CHANNEL = 'CHANNEL',
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}

export type PeriodUnit = 'day' | 'week' | 'month';

export function periodUnitOf(groupBy: readonly KpiGroupBy[]): PeriodUnit | null {
  if (groupBy.includes(KpiGroupBy.DAY)) return 'day';
  if (groupBy.includes(KpiGroupBy.WEEK)) return 'week';
  if (groupBy.includes(KpiGroupBy.MONTH)) return 'month';
  return null;
}

const HOUR_MS = 3_600_000;

/** True when both ends of [from, to) fall on whole UTC hours, so whole rollup hours cover it exactly. */
export function isHourAligned(from: Date, to: Date): boolean {
  return from.getTime() % HOUR_MS === 0 && to.getTime() % HOUR_MS === 0;
}

/** The start of the period containing `instant`, in `zone` (weeks start on Monday, ISO 8601). */
export function periodStart(instant: Date, unit: PeriodUnit, zone: string): Date {
  return DateTime.fromJSDate(instant, { zone }).startOf(unit, { useLocaleWeeks: false }).toJSDate();
}

export function periodEnd(start: Date, unit: PeriodUnit, zone: string): Date {
  return DateTime.fromJSDate(start, { zone })
    .plus({ [`${unit}s`]: 1 })
    .toJSDate();
}

/** 2026-03-02 for a day, 2026-W10 for a week, 2026-03 for a month. */
export function periodLabel(start: Date, unit: PeriodUnit, zone: string): string {
  const local = DateTime.fromJSDate(start, { zone });
  if (unit === 'day') return local.toISODate()!;
  if (unit === 'week') return `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`;
  return local.toFormat('yyyy-MM');
}

/** One period of a window: [start, end), and its label in the zone. */
export interface Period {
  start: Date;
  end: Date;
  label: string;
}

const DAY_MS = 86_400_000;

/** A wall-clock time (milliseconds, read as if UTC) one unit later: calendar arithmetic, no zone involved. */
function addUnit(wall: number, unit: PeriodUnit): number {
  if (unit === 'day') return wall + DAY_MS;
  if (unit === 'week') return wall + 7 * DAY_MS;
  const d = new Date(wall);
  return Date.UTC(
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

function labelOfWall(wall: number, unit: PeriodUnit): string {
  const iso = new Date(wall).toISOString();
  if (unit === 'day') return iso.slice(0, 10);
  if (unit === 'month') return iso.slice(0, 7);
  const local = DateTime.fromMillis(wall, { zone: 'utc' });
  return `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`;
}

/**
 * What periodStart answers (luxon's `startOf`, ISO weeks), worked out as luxon does it with the zone's
 * cached offsets instead of luxon's own look-ups (an Intl format each): the wall-clock start of the
 * period, turned back into an instant with luxon's `fixOffset` (guess with the instant's offset, correct
 * once; in a gap, the later instant).
 */
function startOfPeriod(instant: number, unit: PeriodUnit, tz: ZoneTransitions): number {
  const offset = tz.offsetAt(instant);
  const wall = new Date(instant + offset);
  const day =
    unit === 'month' ? 1 : unit === 'week' ? wall.getUTCDate() - ((wall.getUTCDay() + 6) % 7) : wall.getUTCDate();
  // Not Date.UTC, which reads years 0–99 as 1900–1999.
  const midnight = new Date(0);
  midnight.setUTCFullYear(wall.getUTCFullYear(), wall.getUTCMonth(), day);
  const local = midnight.getTime();
  let guess = local - offset;
  const second = tz.offsetAt(guess);
  if (second === offset) return guess;
  guess -= second - offset;
  const third = tz.offsetAt(guess);
  if (third === second) return guess;
  return local - Math.min(second, third);
}

/**
 * Every period that overlaps [from, to), in order, with its end and label: the same as periodStart,
 * periodEnd and periodLabel give, computed with one zone-offset look-up per period. The next start is the
 * same wall-clock time one unit later; when the zone's offset there is still the same, that instant is it
 * (what luxon's `plus` returns), else (a clock change inside the period) luxon computes it. The offsets
 * come from the zone's cached transitions (a look-up among a year's few changes), not from luxon, which
 * formats the instant with Intl for each one (about 10 µs: a third of a month-by-day KPI question's CPU
 * before its SQL).
 */
export function periodsOf(from: Date, to: Date, unit: PeriodUnit, zone: string): Period[] {
  const tz = zoneTransitions(zone);
  const periods: Period[] = [];
  let start = startOfPeriod(from.getTime(), unit, tz);
  let offset = tz.offsetAt(start);
  while (start < to.getTime()) {
    const wall = start + offset;
    let next = addUnit(wall, unit) - offset;
    let nextOffset = tz.offsetAt(next);
    if (nextOffset !== offset) {
      next = periodEnd(new Date(start), unit, zone).getTime();
      nextOffset = tz.offsetAt(next);
    }
    periods.push({ start: new Date(start), end: new Date(next), label: labelOfWall(wall, unit) });
    start = next;
    offset = nextOffset;
  }
  return periods;
}

/** Every period start that overlaps [from, to), in order. */
export function periodsBetween(from: Date, to: Date, unit: PeriodUnit, zone: string): Date[] {
  return periodsOf(from, to, unit, zone).map((p) => p.start);
}
