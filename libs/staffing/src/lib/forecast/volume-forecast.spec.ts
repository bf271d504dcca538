import { SeededRandom } from '../../testing/seeded-random';
import { forecastAht } from './aht-forecast';
import { wape } from './forecast-accuracy';
import { holtWintersForecast, selectHoltWintersParameters } from './holt-winters.forecaster';
import { linearFit, seasonalAverageForecast } from './seasonal-average.forecaster';
import { forecast } from './volume-forecast';

const HOURS_PER_WEEK = 168;

/** Contacts per hour: a daily double peak × a weekday factor × a level growing 0.03 contacts/hour. */
function truth(t: number): number {
  const hour = t % 24;
  const day = Math.floor(t / 24) % 7;
  const daily =
    hour < 7 || hour >= 22 ? 0.05 : 0.6 + Math.exp(-((hour - 10) ** 2) / 4) + 0.8 * Math.exp(-((hour - 15) ** 2) / 6);
  const weekday = [1.2, 1.1, 1, 1, 0.9, 0.5, 0.3][day];
  return (100 + 0.03 * t) * daily * weekday;
}

function series(from: number, to: number, f: (t: number) => number = truth): number[] {
  const values: number[] = [];
  for (let t = from; t < to; t++) values.push(f(t));
  return values;
}

describe('wape', () => {
  it('is Σ|actual − forecast| ÷ Σ actual, by hand', () => {
    // |10−8| + |0−1| + |5−5| + |5−7| = 5; Σ actual = 20.
    expect(wape([10, 0, 5, 5], [8, 1, 5, 7])).toBe(0.25);
  });

  it('is 0 for a perfect forecast of nothing and null for volume where there was none', () => {
    expect(wape([0, 0], [0, 0])).toBe(0);
    expect(wape([0, 0], [1, 0])).toBeNull();
    expect(() => wape([1], [1, 2])).toThrow(RangeError);
  });
});

describe('forecast: reproduces a known seasonality and trend', () => {
  it('without noise, within 1% WAPE of the true continuation', () => {
    const history = series(0, 8 * HOURS_PER_WEEK);
    const result = forecast(history, { seasonLength: HOURS_PER_WEEK, horizon: HOURS_PER_WEEK, holdoutWeeks: 1 });
    const future = series(8 * HOURS_PER_WEEK, 9 * HOURS_PER_WEEK);
    expect(result.values).toHaveLength(HOURS_PER_WEEK);
    expect(wape(future, result.values)).toBeLessThan(0.01);
    expect(result.wape).toBeLessThan(0.01);
    expect(result.holdoutWeeks).toBe(1);
    // A trend-less method cannot win on a trending series.
    const byMethod = Object.fromEntries(result.holdout.map((s) => [s.method, s.wape ?? Infinity]));
    expect(byMethod.SEASONAL_AVERAGE_TREND).toBeLessThan(byMethod.SEASONAL_AVERAGE);
    expect(byMethod.SEASONAL_AVERAGE_TREND).toBeLessThan(byMethod.SEASONAL_NAIVE);
    expect(result.method).not.toBe('SEASONAL_AVERAGE');
  });

  it('with Poisson noise, within 4% WAPE of the noiseless truth, and the winner is the best holdout score', () => {
    const random = new SeededRandom(42);
    const history = series(0, 10 * HOURS_PER_WEEK).map((x) => random.poisson(x));
    const result = forecast(history, { seasonLength: HOURS_PER_WEEK, horizon: 2 * HOURS_PER_WEEK, holdoutWeeks: 2 });
    const future = series(10 * HOURS_PER_WEEK, 12 * HOURS_PER_WEEK);
    expect(wape(future, result.values)).toBeLessThan(0.04);
    expect(result.holdout).toHaveLength(5);
    expect(result.holdout[0].method).toBe(result.method);
    for (const score of result.holdout) expect(result.wape ?? Infinity).toBeLessThanOrEqual(score.wape ?? Infinity);
    expect(result.values.every((v) => v >= 0 && Number.isFinite(v))).toBe(true);
  });

  it('fits a linear trend on weekly totals exactly', () => {
    expect(linearFit([10, 12, 14, 16])).toEqual({ intercept: 10, slope: 2 });
    // L = 2, values [1,3 | 2,6 | 3,9]: weekly totals 4, 8, 12 (a = 4, b = 4 a week), shares 6/24 and
    // 18/24. Index 6 sits at week coordinate (6 − 0.5) ÷ 2 = 2.75 → total 15; index 7 at 3.25 → 17.
    expect(seasonalAverageForecast([1, 3, 2, 6, 3, 9], 2, 2, true)).toEqual([15 * (6 / 24), 17 * (18 / 24)]);
  });
});

