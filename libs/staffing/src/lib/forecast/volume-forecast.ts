/**
 * Contact-volume forecast: score every applicable method on several rolling held-out weeks by WAPE,
 * keep the best only if it beats the seasonal naive forecast, refit it on the whole history.
 */
import { requireInteger, StaffingInputError } from '../math/staffing-input.error';
import { ForecastMethod, ForecastOptions, ForecastResult, HoltWintersParameters, MethodScore } from './forecast.types';
import { HOLT_WINTERS_GRID, holtWintersForecast, HoltWintersKind } from './holt-winters.forecaster';
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

/** Values at or below this count as zero for the multiplicative guard (contacts per interval). */
export const NEAR_ZERO = 0.5;

/** Grid-searched Holt-Winters: the parameters with the lowest pooled WAPE over the folds. */
function selectHoltWinters(
  folds: readonly Fold[],
  L: number,
  kind: HoltWintersKind,
): { parameters: HoltWintersParameters; predictions: number[][] } {
  let best: { parameters: HoltWintersParameters; predictions: number[][] } | null = null;
  let bestScore = Infinity;
  for (const alpha of HOLT_WINTERS_GRID.alpha) {
    for (const beta of HOLT_WINTERS_GRID.beta) {
      for (const gamma of HOLT_WINTERS_GRID.gamma) {
        const parameters = { alpha, beta, gamma };
        const predictions = folds.map((f) => holtWintersForecast(f.train, L, f.actual.length, kind, parameters));
        const score = pooledWape(folds, predictions) ?? Infinity;
        if (best === null || score < bestScore) {
          best = { parameters, predictions };
          bestScore = score;
        }
      }
    }
  }
  return best as { parameters: HoltWintersParameters; predictions: number[][] };
}

interface Fold {
  /** History before the held-out week. */
  train: number[];
  /** The held-out week's actuals. */
  actual: number[];
  /** Index of its first interval in the history. */
  start: number;
}

/** Σ|actual − forecast| ÷ Σ actual over every fold together. */
function pooledWape(folds: readonly Fold[], predictions: readonly number[][]): number | null {
  let error = 0;
  let volume = 0;
  folds.forEach((fold, f) => {
    for (let i = 0; i < fold.actual.length; i++) {
      error += Math.abs(fold.actual[i]! - Math.max(0, predictions[f]![i]!));
      volume += fold.actual[i]!;
    }
  });
  return volume === 0 ? null : error / volume;
}

/** Quasi-Poisson dispersion Σ(a − f)² ÷ Σ f of the held-out errors, at least 1. */
function dispersionOf(folds: readonly Fold[], predictions: readonly number[][]): number {
  let squares = 0;
  let mean = 0;
  folds.forEach((fold, f) => {
    for (let i = 0; i < fold.actual.length; i++) {
      const forecastValue = Math.max(0, predictions[f]![i]!);
      squares += (fold.actual[i]! - forecastValue) ** 2;
      mean += forecastValue;
    }
  });
  return mean > 0 ? Math.max(1, squares / mean) : 1;
}

/**
 * Forecasts `horizon` intervals after the history.
 *
 * - At least three seasons: rolling origin. Each of the last `holdoutWeeks` weeks that has any
 *   actual volume (weeks without are skipped, never scored as perfect) is forecast from the history
 *   before it, keeping at least two seasons of training; every applicable method is scored by its
 *   pooled WAPE over those weeks (Holt-Winters parameters chosen on the same weeks). The best method
 *   is chosen only if it beats SEASONAL_NAIVE's pooled WAPE; otherwise SEASONAL_NAIVE. The chosen
 *   method is refitted on the whole history.
 * - HOLT_WINTERS_MULTIPLICATIVE is left out when any history value is ≤ NEAR_ZERO: a seasonal index
 *   of ~0 makes the level update divide by ~0, which is how it produced 9,828 contacts for a week of 1,000.
 * - One to three seasons: SEASONAL_NAIVE (with two, it is scored on the last week, alone).
 * - Under one season: MEAN; no history: NO_HISTORY (zeros).
 */
