/** Forecasting methods, named as they are reported to the planner. */
export type ForecastMethod =
  /** Per interval-of-week share of the weekly volume × a linear trend fitted on weekly totals. */
  | 'SEASONAL_AVERAGE_TREND'
  /** Per interval-of-week mean over the history weeks, no trend. */
  | 'SEASONAL_AVERAGE'
  /** Holt-Winters, additive season, weekly season length. */
  | 'HOLT_WINTERS_ADDITIVE'
  /** Holt-Winters, multiplicative season (guarded against zero intervals). */
  | 'HOLT_WINTERS_MULTIPLICATIVE'
  /** The same interval of the last history week, repeated (fallback for 1 to 2 weeks of history). */
  | 'SEASONAL_NAIVE'
  /** The mean of the whole history, flat (fallback for less than one week of history). */
  | 'MEAN'
  /** No history at all: zeros. */
  | 'NO_HISTORY';

export interface ForecastOptions {
  /** Intervals per season (week): 672 for 15-minute intervals, 168 for hourly. */
  seasonLength: number;
  /** Intervals to forecast after the last history interval. */
  horizon: number;
  /**
   * Most held-out weeks to compare the methods on (rolling origin, default 4): each week is forecast
   * from the history before it; weeks without any actual volume are skipped.
   */
  holdoutWeeks?: number;
}

export interface HoltWintersParameters {
  /** Level smoothing α in [0, 1]. */
  alpha: number;
  /** Trend smoothing β in [0, 1]. */
  beta: number;
  /** Season smoothing γ in [0, 1]. */
  gamma: number;
}

export interface MethodScore {
  method: ForecastMethod;
  /** Pooled WAPE over the held-out weeks; null when the method was not run (see `excluded`). */
  wape: number | null;
  /** Holt-Winters only: the grid point chosen on the held-out weeks. */
  parameters?: HoltWintersParameters;
  /** Why the method was left out (e.g. a multiplicative season on a series with zeros). */
  excluded?: string;
}

export interface ForecastResult {
  /** The method chosen: the best on the held-out weeks if it beats SEASONAL_NAIVE there, else SEASONAL_NAIVE. */
  method: ForecastMethod;
  /** Its pooled WAPE on the held-out weeks; null for fallbacks, which have nothing to hold out. */
  wape: number | null;
  /** SEASONAL_NAIVE's pooled WAPE on the same weeks (the baseline a method must beat); null without them. */
  baselineWape: number | null;
  /** `horizon` non-negative values, starting at the interval after the history. */
  values: number[];
  /** Every method compared, best first (excluded ones last, with the reason). */
  holdout: MethodScore[];
  /** Number of weeks held out (0 for fallbacks). */
  holdoutWeeks: number;
  /** Start index (in the history) of each held-out week, newest first. */
  heldOutWeekStarts: number[];
  /**
   * Dispersion φ of the chosen method's held-out errors, Σ(actual − forecast)² ÷ Σ forecast, at least 1
   * (Poisson): the variance of an interval forecast of mean m is taken as φ·m (quasi-Poisson). 1 when
   * nothing was held out.
   */
  dispersion: number;
  /** Holt-Winters only: the parameters used for the final refit. */
  parameters?: HoltWintersParameters;
}
