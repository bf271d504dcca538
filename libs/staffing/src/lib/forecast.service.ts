import { Actor, AppError, AuditLog, Channel, TenantDatabase } from '@deskforce/platform';
import { TeamAccessService, TeamEntity, TeamService } from '@deskforce/people';
import { Injectable } from '@nestjs/common';
import { DateTime, IANAZone } from 'luxon';
import { forecastAht } from './forecast/aht-forecast';
import { ForecastMethod, MethodScore } from './forecast/forecast.types';
import { forecast } from './forecast/volume-forecast';
import { SetForecastOverrideInput, SetForecastOverridePayload, UploadForecastInput, UploadForecastPayload } from './graphql/forecast.model';
import { ForecastRepository, StoredForecastRow } from './forecast.repository';
import { InteractionHistorySource } from './interaction-history.source';
import { ForecastSource, StaffingForecastMethod } from './staffing.enums';
import { withInputPath } from './staffing.errors';

const MINUTE_MS = 60_000;
/** Stored forecasts have a quarter-hour grain: 15, 30 and 60-minute intervals are whole multiples of it. */
export const QUARTER_MS = 15 * MINUTE_MS;
export const MAX_WINDOW_DAYS = 31;
const MAX_WINDOW_MS = MAX_WINDOW_DAYS * 24 * 60 * MINUTE_MS;

export interface ForecastWindow {
  teamId: string;
  channel: Channel;
  from: Date;
  to: Date;
  intervalMinutes: number;
  historyWeeks: number;
  defaultAhtSeconds: number;
}

export interface ForecastPoint {
  startsAt: Date;
  endsAt: Date;
  contacts: number;
  ahtSeconds: number;
  source: ForecastSource;
}

export interface ForecastSeries {
  method: StaffingForecastMethod | null;
  wape: number | null;
  holdoutWeeks: number;
  historyWeeks: number;
  methodScores: { method: StaffingForecastMethod; wape: number | null }[];
  totalContacts: number;
  intervals: ForecastPoint[];
}

/** The history forecast of a window: contacts and AHT by wall-clock slot from the window's start. */
interface HistoryForecast {
  method: ForecastMethod;
  wape: number | null;
  holdoutWeeks: number;
  weeksUsed: number;
  scores: MethodScore[];
  contacts: number[];
  ahtSeconds: number[];
}

function isQuarterHour(date: Date): boolean {
  return date.getTime() % QUARTER_MS === 0;
}

/** Checks a window of whole intervals on the quarter-hour grid; returns its interval count. */
export function windowIntervals(from: Date, to: Date, intervalMinutes: number, prefix = 'input'): number {
  if (!isQuarterHour(from)) throw AppError.badInput({ field: `${prefix}.from`, message: 'must start on a quarter hour (:00, :15, :30 or :45)' });
  const span = to.getTime() - from.getTime();
  if (span <= 0) throw AppError.badInput({ field: `${prefix}.to`, message: 'must be after from' });
  if (span > MAX_WINDOW_MS) throw AppError.badInput({ field: `${prefix}.to`, message: `at most ${MAX_WINDOW_DAYS} days after from` });
  const intervalMs = intervalMinutes * MINUTE_MS;
  if (span % intervalMs !== 0) throw AppError.badInput({ field: `${prefix}.to`, message: `must be a whole number of ${intervalMinutes}-minute intervals after from` });
  return span / intervalMs;
}

/**
 * The demand side: forecasts per team, channel and interval. Uploaded and overridden values are stored by
 * quarter hour; wherever none is stored, the forecast comes from the interaction history (through the
 * InteractionHistorySource port) with the core's `forecast` and `forecastAht`.
 *
 * Seasonality follows the team's wall clock: interval-of-week phases are counted in local time from the
 * window's start, so Monday 09:00 stays Monday 09:00 across daylight-saving changes (a repeated hour is
 * averaged, a skipped one copies the interval before it).
 */
