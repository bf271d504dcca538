import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { SeededRandom } from '../../testing/seeded-random';
import {
  cleanOutlierDays,
  forecastQuarterHours,
  predictionInterval,
  QUARTERS_PER_WEEK,
  Z_80,
} from './quarter-hour-forecast';
import { horizonSlots, hourlyCachedOffset, QUARTER_MS, slotOf, wallClockHistory } from './wall-clock';

const ZONE = 'Europe/Warsaw';
const zone = IANAZone.create(ZONE);
const offset = hourlyCachedOffset((ms: number): number => zone.offset(ms));

interface Shape {
  /** Contacts per open quarter hour at the base level. */
  level: number;
  /** Relative growth per week (0.02 = +2% a week). */
  trendPerWeek: number;
  /** Local opening hours [open, close). */
  open: number;
  close: number;
  /** Holiday: the local day [from, to) in ms with 10% of the volume, or null. */
  holiday: { from: number; to: number } | null;
}

/**
 * Expected contacts in the quarter starting at `ms`: a double daily peak, weekday levels, closed at
 * night (zeros), a linear trend from `originMs`, and a holiday. Local (wall-clock) time decides the
 * shape, as it does for real contact centres, so a DST change moves the curve with the clock.
 */
function truth(ms: number, originMs: number, shape: Shape): number {
  const wall = new Date(ms + offset(ms) * 60_000);
  const hour = wall.getUTCHours() + wall.getUTCMinutes() / 60;
  if (hour < shape.open || hour >= shape.close) return 0;
  const weekday = [0.45, 1.2, 1.1, 1, 1, 0.9, 0.55][wall.getUTCDay()]!;
  const daily = 0.5 + Math.exp(-((hour - 10.5) ** 2) / 3) + 0.7 * Math.exp(-((hour - 15) ** 2) / 5);
  const weeks = (ms - originMs) / (7 * 86_400_000);
  const holiday = shape.holiday !== null && ms >= shape.holiday.from && ms < shape.holiday.to ? 0.1 : 1;
  return shape.level * weekday * daily * (1 + shape.trendPerWeek * weeks) * holiday;
}

interface Scenario {
  fromMs: number;
  weeks: number;
  shape: Shape;
  seed: number;
}

/** History points (Poisson draws, one per UTC quarter) and the forecast at 15, 30 and 60 minutes. */
function run(scenario: Scenario) {
  const { fromMs, weeks, shape } = scenario;
  const random = new SeededRandom(scenario.seed);
  const historyFromMs = DateTime.fromMillis(fromMs, { zone: ZONE }).minus({ weeks }).toMillis();
  const points = [];
  for (let ms = historyFromMs; ms < fromMs; ms += QUARTER_MS) {
    const contacts = random.poisson(truth(ms, historyFromMs, shape));
    points.push({ startMs: ms, contacts, handled: contacts, work: contacts * 300 });
  }
  const laid = wallClockHistory({ fromMs, historyFromMs, knownUntilMs: fromMs, weeks, offsetMinutes: offset, points });
  const toMs = DateTime.fromMillis(fromMs, { zone: ZONE }).plus({ weeks: 1 }).toMillis();
  const n = weeks * QUARTERS_PER_WEEK;
  const maxSlot = slotOf(toMs - QUARTER_MS, fromMs, offset);
  const result = forecastQuarterHours(laid.contacts.slice(laid.start, laid.end), {
    horizonQuarters: n + maxSlot + 1 - laid.end,
  });
  const at = (minutes: number) =>
    horizonSlots(fromMs, (toMs - fromMs) / (minutes * 60_000), minutes * 60_000, offset).map((slots) =>
      slots.reduce((s, slot) => s + result.quarters[n + slot - laid.end]!, 0),
    );
  let expected = 0;
  for (let ms = fromMs; ms < toMs; ms += QUARTER_MS) expected += truth(ms, historyFromMs, shape);
  return { result, at, expected, toMs };
}

/** Local-day totals of a series of intervals of `minutes` from `fromMs`. */
function dayTotals(values: number[], fromMs: number, minutes: number): Map<string, number> {
  const days = new Map<string, number>();
  values.forEach((v, k) => {
    const day = DateTime.fromMillis(fromMs + k * minutes * 60_000, { zone: ZONE }).toISODate()!;
    days.set(day, (days.get(day) ?? 0) + v);
  });
  return days;
}

