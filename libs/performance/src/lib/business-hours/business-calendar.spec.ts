import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  BusinessCalendar,
  BusinessCalendarError,
  WEEKDAYS,
  Weekday,
  WorkingWindow,
  businessMilliseconds,
  businessSeconds,
  checkBusinessCalendar,
  compileBusinessCalendar,
} from './business-calendar';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3600;

/** Mon–Fri 09:00–17:00 in Paris, Labour Day 2024 off. */
const paris = compileBusinessCalendar({
  zone: 'Europe/Paris',
  weekly: Object.fromEntries(
    ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((d) => [d, [{ start: '09:00', end: '17:00' }]]),
  ),
  holidays: [{ date: '2024-05-01', name: 'Fête du Travail' }],
});

/** A night desk: Saturday 22:00 to Sunday 06:00, Paris time (crosses midnight and both DST nights of 2024). */
const parisNight = compileBusinessCalendar({
  zone: 'Europe/Paris',
  weekly: { saturday: [{ start: '22:00', end: '06:00' }] },
  holidays: [{ date: '2024-04-21', name: 'Closed Sunday' }],
});

/** Sunday 01:00–04:00 Paris: a window that contains the skipped (March) and the repeated (October) hour. */
const parisSundayEarly = compileBusinessCalendar({
  zone: 'Europe/Paris',
  weekly: { sunday: [{ start: '01:00', end: '04:00' }] },
});

describe('businessSeconds: hand-computed cases (Mon–Fri 09:00–17:00 Europe/Paris, 1 May 2024 a holiday)', () => {
  it('counts the time inside one working day', () => {
    // Tue 16 Apr 2024 10:00 → 15:30 local (UTC+2): 5 h 30.
    expect(businessSeconds(paris, at('2024-04-16T08:00:00Z'), at('2024-04-16T13:30:00Z'))).toBe(5.5 * HOUR);
  });

  it('skips the night: Tue 16:00 → Wed 10:00 is 1 h + 1 h', () => {
    expect(businessSeconds(paris, at('2024-04-16T14:00:00Z'), at('2024-04-17T08:00:00Z'))).toBe(2 * HOUR);
  });

  it('skips the weekend: Fri 16:30 → Mon 09:45 is 30 min + 45 min', () => {
    expect(businessSeconds(paris, at('2024-04-19T14:30:00Z'), at('2024-04-22T07:45:00Z'))).toBe(1.25 * HOUR);
  });

  it('skips a holiday: Tue 30 Apr 16:00 → Thu 2 May 10:00 is 1 h + 0 + 1 h', () => {
    expect(businessSeconds(paris, at('2024-04-30T14:00:00Z'), at('2024-05-02T08:00:00Z'))).toBe(2 * HOUR);
  });

  it('is zero when both ends are outside working time and nothing lies between', () => {
    expect(businessSeconds(paris, at('2024-04-20T10:00:00Z'), at('2024-04-21T18:00:00Z'))).toBe(0);
    expect(businessSeconds(paris, at('2024-05-01T08:00:00Z'), at('2024-05-01T15:00:00Z'))).toBe(0);
  });

  it('counts a whole week as 40 h and keeps milliseconds', () => {
    expect(businessSeconds(paris, at('2024-04-15T00:00:00Z'), at('2024-04-22T00:00:00Z'))).toBe(40 * HOUR);
    expect(businessMilliseconds(paris, at('2024-04-16T08:00:00.000Z'), at('2024-04-16T08:00:00.250Z'))).toBe(250);
  });

  it('is signed, so that it adds up: to before from gives the negative', () => {
    expect(businessSeconds(paris, at('2024-04-17T08:00:00Z'), at('2024-04-16T14:00:00Z'))).toBe(-2 * HOUR);
    expect(businessSeconds(paris, new Date('2024-04-16T08:00:00Z'), new Date('2024-04-16T08:00:00Z'))).toBe(0);
  });

  it('keeps a winter and a summer day the same length (offsets +1 and +2)', () => {
    expect(businessSeconds(paris, at('2024-01-16T00:00:00Z'), at('2024-01-17T00:00:00Z'))).toBe(8 * HOUR);
    expect(businessSeconds(paris, at('2024-07-16T00:00:00Z'), at('2024-07-17T00:00:00Z'))).toBe(8 * HOUR);
    // 07:30–08:00 UTC is 08:30–09:00 local in January (closed); 07:00–07:30 UTC is 09:00–09:30 in July.
    expect(businessSeconds(paris, at('2024-01-16T07:30:00Z'), at('2024-01-16T08:00:00Z'))).toBe(0);
    expect(businessSeconds(paris, at('2024-07-16T07:00:00Z'), at('2024-07-16T07:30:00Z'))).toBe(1800);
  });
});

