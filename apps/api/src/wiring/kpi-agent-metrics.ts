import { KpiGroupBy, KpiMetric, KpiService } from '@deskforce/performance';
import { Actor, TenantDatabase } from '@deskforce/platform';
import { AgentMetricsQuery, AgentMetricsSource, AgentMetricValue, TrainingMetric } from '@deskforce/training';
import { Injectable } from '@nestjs/common';

/**
 * Training's per-agent KPIs (mentor suggestions, training impact) from the KPI library's engine, one query
 * per window grouped by agent. Wired here so that neither library imports the other.
 */
@Injectable()
export class KpiAgentMetrics extends AgentMetricsSource {
  constructor(
    private readonly db: TenantDatabase,
    private readonly kpis: KpiService,
  ) {
    super();
  }

  agentMetrics(actor: Actor, query: AgentMetricsQuery): Promise<AgentMetricValue[]> {
    if (query.agentIds.length === 0 || query.metrics.length === 0) return Promise.resolve([]);
    return this.db.transaction(actor.tenantId, async () => {
      const result = await this.kpis.compute(
        actor,
        {
          from: query.from,
          to: query.to,
          timeZone: 'UTC',
          groupBy: [KpiGroupBy.AGENT],
          teamIds: null,
          agentIds: query.agentIds,
        },
        query.metrics.map((metric) => metric as string as KpiMetric),
        { serviceLevelTargetSeconds: 20 },
      );
      return result.rows.flatMap((row) =>
        row.group.agentId === null
          ? []
          : row.values.map((v) => ({
              agentId: row.group.agentId!,
              metric: v.metric as string as TrainingMetric,
              value: v.value,
              sampleSize: v.sampleSize,
            })),
      );
    });
  }
}
