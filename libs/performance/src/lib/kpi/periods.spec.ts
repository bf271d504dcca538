import { hasWholeHourOffsets, isHourAligned, periodEnd, periodLabel, periodsBetween, periodStart } from './periods';

describe('KPI periods', () => {
  it('knows whole-hour zones from half-hour ones', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    const to = new Date('2026-12-31T00:00:00Z');
    expect(hasWholeHourOffsets('Europe/Warsaw', from, to)).toBe(true);
    expect(hasWholeHourOffsets('Asia/Baku', from, to)).toBe(true);
    expect(hasWholeHourOffsets('Asia/Kolkata', from, to)).toBe(false);
    // Lord Howe Island moves its clocks by half an hour: whole-hour never.
    expect(hasWholeHourOffsets('Australia/Lord_Howe', from, to)).toBe(false);
  });

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
});
