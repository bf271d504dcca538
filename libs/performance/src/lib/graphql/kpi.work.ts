import { WorkEstimate, WorkEstimateArgs, workLength } from '@deskforce/platform';
import { KpiGroupBy } from '../kpi/periods';
import { KpiMetric, METRICS, scorecardMetrics } from '../kpi/metrics';

const DAY_MS = 86_400_000;

/**
 * What a KPI question costs, in work units (about a microsecond each), before it runs: about 50 per day
 * and counted metric from the hourly rollups, about 2,000 per day and exact metric (medians, percentiles,
 * thresholds read raw rows), times 5 when cut by agent. Measured against the benchmark's month × team ×
 * day question on 10 million contacts (about 45 ms), this overestimates about three times: it is a bound.
 */
export function kpiWork(args: Record<string, unknown>, metrics: unknown): number {
  const from = Date.parse(String(args['from']));
  const to = Date.parse(String(args['to']));
  const days = Number.isFinite(from) && Number.isFinite(to) ? Math.min(732, Math.max(1, (to - from) / DAY_MS)) : 732;
  const list = Array.isArray(metrics) ? metrics : [metrics];
  const exact = list.filter((m) => METRICS[m as KpiMetric]?.source === 'exact').length;
  const counted = list.length - exact;
  const groupBy = Array.isArray(args['groupBy']) ? (args['groupBy'] as unknown[]) : [];
  const byAgent = groupBy.includes(KpiGroupBy.AGENT) ? 5 : 1;
  return 1000 + days * (50 * counted + 2000 * exact) * byAgent;
}

function input(options: WorkEstimateArgs): Record<string, unknown> {
  const value = options.args['input'];
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

export const kpisWork: WorkEstimate = (options) =>
  kpiWork(input(options), input(options)['metrics']) + options.childComplexity;
export const kpiTrendWork: WorkEstimate = (options) =>
  kpiWork(input(options), input(options)['metric']) + options.childComplexity;
/** A scorecard reads every metric for the agent and the team (ranks included). */
export const scorecardWork: WorkEstimate = (options) =>
  kpiWork({ ...input(options), groupBy: [KpiGroupBy.AGENT] }, scorecardMetrics()) + options.childComplexity;
/** Alerts evaluate every target over the window, with causes by agent and channel. */
export const kpiAlertsWork: WorkEstimate = (options) =>
  kpiWork({ ...input(options), groupBy: [KpiGroupBy.AGENT] }, [KpiMetric.FIRST_RESPONSE_TIME_MEDIAN, KpiMetric.CSAT]) +
  options.childComplexity;

/** Ingest: about 20 units a row (checks, staging, the upsert and the rollup). */
export const ingestWork: WorkEstimate = (options) =>
  500 + workLength(input(options)['rows']) * 20 + options.childComplexity;
