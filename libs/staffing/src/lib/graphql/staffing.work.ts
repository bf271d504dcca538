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
  return (workNumber(args['contacts'], 0) * workNumber(args['ahtSeconds'], 0)) / workNumber(args['intervalSeconds'], 1, 1e-3);
}

export const erlangWork: WorkEstimate = (options) => 20 + trafficErlangs(input(options)) * 0.03 + options.childComplexity;

export const chatWork: WorkEstimate = (options) => 20 + trafficErlangs(input(options)) * 0.03 + options.childComplexity;

export const deferredWork: WorkEstimate = (options) => {
  const args = input(options);
  const contacts = Array.isArray(args['contacts']) ? (args['contacts'] as unknown[]) : [];
  const busy = contacts.filter((c) => typeof c === 'number' && c > 0).length;
  const lags = Math.ceil(workNumber(args['deadlineSeconds'], 0, 0, 1e9) / workNumber(args['intervalSeconds'], 1, 1)) + 1;
  return 50 + workLength(args['contacts']) * 0.5 + busy * lags * 0.01 + options.childComplexity;
};
