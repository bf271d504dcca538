/**
 * The forecast every resolution shares: fitted once on hourly totals, split down to quarter hours,
 * summed up to whatever interval is asked for. So a week forecast at 15, 30 or 60 minutes has the same
 * total per interval, day and week (up to floating-point rounding), which separate fits per resolution
 * could not promise (one issue report: 9,828 contacts at 15 minutes, 2,941 at 30, 4,540 at 60).
 *
 * Steps (history index 0 is the first quarter of a week; a week is 672 quarters, 168 hours):
 *  1. Hourly totals of the quarter-hour history.
 *  2. Holidays and other outlier days (a day total outside [0.5×, 2×] the median of the same weekday,
 *     with at least three of that weekday) are replaced by the mean of that weekday's other days, so
 *     one closed Monday does not halve next Monday; they are reported.
 *  3. `forecast` on the hourly series (season 168): rolling held-out weeks, seasonal naive as the bar.
 *  4. Each hour's forecast is split over its quarters by the quarter's share of that hour-of-week in
 *     the history (Σ quarter ÷ Σ hour over the weeks; a quarter of each when the hour never had any).
 *  5. Prediction intervals: the interval's variance is φ·mean (quasi-Poisson, φ from the held-out
 *     hours), so an 80% interval is mean ± 1.2816·√(φ·mean), cut at 0. Sums of quarters keep the form.
 *  6. A sanity check: the forecast's first week against the mean of the last (up to four) weeks with
 *     actuals; outside [0.5×, 2×] the result is flagged with the reason.
 */
import { requireInteger, StaffingInputError } from '../math/staffing-input.error';
import { ForecastResult } from './forecast.types';
import { forecast, validateSeries } from './volume-forecast';

export const QUARTERS_PER_WEEK = 672;
const HOURS_PER_WEEK = 168;
const HOURS_PER_DAY = 24;
/** Two-sided 80%: the 90% quantile of the standard normal distribution. */
export const Z_80 = 1.2815515655446004;
/** A forecast week outside [LOW, HIGH] × the recent weekly volume is flagged. */
export const SANITY_LOW = 0.5;
export const SANITY_HIGH = 2;

export interface QuarterHourForecastOptions {
  /** Quarters to forecast after the history. */
  horizonQuarters: number;
  /** Most held-out weeks (default 4). */
  holdoutWeeks?: number;
}

export interface QuarterHourForecast extends Omit<ForecastResult, 'values' | 'heldOutWeekStarts'> {
  /** `horizonQuarters` point forecasts, from the quarter after the history. */
  quarters: number[];
  /** Start quarter (history index) of each held-out week, newest first. */
  heldOutWeekStarts: number[];
  /** Resolution the model was fitted at, in minutes. */
  fittedIntervalMinutes: number;
  /** First quarter (history index) of each day replaced as an outlier (holiday), oldest first. */
  cleanedDayStarts: number[];
  /** Mean contacts of the last (up to four) weeks with actuals; null without a whole week. */
  recentWeeklyContacts: number | null;
  /** Contacts the model forecasts for the week after the history. */
  forecastWeeklyContacts: number;
  /** Why the forecast is implausible (its week leaves [0.5×, 2×] the recent weekly volume), or null. */
  flag: string | null;
}

