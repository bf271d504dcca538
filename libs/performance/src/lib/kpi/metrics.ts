/**
 * The KPI vocabulary and the arithmetic that turns counts and sums into values. Pure: no Nest, no
 * database. Definitions (and where vendors differ, our choice) are written out in the README,
 * "KPI definitions"; keep the two in step.
 */
export enum KpiMetric {
  CONTACTS = 'CONTACTS',
  FIRST_RESPONSE_TIME_MEAN = 'FIRST_RESPONSE_TIME_MEAN',
  FIRST_RESPONSE_TIME_MEDIAN = 'FIRST_RESPONSE_TIME_MEDIAN',
  FIRST_RESPONSE_TIME_P90 = 'FIRST_RESPONSE_TIME_P90',
  UNANSWERED_CONTACTS = 'UNANSWERED_CONTACTS',
  RESOLUTION_TIME_MEAN = 'RESOLUTION_TIME_MEAN',
  RESOLUTION_TIME_MEDIAN = 'RESOLUTION_TIME_MEDIAN',
  RESOLUTION_TIME_P90 = 'RESOLUTION_TIME_P90',
  RESOLUTION_RATE = 'RESOLUTION_RATE',
  FIRST_CONTACT_RESOLUTION_RATE = 'FIRST_CONTACT_RESOLUTION_RATE',
  ESCALATION_RATE = 'ESCALATION_RATE',
  REOPEN_RATE = 'REOPEN_RATE',
  AVERAGE_HANDLE_TIME = 'AVERAGE_HANDLE_TIME',
  CSAT = 'CSAT',
  NPS = 'NPS',
  COMPLAINT_COUNT = 'COMPLAINT_COUNT',
  SERVICE_LEVEL = 'SERVICE_LEVEL',
  ABANDONMENT_RATE = 'ABANDONMENT_RATE',
  AVERAGE_SPEED_OF_ANSWER = 'AVERAGE_SPEED_OF_ANSWER',
  OCCUPANCY = 'OCCUPANCY',
  SCHEDULE_ADHERENCE = 'SCHEDULE_ADHERENCE',
  CONTACTS_PER_AGENT_HOUR = 'CONTACTS_PER_AGENT_HOUR',
  // The first response and resolution times in business time: only the time inside the team's working
  // hours counts (docs/help-desk.md, "Business hours"); the same as the calendar ones for a team without a calendar.
  FIRST_RESPONSE_BUSINESS_TIME_MEAN = 'FIRST_RESPONSE_BUSINESS_TIME_MEAN',
  FIRST_RESPONSE_BUSINESS_TIME_MEDIAN = 'FIRST_RESPONSE_BUSINESS_TIME_MEDIAN',
  FIRST_RESPONSE_BUSINESS_TIME_P90 = 'FIRST_RESPONSE_BUSINESS_TIME_P90',
  RESOLUTION_BUSINESS_TIME_MEAN = 'RESOLUTION_BUSINESS_TIME_MEAN',
  RESOLUTION_BUSINESS_TIME_MEDIAN = 'RESOLUTION_BUSINESS_TIME_MEDIAN',
  RESOLUTION_BUSINESS_TIME_P90 = 'RESOLUTION_BUSINESS_TIME_P90',
}

export const ALL_METRICS: readonly KpiMetric[] = Object.values(KpiMetric);

export enum KpiUnit {
  SECONDS = 'SECONDS',
  PERCENT = 'PERCENT',
  COUNT = 'COUNT',
  /** NPS: −100 to 100. */
  SCORE = 'SCORE',
  PER_HOUR = 'PER_HOUR',
}

/** Which way is better: the target of a LOWER metric is a ceiling, of a HIGHER metric a floor. */
export type Direction = 'LOWER' | 'HIGHER';