export function forecast(history: readonly number[], options: ForecastOptions): ForecastResult {
  validateSeries('history', history);
  requireInteger('seasonLength', options.seasonLength, 1);
  requireInteger('horizon', options.horizon, 0);
  const requestedHoldout = options.holdoutWeeks ?? 4;
  requireInteger('holdoutWeeks', requestedHoldout, 1);
  const L = options.seasonLength;
  const { horizon } = options;
  const n = history.length;

  const fallback = (method: ForecastMethod): ForecastResult => ({
    method,
    wape: null,
    baselineWape: null,
    values: runSimple(method, history, L, horizon).map((v) => Math.max(0, v)),
    holdout: [],
    holdoutWeeks: 0,
    heldOutWeekStarts: [],
    dispersion: 1,
  });
  if (n === 0) return fallback('NO_HISTORY');
  if (n < L) return fallback('MEAN');
  if (n < 2 * L) return fallback('SEASONAL_NAIVE');

  // Folds, newest first, keeping two training seasons (one when the history has only two).
  const minimumTrain = n >= 3 * L ? 2 * L : L;
  const folds: Fold[] = [];
  for (let start = n - L; start >= minimumTrain && folds.length < requestedHoldout; start -= L) {
    const actual = history.slice(start, start + L);
    if (actual.reduce((s, x) => s + x, 0) > 0) folds.push({ train: history.slice(0, start), actual, start });
  }
  if (folds.length === 0) return fallback('SEASONAL_NAIVE');
  const trainSeasons = Math.floor(Math.min(...folds.map((f) => f.train.length)) / L);
  const hasZeros = history.some((x) => x <= NEAR_ZERO);

  const scores: Array<MethodScore & { order: number; predictions?: number[][] }> = [];
  CANDIDATES.forEach((method, order) => {
    if (trainSeasons < minimumSeasons(method)) return;
    const kind = holtWintersKind(method);
    if (kind === 'multiplicative' && hasZeros) {
      scores.push({
        method,
        wape: null,
        order,
        excluded: `the series has intervals with ${NEAR_ZERO} contacts or fewer, where a multiplicative season is unstable`,
      });
      return;
    }
    if (kind) {
      const selected = selectHoltWinters(folds, L, kind);
      scores.push({
        method,
        wape: pooledWape(folds, selected.predictions),
        parameters: selected.parameters,
        order,
        predictions: selected.predictions,
      });
    } else {
      const predictions = folds.map((f) => runSimple(method, f.train, L, f.actual.length));
      scores.push({ method, wape: pooledWape(folds, predictions), order, predictions });
    }
  });
  scores.sort((x, y) => (x.wape ?? Infinity) - (y.wape ?? Infinity) || x.order - y.order);
  const naive = scores.find((s) => s.method === 'SEASONAL_NAIVE')!;
  const top = scores[0]!;
  // A method earns its place only by beating the seasonal naive forecast on the same weeks.
  const best = top.method !== 'SEASONAL_NAIVE' && (top.wape ?? Infinity) < (naive.wape ?? Infinity) ? top : naive;

  const kind = holtWintersKind(best.method);
  const parameters: HoltWintersParameters | undefined = best.parameters;
  const values =
    kind && parameters
      ? holtWintersForecast(history, L, horizon, kind, parameters)
      : runSimple(best.method, history, L, horizon);
  return {
    method: best.method,
    wape: best.wape,
    baselineWape: naive.wape,
    values: values.map((v) => Math.max(0, v)),
    holdout: scores.map(({ method, wape: w, parameters: p, excluded }) => ({
      method,
      wape: w,
      ...(p ? { parameters: p } : {}),
      ...(excluded ? { excluded } : {}),
    })),
    holdoutWeeks: folds.length,
    heldOutWeekStarts: folds.map((f) => f.start),
    dispersion: dispersionOf(folds, best.predictions ?? []),
    ...(parameters ? { parameters } : {}),
  };
}
