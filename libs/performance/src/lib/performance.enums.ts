import { registerEnumType } from '@nestjs/graphql';
import { KpiMetric, KpiUnit, TargetStatus } from './kpi/metrics';
import { KpiGroupBy } from './kpi/periods';

export enum InteractionStatus {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
  ESCALATED = 'ESCALATED',
}

export enum AgentState {
  AVAILABLE = 'AVAILABLE',
  BUSY = 'BUSY',
  AFTER_CALL_WORK = 'AFTER_CALL_WORK',
  BREAK = 'BREAK',
  OFFLINE = 'OFFLINE',
}

export enum KpiPeriodUnit {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}

/** Where the counts and sums of a KPI answer came from. */
export enum KpiCountsSource {
  ROLLUP = 'ROLLUP',
  RAW_ROWS = 'RAW_ROWS',
}

registerEnumType(InteractionStatus, { name: 'InteractionStatus' });
registerEnumType(AgentState, { name: 'AgentState' });
registerEnumType(KpiPeriodUnit, { name: 'KpiPeriodUnit' });
registerEnumType(KpiCountsSource, {
  name: 'KpiCountsSource',
  description:
    'ROLLUP: counts from the hourly rollup (hour-aligned slice, whole-hour zone). RAW_ROWS: from the contacts themselves.',
});
registerEnumType(KpiMetric, {
  name: 'KpiMetric',
  description: 'Each metric is defined in the README, "KPI definitions".',
});
registerEnumType(KpiUnit, { name: 'KpiUnit' });
registerEnumType(KpiGroupBy, {
  name: 'KpiGroupBy',
  description: 'At most one of DAY, WEEK, MONTH; periods are cut in the requested time zone.',
});
registerEnumType(TargetStatus, {
  name: 'KpiTargetStatus',
  description:
    'ON_TRACK: meets the target with more than 5% of it to spare; AT_RISK: meets it by 5% or less; OFF_TRACK: misses it; NO_DATA: empty slice.',
});
