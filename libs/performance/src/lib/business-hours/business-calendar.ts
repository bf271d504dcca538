import { IANAZone } from 'luxon';
import { ZoneTransitions, zoneTransitions } from './zone-transitions';

/**
 * A team's business calendar: weekly working windows in local time and holidays as local dates, in one
 * IANA zone. Pure (luxon only): no Nest, no database.
 *
 * What counts as business time (docs/help-desk.md, "Business hours"): an instant counts when the team's
 * local wall clock then reads a time inside one of that weekday's windows and the local date is not a
 * holiday. This is how Zendesk's schedules read (intervals in local minutes of the week, holidays as whole
 * local days), stated for the cases its documentation leaves open:
 * - DST spring-forward night: wall-clock times that never occur count nothing (a 01:00–04:00 window is
 *   two real hours that night); fall-back night: the repeated hour counts twice (three hours become four).
 * - A window may cross midnight (22:00–06:00), which Zendesk's intervals cannot ("can't span calendar
 *   days"); its hours after midnight belong to the next local date, so a holiday on that date removes them.
 * - Overlapping windows on one day are merged, never counted twice.
 * Differences from Zendesk's business-hours metrics (docs/help-desk.md): Zendesk reports whole minutes
 * (rounding unspecified), we keep milliseconds; Zendesk applies the schedule in force at the metric's
 * event to its whole duration, we apply the calendar the caller passes (the team's).
 */

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local wall-clock times, `HH:mm`; `end` may be `24:00`, and an `end` before `start` crosses midnight. */
export interface WorkingWindow {
  start: string;
  end: string;
}

export interface Holiday {
  /** Local date `YYYY-MM-DD`: the whole local day has no business time. */
  date: string;
  name: string;
}

export interface BusinessCalendar {
  /** IANA zone, e.g. Europe/Paris. */
  zone: string;
  /** Working windows per weekday in local time; a missing or empty day is closed. */
  weekly: Partial<Record<Weekday, readonly WorkingWindow[]>>;
  holidays?: readonly Holiday[];
}

export interface CalendarProblem {
  /** Path inside the calendar, e.g. `weekly.monday.0.end` or `holidays.2.date`. */
  field: string;
  message: string;
}

export class BusinessCalendarError extends Error {
  constructor(readonly problems: readonly CalendarProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
    this.name = 'BusinessCalendarError';
  }
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** 1969-12-29 was a Monday: weeks are counted from its wall-clock midnight. */
const MONDAY_ORIGIN_MS = -3 * DAY_MS;
const TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `HH:mm` → minutes after midnight, or null (24:00 only as 1440). */
function minutesOf(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const m = TIME.exec(text);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes <= 1440 ? minutes : null;
}

/** `YYYY-MM-DD` → days since 1970-01-01 (a real calendar date), or null. */
export function localDayNumber(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const m = DATE.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || y < 1) return null;
  return Math.round(ms / DAY_MS);
}

/** Every problem of a calendar (empty when it can be compiled), each naming its field. */
export function checkBusinessCalendar(calendar: BusinessCalendar): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  if (typeof calendar?.zone !== 'string' || !IANAZone.isValidZone(calendar.zone)) {
    problems.push({ field: 'zone', message: 'must be an IANA time zone, e.g. Europe/Paris' });
  }
  const weekly = calendar?.weekly ?? {};
  for (const key of Object.keys(weekly)) {
    if (!(WEEKDAYS as readonly string[]).includes(key))
      problems.push({ field: `weekly.${key}`, message: `is not a weekday (${WEEKDAYS.join(', ')})` });
  }
  for (const day of WEEKDAYS) {
    const windows = weekly[day];
    if (windows === undefined) continue;
    if (!Array.isArray(windows)) {
      problems.push({ field: `weekly.${day}`, message: 'must be a list of { start, end } windows' });
      continue;
    }
    windows.forEach((w: WorkingWindow, i: number) => {
      const start = minutesOf(w?.start);
      const end = minutesOf(w?.end);
      if (start === null || start === 1440)
        problems.push({ field: `weekly.${day}.${i}.start`, message: 'must be a local time HH:mm from 00:00 to 23:59' });
      if (end === null)
        problems.push({ field: `weekly.${day}.${i}.end`, message: 'must be a local time HH:mm from 00:00 to 24:00' });
      if (start !== null && end !== null && start === end) {
        problems.push({
          field: `weekly.${day}.${i}.end`,
          message: 'must differ from start (a window ending before its start crosses midnight)',
        });
      }
    });
  }
  const seen = new Set<number>();
  (calendar?.holidays ?? []).forEach((h, i) => {
    const day = localDayNumber(h?.date);
    if (day === null) problems.push({ field: `holidays.${i}.date`, message: 'must be a local date YYYY-MM-DD' });
    else if (seen.has(day)) problems.push({ field: `holidays.${i}.date`, message: 'is listed twice' });
    else seen.add(day);
    if (typeof h?.name !== 'string' || h.name.trim() === '' || h.name.length > 100)
      problems.push({ field: `holidays.${i}.name`, message: 'is required, 1 to 100 characters' });
  });
  return problems;
}

/**
 * A calendar prepared for fast queries: the weekly pattern as merged wall-clock intervals of the week,
 * cumulative sums over them and over the holidays, and the zone's offset transitions (shared per zone).
 */
export interface CompiledBusinessCalendar {
  readonly zone: string;
  /** Business milliseconds in one week without holidays. */
  readonly weeklyMs: number;
  /** Merged [start, end) intervals in ms from Monday 00:00 wall clock, within [0, WEEK). */
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  /** Business ms of the week before interval i starts. */
  readonly before: Float64Array;
  /** Holiday local days (days since 1970-01-01), sorted, and the business ms removed up to and including each. */
  readonly holidayDays: Float64Array;
  readonly holidayCumulativeMs: Float64Array;
  readonly transitions: ZoneTransitions;
}