/**
 * Where a metric's numbers come from: `counts` from the hourly rollup (or the same sums over raw rows),
 * `exact` from the raw rows of the slice (order statistics, threshold counts), `states` from the agent
 * state rollup, `schedule` from published shifts joined with agent states.
 */
export type MetricSource = 'counts' | 'exact' | 'states' | 'schedule';

export interface MetricDefinition {
  unit: KpiUnit;
  direction: Direction;
  source: MetricSource;
}

export const METRICS: Readonly<Record<KpiMetric, MetricDefinition>> = {
  CONTACTS: { unit: KpiUnit.COUNT, direction: 'HIGHER', source: 'counts' },
  FIRST_RESPONSE_TIME_MEAN: { unit: KpiUnit.SECONDS, direction: 'LOWER', source: 'counts' },
  FIRST_RESPONSE_TIME_MEDIAN: { unit: KpiUnit.SECONDS, direction: 'LOWER', source: 'exact' },
  FIRST_RESPONSE_TIME_P90: { unit: KpiUnit.SECONDS, direction: 'LOWER', source: 'exact' },
  UNANSWERED_CONTACTS: { unit: KpiUnit.COUNT, direction: 'LOWER', source: 'counts' },
  RESOLUTION_TIME_MEAN: { unit: KpiUnit.SECONDS, direction: 'LOWER', source: 'counts' },
  RESOLUTION_TIME_MEDIAN: { unit: KpiUnit.SECONDS, direction: 'LOWER', source: 'exact' },
  RESOLUTION_TIME_P90: { unit: KpiUnit.SECONDS, direction: 'LOWER', source: 'exact' },
  RESOLUTION_RATE: { unit: KpiUnit.PERCENT, direction: 'HIGHER', source: 'counts' },
  FIRST_CONTACT_RESOLUTION_RATE: { unit: KpiUnit.PERCENT, direction: 'HIGHER', source: 'counts' },
  ESCALATION_RATE: { unit: KpiUnit.PERCENT, direction: 'LOWER', source: 'counts' },
  REOPEN_RATE: { unit: KpiUnit.PERCENT, direction: 'LOWER', source: 'counts' },
  AVERAGE_HANDLE_TIME: { unit: KpiUnit.SECONDS, direction: 'LOWER', source: 'counts' },
  CSAT: { unit: KpiUnit.PERCENT, direction: 'HIGHER', source: 'counts' },
  NPS: { unit: KpiUnit.SCORE, direction: 'HIGHER', source: 'counts' },
  COMPLAINT_COUNT: { unit: KpiUnit.COUNT, direction: 'LOWER', source: 'counts' },
  SERVICE_LEVEL: { unit: KpiUnit.PERCENT, direction: 'HIGHER', source: 'exact' },
  ABANDONMENT_RATE: { unit: KpiUnit.PERCENT, direction: 'LOWER', source: 'counts' },
  AVERAGE_SPEED_OF_ANSWER: { unit: KpiUnit.SECONDS, direction: 'LOWER', source: 'counts' },
  OCCUPANCY: { unit: KpiUnit.PERCENT, direction: 'HIGHER', source: 'states' },
  SCHEDULE_ADHERENCE: { unit: KpiUnit.PERCENT, direction: 'HIGHER', source: 'schedule' },
  CONTACTS_PER_AGENT_HOUR: { unit: KpiUnit.PER_HOUR, direction: 'HIGHER', source: 'states' },
  FIRST_RESPONSE_BUSINESS_TIME_MEAN: { unit: KpiUnit.SECONDS, direction: 'LOWER', source: 'counts' },
  FIRST_RESPONSE_BUSINESS_TIME_MEDIAN: { unit: KpiUnit.SECONDS, direction: 'LOWER', source: 'exact' },
  FIRST_RESPONSE_BUSINESS_TIME_P90: { unit: KpiUnit.SECONDS, direction: 'LOWER', source: 'exact' },
  RESOLUTION_BUSINESS_TIME_MEAN: { unit: KpiUnit.SECONDS, direction: 'LOWER', source: 'counts' },
  RESOLUTION_BUSINESS_TIME_MEDIAN: { unit: KpiUnit.SECONDS, direction: 'LOWER', source: 'exact' },
  RESOLUTION_BUSINESS_TIME_P90: { unit: KpiUnit.SECONDS, direction: 'LOWER', source: 'exact' },
};

