import { Actor, AppError, AuditLog, Channel, ComputePool, TenantDatabase } from '@deskforce/platform';
import { TeamAccessService, TeamRow, TeamService } from '@deskforce/people';
import { Injectable } from '@nestjs/common';
import { DateTime, IANAZone } from 'luxon';
import { AhtForecastResult } from './forecast/aht-forecast';
import { CALCULATOR_WORKER_FILE, HistoryForecastInput, WorkerAnswer } from './math/calculator.worker';
import { StaffingInputError } from './math/staffing-input.error';
import { ForecastMethod, MethodScore } from './forecast/forecast.types';
import { predictionInterval, QuarterHourForecast } from './forecast/quarter-hour-forecast';
import { horizonSlots, hourlyCachedOffset, QUARTERS_PER_WEEK, wallClockHistory } from './forecast/wall-clock';
import { SetForecastOverridePayload, UploadForecastPayload } from './graphql/forecast.model';
import { SetForecastOverrideInput, UploadForecastInput } from './graphql/forecast.input';
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
  /** 80% prediction interval of the contacts (stored values count as exact). */
  lowerContacts: number;
  upperContacts: number;
}

export interface ForecastSeries {
  method: StaffingForecastMethod | null;
  wape: number | null;
  baselineWape: number | null;
  holdoutWeeks: number;
  heldOutWeeks: Date[];
  historyWeeks: number;
  fittedIntervalMinutes: number | null;
  cleanedDays: Date[];
  dispersion: number | null;
  methodScores: { method: StaffingForecastMethod; wape: number | null; excluded: string | null }[];
  sanity: {
    recentWeeklyContacts: number | null;
    forecastWeeklyContacts: number;
    flagged: boolean;
    reason: string | null;
  } | null;
  totalContacts: number;
  intervals: ForecastPoint[];
}

/** The history forecast of a window: contacts, their variance and AHT per interval of the window. */
interface HistoryForecast {
  method: ForecastMethod;
  wape: number | null;
  baselineWape: number | null;
  holdoutWeeks: number;
  heldOutWeeks: Date[];
  weeksUsed: number;
  cleanedDays: Date[];
  dispersion: number;
  scores: MethodScore[];
  sanity: ForecastSeries['sanity'];
  contacts: number[];
  ahtSeconds: number[];
}

function isQuarterHour(date: Date): boolean {
  return date.getTime() % QUARTER_MS === 0;
}