/** Validates and compiles a calendar; throws BusinessCalendarError listing every problem. */
export function compileBusinessCalendar(calendar: BusinessCalendar): CompiledBusinessCalendar {
  const problems = checkBusinessCalendar(calendar);
  if (problems.length > 0) throw new BusinessCalendarError(problems);
  const raw: [number, number][] = [];
  WEEKDAYS.forEach((day, index) => {
    for (const w of calendar.weekly[day] ?? []) {
      const start = index * DAY_MS + minutesOf(w.start)! * MINUTE_MS;
      let end = index * DAY_MS + minutesOf(w.end)! * MINUTE_MS;
      if (end <= start) end += DAY_MS; // crosses midnight into the next day
      if (end <= WEEK_MS) raw.push([start, end]);
      else raw.push([start, WEEK_MS], [0, end - WEEK_MS]); // Sunday night into Monday
    }
  });
  raw.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [s, e] of raw) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  const starts = new Float64Array(merged.map((m) => m[0]));
  const ends = new Float64Array(merged.map((m) => m[1]));
  const before = new Float64Array(merged.length);
  let total = 0;
  merged.forEach(([s, e], i) => {
    before[i] = total;
    total += e - s;
  });
  const partial = { starts, ends, before, weeklyMs: total };
  const days = [...new Set((calendar.holidays ?? []).map((h) => localDayNumber(h.date)!))].sort((a, b) => a - b);
  const cumulative = new Float64Array(days.length);
  let removed = 0;
  days.forEach((day, i) => {
    const dayStart = day * DAY_MS;
    removed += weekPrefix(partial, dayStart + DAY_MS) - weekPrefix(partial, dayStart);
    cumulative[i] = removed;
  });
  return {
    zone: calendar.zone,
    weeklyMs: total,
    starts,
    ends,
    before,
    holidayDays: new Float64Array(days),
    holidayCumulativeMs: cumulative,
    transitions: zoneTransitions(calendar.zone),
  };
}

type WeekPattern = Pick<CompiledBusinessCalendar, 'starts' | 'ends' | 'before' | 'weeklyMs'>;

/** Business ms of the weekly pattern (holidays ignored) in wall-clock [MONDAY_ORIGIN, x). */
function weekPrefix(c: WeekPattern, x: number): number {
  const weeks = Math.floor((x - MONDAY_ORIGIN_MS) / WEEK_MS);
  const r = x - MONDAY_ORIGIN_MS - weeks * WEEK_MS;
  // Intervals are few (a handful per day): a linear scan beats a binary search here.
  let within = 0;
  const n = c.starts.length;
  for (let i = 0; i < n; i++) {
    if (r <= c.starts[i]!) break;
    within = c.before[i]! + Math.min(r, c.ends[i]!) - c.starts[i]!;
  }
  return weeks * c.weeklyMs + within;
}

/** Index of the last element ≤ x in a sorted array, or −1. */
function lastAtOrBelow(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Business ms in wall-clock [MONDAY_ORIGIN, x): the weekly pattern minus the holidays before x. */
function wallPrefix(c: CompiledBusinessCalendar, x: number): number {
  let value = weekPrefix(c, x);
  if (c.holidayDays.length === 0) return value;
  const day = Math.floor(x / DAY_MS);
  const k = lastAtOrBelow(c.holidayDays, day);
  if (k >= 0) {
    if (c.holidayDays[k] === day) {
      // x falls on a holiday: remove the earlier holidays whole and this one up to x.
      value -= (k > 0 ? c.holidayCumulativeMs[k - 1]! : 0) + weekPrefix(c, x) - weekPrefix(c, day * DAY_MS);
    } else value -= c.holidayCumulativeMs[k]!;
  }
  return value;
}

/**
 * Business milliseconds between two instants (epoch ms or Date), signed: negative when `to` is before
 * `from`, so that it is additive (f(a, c) = f(a, b) + f(b, c) for any b). Exact to the millisecond.
 *
 * How: the UTC span is cut at the zone's offset changes; on each piece the wall clock is the instant plus
 * a constant offset, so the piece's business time is the business time of its wall-clock image, read
 * from cumulative sums (weekly pattern and holidays) in O(log holidays).
 */
export function businessMilliseconds(
  calendar: CompiledBusinessCalendar,
  from: number | Date,
  to: number | Date,
): number {
  const a = typeof from === 'number' ? from : from.getTime();
  const b = typeof to === 'number' ? to : to.getTime();
  if (!Number.isFinite(a) || !Number.isFinite(b)) throw new RangeError('businessMilliseconds needs two valid instants');
  if (b < a) return -businessMilliseconds(calendar, b, a);
  if (calendar.weeklyMs === 0) return 0;
  let total = 0;
  let start = a;
  let offset = calendar.transitions.offsetAt(start);
  for (const change of calendar.transitions.changesBetween(a, b)) {
    total += wallPrefix(calendar, change.at + offset) - wallPrefix(calendar, start + offset);
    start = change.at;
    offset = change.offsetMs;
  }
  return total + wallPrefix(calendar, b + offset) - wallPrefix(calendar, start + offset);
}

/** Business seconds between two instants (milliseconds as a fraction); see businessMilliseconds. */
export function businessSeconds(calendar: CompiledBusinessCalendar, from: number | Date, to: number | Date): number {
  return businessMilliseconds(calendar, from, to) / 1000;
}