describe('businessSeconds across DST nights and midnight', () => {
  it('spring-forward night (31 Mar 2024, 02:00 → 03:00): Sat 22:00 → Sun 06:00 is 7 real hours', () => {
    // Sat 22:00 +01:00 = 21:00Z; Sun 06:00 +02:00 = 04:00Z.
    expect(businessSeconds(parisNight, at('2024-03-30T12:00:00Z'), at('2024-03-31T12:00:00Z'))).toBe(7 * HOUR);
  });

  it('fall-back night (27 Oct 2024, 03:00 → 02:00): Sat 22:00 → Sun 06:00 is 9 real hours', () => {
    // Sat 22:00 +02:00 = 20:00Z; Sun 06:00 +01:00 = 05:00Z.
    expect(businessSeconds(parisNight, at('2024-10-26T12:00:00Z'), at('2024-10-27T12:00:00Z'))).toBe(9 * HOUR);
  });

  it('an ordinary Saturday night is 8 hours, and a holiday on Sunday removes the hours after midnight', () => {
    expect(businessSeconds(parisNight, at('2024-04-13T12:00:00Z'), at('2024-04-14T12:00:00Z'))).toBe(8 * HOUR);
    expect(businessSeconds(parisNight, at('2024-04-20T12:00:00Z'), at('2024-04-21T12:00:00Z'))).toBe(2 * HOUR);
  });

  it('a window holding the skipped hour counts 2 h, one holding the repeated hour counts 4 h', () => {
    expect(businessSeconds(parisSundayEarly, at('2024-03-30T12:00:00Z'), at('2024-03-31T12:00:00Z'))).toBe(2 * HOUR);
    expect(businessSeconds(parisSundayEarly, at('2024-10-26T12:00:00Z'), at('2024-10-27T12:00:00Z'))).toBe(4 * HOUR);
    // From inside the repeated hour's first pass (02:30 +02:00 = 00:30Z) to its second pass (02:30 +01:00 = 01:30Z).
    expect(businessSeconds(parisSundayEarly, at('2024-10-27T00:30:00Z'), at('2024-10-27T01:30:00Z'))).toBe(HOUR);
  });

  it('wraps from Sunday night into Monday morning', () => {
    const wrap = compileBusinessCalendar({ zone: 'UTC', weekly: { sunday: [{ start: '22:00', end: '02:00' }] } });
    // Sun 14 Apr 2024 20:00 → Mon 15 Apr 12:00 UTC.
    expect(businessSeconds(wrap, at('2024-04-14T20:00:00Z'), at('2024-04-15T12:00:00Z'))).toBe(4 * HOUR);
  });

  it('New York spring-forward (10 Mar 2024): a 24-hour desk works 23 hours that Sunday', () => {
    const allDay = Object.fromEntries(WEEKDAYS.map((d) => [d, [{ start: '00:00', end: '24:00' }]]));
    const ny = compileBusinessCalendar({ zone: 'America/New_York', weekly: allDay });
    // Local midnight to local midnight: 05:00Z (EST) → 04:00Z next day (EDT).
    expect(businessSeconds(ny, at('2024-03-10T05:00:00Z'), at('2024-03-11T04:00:00Z'))).toBe(23 * HOUR);
  });

  it('merges overlapping windows instead of counting them twice', () => {
    const overlap = compileBusinessCalendar({
      zone: 'UTC',
      weekly: {
        monday: [
          { start: '09:00', end: '12:00' },
          { start: '11:00', end: '13:00' },
        ],
      },
    });
    expect(businessSeconds(overlap, at('2024-04-15T00:00:00Z'), at('2024-04-16T00:00:00Z'))).toBe(4 * HOUR);
  });

  it('a calendar with no windows has no business time', () => {
    const closed = compileBusinessCalendar({ zone: 'UTC', weekly: {} });
    expect(businessSeconds(closed, at('2024-01-01T00:00:00Z'), at('2025-01-01T00:00:00Z'))).toBe(0);
  });
});