/** 80% prediction interval of a forecast mean under the quasi-Poisson variance φ·mean. */
export function predictionInterval(mean: number, dispersion: number): { lower: number; upper: number } {
  const half = Z_80 * Math.sqrt(Math.max(0, dispersion * mean));
  return { lower: Math.max(0, mean - half), upper: mean + half };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Replaces outlier days of an hourly series (see step 2); returns the cleaned copy and the days. */
export function cleanOutlierDays(hourly: readonly number[]): { cleaned: number[]; days: number[] } {
  const cleaned = hourly.slice();
  const dayCount = Math.floor(hourly.length / HOURS_PER_DAY);
  const total = (d: number): number => {
    let s = 0;
    for (let h = 0; h < HOURS_PER_DAY; h++) s += hourly[d * HOURS_PER_DAY + h]!;
    return s;
  };
  const outliers: number[] = [];
  for (let weekday = 0; weekday < 7; weekday++) {
    const days: number[] = [];
    for (let d = weekday; d < dayCount; d += 7) days.push(d);
    if (days.length < 3) continue;
    const m = median(days.map(total));
    if (m <= 0) continue;
    const odd = days.filter((d) => total(d) < SANITY_LOW * m || total(d) > SANITY_HIGH * m);
    const normal = days.filter((d) => !odd.includes(d));
    if (odd.length === 0 || normal.length === 0) continue;
    for (const d of odd) {
      for (let h = 0; h < HOURS_PER_DAY; h++) {
        cleaned[d * HOURS_PER_DAY + h] = normal.reduce((s, e) => s + hourly[e * HOURS_PER_DAY + h]!, 0) / normal.length;
      }
      outliers.push(d);
    }
  }
  return { cleaned, days: outliers.sort((x, y) => x - y) };
}

export function forecastQuarterHours(
  history: readonly number[],
  options: QuarterHourForecastOptions,
): QuarterHourForecast {
  validateSeries('history', history);
  requireInteger('horizonQuarters', options.horizonQuarters, 0);
  if (history.length % 4 !== 0)
    throw new StaffingInputError('history', 'history must hold whole hours (a multiple of 4 quarters).');
  const n = history.length;
  const hours = n / 4;
  const hourly: number[] = [];
  for (let h = 0; h < hours; h++)
    hourly.push(history[4 * h]! + history[4 * h + 1]! + history[4 * h + 2]! + history[4 * h + 3]!);

  // Quarter shares of their hour-of-week.
  const quarterSum = new Array<number>(QUARTERS_PER_WEEK).fill(0);
  const hourSum = new Array<number>(QUARTERS_PER_WEEK).fill(0);
  for (let q = 0; q < n; q++) {
    quarterSum[q % QUARTERS_PER_WEEK] += history[q]!;
    hourSum[q % QUARTERS_PER_WEEK] += hourly[Math.floor(q / 4)]!;
  }
  const share = quarterSum.map((s, p) => (hourSum[p]! > 0 ? s / hourSum[p]! : 0.25));

  const { cleaned, days } = cleanOutlierDays(hourly);
  const horizonHours = Math.ceil(options.horizonQuarters / 4);
  const fitted = forecast(cleaned, {
    seasonLength: HOURS_PER_WEEK,
    horizon: Math.max(horizonHours, HOURS_PER_WEEK),
    ...(options.holdoutWeeks !== undefined ? { holdoutWeeks: options.holdoutWeeks } : {}),
  });
  const quarters: number[] = [];
  for (let q = 0; q < options.horizonQuarters; q++)
    quarters.push(fitted.values[Math.floor(q / 4)]! * share[(n + q) % QUARTERS_PER_WEEK]!);

  // Sanity: the model's next week against the recent weeks with actuals (raw, holidays included).
  const recent: number[] = [];
  for (let end = hours; end - HOURS_PER_WEEK >= 0 && recent.length < 4; end -= HOURS_PER_WEEK) {
    const week = hourly.slice(end - HOURS_PER_WEEK, end).reduce((s, x) => s + x, 0);
    if (week > 0) recent.push(week);
  }
  const recentWeeklyContacts = recent.length > 0 ? recent.reduce((s, x) => s + x, 0) / recent.length : null;
  const forecastWeeklyContacts = fitted.values.slice(0, HOURS_PER_WEEK).reduce((s, x) => s + x, 0);
  let flag: string | null = null;
  if (recentWeeklyContacts !== null) {
    const ratio = forecastWeeklyContacts / recentWeeklyContacts;
    if (ratio < SANITY_LOW || ratio > SANITY_HIGH) {
      flag =
        `The forecast week totals ${Math.round(forecastWeeklyContacts)} contacts, ${ratio.toFixed(2)}× the mean of the last ` +
        `${recent.length} week(s) with contacts (${Math.round(recentWeeklyContacts)}), outside [${SANITY_LOW}×, ${SANITY_HIGH}×]; check the history for gaps or a change in the channel.`;
    }
  }
  return {
    method: fitted.method,
    wape: fitted.wape,
    baselineWape: fitted.baselineWape,
    holdout: fitted.holdout,
    holdoutWeeks: fitted.holdoutWeeks,
    heldOutWeekStarts: fitted.heldOutWeekStarts.map((h) => 4 * h),
    dispersion: fitted.dispersion,
    ...(fitted.parameters ? { parameters: fitted.parameters } : {}),
    quarters,
    fittedIntervalMinutes: 60,
    cleanedDayStarts: days.map((d) => d * HOURS_PER_DAY * 4),
    recentWeeklyContacts,
    forecastWeeklyContacts,
    flag,
  };
}