// Mondays 00:00 local: an ordinary week, the week after clocks go forward (29 March 2026) and back (25 October 2026),
// and a week whose history spans a change. Chosen by fast-check with the other parameters.
const MONDAYS = ['2026-03-02', '2026-03-30', '2026-03-23', '2026-10-26', '2026-10-19', '2026-06-15'].map((d) =>
  DateTime.fromISO(d, { zone: ZONE }).toMillis(),
);

const scenarios = fc
  .record({
    monday: fc.constantFrom(...MONDAYS),
    weeks: fc.integer({ min: 5, max: 8 }),
    level: fc.double({ min: 4, max: 15, noNaN: true }),
    trendPerWeek: fc.double({ min: -0.02, max: 0.03, noNaN: true }),
    open: fc.integer({ min: 6, max: 9 }),
    close: fc.integer({ min: 18, max: 22 }),
    holidayDay: fc.option(fc.integer({ min: 0, max: 34 }), { nil: null }),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
  })
  .map(({ monday, weeks, level, trendPerWeek, open, close, holidayDay, seed }): Scenario => {
    const historyFrom = DateTime.fromMillis(monday, { zone: ZONE }).minus({ weeks });
    const day = historyFrom.plus({ days: Math.min(holidayDay ?? 0, 7 * weeks - 1) });
    const holiday = holidayDay === null ? null : { from: day.toMillis(), to: day.plus({ days: 1 }).toMillis() };
    return { fromMs: monday, weeks, seed, shape: { level, trendPerWeek, open, close, holiday } };
  });

describe('forecastQuarterHours: properties on synthetic histories', () => {
  it('forecasts the next week’s total within 5% of the truth (daily and weekly seasons, trend, closed hours, DST, a holiday)', () => {
    fc.assert(
      fc.property(scenarios, (scenario) => {
        const { result, expected, at } = run(scenario);
        const total = at(60).reduce((s, x) => s + x, 0);
        expect(Math.abs(total - expected) / expected).toBeLessThan(0.05);
        expect(result.flag).toBeNull();
      }),
      { numRuns: 25, seed: 12 },
    );
  });

  it('gives the same totals per interval, day and week at 15, 30 and 60 minutes', () => {
    fc.assert(
      fc.property(scenarios, (scenario) => {
        const { at } = run(scenario);
        const q = at(15);
        const h = at(30);
        const hour = at(60);
        const week = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
        expect(Math.abs(week(q) - week(hour))).toBeLessThan(1e-9 * week(hour) + 1e-9);
        expect(Math.abs(week(h) - week(hour))).toBeLessThan(1e-9 * week(hour) + 1e-9);
        // Each hour is the sum of its halves and quarters.
        hour.forEach((v, k) => {
          expect(Math.abs(v - (h[2 * k]! + h[2 * k + 1]!))).toBeLessThan(1e-9 * (v + 1));
          expect(Math.abs(v - (q[4 * k]! + q[4 * k + 1]! + q[4 * k + 2]! + q[4 * k + 3]!))).toBeLessThan(
            1e-9 * (v + 1),
          );
        });
        const days60 = dayTotals(hour, scenario.fromMs, 60);
        const days15 = dayTotals(q, scenario.fromMs, 15);
        for (const [day, total] of days60) expect(Math.abs(total - days15.get(day)!)).toBeLessThan(1e-9 * (total + 1));
      }),
      { numRuns: 15, seed: 7 },
    );
  });
});