describe('checkBusinessCalendar', () => {
  it('names every bad field', () => {
    const bad = {
      zone: 'Mars/Olympus',
      weekly: {
        monday: [
          { start: '9:00', end: '17:00' },
          { start: '10:00', end: '10:00' },
        ],
        funday: [],
      },
      holidays: [
        { date: '2024-02-30', name: 'x' },
        { date: '2024-12-25', name: '' },
        { date: '2024-12-25', name: 'again' },
      ],
    } as unknown as BusinessCalendar;
    expect(checkBusinessCalendar(bad).map((p) => p.field)).toEqual([
      'zone',
      'weekly.funday',
      'weekly.monday.0.start',
      'weekly.monday.1.end',
      'holidays.0.date',
      'holidays.1.name',
      'holidays.2.date',
    ]);
    expect(() => compileBusinessCalendar(bad)).toThrow(BusinessCalendarError);
  });

  it('accepts 24:00 as an end and a window crossing midnight', () => {
    expect(
      checkBusinessCalendar({
        zone: 'Asia/Kolkata',
        weekly: {
          friday: [
            { start: '18:00', end: '24:00' },
            { start: '23:00', end: '03:00' },
          ],
        },
      }),
    ).toEqual([]);
  });
});

/** Independent oracle: steps through the span a quarter-hour at a time, reading the wall clock with luxon. */
function oracleSeconds(calendar: BusinessCalendar, from: number, to: number): number {
  const holidays = new Set((calendar.holidays ?? []).map((h) => h.date));
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  let total = 0;
  for (let t = from; t < to; t += 900_000) {
    const local = DateTime.fromMillis(t, { zone: calendar.zone });
    if (holidays.has(local.toISODate()!)) continue;
    const minute = local.hour * 60 + local.minute;
    const today = WEEKDAYS[local.weekday - 1]!;
    const yesterday = WEEKDAYS[(local.weekday + 5) % 7]!;
    const open =
      (calendar.weekly[today] ?? []).some((w) => {
        const [s, e] = [minutes(w.start), minutes(w.end)];
        return e > s ? minute >= s && minute < e : minute >= s;
      }) ||
      (calendar.weekly[yesterday] ?? []).some((w) => {
        const [s, e] = [minutes(w.start), minutes(w.end)];
        return e <= s && minute < e;
      });
    if (open) total += 900;
  }
  return total;
}

const quarterHour = fc
  .integer({ min: 0, max: 95 })
  .map((q) => `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`);
const windowArb: fc.Arbitrary<WorkingWindow> = fc
  .tuple(quarterHour, fc.oneof(quarterHour, fc.constant('24:00')))
  .filter(([s, e]) => s !== e)
  .map(([start, end]) => ({ start, end }));
const calendarArb: fc.Arbitrary<BusinessCalendar> = fc.record({
  zone: fc.constantFrom(
    'Europe/Paris',
    'America/New_York',
    'Australia/Sydney',
    'Asia/Kolkata',
    'UTC',
    'America/Santiago',
  ),
  weekly: fc.dictionary(fc.constantFrom<Weekday>(...WEEKDAYS), fc.array(windowArb, { maxLength: 3 }), { maxKeys: 7 }),
  holidays: fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 4 }).map((days) =>
    days.map((d) => ({
      date: DateTime.fromISO('2024-03-20', { zone: 'UTC' }).plus({ days: d }).toISODate()!,
      name: `day ${d}`,
    })),
  ),
});
/** Quarter-hour instants from 20 Mar to 20 Apr 2024, a span holding DST changes in every zone above. */
const instantArb = fc.integer({ min: 0, max: 31 * 96 }).map((q) => Date.UTC(2024, 2, 20) + q * 900_000);

describe('businessSeconds: properties', () => {
  it('equals a quarter-hour-by-quarter-hour count of the wall clock (spans up to 4 days)', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, fc.integer({ min: 0, max: 4 * 96 }), (calendar, from, quarters) => {
        const to = from + quarters * 900_000;
        expect(businessSeconds(compileBusinessCalendar(calendar), from, to)).toBe(oracleSeconds(calendar, from, to));
      }),
      { numRuns: 150 },
    );
  });

  it('is between 0 and the calendar time, and additive over any split point', () => {
    fc.assert(
      fc.property(
        calendarArb,
        fc.array(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }), { minLength: 3, maxLength: 3 }),
        (calendar, points) => {
          const [a, c, b] = [...points].sort((x, y) => x - y) as [number, number, number];
          const compiled = compileBusinessCalendar(calendar);
          const whole = businessMilliseconds(compiled, a, b);
          expect(whole).toBeGreaterThanOrEqual(0);
          expect(whole).toBeLessThanOrEqual(b - a);
          expect(businessMilliseconds(compiled, a, c) + businessMilliseconds(compiled, c, b)).toBe(whole);
        },
      ),
      { numRuns: 200 },
    );
  });
});
