/**
 * Contact-volume forecast: fit every applicable method on the history minus the last holdout
 * weeks, score each on the holdout by WAPE, pick the best, refit it on the whole history.
 */
import { requireInteger, StaffingInputError } from '../math/staffing-input.error';
import { wape } from './forecast-accuracy';
import { ForecastMethod, ForecastOptions, ForecastResult, HoltWintersParameters, MethodScore } from './forecast.types';
import { holtWintersForecast, HoltWintersKind, selectHoltWintersParameters } from './holt-winters.forecaster';
import { meanForecast, seasonalAverageForecast, seasonalNaiveForecast } from './seasonal-average.forecaster';

/** Candidate order is also the tie-break: on equal WAPE the earlier (simpler to explain) one wins. */
const CANDIDATES: readonly ForecastMethod[] = [
  'SEASONAL_AVERAGE_TREND',
  'SEASONAL_AVERAGE',
  'HOLT_WINTERS_ADDITIVE',
  'HOLT_WINTERS_MULTIPLICATIVE',
  'SEASONAL_NAIVE',
];

export function validateSeries(field: string, series: readonly number[]): void {
  if (!Array.isArray(series)) throw new StaffingInputError(field, `${field} must be an array of numbers.`);
  for (let i = 0; i < series.length; i++) {
    const x = series[i];
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
      throw new StaffingInputError(`${field}[${i}]`, `${field}[${i}] must be a finite number ≥ 0 (got ${String(x)}).`);
    }
  }
}

/** Seasons of training data each method needs. */
function minimumSeasons(method: ForecastMethod): number {
  switch (method) {
    case 'SEASONAL_NAIVE':
      return 1;
    case 'SEASONAL_AVERAGE': // with one season it is the seasonal naive forecast again
    case 'SEASONAL_AVERAGE_TREND':
    case 'HOLT_WINTERS_ADDITIVE':
    case 'HOLT_WINTERS_MULTIPLICATIVE':
      return 2;
    case 'MEAN':
    case 'NO_HISTORY':
      return 0;
  }
}

function holtWintersKind(method: ForecastMethod): HoltWintersKind | null {
  if (method === 'HOLT_WINTERS_ADDITIVE') return 'additive';
  if (method === 'HOLT_WINTERS_MULTIPLICATIVE') return 'multiplicative';
  return null;
}

/** Runs one non-Holt-Winters method. */
function runSimple(method: ForecastMethod, history: readonly number[], L: number, horizon: number): number[] {
  switch (method) {
    case 'SEASONAL_AVERAGE_TREND':
      return seasonalAverageForecast(history, L, horizon, true);
    case 'SEASONAL_AVERAGE':
      return seasonalAverageForecast(history, L, horizon, false);
    case 'SEASONAL_NAIVE':
      return seasonalNaiveForecast(history, L, horizon);
    case 'MEAN':
      return meanForecast(history, horizon);
    case 'NO_HISTORY':
      return new Array<number>(horizon).fill(0);
    case 'HOLT_WINTERS_ADDITIVE':
    case 'HOLT_WINTERS_MULTIPLICATIVE':
      throw new Error(`${method} needs parameters; use holtWintersForecast.`);
  }
}

/**
 * Forecasts `horizon` intervals after the history.
 *
 * - n ≥ 2 seasons: the candidates needing at most the training length are compared on the last
 *   `holdoutWeeks` weeks (reduced so that at least one training season remains).
 * - one to two seasons: SEASONAL_NAIVE, not scored (there is nothing to hold out).
 * - under one season: MEAN; no history: NO_HISTORY (zeros).
 */
export function forecast(history: readonly number[], options: ForecastOptions): ForecastResult {
  validateSeries('history', history);
  requireInteger('seasonLength', options.seasonLength, 1);
  requireInteger('horizon', options.horizon, 0);
  const requestedHoldout = options.holdoutWeeks ?? 1;
  requireInteger('holdoutWeeks', requestedHoldout, 1);
  const L = options.seasonLength;
  const { horizon } = options;
  const n = history.length;

  const fallback = (method: ForecastMethod): ForecastResult => ({
    method,
    wape: null,
    values: runSimple(method, history, L, horizon),
    holdout: [],
    holdoutWeeks: 0,
  });
  if (n === 0) return fallback('NO_HISTORY');
  if (n < L) return fallback('MEAN');
  if (n < 2 * L) return fallback('SEASONAL_NAIVE');

  const holdoutWeeks = Math.min(requestedHoldout, Math.floor(n / L) - 1);
  const split = n - holdoutWeeks * L;
  const train = history.slice(0, split);
  const actual = history.slice(split);
  const trainSeasons = Math.floor(split / L);

  const scores: Array<MethodScore & { order: number }> = [];
  CANDIDATES.forEach((method, order) => {
    if (trainSeasons < minimumSeasons(method)) return;
    const kind = holtWintersKind(method);
    if (kind) {
      const selected = selectHoltWintersParameters(train, actual, L, kind);
      scores.push({ method, wape: selected.wape, parameters: selected.parameters, order });
    } else {
      scores.push({ method, wape: wape(actual, runSimple(method, train, L, actual.length)), order });
    }
  });
  scores.sort((x, y) => (x.wape ?? Infinity) - (y.wape ?? Infinity) || x.order - y.order);
  const best = scores[0];

  const kind = holtWintersKind(best.method);
  const parameters: HoltWintersParameters | undefined = best.parameters;
  const values =
    kind && parameters
      ? holtWintersForecast(history, L, horizon, kind, parameters)
      : runSimple(best.method, history, L, horizon);
  return {
    method: best.method,
    wape: best.wape,
    values: values.map((v) => Math.max(0, v)),
    holdout: scores.map(({ method, wape: w, parameters: p }) => (p ? { method, wape: w, parameters: p } : { method, wape: w })),
    holdoutWeeks,
    ...(parameters ? { parameters } : {}),
  };
}