@Injectable()
export class ForecastService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly stored: ForecastRepository,
    private readonly teams: TeamService,
    private readonly access: TeamAccessService,
    private readonly history: InteractionHistorySource,
    private readonly audit: AuditLog,
  ) {}

  /** The team, or NOT_FOUND naming the input field (another tenant's team reads as unknown). */
  async team(actor: Actor, teamId: string, field = 'input.teamId'): Promise<TeamEntity> {
    const [team] = await this.teams.byIds(actor, [teamId]);
    if (!team) throw AppError.notFound('Team', teamId, field);
    return team;
  }

  /**
   * The team's forecast. A coordinator reads it only for the teams they coordinate: it is drawn from the
   * team's contact history (volumes and handle times), which the KPI library shows them for their own
   * teams only.
   */
  async forecast(actor: Actor, window: ForecastWindow): Promise<ForecastSeries> {
    const count = windowIntervals(window.from, window.to, window.intervalMinutes);
    const team = await this.team(actor, window.teamId);
    await this.access.assertManages(actor, [team.id]);
    const intervalMs = window.intervalMinutes * MINUTE_MS;
    const quartersPerInterval = intervalMs / QUARTER_MS;
    const rows = await this.db.transaction(actor.tenantId, () => this.stored.rows(window.teamId, window.channel, window.from, window.to));
    const byStart = new Map(rows.map((r) => [r.startsAt.getTime(), r]));
    const fromMs = window.from.getTime();

    const storedByInterval: StoredForecastRow[][] = [];
    let needsHistory = false;
    for (let k = 0; k < count; k++) {
      const quarters: StoredForecastRow[] = [];
      for (let q = 0; q < quartersPerInterval; q++) {
        const row = byStart.get(fromMs + k * intervalMs + q * QUARTER_MS);
        if (row) quarters.push(row);
      }
      storedByInterval.push(quarters);
      if (quarters.length < quartersPerInterval) needsHistory = true;
    }
    const history = needsHistory ? await this.historyForecast(actor, window, team.timeZone, count) : null;

    const intervals: ForecastPoint[] = storedByInterval.map((quarters, k) => {
      const startsAt = new Date(fromMs + k * intervalMs);
      const endsAt = new Date(fromMs + (k + 1) * intervalMs);
      let contacts = quarters.reduce((s, r) => s + r.contacts, 0);
      let work = quarters.reduce((s, r) => s + r.contacts * r.ahtSeconds, 0);
      let fallbackAht = quarters.length > 0 ? quarters.reduce((s, r) => s + r.ahtSeconds, 0) / quarters.length : window.defaultAhtSeconds;
      let source: ForecastSource;
      if (quarters.length === quartersPerInterval) {
        source = quarters.every((r) => r.source === 'UPLOAD') ? ForecastSource.UPLOAD : ForecastSource.OVERRIDE;
      } else {
        // The quarters nothing was stored for take their share of the history forecast.
        const share = (quartersPerInterval - quarters.length) / quartersPerInterval;
        const fromHistory = history!.contacts[k]! * share;
        contacts += fromHistory;
        work += fromHistory * history!.ahtSeconds[k]!;
        if (quarters.length === 0) fallbackAht = history!.ahtSeconds[k]!;
        source = quarters.length > 0 ? ForecastSource.MIXED : history!.method === 'NO_HISTORY' ? ForecastSource.NONE : ForecastSource.HISTORY;
      }
      const ahtSeconds = contacts > 0 ? work / contacts : fallbackAht > 0 ? fallbackAht : window.defaultAhtSeconds;
      return { startsAt, endsAt, contacts, ahtSeconds, source };
    });

    return {
      method: history ? (history.method as StaffingForecastMethod) : null,
      wape: history?.wape ?? null,
      holdoutWeeks: history?.holdoutWeeks ?? 0,
      historyWeeks: history?.weeksUsed ?? 0,
      methodScores: (history?.scores ?? []).map((s) => ({ method: s.method as StaffingForecastMethod, wape: s.wape })),
      totalContacts: intervals.reduce((s, i) => s + i.contacts, 0),
      intervals,
    };
  }

  /**
   * Forecast of the window's `count` intervals from `historyWeeks` weeks of history before it, by
   * wall-clock slot: history index i and forecast interval k share a phase when they fall on the same
   * local weekday and time.
   */
  private async historyForecast(actor: Actor, window: ForecastWindow, timeZone: string, count: number): Promise<HistoryForecast> {
    const intervalMs = window.intervalMinutes * MINUTE_MS;
    const season = (7 * 24 * 60) / window.intervalMinutes;
    const zone = IANAZone.create(timeZone);
    const fromMs = window.from.getTime();
    const wall = (ms: number): number => ms + zone.offset(ms) * MINUTE_MS;
    const fromWall = wall(fromMs);
    const slotOf = (ms: number): number => Math.round((wall(ms) - fromWall) / intervalMs);
    const horizonSlots = Array.from({ length: count }, (_, k) => slotOf(fromMs + k * intervalMs));
    const horizon = Math.max(...horizonSlots) + 1;

    const weeks = window.historyWeeks;
    const n = weeks * season;
    const contacts = new Array<number>(n).fill(0);
    const handled = new Array<number>(n).fill(0); // contacts that came with a handle time
    const work = new Array<number>(n).fill(0); // Σ contacts × AHT, agent-seconds
    if (weeks > 0) {
      const historyFrom = DateTime.fromMillis(fromMs, { zone: timeZone }).minus({ weeks }).toJSDate();
      const points = await this.history.intervalHistory(actor, {
        teamId: window.teamId,
        channel: window.channel,
        from: historyFrom,
        to: window.from,
        intervalMinutes: window.intervalMinutes,
      });
      const present = new Array<number>(n).fill(0);
      for (let ms = historyFrom.getTime(); ms < fromMs; ms += intervalMs) {
        const i = slotOf(ms) + n;
        if (i >= 0 && i < n) present[i]++;
      }
      for (const point of points) {
        const ms = point.start.getTime();
        if (ms < historyFrom.getTime() || ms >= fromMs || !(point.contacts >= 0)) continue;
        const i = slotOf(ms) + n;
        if (i < 0 || i >= n) continue;
        contacts[i] += point.contacts;
        if (point.ahtSeconds !== null && point.ahtSeconds >= 0 && point.contacts > 0) {
          handled[i] += point.contacts;
          work[i] += point.contacts * point.ahtSeconds;
        }
      }
      for (let i = 0; i < n; i++) {
        if (present[i] > 1) {
          // The hour repeated when clocks go back: two intervals share one wall-clock slot.
          contacts[i] /= present[i];
          handled[i] /= present[i];
          work[i] /= present[i];
        } else if (present[i] === 0 && i > 0) {
          // The hour skipped when clocks go forward: borrow the interval before it.
          contacts[i] = contacts[i - 1];
          handled[i] = handled[i - 1];
          work[i] = work[i - 1];
        }
      }
    }
    // Weeks before the first contact are before the channel (or its recording) started, not real zeros.
    let firstWeek = 0;
    while (firstWeek < weeks && contacts.slice(firstWeek * season, (firstWeek + 1) * season).every((c) => c === 0)) firstWeek++;
    const start = firstWeek * season;
    const series = contacts.slice(start);
    const volume = withInputPath(() => forecast(series, { seasonLength: season, horizon }));
    const aht = withInputPath(() =>
      forecastAht(
        handled.slice(start),
        work.slice(start).map((w, i) => (handled[start + i]! > 0 ? w / handled[start + i]! : null)),
        { seasonLength: season, horizon, defaultAhtSeconds: window.defaultAhtSeconds },
      ),
    );
    return {
      method: volume.method,
      wape: volume.wape,
      holdoutWeeks: volume.holdoutWeeks,
      weeksUsed: weeks - firstWeek,
      scores: volume.holdout,
      contacts: horizonSlots.map((slot) => volume.values[slot]!),
      ahtSeconds: horizonSlots.map((slot) => aht.values[slot]!),
    };
  }

  /** Stores a forecast series (split into quarter hours), replacing whatever was stored in its span. */
  async upload(actor: Actor, input: UploadForecastInput): Promise<UploadForecastPayload> {
    if (!isQuarterHour(input.from)) throw AppError.badInput({ field: 'input.from', message: 'must start on a quarter hour (:00, :15, :30 or :45)' });
    if (input.ahtSeconds.length !== input.contacts.length) {
      throw AppError.badInput({ field: 'input.ahtSeconds', message: `must have one value per contacts value (${input.contacts.length})` });
    }
    input.contacts.forEach((c, i) => {
      if (c > 0 && !(input.ahtSeconds[i]! > 0)) throw AppError.badInput({ field: `input.ahtSeconds.${i}`, message: 'must be > 0 where there are contacts' });
    });
    const intervalMs = input.intervalMinutes * MINUTE_MS;
    const to = new Date(input.from.getTime() + input.contacts.length * intervalMs);
    if (to.getTime() - input.from.getTime() > MAX_WINDOW_MS) throw AppError.badInput({ field: 'input.contacts', message: `at most ${MAX_WINDOW_DAYS} days at once` });
    const rows = splitIntoQuarters(input.from, intervalMs, input.contacts, input.ahtSeconds);
    const totalContacts = input.contacts.reduce((s, c) => s + c, 0);
    return this.db.transaction(actor.tenantId, async () => {
      await this.team(actor, input.teamId);
      await this.access.assertManages(actor, [input.teamId]);
      // Every quarter hour of the span gets a row, so the upsert replaces the whole span.
      await this.stored.upsert(input.teamId, input.channel, rows, 'UPLOAD', actor.userId);
      await this.audit.record(actor, [
        {
          entityType: 'STAFFING_FORECAST',
          entityId: input.teamId,
          action: 'UPLOAD',
          after: { channel: input.channel, from: input.from, to, intervalMinutes: input.intervalMinutes, intervals: input.contacts.length, totalContacts },
        },
      ]);
      return { intervalCount: input.contacts.length, from: input.from, to, totalContacts };
    });
  }

  /** Sets (or clears) single intervals of the stored forecast. */
  async setOverride(actor: Actor, input: SetForecastOverrideInput): Promise<SetForecastOverridePayload> {
    const intervalMs = input.intervalMinutes * MINUTE_MS;
    const order = input.intervals.map((interval, i) => ({ interval, i })).sort((a, b) => a.interval.startsAt.getTime() - b.interval.startsAt.getTime());
    order.forEach(({ interval, i }, position) => {
      const field = `input.intervals.${i}`;
      if (!isQuarterHour(interval.startsAt)) throw AppError.badInput({ field: `${field}.startsAt`, message: 'must start on a quarter hour (:00, :15, :30 or :45)' });
      const previous = order[position - 1];
      if (previous && interval.startsAt.getTime() < previous.interval.startsAt.getTime() + intervalMs) {
        throw AppError.badInput({ field: `${field}.startsAt`, message: 'overlaps another interval of the input' });
      }
      const contacts = interval.contacts ?? null;
      if (contacts !== null && contacts > 0 && !((interval.ahtSeconds ?? 0) > 0)) {
        throw AppError.badInput({ field: `${field}.ahtSeconds`, message: 'must be > 0 where there are contacts' });
      }
    });
    const sets = input.intervals.filter((i) => i.contacts !== null && i.contacts !== undefined);
    const clears = input.intervals.filter((i) => i.contacts === null || i.contacts === undefined);
    const rows = sets.flatMap((i) => splitIntoQuarters(i.startsAt, intervalMs, [i.contacts!], [i.ahtSeconds ?? 0]));
    return this.db.transaction(actor.tenantId, async () => {
      await this.team(actor, input.teamId);
      await this.access.assertManages(actor, [input.teamId]);
      await this.stored.deleteSpans(input.teamId, input.channel, clears.map((i) => ({ from: i.startsAt, to: new Date(i.startsAt.getTime() + intervalMs) })));
      await this.stored.upsert(input.teamId, input.channel, rows, 'OVERRIDE', actor.userId);
      await this.audit.record(actor, [
        {
          entityType: 'STAFFING_FORECAST',
          entityId: input.teamId,
          action: 'OVERRIDE',
          after: { channel: input.channel, intervalMinutes: input.intervalMinutes, intervals: input.intervals },
        },
      ]);
      return { setCount: sets.length, clearedCount: clears.length };
    });
  }
}

/** An interval's contacts spread evenly over its quarter hours, each with the interval's AHT. */
function splitIntoQuarters(from: Date, intervalMs: number, contacts: readonly number[], ahtSeconds: readonly number[]): Omit<StoredForecastRow, 'source'>[] {
  const quarters = intervalMs / QUARTER_MS;
  const rows: Omit<StoredForecastRow, 'source'>[] = [];
  contacts.forEach((c, k) => {
    for (let q = 0; q < quarters; q++) {
      rows.push({ startsAt: new Date(from.getTime() + k * intervalMs + q * QUARTER_MS), contacts: c / quarters, ahtSeconds: ahtSeconds[k]! });
    }
  });
  return rows;
}
