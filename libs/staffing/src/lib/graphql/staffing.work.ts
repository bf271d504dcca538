import { WorkEstimate, WorkEstimateArgs, workLength, workNumber } from '@deskforce/platform';

/**
 * What the staffing operations cost, in work units (about a microsecond each), from their arguments,
 * measured on the 2-core reference machine: Erlang C walks N ≈ A agents (about 0.03 µs each); deferred
 * work spreads each non-empty interval over the deadline's intervals (about 0.01 µs per step, worst case).
 */
function input(options: WorkEstimateArgs): Record<string, unknown> {
  const value = options.args['input'];
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function trafficErlangs(args: Record<string, unknown>): number {
  return (
    (workNumber(args['contacts'], 0) * workNumber(args['ahtSeconds'], 0)) / workNumber(args['intervalSeconds'], 1, 1e-3)
  );
}

export const erlangWork: WorkEstimate = (options) =>
  20 + trafficErlangs(input(options)) * 0.03 + options.childComplexity;

export const chatWork: WorkEstimate = (options) => 20 + trafficErlangs(input(options)) * 0.03 + options.childComplexity;

export const deferredWork: WorkEstimate = (options) => {
  const args = input(options);
  const contacts = Array.isArray(args['contacts']) ? (args['contacts'] as unknown[]) : [];
  const busy = contacts.filter((c) => typeof c === 'number' && c > 0).length;
  const lags =
    Math.ceil(workNumber(args['deadlineSeconds'], 0, 0, 1e9) / workNumber(args['intervalSeconds'], 1, 1)) + 1;
  return 50 + workLength(args['contacts']) * 0.5 + busy * lags * 0.01 + options.childComplexity;
};

const MINUTE_MS = 60_000;

/** The window's intervals and the history weeks a forecast reads and fits (about 3 units a quarter hour of history). */
function forecastWorkOf(args: Record<string, unknown>): { intervals: number; fit: number } {
  const from = Date.parse(String(args['from']));
  const to = Date.parse(String(args['to']));
  const minutes = workNumber(args['intervalMinutes'], 15, 15, 60);
  const intervals =
    Number.isFinite(from) && Number.isFinite(to) ? Math.max(1, (to - from) / (minutes * MINUTE_MS)) : 2976;
  const weeks = workNumber(args['historyWeeks'], 8, 0, 104);
  return { intervals: Math.min(intervals, 2976), fit: 2000 + weeks * 672 * 3 };
}

/** A forecast: the history read and fitted (in a worker thread), then one value per interval. */
export const forecastWork: WorkEstimate = (options) => {
  const { intervals, fit } = forecastWorkOf(input(options));
  return fit + intervals * 10 + options.childComplexity;
};

/** Requirements: the forecast, the plan's coverage, and each interval sized twice (required, and what the plan reaches). */
export const requirementsWork: WorkEstimate = (options) => {
  const { intervals, fit } = forecastWorkOf(input(options));
  return fit + intervals * 100 + options.childComplexity;
};
