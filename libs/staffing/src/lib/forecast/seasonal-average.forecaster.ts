/**
 * Simple seasonal forecasters. Conventions shared by every forecaster here: the value at history
 * index i belongs to interval-of-week (phase) i mod L, and forecast step h (0-based) is history
 * index n + h, so its phase is (n + h) mod L. The caller aligns history[0] with the start of a week.
 */

/** Flat mean of the whole history (for less than one season of history). */
export function meanForecast(history: readonly number[], horizon: number): number[] {
  const mean = history.length === 0 ? 0 : history.reduce((s, x) => s + x, 0) / history.length;
  return new Array<number>(horizon).fill(mean);
}

/** The same phase of the last complete season: ŷ(n + h) = x(n − L + (h mod L)). Needs n ≥ L. */
export function seasonalNaiveForecast(history: readonly number[], seasonLength: number, horizon: number): number[] {
  const n = history.length;
  if (n < seasonLength) throw new RangeError('seasonalNaiveForecast needs at least one season of history.');
  const values: number[] = [];
  for (let h = 0; h < horizon; h++) values.push(history[n - seasonLength + (h % seasonLength)]);
  return values;
}

/**
 * Seasonal average, optionally with a linear trend on weekly totals.
 *
 * The K = ⌊n ÷ L⌋ most recent complete seasons are used (older leftovers are dropped). For each
 * phase p the share sₚ = Σ_weeks x(week, p) ÷ Σ all is the part of a week's volume that falls in
 * that interval. The weekly total is fitted by least squares Tᵂ = a + b·w over the weeks
 * w = 0 … K − 1 (b = 0 without trend or with one week). The forecast for index i is
 *   ŷ(i) = sₚ × max(0, a + b·wᵢ),  wᵢ = (i − offset − (L − 1)/2) ÷ L,
 * i.e. the fitted weekly total at the time of the interval (week w is centred on its midpoint).
 */
export function seasonalAverageForecast(
  history: readonly number[],
  seasonLength: number,
  horizon: number,
  withTrend: boolean,
): number[] {
  const n = history.length;
  const L = seasonLength;
  const weeks = Math.floor(n / L);
  if (weeks < 1) throw new RangeError('seasonalAverageForecast needs at least one season of history.');
  const offset = n - weeks * L;

  const phaseTotals = new Array<number>(L).fill(0);
  const weeklyTotals = new Array<number>(weeks).fill(0);
  for (let i = offset; i < n; i++) {
    phaseTotals[i % L] += history[i];
    weeklyTotals[Math.floor((i - offset) / L)] += history[i];
  }
  const grandTotal = weeklyTotals.reduce((s, x) => s + x, 0);
  if (grandTotal === 0) return new Array<number>(horizon).fill(0);
  const shares = phaseTotals.map((x) => x / grandTotal);

  const { intercept, slope } =
    withTrend && weeks >= 2 ? linearFit(weeklyTotals) : { intercept: grandTotal / weeks, slope: 0 };
  const values: number[] = [];
  for (let h = 0; h < horizon; h++) {
    const i = n + h;
    const weekCoordinate = (i - offset - (L - 1) / 2) / L;
    const weeklyTotal = Math.max(0, intercept + slope * weekCoordinate);
    values.push(shares[i % L] * weeklyTotal);
  }
  return values;
}

/** Ordinary least squares y = intercept + slope·x over x = 0 … k − 1. */
export function linearFit(y: readonly number[]): { intercept: number; slope: number } {
  const k = y.length;
  const meanX = (k - 1) / 2;
  const meanY = y.reduce((s, v) => s + v, 0) / k;
  let sxy = 0;
  let sxx = 0;
  for (let x = 0; x < k; x++) {
    sxy += (x - meanX) * (y[x] - meanY);
    sxx += (x - meanX) * (x - meanX);
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return { intercept: meanY - slope * meanX, slope };
}
