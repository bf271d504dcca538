import { DateTime } from 'luxon';

/**
 * Dates and times are shown in a named IANA zone (the team's, or the viewer's) and the chosen language,
 * through luxon: no hand-written offset arithmetic anywhere in the console.
 */
export const viewerZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function inZone(iso: string, zone: string): DateTime {
  return DateTime.fromISO(iso, { zone });
}

export function formatTime(iso: string, zone: string): string {
  return inZone(iso, zone).toLocaleString(DateTime.TIME_SIMPLE);
}

export function formatDay(iso: string, zone: string): string {
  return inZone(iso, zone).toLocaleString({ weekday: 'short', day: 'numeric', month: 'short' });
}

export function formatDateTime(iso: string, zone: string): string {
  return inZone(iso, zone).toLocaleString({
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function formatSpan(startIso: string, endIso: string, zone: string): string {
  const start = inZone(startIso, zone);
  const end = inZone(endIso, zone);
  return start.hasSame(end, 'day')
    ? `${formatDay(startIso, zone)} ${formatTime(startIso, zone)}–${formatTime(endIso, zone)}`
    : `${formatDateTime(startIso, zone)} – ${formatDateTime(endIso, zone)}`;
}

/** Monday 00:00 of the ISO week containing `at`, in `zone`. */
export function weekStart(zone: string, at: DateTime = DateTime.now()): DateTime {
  return at.setZone(zone).startOf('week');
}

export function formatNumber(value: number | null | undefined, language: string, digits = 1): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
}
