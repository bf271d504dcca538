import { Actor } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { TrainingMetric } from '../training.enums';

export interface AgentMetricsQuery {
  agentIds: readonly string[];
  metrics: readonly TrainingMetric[];
  /** The window [from, to). */
  from: Date;
  to: Date;
}

/** One agent's value of one metric over the window; null when there was nothing to measure. */
export interface AgentMetricValue {
  agentId: string;
  metric: TrainingMetric;
  value: number | null;
  /** Contacts (or responses, for CSAT) the value rests on. */
  sampleSize: number;
}

/**
 * The port through which training reads per-agent KPIs (suggestMentors, trainingImpact). The KPI library
 * (issue 5) provides the real implementation; until it is wired, `NoAgentMetrics` answers with no values,
 * so suggestions rank without KPIs and trainingImpact reports n = 0.
 *
 * Bind another class with `TrainingModule.forRoot({ agentMetricsSource })`. Tests replace the method on the
 * bound instance: `jest.spyOn(api.app.get(AgentMetricsSource), 'agentMetrics')` (one app per test file).
 * Callers have authorised the actor for these agents; the tenant is the actor's.
 */
export abstract class AgentMetricsSource {
  abstract agentMetrics(actor: Actor, query: AgentMetricsQuery): Promise<AgentMetricValue[]>;
}

@Injectable()
export class NoAgentMetrics extends AgentMetricsSource {
  agentMetrics(): Promise<AgentMetricValue[]> {
    return Promise.resolve([]);
  }
}
