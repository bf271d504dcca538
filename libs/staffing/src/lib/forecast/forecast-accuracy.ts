/**
 * Weighted absolute percentage error, WAPE = Σ|actual − forecast| ÷ Σ actual (a fraction, 0.05 = 5%).
 * Preferred over MAPE for interval volumes because night intervals with 0 or 1 contact would make
 * a per-interval percentage explode. When the actuals sum to 0 it is 0 for a perfect forecast and
 * null (undefined) otherwise.
 */
export function wape(actual: readonly number[], forecast: readonly number[]): number | null {
  if (actual.length !== forecast.length) {
    throw new RangeError(`wape: ${actual.length} actuals but ${forecast.length} forecast values.`);
  }
  let error = 0;
  let volume = 0;
  for (let i = 0; i < actual.length; i++) {
    error += Math.abs(actual[i] - forecast[i]);
    volume += actual[i];
  }
  if (volume === 0) return error === 0 ? 0 : null;
  return error / volume;
}
