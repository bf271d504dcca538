import { isHourAligned, periodEnd, periodLabel, periodsBetween, periodsOf, periodStart, PeriodUnit } from './periods';

describe('KPI periods', () => {
  it('checks hour alignment of both ends', () => {
    expect(isHourAligned(new Date('2026-03-01T10:00:00Z'), new Date('2026-03-02T00:00:00+02:00'))).toBe(true);
    expect(isHourAligned(new Date('2026-03-01T10:30:00Z'), new Date('2026-03-02T00:00:00Z'))).toBe(false);
  });

  it('cuts days, ISO weeks and months in the zone, across a DST change', () => {
    const zone = 'Europe/Warsaw';
    // 2026-03-29 is 23 hours long in Warsaw (clocks go forward).
    const day = periodStart(new Date('2026-03-29T12:00:00Z'), 'day', zone);
    expect(day.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(periodEnd(day, 'day', zone).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(periodLabel(day, 'day', zone)).toBe('2026-03-29');
    const week = periodStart(new Date('2026-03-29T12:00:00Z'), 'week', zone);
    expect(periodLabel(week, 'week', zone)).toBe('2026-W13');
    expect(week.toISOString()).toBe('2026-03-22T23:00:00.000Z');
    const months = periodsBetween(new Date('2026-01-15T00:00:00Z'), new Date('2026-02-28T23:00:00Z'), 'month', zone);
    expect(months.map((m) => periodLabel(m, 'month', zone))).toEqual(['2026-01', '2026-02']);
  });

  it('lists the same periods, ends and labels as periodStart, periodEnd and periodLabel, in zones with odd clocks', () => {
    const zones = [
      'UTC',
      'Europe/Warsaw',
      'America/Santiago',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'Pacific/Apia',
      'America/St_Johns',
      'Africa/Casablanca',
      'Asia/Gaza',
      'America/Havana',
    ];
    for (const zone of zones) {
      for (const unit of ['day', 'week', 'month'] as PeriodUnit[]) {
        const from = new Date('2011-03-01T05:17:00Z');
        const to = new Date(unit === 'day' ? '2012-06-01T00:00:00Z' : '2016-01-01T00:00:00Z');
        const expected: { start: string; end: string; label: string }[] = [];
        for (let start = periodStart(from, unit, zone); start < to; start = periodEnd(start, unit, zone)) {
          expected.push({
            start: start.toISOString(),
            end: periodEnd(start, unit, zone).toISOString(),
            label: periodLabel(start, unit, zone),
          });
        }
        const listed = periodsOf(from, to, unit, zone).map((p) => ({
          start: p.start.toISOString(),
          end: p.end.toISOString(),
          label: p.label,
        }));
        expect({ zone, unit, listed }).toEqual({ zone, unit, listed: expected });
      }
    }
  });

  it('starts the first period where periodStart does, from any instant, in zones with odd clocks', () => {
    const zones = ['UTC', 'Europe/Warsaw', 'America/Santiago', 'Australia/Lord_Howe', 'Pacific/Apia', 'Asia/Gaza'];
    for (const zone of zones) {
      for (const unit of ['day', 'week', 'month'] as PeriodUnit[]) {
        const mismatches: string[] = [];
        // Every 16 h 57 min over two years: at every hour of the day and on every day of the week, around each clock change.
        for (let t = Date.parse('2011-01-01T00:00:00Z'); t < Date.parse('2013-01-01T00:00:00Z'); t += 61_000_000) {
          const from = new Date(t);
          const first = periodsOf(from, new Date(t + 1), unit, zone)[0]!.start.toISOString();
          const expected = periodStart(from, unit, zone).toISOString();
          if (first !== expected) mismatches.push(`${from.toISOString()}: ${first} instead of ${expected}`);
        }
        expect({ zone, unit, mismatches }).toEqual({ zone, unit, mismatches: [] });
      }
    }
  });
});