describe('forecastQuarterHours: known answers', () => {
  it('the hourly offset cache answers like the zone, across both DST changes', () => {
    for (const iso of ['2026-03-29T00:00:00Z', '2026-10-25T00:00:00Z']) {
      const start = Date.parse(iso);
      for (let ms = start; ms < start + 3 * 3_600_000; ms += 5 * 60_000) expect(offset(ms)).toBe(zone.offset(ms));
    }
  });

  it('a week after clocks go forward has 23 hours on Sunday, the week they go back 25', () => {
    const springMonday = DateTime.fromISO('2026-03-23', { zone: ZONE }).toMillis();
    const slots = horizonSlots(springMonday, 7 * 24 * 4 - 4, QUARTER_MS, offset);
    // The slot of Sunday 02:00-03:00 local never occurs (clocks jump to 03:00).
    const sundayTwo = slotOf(DateTime.fromISO('2026-03-29T01:45', { zone: ZONE }).toMillis(), springMonday, offset) + 1;
    expect(slots.flat()).not.toContain(sundayTwo);
    const autumnMonday = DateTime.fromISO('2026-10-19', { zone: ZONE }).toMillis();
    const autumn = horizonSlots(autumnMonday, 7 * 24 * 4 + 4, QUARTER_MS, offset).flat();
    // The hour 02:00-03:00 on 25 October happens twice: its slots appear twice.
    expect(autumn.length - new Set(autumn).size).toBe(4);
  });

  it('a week ahead of the actuals is forecast across the gap, not from empty weeks', () => {
    const monday = DateTime.fromISO('2026-06-15', { zone: ZONE }).toMillis();
    const shape: Shape = { level: 8, trendPerWeek: 0, open: 8, close: 20, holiday: null };
    const weeks = 6;
    const historyFromMs = DateTime.fromMillis(monday, { zone: ZONE }).minus({ weeks }).toMillis();
    const knownUntilMs = DateTime.fromMillis(monday, { zone: ZONE })
      .minus({ weeks: 1 })
      .plus({ days: 2, hours: 10 })
      .toMillis();
    const random = new SeededRandom(3);
    const points = [];
    for (let ms = historyFromMs; ms < knownUntilMs; ms += QUARTER_MS)
      points.push({ startMs: ms, contacts: random.poisson(truth(ms, historyFromMs, shape)), handled: 0, work: 0 });
    const laid = wallClockHistory({
      fromMs: monday,
      historyFromMs,
      knownUntilMs,
      weeks,
      offsetMinutes: offset,
      points,
    });
    expect(laid.end).toBe(5 * QUARTERS_PER_WEEK + (2 * 24 + 10) * 4);
    const n = weeks * QUARTERS_PER_WEEK;
    const result = forecastQuarterHours(laid.contacts.slice(laid.start, laid.end), {
      horizonQuarters: n + QUARTERS_PER_WEEK - laid.end,
    });
    const week = result.quarters.slice(n - laid.end).reduce((s, x) => s + x, 0);
    let expected = 0;
    for (let ms = monday; ms < monday + 7 * 86_400_000; ms += QUARTER_MS) expected += truth(ms, historyFromMs, shape);
    expect(Math.abs(week - expected) / expected).toBeLessThan(0.05);
    expect(result.heldOutWeekStarts.length).toBeGreaterThanOrEqual(2);
  });

  it('replaces a holiday by its weekday’s other days and reports it', () => {
    const day = [0, 0, 5, 10, 10, 5, ...new Array<number>(18).fill(1)];
    const hourly: number[] = [];
    for (let d = 0; d < 28; d++) hourly.push(...day.map((x) => (d === 15 ? x * 0.1 : x * (1 + (d % 7) / 10))));
    const { cleaned, days } = cleanOutlierDays(hourly);
    expect(days).toEqual([15]);
    expect(cleaned.slice(15 * 24, 16 * 24)).toEqual(day.map((x) => x * 1.1));
  });

  it('flags a forecast week far from the recent weeks, with the reason', () => {
    // Five quiet weeks and a last week ten times as busy: the trend and naive forecasts leave [0.5×, 2×].
    const quiet = new Array<number>(QUARTERS_PER_WEEK).fill(1);
    const busy = new Array<number>(QUARTERS_PER_WEEK).fill(30);
    const result = forecastQuarterHours([...quiet, ...quiet, ...quiet, ...quiet, ...quiet, ...busy], {
      horizonQuarters: QUARTERS_PER_WEEK,
    });
    expect(result.flag).toContain('outside [0.5×, 2×]');
    expect(result.recentWeeklyContacts).toBeCloseTo((3 * 672 + 30 * 672) / 4, 6);
  });

  it('80% prediction intervals are mean ± z·√(φ·mean), cut at 0', () => {
    expect(predictionInterval(100, 1)).toEqual({ lower: 100 - Z_80 * 10, upper: 100 + Z_80 * 10 });
    expect(predictionInterval(0.5, 4).lower).toBe(0);
    expect(predictionInterval(0, 2)).toEqual({ lower: 0, upper: 0 });
  });
});
