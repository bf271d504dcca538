/**
 * When an agent can work: recurring weekly windows in the team's local time, adjusted by dated
 * exceptions. Pure (luxon for the time zone), shared by the AVAILABILITY labor rule and schedule
 * generation.
 *
 * For each local day: the weekly windows of its weekday (the whole day when the agent has no window at
 * all), plus the day's "available" exception spans, minus its "unavailable" exceptions (the whole day
 * when an exception has no span). Adjacent spans are merged across midnight, so a night shift from
 * 22:00 to 06:00 fits windows 22:00–24:00 and 00:00–06:00. An agent with neither windows nor
 * exceptions has entered nothing and is always available (null).
 */
import { DateTime } from 'luxon';
import type { Span } from './labor-rules';

export interface AvailabilityWindow {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Minutes after local midnight; end exclusive, at most 1440. */
  startMinute: number;
  endMinute: number;
}

export interface AvailabilityException {
  /** Local date, YYYY-MM-DD. */
  date: string;
  /** false: not available (all day without a span); true: available in the span as well. */
  available: boolean;
  startMinute: number | null;
  endMinute: number | null;
}

export interface AgentAvailability {
  windows: AvailabilityWindow[];
  exceptions: AvailabilityException[];
}

type MinuteSpan = [number, number];

function subtract(spans: MinuteSpan[], cut: MinuteSpan): MinuteSpan[] {
  return spans.flatMap(([a, b]) => {
    if (cut[1] <= a || cut[0] >= b) return [[a, b] as MinuteSpan];
    const left: MinuteSpan[] = cut[0] > a ? [[a, cut[0]]] : [];
    const right: MinuteSpan[] = cut[1] < b ? [[cut[1], b]] : [];
    return [...left, ...right];
  });
}

/** The spans the agent can work in between `from` and `to` (instants), merged; null = always. */
export function availableSpans(
  availability: AgentAvailability | null,
  timeZone: string,
  from: Date,
  to: Date,
): Span[] | null {
  if (!availability || (availability.windows.length === 0 && availability.exceptions.length === 0)) return null;
  const spans: Span[] = [];
  const exceptionsByDay = new Map<string, AvailabilityException[]>();
  for (const e of availability.exceptions) exceptionsByDay.set(e.date, [...(exceptionsByDay.get(e.date) ?? []), e]);
  let day = DateTime.fromJSDate(from, { zone: timeZone }).startOf('day').minus({ days: 1 });
  const last = DateTime.fromJSDate(to, { zone: timeZone }).startOf('day').plus({ days: 1 });
  while (day <= last) {
    let minutes: MinuteSpan[] =
      availability.windows.length === 0
        ? [[0, 1440]]
        : availability.windows
            .filter((w) => w.weekday === day.weekday)
            .map((w) => [w.startMinute, w.endMinute] as MinuteSpan);
    const exceptions = exceptionsByDay.get(day.toISODate()!) ?? [];
    for (const e of exceptions)
      if (e.available && e.startMinute !== null && e.endMinute !== null) minutes.push([e.startMinute, e.endMinute]);
    for (const e of exceptions)
      if (!e.available)
        minutes = subtract(
          minutes,
          e.startMinute === null || e.endMinute === null ? [0, 1440] : [e.startMinute, e.endMinute],
        );
    // Wall-clock minutes (a 23- or 25-hour day keeps its windows at their local times).
    const at = (minute: number): Date =>
      (minute >= 1440
        ? day.plus({ days: 1 })
        : day.set({ hour: Math.floor(minute / 60), minute: minute % 60 })
      ).toJSDate();
    for (const [a, b] of minutes) spans.push({ start: at(a), end: at(b) });
    day = day.plus({ days: 1 });
  }
  spans.sort((x, y) => x.start.getTime() - y.start.getTime());
  const merged: Span[] = [];
  for (const span of spans) {
    const previous = merged.at(-1);
    if (previous && span.start.getTime() <= previous.end.getTime()) {
      if (span.end > previous.end) previous.end = span.end;
    } else {
      merged.push({ ...span });
    }
  }
  return merged;
}

/** True when [start, end) lies within one available span (or the agent has entered nothing). */
export function withinAvailability(spans: readonly Span[] | null, shift: Span): boolean {
  return (
    spans === null ||
    spans.some((s) => s.start.getTime() <= shift.start.getTime() && s.end.getTime() >= shift.end.getTime())
  );
}
