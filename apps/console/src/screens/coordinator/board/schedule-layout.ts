import { DateTime } from 'luxon';

/**
 * Where shifts sit on the schedule board. The board shows one week in the team's zone as seven equal day
 * columns, and places every instant by its local date and wall-clock time: a 09:00 start lines up under
 * 09:00 on every day, also on the 23- and 25-hour days when daylight saving time begins or ends (a bar there
 * is as long as the wall clock says; its real length is in its label). Positions are in days from the
 * week's start, 0 to 7; luxon does every zone conversion.
 */
export interface BarLayout {
  /** Fractions of the week's width, 0 to 1. */
  left: number;
  width: number;
}

/** Monday 00:00 of the week containing `date`, in `zone`. */
export function startOfWeek(date: DateTime, zone: string): DateTime {
  return date.setZone(zone).startOf('week');
}

/** The seven local midnights of the week. */
export function daysOf(weekStart: DateTime): DateTime[] {
  return Array.from({ length: 7 }, (_, i) => weekStart.plus({ days: i }));
}

/** Days since the week's start by local date, plus the wall-clock time of day as a fraction of 24 h. */
export function positionOf(instant: DateTime, weekStart: DateTime): number {
  const local = instant.setZone(weekStart.zone);
  const day = Math.round(local.startOf('day').diff(weekStart.startOf('day'), 'days').days);
  return day + (local.hour * 60 + local.minute + local.second / 60) / 1440;
}

/** The bar of [start, end) on the week, clipped to it; null when the span lies outside the week. */
export function layoutSpan(start: string, end: string, weekStart: DateTime): BarLayout | null {
  const from = Math.max(0, positionOf(DateTime.fromISO(start), weekStart));
  const to = Math.min(7, positionOf(DateTime.fromISO(end), weekStart));
  if (to <= 0 || from >= 7 || to <= from) return null;
  return { left: from / 7, width: (to - from) / 7 };
}

/**
 * The instant at a position on the board, snapped to `snapMinutes` of wall-clock time. A wall-clock time
 * that does not exist (in the hour skipped when DST begins) moves forward, as luxon resolves it.
 */
export function instantAt(position: number, weekStart: DateTime, snapMinutes = 15): DateTime {
  const clamped = Math.min(7, Math.max(0, position));
  const day = Math.floor(clamped);
  const minutes = Math.round(((clamped - day) * 1440) / snapMinutes) * snapMinutes;
  // Wall-clock fields, not minutes added to midnight: on a DST day those differ by the hour skipped or repeated.
  const date = weekStart.plus({ days: day + Math.floor(minutes / 1440) });
  const minuteOfDay = minutes % 1440;
  return DateTime.fromObject(
    { year: date.year, month: date.month, day: date.day, hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 },
    { zone: weekStart.zone },
  );
}

/**
 * A shift moved by `deltaDays` on the board: the start goes to the wall-clock time under the pointer
 * (snapped), and the shift keeps its real length.
 */
export function moveSpan(
  start: string,
  end: string,
  deltaDays: number,
  weekStart: DateTime,
  snapMinutes = 15,
): { startsAt: DateTime; endsAt: DateTime } {
  const from = DateTime.fromISO(start);
  const length = DateTime.fromISO(end).diff(from);
  const startsAt = instantAt(positionOf(from, weekStart) + deltaDays, weekStart, snapMinutes);
  return { startsAt, endsAt: startsAt.plus(length) };
}

/** A shift whose end is dragged by `deltaDays`: at least `minMinutes` long. */
export function resizeSpan(
  start: string,
  end: string,
  deltaDays: number,
  weekStart: DateTime,
  snapMinutes = 15,
  minMinutes = 60,
): { startsAt: DateTime; endsAt: DateTime } {
  const startsAt = DateTime.fromISO(start).setZone(weekStart.zone);
  let endsAt = instantAt(positionOf(DateTime.fromISO(end), weekStart) + deltaDays, weekStart, snapMinutes);
  if (endsAt.diff(startsAt, 'minutes').minutes < minMinutes) endsAt = startsAt.plus({ minutes: minMinutes });
  return { startsAt, endsAt };
}