/** Checks a window of whole intervals on the quarter-hour grid; returns its interval count. */
export function windowIntervals(from: Date, to: Date, intervalMinutes: number, prefix = 'input'): number {
  if (!isQuarterHour(from))
    throw AppError.badInput({
      field: `${prefix}.from`,
      message: 'must start on a quarter hour (:00, :15, :30 or :45)',
    });
  const span = to.getTime() - from.getTime();
  if (span <= 0) throw AppError.badInput({ field: `${prefix}.to`, message: 'must be after from' });
  if (span > MAX_WINDOW_MS)
    throw AppError.badInput({ field: `${prefix}.to`, message: `at most ${MAX_WINDOW_DAYS} days after from` });
  const intervalMs = intervalMinutes * MINUTE_MS;
  if (span % intervalMs !== 0)
    throw AppError.badInput({
      field: `${prefix}.to`,
      message: `must be a whole number of ${intervalMinutes}-minute intervals after from`,
    });
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
    private readonly compute: ComputePool,
  ) {}

  /** The team, or NOT_FOUND naming the input field (another tenant's team reads as unknown). */
  async team(actor: Actor, teamId: string, field = 'input.teamId'): Promise<TeamRow> {
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
    const rows = await this.db.transaction(actor.tenantId, () =>
      this.stored.rows(window.teamId, window.channel, window.from, window.to),
    );
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
      let fallbackAht =
        quarters.length > 0
          ? quarters.reduce((s, r) => s + r.ahtSeconds, 0) / quarters.length
          : window.defaultAhtSeconds;
      let source: ForecastSource;
      let lowerContacts = contacts;
      let upperContacts = contacts;
      if (quarters.length === quartersPerInterval) {
        source = quarters.every((r) => r.source === 'UPLOAD') ? ForecastSource.UPLOAD : ForecastSource.OVERRIDE;
      } else {
        // The quarters nothing was stored for take their share of the history forecast.
        const share = (quartersPerInterval - quarters.length) / quartersPerInterval;
        const fromHistory = history!.contacts[k]! * share;
        const bounds = predictionInterval(fromHistory, history!.dispersion);
        lowerContacts = contacts + bounds.lower;
        upperContacts = contacts + bounds.upper;
        contacts += fromHistory;
        work += fromHistory * history!.ahtSeconds[k]!;
        if (quarters.length === 0) fallbackAht = history!.ahtSeconds[k]!;
        source =
          quarters.length > 0
            ? ForecastSource.MIXED
            : history!.method === 'NO_HISTORY'
              ? ForecastSource.NONE
              : ForecastSource.HISTORY;
      }
      const ahtSeconds = contacts > 0 ? work / contacts : fallbackAht > 0 ? fallbackAht : window.defaultAhtSeconds;
      return { startsAt, endsAt, contacts, ahtSeconds, source, lowerContacts, upperContacts };
    });

    return {
      method: history ? (history.method as StaffingForecastMethod) : null,
      wape: history?.wape ?? null,
      baselineWape: history?.baselineWape ?? null,
      holdoutWeeks: history?.holdoutWeeks ?? 0,
      heldOutWeeks: history?.heldOutWeeks ?? [],
      historyWeeks: history?.weeksUsed ?? 0,
      fittedIntervalMinutes: history ? 60 : null,
      cleanedDays: history?.cleanedDays ?? [],
      dispersion: history?.dispersion ?? null,
      methodScores: (history?.scores ?? []).map((s) => ({
        method: s.method as StaffingForecastMethod,
        wape: s.wape,
        excluded: s.excluded ?? null,
      })),
      sanity: history?.sanity ?? null,
      totalContacts: intervals.reduce((s, i) => s + i.contacts, 0),
      intervals,
    };
  }

  /**
   * Forecast of the window's `count` intervals from `historyWeeks` weeks of history before it, by
   * wall-clock quarter hour (forecast/wall-clock.ts), fitted hourly and split down
   * (forecast/quarter-hour-forecast.ts), so every resolution sums the same quarters. Only history up to
   * now is actual: a window that starts weeks ahead is forecast across the gap, never from "empty"
   * weeks scored as perfect.
   */
  private async historyForecast(
    actor: Actor,
    window: ForecastWindow,
    timeZone: string,
    count: number,
  ): Promise<HistoryForecast> {
    const intervalMs = window.intervalMinutes * MINUTE_MS;
    const zone = IANAZone.create(timeZone);
    const offset = hourlyCachedOffset((ms: number): number => zone.offset(ms));
    const fromMs = window.from.getTime();
    const slots = horizonSlots(fromMs, count, intervalMs, offset);
    const weeks = window.historyWeeks;
    const n = weeks * QUARTERS_PER_WEEK;
    const historyFrom = DateTime.fromMillis(fromMs, { zone: timeZone }).minus({ weeks }).toJSDate();
    const knownUntilMs = Math.min(fromMs, Math.floor(Date.now() / QUARTER_MS) * QUARTER_MS);
    const points =
      weeks > 0 && knownUntilMs > historyFrom.getTime()
        ? await this.history.intervalHistory(actor, {
            teamId: window.teamId,
            channel: window.channel,
            from: historyFrom,
            to: new Date(knownUntilMs),
            intervalMinutes: 15,
          })
        : [];
    const laid = wallClockHistory({
      fromMs,
      historyFromMs: historyFrom.getTime(),
      knownUntilMs,
      weeks,
      offsetMinutes: offset,
      points: points.map((p) => {
        const handled = p.ahtSeconds !== null && p.ahtSeconds >= 0 && p.contacts > 0 ? p.contacts : 0;
        return { startMs: p.start.getTime(), contacts: p.contacts, handled, work: handled * (p.ahtSeconds ?? 0) };
      }),
    });
    const series = laid.contacts.slice(laid.start, laid.end);
    // Forecast index of slot s: history index n + s, counted from the end of the actuals.
    const maxSlot = Math.max(...slots.flat());
    const horizonQuarters = Math.max(0, n + maxSlot + 1 - laid.end);
    // Fitting and scoring the methods takes 10–20 ms: a worker thread's time, in the tenant's turn.
    const fitted = await this.compute.run<WorkerAnswer<{ volume: QuarterHourForecast; aht: AhtForecastResult }>>(
      actor.tenantId,
      { file: CALCULATOR_WORKER_FILE, name: 'historyForecastTask' },
      {
        contacts: series,
        volume: { horizonQuarters },
        handled: laid.handled.slice(laid.start, laid.end),
        ahtSeconds: laid.work
          .slice(laid.start, laid.end)
          .map((w, i) => (laid.handled[laid.start + i]! > 0 ? w / laid.handled[laid.start + i]! : null)),
        aht: { seasonLength: QUARTERS_PER_WEEK, horizon: horizonQuarters, defaultAhtSeconds: window.defaultAhtSeconds },
      } satisfies HistoryForecastInput,
    );
    if (!fitted.ok) {
      const { field, message } = fitted;
      withInputPath(() => {
        throw new StaffingInputError(field, message);
      });
    }
    const { volume, aht } = (fitted as { ok: true; value: { volume: QuarterHourForecast; aht: AhtForecastResult } })
      .value;
    const contacts: number[] = [];
    const ahtSeconds: number[] = [];
    for (const interval of slots) {
      let c = 0;
      let work = 0;
      let ahtSum = 0;
      for (const slot of interval) {
        const h = n + slot - laid.end;
        const value = h >= 0 ? (volume.quarters[h] ?? 0) : 0;
        const a = h >= 0 ? (aht.values[h] ?? window.defaultAhtSeconds) : window.defaultAhtSeconds;
        c += value;
        work += value * a;
        ahtSum += a;
      }
      contacts.push(c);
      ahtSeconds.push(c > 0 ? work / c : ahtSum / Math.max(1, interval.length));
    }
    const dateOf = (index: number): Date =>
      DateTime.fromJSDate(historyFrom, { zone: timeZone })
        .plus({ minutes: 15 * (laid.start + index) })
        .toJSDate();
    return {
      method: volume.method,
      wape: volume.wape,
      baselineWape: volume.baselineWape,
      holdoutWeeks: volume.holdoutWeeks,
      heldOutWeeks: volume.heldOutWeekStarts.map(dateOf),
      weeksUsed: Math.ceil(series.length / QUARTERS_PER_WEEK),
      cleanedDays: volume.cleanedDayStarts.map(dateOf),
      dispersion: volume.dispersion,
      scores: volume.holdout,
      sanity: {
        recentWeeklyContacts: volume.recentWeeklyContacts,
        forecastWeeklyContacts: volume.forecastWeeklyContacts,
        flagged: volume.flag !== null,
        reason: volume.flag,
      },
      contacts,
      ahtSeconds,
    };
  }

  /** Stores a forecast series (split into quarter hours), replacing whatever was stored in its span. */
  async upload(actor: Actor, input: UploadForecastInput): Promise<UploadForecastPayload> {
    if (!isQuarterHour(input.from))
      throw AppError.badInput({ field: 'input.from', message: 'must start on a quarter hour (:00, :15, :30 or :45)' });
    if (input.ahtSeconds.length !== input.contacts.length) {
      throw AppError.badInput({
        field: 'input.ahtSeconds',
        message: `must have one value per contacts value (${input.contacts.length})`,
      });
    }
    input.contacts.forEach((c, i) => {
      if (c > 0 && !(input.ahtSeconds[i]! > 0))
        throw AppError.badInput({ field: `input.ahtSeconds.${i}`, message: 'must be > 0 where there are contacts' });
    });
    const intervalMs = input.intervalMinutes * MINUTE_MS;
    const to = new Date(input.from.getTime() + input.contacts.length * intervalMs);
    if (to.getTime() - input.from.getTime() > MAX_WINDOW_MS)
      throw AppError.badInput({ field: 'input.contacts', message: `at most ${MAX_WINDOW_DAYS} days at once` });
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
          after: {
            channel: input.channel,
            from: input.from,
            to,
            intervalMinutes: input.intervalMinutes,
            intervals: input.contacts.length,
            totalContacts,
          },
        },
      ]);
      return { intervalCount: input.contacts.length, from: input.from, to, totalContacts };
    });
  }

  /** Sets (or clears) single intervals of the stored forecast. */
  async setOverride(actor: Actor, input: SetForecastOverrideInput): Promise<SetForecastOverridePayload> {
    const intervalMs = input.intervalMinutes * MINUTE_MS;
    const order = input.intervals
      .map((interval, i) => ({ interval, i }))
      .sort((a, b) => a.interval.startsAt.getTime() - b.interval.startsAt.getTime());
    order.forEach(({ interval, i }, position) => {
      const field = `input.intervals.${i}`;
      if (!isQuarterHour(interval.startsAt))
        throw AppError.badInput({
          field: `${field}.startsAt`,
          message: 'must start on a quarter hour (:00, :15, :30 or :45)',
        });
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
      await this.stored.deleteSpans(
        input.teamId,
        input.channel,
        clears.map((i) => ({ from: i.startsAt, to: new Date(i.startsAt.getTime() + intervalMs) })),
      );
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
function splitIntoQuarters(
  from: Date,
  intervalMs: number,
  contacts: readonly number[],
  ahtSeconds: readonly number[],
): Omit<StoredForecastRow, 'source'>[] {
  const quarters = intervalMs / QUARTER_MS;
  const rows: Omit<StoredForecastRow, 'source'>[] = [];
  contacts.forEach((c, k) => {
    for (let q = 0; q < quarters; q++) {
      rows.push({
        startsAt: new Date(from.getTime() + k * intervalMs + q * QUARTER_MS),
        contacts: c / quarters,
        ahtSeconds: ahtSeconds[k]!,
      });
    }
  });
  return rows;
}