describe('forecast: Holt-Winters', () => {
  it('additive Holt-Winters reproduces an additive season plus trend almost exactly', () => {
    const L = 24;
    const additive = (t: number): number => 50 + 0.2 * t + 20 * Math.sin((2 * Math.PI * t) / L);
    const train = series(0, 6 * L, additive);
    const holdout = series(6 * L, 7 * L, additive);
    const selected = selectHoltWintersParameters(train, holdout, L, 'additive');
    expect(selected.wape).toBeLessThan(0.005);
    const refit = holtWintersForecast(series(0, 7 * L, additive), L, L, 'additive', selected.parameters);
    expect(wape(series(7 * L, 8 * L, additive), refit)).toBeLessThan(0.005);
  });

  it('multiplicative Holt-Winters survives seasons of zeros (closed at night) without NaN', () => {
    const L = 24;
    const closedAtNight = (t: number): number => (t % 24 < 8 ? 0 : 30 + (t % 24));
    const values = holtWintersForecast(series(0, 4 * L, closedAtNight), L, L, 'multiplicative', {
      alpha: 0.2,
      beta: 0.01,
      gamma: 0.3,
    });
    expect(values.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    expect(values.slice(0, 8).every((v) => v === 0)).toBe(true);
    expect(wape(series(4 * L, 5 * L, closedAtNight), values)).toBeLessThan(0.01);
  });
});

describe('forecast: short and empty histories', () => {
  it('an all-zero history forecasts zeros, unscored: weeks without actuals are never scored as perfect', () => {
    const result = forecast(new Array(3 * 10).fill(0), { seasonLength: 10, horizon: 15 });
    expect(result.values).toEqual(new Array(15).fill(0));
    expect(result).toMatchObject({ method: 'SEASONAL_NAIVE', wape: null, holdoutWeeks: 0, heldOutWeekStarts: [] });
  });

  it('scores several rolling weeks, skipping weeks without volume, and reports which', () => {
    // L = 4, six weeks; the fifth is empty (a recording gap): it is left out of the scores.
    const week = [1, 5, 9, 5];
    const history = [...week, ...week, ...week, ...week, 0, 0, 0, 0, ...week];
    const result = forecast(history, { seasonLength: 4, horizon: 4, holdoutWeeks: 4 });
    // Weeks at 20, 16 (empty: skipped), 12 and 8 (two training weeks kept before each).
    expect(result.heldOutWeekStarts).toEqual([20, 12, 8]);
    expect(result.holdoutWeeks).toBe(3);
  });

  it('keeps SEASONAL_NAIVE unless another method beats it on the held-out weeks', () => {
    // A repeating week: the seasonal naive forecast is perfect and nothing can beat it strictly.
    const week = [0, 3, 7, 2];
    const result = forecast([...week, ...week, ...week, ...week, ...week], { seasonLength: 4, horizon: 4 });
    expect(result.method).toBe('SEASONAL_NAIVE');
    expect(result.wape).toBe(0);
    expect(result.baselineWape).toBe(0);
  });

  it('never runs a multiplicative season on a series with zeros', () => {
    const history = series(0, 6 * HOURS_PER_WEEK).map((x, t) => (t % 24 < 6 ? 0 : x));
    const result = forecast(history, { seasonLength: HOURS_PER_WEEK, horizon: 24 });
    const multiplicative = result.holdout.find((s) => s.method === 'HOLT_WINTERS_MULTIPLICATIVE');
    expect(multiplicative).toMatchObject({ wape: null, excluded: expect.stringContaining('multiplicative') });
    expect(result.method).not.toBe('HOLT_WINTERS_MULTIPLICATIVE');
  });

  it('one to two weeks of history fall back to SEASONAL_NAIVE with the right phase', () => {
    // L = 4; history of 6 = one and a half weeks; the next index (6) has phase 2.
    const result = forecast([1, 2, 3, 4, 5, 6], { seasonLength: 4, horizon: 6 });
    expect(result.method).toBe('SEASONAL_NAIVE');
    expect(result.wape).toBeNull();
    expect(result.holdout).toEqual([]);
    // Last week = indexes 2..5 = [3, 4, 5, 6] at phases 2, 3, 0, 1; forecast phases 2,3,0,1,2,3.
    expect(result.values).toEqual([3, 4, 5, 6, 3, 4]);
  });

  it('under one week falls back to MEAN, none to NO_HISTORY', () => {
    expect(forecast([2, 4, 6], { seasonLength: 4, horizon: 2 })).toMatchObject({ method: 'MEAN', values: [4, 4] });
    expect(forecast([], { seasonLength: 4, horizon: 2 })).toMatchObject({ method: 'NO_HISTORY', values: [0, 0] });
  });

  it('holds out fewer weeks than asked when the history is short', () => {
    // Three weeks: one held out, two to train on (every method applies).
    const result = forecast(series(0, 3 * HOURS_PER_WEEK), {
      seasonLength: HOURS_PER_WEEK,
      horizon: 5,
      holdoutWeeks: 4,
    });
    expect(result.holdoutWeeks).toBe(1);
    expect(result.heldOutWeekStarts).toEqual([2 * HOURS_PER_WEEK]);
    // Two weeks: one held out, one to train on: only the seasonal naive forecast can be scored.
    const short = forecast(series(0, 2 * HOURS_PER_WEEK), {
      seasonLength: HOURS_PER_WEEK,
      horizon: 5,
      holdoutWeeks: 4,
    });
    expect(short.holdout.map((s) => s.method)).toEqual(['SEASONAL_NAIVE']);
  });

  it('rejects negative or non-finite history naming the index', () => {
    expect(() => forecast([1, -1], { seasonLength: 2, horizon: 1 })).toThrow(
      expect.objectContaining({ field: 'history[1]' }),
    );
    expect(() => forecast([1, NaN], { seasonLength: 2, horizon: 1 })).toThrow(
      expect.objectContaining({ field: 'history[1]' }),
    );
    expect(() => forecast([1], { seasonLength: 0, horizon: 1 })).toThrow(
      expect.objectContaining({ field: 'seasonLength' }),
    );
  });
});

describe('forecastAht', () => {
  it('is the workload-weighted mean per interval of week, by hand', () => {
    // L = 2. Phase 0: (10·100 + 30·200) ÷ 40 = 175. Phase 1: only 5 contacts at 60 s → 60.
    const r = forecastAht([10, 0, 30, 5], [100, null, 200, 60], { seasonLength: 2, horizon: 3 });
    expect(r.values).toEqual([175, 60, 175]);
    expect(r.overallAhtSeconds).toBeCloseTo((1000 + 6000 + 300) / 45, 12);
    expect(r.fallbackIntervals).toBe(0);
  });

  it('falls back to the overall mean where a phase has no data, and to the default without any', () => {
    const r = forecastAht([10, 0, 30, 0], [100, 999, 200, null], { seasonLength: 2, horizon: 2 });
    expect(r.values).toEqual([175, 175]);
    expect(r.fallbackIntervals).toBe(1);
    expect(forecastAht([0, 0], [null, null], { seasonLength: 2, horizon: 1, defaultAhtSeconds: 240 }).values).toEqual([
      240,
    ]);
    expect(() => forecastAht([0, 0], [null, null], { seasonLength: 2, horizon: 1 })).toThrow(
      expect.objectContaining({ field: 'defaultAhtSeconds' }),
    );
  });
});
