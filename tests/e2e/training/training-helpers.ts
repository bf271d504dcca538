import { Actor } from '@deskforce/platform';
import { AgentMetricsQuery, AgentMetricsSource, AgentMetricValue, TrainingMetric } from '@deskforce/training';
import { TestApp, TestTenant } from '@deskforce/testing';

let sequence = 0;

/** Creates a training module through GraphQL as the tenant's trainer. */
export async function createModule(
  api: TestApp,
  tenant: TestTenant,
  input: Record<string, unknown> = {},
): Promise<{ id: string; title: string; version: number }> {
  const response = await api.gql(
    `mutation($input: CreateTrainingModuleInput!) { createTrainingModule(input: $input) { module { id title version } } }`,
    {
      input: {
        title: `Module ${++sequence} ${Math.random().toString(36).slice(2, 8)}`,
        category: 'PRODUCT',
        contentUrl: 'https://kb.example.test/m',
        estimatedMinutes: 30,
        ...input,
      },
    },
    tenant.tokens.TRAINER,
  );
  if (response.errors) throw new Error(`createTrainingModule failed: ${JSON.stringify(response.errors)}`);
  return response.data!['createTrainingModule'].module;
}

export const CREATE_PATH = `mutation($input: CreateLearningPathInput!) {
  createLearningPath(input: $input) { path { id name modules { moduleId position dueAfterDays prerequisiteModuleIds } } }
}`;

export async function createPath(
  api: TestApp,
  tenant: TestTenant,
  modules: { moduleId: string; dueAfterDays: number; prerequisiteModuleIds?: string[] }[],
): Promise<{ id: string }> {
  const response = await api.gql(
    CREATE_PATH,
    { input: { name: `Path ${++sequence} ${Math.random().toString(36).slice(2, 8)}`, modules } },
    tenant.tokens.TRAINER,
  );
  if (response.errors) throw new Error(`createLearningPath failed: ${JSON.stringify(response.errors)}`);
  return response.data!['createLearningPath'].path;
}

export const ASSIGNMENT_FIELDS = `id agentId moduleId pathId status progressPercent dueAt completedAt completedVersion waivedReason blockedByModuleIds acknowledgedVersion`;

export const ASSIGN = `mutation($input: AssignTrainingInput!) { assignTraining(input: $input) { createdCount alreadyAssignedCount assignments { ${ASSIGNMENT_FIELDS} } } }`;

/**
 * A stand-in for the KPI library: daily values per agent and metric; a window's value is the mean of the
 * days inside [from, to), null when there are none.
 */
export class DailyMetricsFixture extends AgentMetricsSource {
  private readonly values = new Map<string, { day: number; value: number }[]>();
  readonly calls: AgentMetricsQuery[] = [];

  /** `value` on every day from `from` (inclusive) for `days` days. */
  set(agentId: string, metric: TrainingMetric, from: Date, days: number, value: number): void {
    const key = `${agentId}:${metric}`;
    const list = this.values.get(key) ?? [];
    for (let d = 0; d < days; d++) list.push({ day: from.getTime() + d * 86_400_000, value });
    this.values.set(key, list);
  }

  agentMetrics(_actor: Actor, query: AgentMetricsQuery): Promise<AgentMetricValue[]> {
    this.calls.push(query);
    const out: AgentMetricValue[] = [];
    for (const agentId of query.agentIds) {
      for (const metric of query.metrics) {
        const inside = (this.values.get(`${agentId}:${metric}`) ?? []).filter(
          (v) => v.day >= query.from.getTime() && v.day < query.to.getTime(),
        );
        out.push({
          agentId,
          metric,
          value: inside.length ? inside.reduce((s, v) => s + v.value, 0) / inside.length : null,
          sampleSize: inside.length,
        });
      }
    }
    return Promise.resolve(out);
  }
}

/** Routes the app's AgentMetricsSource to a fixture for the rest of the test file (one app per file). */
export function useMetricsFixture(api: TestApp, fixture = new DailyMetricsFixture()): DailyMetricsFixture {
  jest
    .spyOn(api.app.get(AgentMetricsSource), 'agentMetrics')
    .mockImplementation((actor, query) => fixture.agentMetrics(actor, query));
  return fixture;
}