/**
 * The metrics of an agent's scorecard: all but CONTACTS and the business-time order statistics (four more
 * sorts of the raw rows, which would cut the longest scorecard window its work limit allows from about 36
 * to about 21 days); the business-time means come from the rollup and are there.
 */
export function scorecardMetrics(): KpiMetric[] {
  return ALL_METRICS.filter(
    (m) => m !== KpiMetric.CONTACTS && !(BUSINESS_TIME_METRICS.has(m) && METRICS[m].source === 'exact'),
  );
}

/** The metrics read from the business durations (order statistics of them are computed only when asked). */
export const BUSINESS_TIME_METRICS: ReadonlySet<KpiMetric> = new Set([
  KpiMetric.FIRST_RESPONSE_BUSINESS_TIME_MEAN,
  KpiMetric.FIRST_RESPONSE_BUSINESS_TIME_MEDIAN,
  KpiMetric.FIRST_RESPONSE_BUSINESS_TIME_P90,
  KpiMetric.RESOLUTION_BUSINESS_TIME_MEAN,
  KpiMetric.RESOLUTION_BUSINESS_TIME_MEDIAN,
  KpiMetric.RESOLUTION_BUSINESS_TIME_P90,
]);

/** The additive counts and sums of one slice, as the rollup stores them (bigints read as numbers). */
export interface InteractionCounts {
  contacts: number;
  handled: number;
  handled_by_agent: number;
  first_responses: number;
  first_response_ms_sum: number;
  resolved: number;
  resolution_ms_sum: number;
  fcr_known: number;
  fcr_one_contact: number;
  escalated: number;
  reopened: number;
  handle_timed: number;
  handle_time_s_sum: number;
  complaints: number;
  offered: number;
  answered: number;
  abandoned: number;
  answered_wait_ms_sum: number;
  csat_responses: number;
  csat_satisfied: number;
  nps_responses: number;
  nps_promoters: number;
  nps_detractors: number;
  /** Business-time sums over the same contacts as first_responses and resolved (every answered contact has one). */
  first_response_business_ms_sum: number;
  resolution_business_ms_sum: number;
}

export const COUNT_COLUMNS: readonly (keyof InteractionCounts)[] = [
  'contacts',
  'handled',
  'handled_by_agent',
  'first_responses',
  'first_response_ms_sum',
  'resolved',
  'resolution_ms_sum',
  'fcr_known',
  'fcr_one_contact',
  'escalated',
  'reopened',
  'handle_timed',
  'handle_time_s_sum',
  'complaints',
  'offered',
  'answered',
  'abandoned',
  'answered_wait_ms_sum',
  'csat_responses',
  'csat_satisfied',
  'nps_responses',
  'nps_promoters',
  'nps_detractors',
  'first_response_business_ms_sum',
  'resolution_business_ms_sum',
];

/** Order statistics and threshold counts read from raw rows (seconds; null when the slice has none). */
export interface ExactFigures {
  first_response_median_s: number | null;
  first_response_p90_s: number | null;
  resolution_median_s: number | null;
  resolution_p90_s: number | null;
  /** The same in business time; absent (read as null) when no business-time metric was asked for. */
  first_response_business_median_s?: number | null;
  first_response_business_p90_s?: number | null;
  resolution_business_median_s?: number | null;
  resolution_business_p90_s?: number | null;
  answered_within_target: number;
  offered: number;
  first_responses: number;
  resolved: number;
}

