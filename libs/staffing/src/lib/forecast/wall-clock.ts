/**
 * Interaction history laid out by wall-clock quarter hour, so that seasonality follows the team's
 * clock: Monday 09:00 stays Monday 09:00 across daylight-saving changes. Pure: the time zone comes in
 * as an offset function (luxon's `IANAZone.offset`, in minutes), the points as plain numbers.
 *
 * Slot s of an instant is its wall-clock distance from the window's start in quarters. History index
 * i = slot + weeks·672, so index 0 is the same weekday and time as the window's start, `weeks` weeks
 * earlier. When clocks go back, two quarters share a slot (their values are averaged); when they go
 * forward, a slot has none (it copies the quarter before it). A forecast interval covers the slots of
 * its own quarters, so a 25-hour day forecasts 25 hours and a 23-hour day 23.
 */
export const QUARTER_MS = 15 * 60_000;
export const QUARTERS_PER_WEEK = 672;

export interface QuarterPoint {
  startMs: number;
  contacts: number;
  /** Contacts with a handle time, and Σ contacts × AHT over them (agent-seconds). */
  handled: number;
  work: number;
}

export interface WallClockHistory {
  contacts: number[];
  handled: number[];
  work: number[];
  /** Index of the first history quarter (a whole number of weeks: leading weeks without contacts dropped). */
  start: number;
  /** Index after the last quarter with actuals (whole hours; ≤ weeks·672); quarters from here on are unknown. */
  end: number;
}

const HOUR_MS = 3_600_000;

/**
 * An offset function that asks the zone once per UTC hour: an offset only changes at a transition, so
 * when both ends of an hour agree the whole hour has that offset (no zone changes twice within an
 * hour); otherwise the instant itself is asked. Zone look-ups go through Intl and cost microseconds,
 * and a forecast maps tens of thousands of quarters.
 */
export function hourlyCachedOffset(offsetMinutes: (ms: number) => number): (ms: number) => number {
  const cache = new Map<number, number>();
  const at = (hour: number): number => {
    let value = cache.get(hour);
    if (value === undefined) {
      value = offsetMinutes(hour * HOUR_MS);
      cache.set(hour, value);
    }
    return value;
  };
  return (ms) => {
    const hour = Math.floor(ms / HOUR_MS);
    const start = at(hour);
    return start === at(hour + 1) ? start : offsetMinutes(ms);
  };
}

export function slotOf(ms: number, fromMs: number, offsetMinutes: (ms: number) => number): number {
  const wall = (t: number): number => t + offsetMinutes(t) * 60_000;
  return Math.round((wall(ms) - wall(fromMs)) / QUARTER_MS);
}

/**
 * The history before the window's start, by slot. `knownUntilMs` (≤ fromMs) is when the actuals end:
 * later quarters have no data yet (the window may start weeks ahead), so they are not zeros but unknown,
 * and the series stops there (rounded down to a whole hour).
 */
export function wallClockHistory(params: {
  fromMs: number;
  historyFromMs: number;
  knownUntilMs: number;
  weeks: number;
  offsetMinutes: (ms: number) => number;
  points: readonly QuarterPoint[];
}): WallClockHistory {
  const { fromMs, historyFromMs, weeks, offsetMinutes } = params;
  const n = weeks * QUARTERS_PER_WEEK;
  const contacts = new Array<number>(n).fill(0);
  const handled = new Array<number>(n).fill(0);
  const work = new Array<number>(n).fill(0);
  const present = new Array<number>(n).fill(0);
  const knownUntil = Math.min(params.knownUntilMs, fromMs);
  for (let ms = historyFromMs; ms < knownUntil; ms += QUARTER_MS) {
    const i = slotOf(ms, fromMs, offsetMinutes) + n;
    if (i >= 0 && i < n) present[i]++;
  }
  for (const point of params.points) {
    if (point.startMs < historyFromMs || point.startMs >= knownUntil || !(point.contacts >= 0)) continue;
    const i = slotOf(point.startMs, fromMs, offsetMinutes) + n;
    if (i < 0 || i >= n) continue;
    contacts[i] += point.contacts;
    handled[i] += point.handled;
    work[i] += point.work;
  }
  let end = Math.max(0, Math.min(n, slotOf(knownUntil, fromMs, offsetMinutes) + n));
  end -= end % 4;
  for (let i = 0; i < end; i++) {
    if (present[i]! > 1) {
      contacts[i] /= present[i]!;
      handled[i] /= present[i]!;
      work[i] /= present[i]!;
    } else if (present[i] === 0 && i > 0) {
      contacts[i] = contacts[i - 1]!;
      handled[i] = handled[i - 1]!;
      work[i] = work[i - 1]!;
    }
  }
  // Weeks before the first contact are before the channel (or its recording) started, not real zeros.
  let start = 0;
  while (start + QUARTERS_PER_WEEK <= end && contacts.slice(start, start + QUARTERS_PER_WEEK).every((c) => c === 0))
    start += QUARTERS_PER_WEEK;
  if (contacts.slice(start, end).every((c) => c === 0)) start = end;
  return { contacts: contacts.slice(0, end), handled: handled.slice(0, end), work: work.slice(0, end), start, end };
}

/** For each of `count` intervals of `intervalMs` from `fromMs`, the slots of its quarters. */
export function horizonSlots(
  fromMs: number,
  count: number,
  intervalMs: number,
  offsetMinutes: (ms: number) => number,
): number[][] {
  const quarters = intervalMs / QUARTER_MS;
  const slots: number[][] = [];
  for (let k = 0; k < count; k++) {
    const interval: number[] = [];
    for (let q = 0; q < quarters; q++)
      interval.push(slotOf(fromMs + k * intervalMs + q * QUARTER_MS, fromMs, offsetMinutes));
    slots.push(interval);
  }
  return slots;
}
