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
 * Years searched for changes. The time zone database has no change before 1800 (every zone starts on its
 * local mean time later than that), and after its last listed change (2037 at the latest) a zone follows
 * fixed yearly rules ("last Sunday of March"), which repeat every 400 Gregorian years (146,097 days, a
 * whole number of weeks): a year after 2440 is read from the year 400·k before it (in 2041–2440, inside
 * the rules), moved by k cycles. So a contact dated in year 1 or 9999 costs a look-up, not a search of
 * thousands of years; the most a zone can ever cost is the search of 1800–2440, once per process.
 */
const FIRST_SEARCHED_YEAR = 1800;
const LAST_SEARCHED_YEAR = 2440;
const CYCLE_YEARS = 400;
const CYCLE_MS = 146_097 * 86_400_000;

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
    if (year < FIRST_SEARCHED_YEAR) {
      found = { startOffset: this.offsetMs(utcYearStart(year)), changes: [] };
    } else if (year > LAST_SEARCHED_YEAR) {
      const cycles = Math.ceil((year - LAST_SEARCHED_YEAR) / CYCLE_YEARS);
      const base = this.year(year - cycles * CYCLE_YEARS);
      const shift = cycles * CYCLE_MS;
      found = {
        startOffset: base.startOffset,
        changes: base.changes.map((c) => ({ at: c.at + shift, offsetMs: c.offsetMs })),
      };
    } else found = this.searchYear(year);
    this.years.set(year, found);
    return found;
  }

  private searchYear(year: number): YearTransitions {
    const start = utcYearStart(year);
    const end = utcYearStart(year + 1);
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
    return { startOffset, changes };
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

/** 00:00 UTC on 1 January of `year` (Date.UTC would read years 0–99 as 1900–1999). */
function utcYearStart(year: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, 0, 1);
  return date.getTime();
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
