import { TestApp, TestTenant } from './test-app';

/** Sends a batch through `ingestInteractions` (or the other two) and fails loudly on a GraphQL error. */
export async function ingest(
  api: TestApp,
  tenant: TestTenant,
  kind: 'interactions' | 'responses' | 'states',
  rows: Record<string, unknown>[],
  token = tenant.tokens.DIRECTOR,
) {
  const [mutation, type] = {
    interactions: ['ingestInteractions', 'IngestInteractionsInput'],
    responses: ['ingestSurveyResponses', 'IngestSurveyResponsesInput'],
    states: ['ingestAgentStates', 'IngestAgentStatesInput'],
  }[kind];
  const response = await api.gql(
    `mutation($input: ${type}!) { ${mutation}(input: $input) { inserted updated unchanged rejected { index field message } } }`,
    { input: { [kind]: rows } },
    token,
  );
  if (response.errors) throw new Error(`${mutation} failed: ${JSON.stringify(response.errors)}`);
  return response.data![mutation!] as {
    inserted: number;
    updated: number;
    unchanged: number;
    rejected: { index: number; field: string; message: string }[];
  };
}

export interface KpiRowResult {
  group: {
    agent: { id: string } | null;
    team: { id: string } | null;
    channel: string | null;
    period: { start: string; end: string; label: string } | null;
  };
  values: { metric: string; value: number | null; sampleSize: number; unit: string }[];
}

export const KPIS_QUERY = `query($input: KpisInput!) { kpis(input: $input) { countsSource rows { group { agent { id } team { id } channel period { start end label } } values { metric value sampleSize unit } } } }`;

/** metric → { value, sampleSize } of one row. */
export function valuesOf(row: KpiRowResult): Record<string, { value: number | null; sampleSize: number }> {
  return Object.fromEntries(row.values.map((v) => [v.metric, { value: v.value, sampleSize: v.sampleSize }]));
}
