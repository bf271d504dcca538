import { DateTime, IANAZone } from 'luxon';

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

/**
 * True when the zone's UTC offset is a whole number of hours throughout [from, to): then every UTC hour
 * lies inside one local day, week and month, and an hourly rollup can be re-cut in that zone exactly.
 * Offsets change only at transitions, which last far longer than a day, so checking daily and at both ends
 * is enough. Zones such as Asia/Kolkata (+05:30) or Australia/Adelaide are not whole-hour.
 */
export function hasWholeHourOffsets(zone: string, from: Date, to: Date): boolean {
  const tz = IANAZone.create(zone);
  if (!tz.isValid) return false;
  const step = 24 * HOUR_MS;
  for (let t = from.getTime(); t < to.getTime() + step; t += step) {
    const at = Math.min(t, to.getTime());
    if (tz.offset(at) % 60 !== 0) return false;
  }
  return true;
}

/** The start of the period containing `instant`, in `zone` (weeks start on Monday, ISO 8601). */
export function periodStart(instant: Date, unit: PeriodUnit, zone: string): Date {
  return DateTime.fromJSDate(instant, { zone }).startOf(unit, { useLocaleWeeks: false }).toJSDate();
}

export function periodEnd(start: Date, unit: PeriodUnit, zone: string): Date {
  return DateTime.fromJSDate(start, { zone }).plus({ [`${unit}s`]: 1 }).toJSDate();
}

/** 2026-03-02 for a day, 2026-W10 for a week, 2026-03 for a month. */
export function periodLabel(start: Date, unit: PeriodUnit, zone: string): string {
  const local = DateTime.fromJSDate(start, { zone });
  if (unit === 'day') return local.toISODate()!;
  if (unit === 'week') return `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`;
  return local.toFormat('yyyy-MM');
}

/** Every period that overlaps [from, to), in order. */
export function periodsBetween(from: Date, to: Date, unit: PeriodUnit, zone: string): Date[] {
  const periods: Date[] = [];
  for (let start = periodStart(from, unit, zone); start < to; start = periodEnd(start, unit, zone)) periods.push(start);
  return periods;
}
