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
  /** Weeks held out to compare the methods (default 1; fewer if the history is short). */
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
  /** WAPE on the holdout; null when the holdout had no volume but the method forecast some. */
  wape: number | null;
  /** Holt-Winters only: the grid point chosen on the holdout. */
  parameters?: HoltWintersParameters;
}

export interface ForecastResult {
  /** The method that won on the holdout (or the fallback for short histories). */
  method: ForecastMethod;
  /** Its holdout WAPE; null for fallbacks, which have no holdout. */
  wape: number | null;
  /** `horizon` non-negative values, starting at the interval after the history. */
  values: number[];
  /** Every method compared, best first. */
  holdout: MethodScore[];
  /** Weeks actually held out (0 for fallbacks). */
  holdoutWeeks: number;
  /** Holt-Winters only: the parameters used for the final refit. */
  parameters?: HoltWintersParameters;
}
