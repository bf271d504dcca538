import type { KpiMetric, KpiUnit } from '../gql/graphql';

/** Metrics the dashboard shows, in order. */
export const DASHBOARD_METRICS: KpiMetric[] = [
  'CONTACTS',
  'FIRST_RESPONSE_TIME_MEDIAN',
  'RESOLUTION_RATE',
  'CSAT',
  'SERVICE_LEVEL',
  'ABANDONMENT_RATE',
  'AVERAGE_HANDLE_TIME',
];

/** Lower is better for these (times, escalations, reopens, abandonment, complaints): the API's ceilings. */
const LOWER_IS_BETTER = /TIME|ESCALATION|REOPEN|ABANDONMENT|COMPLAINT|UNANSWERED|SPEED_OF_ANSWER/;

export function lowerIsBetter(metric: KpiMetric): boolean {
  return LOWER_IS_BETTER.test(metric);
}

/** A KPI value for people: durations in s / min / h, rates with %, counts as whole numbers, by locale. */
export function formatKpi(value: number | null | undefined, unit: KpiUnit, language: string): string {
  if (value === null || value === undefined) return '—';
  const number = (n: number, digits: number) =>
    new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(n);
  switch (unit) {
    case 'PERCENT':
      return `${number(value, 1)} %`;
    case 'SECONDS':
      if (value < 90) return `${number(value, 0)} s`;
      if (value < 5400) return `${number(value / 60, 1)} min`;
      return `${number(value / 3600, 1)} h`;
    case 'COUNT':
      return number(value, 0);
    default:
      return number(value, 2);
  }
}

/** Whether a change from `previous` to `value` is good news for this metric (null: no change or unknown). */
export function changeIsGood(
  metric: KpiMetric,
  value: number | null | undefined,
  previous: number | null | undefined,
): boolean | null {
  if (value === null || value === undefined || previous === null || previous === undefined || value === previous)
    return null;
  return lowerIsBetter(metric) ? value < previous : value > previous;
}

export const STATUS_COLOR: Record<string, string> = {
  ON_TRACK: 'green',
  AT_RISK: 'yellow',
  OFF_TRACK: 'red',
  NO_DATA: 'gray',
};