/** Agent-state time of one slice, in milliseconds. */
export interface StateTotals {
  available_ms: number;
  busy_ms: number;
  after_call_work_ms: number;
  break_ms: number;
  offline_ms: number;
  /** Number of agent-hours cells the time came from (a sample size for time-based figures). */
  agent_hours: number;
}

export interface AdherenceFigures {
  scheduled_ms: number;
  adherent_ms: number;
  shifts: number;
}

export interface MetricValue {
  metric: KpiMetric;
  value: number | null;
  sampleSize: number;
  unit: KpiUnit;
}

/** part ÷ whole as a percentage; null (not zero) when the whole is empty. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? (100 * part) / whole : null;
}

export function mean(sum: number, count: number, scale = 1): number | null {
  return count > 0 ? sum / count / scale : null;
}

function v(metric: KpiMetric, value: number | null, sampleSize: number): MetricValue {
  return { metric, value: sampleSize > 0 ? value : null, sampleSize, unit: METRICS[metric].unit };
}

/** A value from the rollup counts; `null` for metrics that are not count-based. */
export function valueFromCounts(metric: KpiMetric, c: InteractionCounts): MetricValue | null {
  switch (metric) {
    case KpiMetric.CONTACTS:
      return v(metric, c.contacts, c.contacts);
    case KpiMetric.FIRST_RESPONSE_TIME_MEAN:
      return v(metric, mean(c.first_response_ms_sum, c.first_responses, 1000), c.first_responses);
    case KpiMetric.UNANSWERED_CONTACTS:
      return v(metric, c.contacts - c.first_responses, c.contacts);
    case KpiMetric.RESOLUTION_TIME_MEAN:
      return v(metric, mean(c.resolution_ms_sum, c.resolved, 1000), c.resolved);
    case KpiMetric.RESOLUTION_RATE:
      return v(metric, percent(c.resolved, c.contacts), c.contacts);
    case KpiMetric.FIRST_CONTACT_RESOLUTION_RATE:
      return v(metric, percent(c.fcr_one_contact, c.fcr_known), c.fcr_known);
    case KpiMetric.ESCALATION_RATE:
      return v(metric, percent(c.escalated, c.handled), c.handled);
    case KpiMetric.REOPEN_RATE:
      return v(metric, percent(c.reopened, c.resolved), c.resolved);
    case KpiMetric.AVERAGE_HANDLE_TIME:
      return v(metric, mean(c.handle_time_s_sum, c.handle_timed), c.handle_timed);
    case KpiMetric.CSAT:
      return v(metric, percent(c.csat_satisfied, c.csat_responses), c.csat_responses);
    case KpiMetric.NPS:
      return v(
        metric,
        c.nps_responses > 0 ? (100 * (c.nps_promoters - c.nps_detractors)) / c.nps_responses : null,
        c.nps_responses,
      );
    case KpiMetric.COMPLAINT_COUNT:
      return v(metric, c.complaints, c.contacts);
    case KpiMetric.FIRST_RESPONSE_BUSINESS_TIME_MEAN:
      return v(metric, mean(c.first_response_business_ms_sum, c.first_responses, 1000), c.first_responses);
    case KpiMetric.RESOLUTION_BUSINESS_TIME_MEAN:
      return v(metric, mean(c.resolution_business_ms_sum, c.resolved, 1000), c.resolved);
    case KpiMetric.ABANDONMENT_RATE:
      return v(metric, percent(c.abandoned, c.offered), c.offered);
    case KpiMetric.AVERAGE_SPEED_OF_ANSWER:
      return v(metric, mean(c.answered_wait_ms_sum, c.answered, 1000), c.answered);
    default:
      return null;
  }
}

