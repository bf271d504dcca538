import { DateTime } from 'luxon';

/**
 * The staffing heatmap's colour scale: the gap (scheduled − required agents) of each interval, in five
 * bands of a diverging red–blue scale (ColorBrewer RdBu, readable with red–green colour blindness): reds
 * short, blues over, near-white within half an agent of the requirement. Intervals without demand or
 * supply are grey, so "nothing needed" never reads as "exactly staffed".
 */
export interface GapBand {
  /** i18n key of the legend label. */
  label: string;
  color: string;
  /** Inclusive bounds; null = open. */
  min: number | null;
  max: number | null;
}

export const GAP_BANDS: readonly GapBand[] = [
  { label: 'staffing.band.veryShort', color: '#b2182b', min: null, max: -2.0001 },
  { label: 'staffing.band.short', color: '#ef8a62', min: -2, max: -0.5001 },
  { label: 'staffing.band.onTarget', color: '#f7f7f7', min: -0.5, max: 0.5 },
  { label: 'staffing.band.over', color: '#67a9cf', min: 0.5001, max: 2 },
  { label: 'staffing.band.veryOver', color: '#2166ac', min: 2.0001, max: null },
];

export const IDLE_COLOR = '#d9d9d9';

/** The band of a gap (index into GAP_BANDS), or null for an idle interval (nothing required or scheduled). */
export function gapBand(gap: number, required: number, scheduled: number): number | null {
  if (required === 0 && scheduled === 0) return null;
  if (gap < -2) return 0;
  if (gap < -0.5) return 1;
  if (gap <= 0.5) return 2;
  if (gap <= 2) return 3;
  return 4;
}

export function gapColor(gap: number, required: number, scheduled: number): string {
  const band = gapBand(gap, required, scheduled);
  return band === null ? IDLE_COLOR : GAP_BANDS[band]!.color;
}

export interface HeatmapInterval {
  startsAt: string;
  requiredAgents: number;
  scheduledAgents: number;
  gap: number;
  projectedServiceLevel?: number | null;
}

export interface HeatmapCell {
  /** Column: time of day (index into `times`). */
  x: number;
  /** Row: day (index into `days`). */
  y: number;
  interval: HeatmapInterval;
  color: string;
}

/** Lays intervals out as days (rows) × local times of day (columns) in the team's zone. */
export function heatmapGrid(
  intervals: readonly HeatmapInterval[],
  zone: string,
): { days: string[]; times: string[]; cells: HeatmapCell[] } {
  const local = intervals.map((i) => ({ interval: i, at: DateTime.fromISO(i.startsAt).setZone(zone) }));
  const days = [...new Set(local.map((l) => l.at.toISODate()!))].sort();
  const times = [...new Set(local.map((l) => l.at.toFormat('HH:mm')))].sort();
  const cells = local.map(({ interval, at }) => ({
    x: times.indexOf(at.toFormat('HH:mm')),
    y: days.indexOf(at.toISODate()!),
    interval,
    color: gapColor(interval.gap, interval.requiredAgents, interval.scheduledAgents),
  }));
  return { days, times, cells };
}
