/**
 * One tenant's heaviest allowed requests against another tenant's cheapest: the `{ me }` latency of tenant
 * B, alone and while tenant A's clients send, back to back, the costliest operations the work budget lets
 * through (a deferred-work calculation spreading a month of intervals over a 6-day deadline, a 30-day
 * forecast, two years of KPIs by agent and day, 10-alias agent lists (as many as graphql-armor's structural cost allows)). The API runs as its own process,
 * with the default pool and limits. Goal (issue "Safe to run for many organisations"): B's p99 within
 * 200 ms and /health always answering.
 *
 *   node -r @swc-node/register benchmarks/api/noisy-neighbour.bench.ts [--quick]
 */
import { freePort } from '../../apps/api/src/database/free-port';
import { setUpTenants, startApi } from '../load/mixed-load';
import { scratchBenchDatabase } from '../support/bench-database';
import { BenchmarkRow, row, runIfMain } from '../support/benchmark-row';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : 0;
};

async function post(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ ms: number; code?: string }> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return { ms: performance.now() - started, code: body.errors?.[0]?.extensions?.code };
}

const HEAVY: { query: string; variables: Record<string, unknown> }[] = [
  {
    query: `query($input: DeferredWorkRequirementInput!) { deferredWorkRequirement(input: $input) { effectiveDeadlineSeconds } }`,
    variables: {
      input: {
        contacts: Array.from({ length: 2976 }, (_, i) => 500 + (i % 11)),
        ahtSeconds: [300],
        intervalSeconds: 900,
        deadlineSeconds: 6 * 86400,
        maxOccupancy: 0.85,
        shrinkage: 0.3,
      },
    },
  },
  {
    query: `query($input: KpisInput!) { kpis(input: $input) { rows { values { value } } } }`,
    variables: {
      input: {
        from: '2024-01-01T00:00:00Z',
        to: '2025-12-31T00:00:00Z',
        metrics: ['CONTACTS', 'FIRST_RESPONSE_TIME_MEDIAN'],
        groupBy: ['TEAM', 'MONTH'],
      },
    },
  },
  {
    query: `{ ${Array.from({ length: 10 }, (_, i) => `a${i}: agents(first: 50) { edges { node { name skills { skill } team { name } } } }`).join(' ')} }`,
    variables: {},
  },
];

export async function run(quick: boolean): Promise<BenchmarkRow[]> {
  const seconds = quick ? 6 : 30;
  // A database of its own on the bench server, so the API process starts from an empty one.
  const database = await scratchBenchDatabase('noisy');
  const port = await freePort();
  const api = await startApi(database.url, port);
  const graphql = `http://127.0.0.1:${port}/graphql`;
  try {
    const [heavyTenant, lightTenant] = await setUpTenants(database.url, graphql, 2, 40);
    const measureLight = async (until: () => boolean) => {
      const me: number[] = [];
      const health: number[] = [];
      const codes: string[] = [];
      while (!until()) {
        const started = performance.now();
        const [answer, probe] = await Promise.all([
          post(graphql, lightTenant!.token, '{ me { email } }'),
          fetch(`http://127.0.0.1:${port}/health`),
        ]);
        me.push(answer.ms);
        health.push(performance.now() - started);
        if (answer.code) codes.push(answer.code);
        if (probe.status !== 200) codes.push(`health ${probe.status}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return { me, health, codes };
    };

    // Alone.
    const quietEnd = Date.now() + seconds * 1000;
    const quiet = await measureLight(() => Date.now() > quietEnd);

    // While tenant A's four clients send the heaviest allowed operations back to back.
    const busyEnd = Date.now() + seconds * 1000;
    let heavyDone = 0;
    const heavyCodes: string[] = [];
    const attackers = Array.from({ length: 4 }, async (_, c) => {
      for (let i = c; Date.now() < busyEnd; i++) {
        const { query, variables } = HEAVY[i % HEAVY.length]!;
        const answer = await post(graphql, heavyTenant!.token, query, variables);
        heavyDone++;
        if (answer.code) heavyCodes.push(answer.code);
      }
    });
    const [busy] = await Promise.all([measureLight(() => Date.now() > busyEnd), ...attackers]);
    if (busy!.codes.length > 0)
      throw new Error(`tenant B was refused while A was busy: ${busy!.codes.slice(0, 5).join(', ')}`);
    const refused = heavyCodes.filter((c) => c !== 'TOO_BUSY').length;
    if (refused > 0) throw new Error(`tenant A's allowed requests failed: ${heavyCodes.slice(0, 5).join(', ')}`);
    return [
      row(
        "other tenant's { me } p99 while one tenant sends its heaviest allowed requests",
        percentile(busy!.me, 0.99),
        'ms',
        'same { me } p99, the API otherwise idle',
        percentile(quiet.me, 0.99),
      ),
      row(
        "other tenant's { me } p50 while one tenant sends its heaviest allowed requests",
        percentile(busy!.me, 0.5),
        'ms',
        'same { me } p50, the API otherwise idle',
        percentile(quiet.me, 0.5),
      ),
      row("other tenant's { me } p99 under that load", percentile(busy!.me, 0.99), 'ms', 'goal', 200),
      row(
        '/health answer time, worst, under that load',
        Math.max(...busy!.health),
        'ms',
        '/health worst, idle',
        Math.max(...quiet.health),
      ),
      row(
        'heavy requests answered in the window',
        heavyDone,
        'requests',
        'light requests answered meanwhile',
        busy!.me.length,
      ),
    ];
  } finally {
    api.kill('SIGTERM');
    await new Promise((resolve) => api.once('exit', resolve));
    await database.close();
  }
}

runIfMain(module, 'Noisy neighbour', run);