export function valueFromExact(metric: KpiMetric, e: ExactFigures): MetricValue | null {
  switch (metric) {
    case KpiMetric.FIRST_RESPONSE_TIME_MEDIAN:
      return v(metric, e.first_response_median_s, e.first_responses);
    case KpiMetric.FIRST_RESPONSE_TIME_P90:
      return v(metric, e.first_response_p90_s, e.first_responses);
    case KpiMetric.RESOLUTION_TIME_MEDIAN:
      return v(metric, e.resolution_median_s, e.resolved);
    case KpiMetric.RESOLUTION_TIME_P90:
      return v(metric, e.resolution_p90_s, e.resolved);
    case KpiMetric.FIRST_RESPONSE_BUSINESS_TIME_MEDIAN:
      return v(metric, e.first_response_business_median_s ?? null, e.first_responses);
    case KpiMetric.FIRST_RESPONSE_BUSINESS_TIME_P90:
      return v(metric, e.first_response_business_p90_s ?? null, e.first_responses);
    case KpiMetric.RESOLUTION_BUSINESS_TIME_MEDIAN:
      return v(metric, e.resolution_business_median_s ?? null, e.resolved);
    case KpiMetric.RESOLUTION_BUSINESS_TIME_P90:
      return v(metric, e.resolution_business_p90_s ?? null, e.resolved);
    case KpiMetric.SERVICE_LEVEL:
      return v(metric, percent(e.answered_within_target, e.offered), e.offered);
    default:
      return null;
  }
}

export function valueFromStates(metric: KpiMetric, s: StateTotals, handledByAgent: number): MetricValue | null {
  const busy = s.busy_ms + s.after_call_work_ms;
  const loggedIn = s.available_ms + busy;
  switch (metric) {
    case KpiMetric.OCCUPANCY:
      return v(metric, percent(busy, loggedIn), loggedIn > 0 ? s.agent_hours : 0);
    case KpiMetric.CONTACTS_PER_AGENT_HOUR:
      return v(metric, loggedIn > 0 ? handledByAgent / (loggedIn / 3_600_000) : null, loggedIn > 0 ? s.agent_hours : 0);
    default:
      return null;
  }
}

export function valueFromAdherence(a: AdherenceFigures): MetricValue {
  return v(KpiMetric.SCHEDULE_ADHERENCE, percent(a.adherent_ms, a.scheduled_ms), a.scheduled_ms > 0 ? a.shifts : 0);
}

export enum TargetStatus {
  ON_TRACK = 'ON_TRACK',
  AT_RISK = 'AT_RISK',
  OFF_TRACK = 'OFF_TRACK',
  NO_DATA = 'NO_DATA',
}

/** A value within this share of its target (on the good side) is AT_RISK rather than ON_TRACK. */
export const AT_RISK_MARGIN = 0.05;

/**
 * ON_TRACK when the value meets the target with more than 5% of the target to spare, AT_RISK when it
 * meets it by 5% or less, OFF_TRACK when it misses it, NO_DATA when the slice is empty.
 * E.g. FRT median ≤ 3600 s: 3400 ON_TRACK, 3500 AT_RISK, 3700 OFF_TRACK; CSAT ≥ 90: 95 ON_TRACK, 92 AT_RISK, 89 OFF_TRACK.
 */
export function targetStatus(metric: KpiMetric, value: number | null, target: number): TargetStatus {
  if (value === null) return TargetStatus.NO_DATA;
  const margin = Math.abs(target) * AT_RISK_MARGIN;
  if (METRICS[metric].direction === 'LOWER') {
    if (value > target) return TargetStatus.OFF_TRACK;
    return value >= target - margin ? TargetStatus.AT_RISK : TargetStatus.ON_TRACK;
  }
  if (value < target) return TargetStatus.OFF_TRACK;
  return value <= target + margin ? TargetStatus.AT_RISK : TargetStatus.ON_TRACK;
}

/** Is `a` better than `b` for this metric (for ranking agents)? */
export function compareForRank(metric: KpiMetric, a: number, b: number): number {
  return METRICS[metric].direction === 'LOWER' ? a - b : b - a;
}
