import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { instantAt, layoutSpan, moveSpan, positionOf, resizeSpan, startOfWeek } from './schedule-layout';

const ZONE = 'Europe/Warsaw';
// DST began in Warsaw on Sunday 29 March 2026 at 02:00 (clocks to 03:00) and ends on Sunday 25 October 2026.
const spring = startOfWeek(DateTime.fromISO('2026-03-25T12:00:00Z'), ZONE);
const autumn = startOfWeek(DateTime.fromISO('2026-10-21T12:00:00Z'), ZONE);

describe('schedule board layout across daylight saving time', () => {
  it('starts the week on Monday at local midnight', () => {
    expect(spring.toISO()).toBe('2026-03-23T00:00:00.000+01:00');
  });

  it('lines a 09:00 start up at the same place of the day before and after the change', () => {
    const saturday = layoutSpan('2026-03-28T09:00:00+01:00', '2026-03-28T17:30:00+01:00', spring)!;
    const sunday = layoutSpan('2026-03-29T09:00:00+02:00', '2026-03-29T17:30:00+02:00', spring)!;
    expect(saturday.left * 7).toBeCloseTo(5 + 9 / 24, 9);
    expect(sunday.left * 7).toBeCloseTo(6 + 9 / 24, 9);
    expect(sunday.width).toBeCloseTo(saturday.width, 9);
    expect(sunday.width * 7 * 24).toBeCloseTo(8.5, 9);
  });

  it('draws a night shift over the skipped hour as long as the wall clock (22:00–06:00), though it lasts 7 h', () => {
    const night = layoutSpan('2026-03-28T22:00:00+01:00', '2026-03-29T06:00:00+02:00', spring)!;
    expect(night.left * 7).toBeCloseTo(5 + 22 / 24, 9);
    expect(night.width * 7 * 24).toBeCloseTo(8, 9);
    expect(
      DateTime.fromISO('2026-03-29T06:00:00+02:00').diff(DateTime.fromISO('2026-03-28T22:00:00+01:00'), 'hours').hours,
    ).toBe(7);
  });

  it('places the repeated hour of the 25-hour day by its wall-clock time', () => {
    const first = positionOf(DateTime.fromISO('2026-10-25T02:30:00+02:00'), autumn);
    const second = positionOf(DateTime.fromISO('2026-10-25T02:30:00+01:00'), autumn);
    expect(first).toBeCloseTo(6 + 2.5 / 24, 9);
    expect(second).toBeCloseTo(first, 9);
  });

  it('clips a shift that crosses the week’s end and skips one outside it', () => {
    const sundayNight = layoutSpan('2026-03-29T22:00:00+02:00', '2026-03-30T06:00:00+02:00', spring)!;
    expect((sundayNight.left + sundayNight.width) * 7).toBeCloseTo(7, 9);
    expect(layoutSpan('2026-03-30T09:00:00+02:00', '2026-03-30T17:00:00+02:00', spring)).toBeNull();
  });

  it('turns a board position back into a local time, snapped to 15 minutes, moving past the skipped hour', () => {
    expect(instantAt(6 + 9.1 / 24, spring).toISO()).toBe('2026-03-29T09:00:00.000+02:00');
    expect(instantAt(6 + 2.5 / 24, spring).toISO()).toBe('2026-03-29T03:30:00.000+02:00');
    expect(instantAt(0 + 9 / 24 + 7 / 1440, spring).toISO()).toBe('2026-03-23T09:00:00.000+01:00');
  });

  it('moves a Saturday shift to Sunday at the same wall-clock time, keeping its real length', () => {
    const moved = moveSpan('2026-03-28T09:00:00+01:00', '2026-03-28T17:30:00+01:00', 1, spring);
    expect(moved.startsAt.toISO()).toBe('2026-03-29T09:00:00.000+02:00');
    expect(moved.endsAt.toISO()).toBe('2026-03-29T17:30:00.000+02:00');
  });

  it('resizes the end to the snapped time, never shorter than an hour', () => {
    const longer = resizeSpan('2026-03-23T09:00:00+01:00', '2026-03-23T17:00:00+01:00', 1 / 24, spring);
    expect(longer.endsAt.toISO()).toBe('2026-03-23T18:00:00.000+01:00');
    const tiny = resizeSpan('2026-03-23T09:00:00+01:00', '2026-03-23T17:00:00+01:00', -1, spring);
    expect(tiny.endsAt.diff(tiny.startsAt, 'minutes').minutes).toBe(60);
  });
});
