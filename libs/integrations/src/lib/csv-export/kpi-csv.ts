import { KpiGroupBy, KpiMetric, KpiResult, ScorecardMetric, TrendPoint } from '@deskforce/performance';
import { ShiftModel } from '@deskforce/scheduling';
import { CsvColumn } from '../export/csv-writer';

type KpiRow = KpiResult['rows'][number];

/**
 * The columns of a `kpis` report as CSV, wide: the group's columns in the order of groupBy (agent_id,
 * team_id, channel; a period as period_start, period_end, period_label), then per metric its value and
 * sample size (`CSAT`, `CSAT_sample_size`), values exactly as GraphQL answers them (null: empty cell).
 */
export function kpiColumns(groupBy: readonly KpiGroupBy[], metrics: readonly KpiMetric[]): CsvColumn<KpiRow>[] {
  const columns: CsvColumn<KpiRow>[] = [];
  for (const g of groupBy) {
    if (g === KpiGroupBy.AGENT) columns.push({ header: 'agent_id', value: (r) => r.group.agentId });
    else if (g === KpiGroupBy.TEAM) columns.push({ header: 'team_id', value: (r) => r.group.teamId });
    else if (g === KpiGroupBy.CHANNEL) columns.push({ header: 'channel', value: (r) => r.group.channel });
    else {
      columns.push(
        { header: 'period_start', value: (r) => r.group.period?.start },
        { header: 'period_end', value: (r) => r.group.period?.end },
        { header: 'period_label', value: (r) => r.group.period?.label },
      );
    }
  }
  metrics.forEach((metric, i) => {
    columns.push(
      { header: metric, value: (r) => r.values[i]?.value },
      { header: `${metric}_sample_size`, value: (r) => r.values[i]?.sampleSize },
    );
  });
  return columns;
}

/** `kpiTrend` as CSV: one row per period with the period before and the change. */
export const TREND_COLUMNS: CsvColumn<TrendPoint>[] = [
  { header: 'period_start', value: (p) => p.period.start },
  { header: 'period_end', value: (p) => p.period.end },
  { header: 'period_label', value: (p) => p.period.label },
  { header: 'value', value: (p) => p.value },
  { header: 'sample_size', value: (p) => p.sampleSize },
  { header: 'previous_value', value: (p) => p.previousValue },
  { header: 'change', value: (p) => p.change },
  { header: 'change_percent', value: (p) => p.changePercent },
];

export interface ScorecardCsvRow extends ScorecardMetric {
  agentId: string;
  agentName: string;
  teamId: string;
}

/** The agent scorecards of a team: one row per agent and metric (long, as the scorecard lists them). */
export const SCORECARD_COLUMNS: CsvColumn<ScorecardCsvRow>[] = [
  { header: 'agent_id', value: (r) => r.agentId },
  { header: 'agent_name', value: (r) => r.agentName },
  { header: 'team_id', value: (r) => r.teamId },
  { header: 'metric', value: (r) => r.metric },
  { header: 'unit', value: (r) => r.unit },
  { header: 'value', value: (r) => r.value },
  { header: 'sample_size', value: (r) => r.sampleSize },
  { header: 'team_value', value: (r) => r.teamValue },
  { header: 'team_sample_size', value: (r) => r.teamSampleSize },
  { header: 'target', value: (r) => r.target },
  { header: 'status', value: (r) => r.status },
  { header: 'rank', value: (r) => r.rank },
  { header: 'ranked_agents', value: (r) => r.rankedAgents },
];

/** One interval of the `coverage` answer. */
export interface CoverageCsvRow {
  startsAt: Date;
  endsAt: Date;
  scheduledAgents: number;
}

/** Coverage: agents scheduled per interval, as the `coverage` query answers. */
export const COVERAGE_COLUMNS: CsvColumn<CoverageCsvRow>[] = [
  { header: 'starts_at', value: (i) => i.startsAt },
  { header: 'ends_at', value: (i) => i.endsAt },
  { header: 'scheduled_agents', value: (i) => i.scheduledAgents },
];

export interface ShiftCsvRow extends ShiftModel {
  agentName: string | null;
}

/** A schedule range: one row per shift, its activities in one cell (`LUNCH 2026-03-02T12:00:00.000Z/…; …`). */
export const SHIFT_COLUMNS: CsvColumn<ShiftCsvRow>[] = [
  { header: 'shift_id', value: (s) => s.id },
  { header: 'agent_id', value: (s) => s.agentId },
  { header: 'agent_name', value: (s) => s.agentName },
  { header: 'team_id', value: (s) => s.teamId },
  { header: 'starts_at', value: (s) => s.startsAt },
  { header: 'ends_at', value: (s) => s.endsAt },
  { header: 'status', value: (s) => s.status },
  { header: 'channel', value: (s) => s.channel },
  { header: 'skill', value: (s) => s.skill },
  { header: 'template_id', value: (s) => s.templateId },
  { header: 'published_at', value: (s) => s.publishedAt },
  { header: 'note', value: (s) => s.note },
  {
    header: 'activities',
    value: (s) => s.activities.map((a) => `${a.type} ${a.startsAt.toISOString()}/${a.endsAt.toISOString()}`).join('; '),
  },
];
