import { createTestTenant, startTestApp, TestApp, TestTenant } from '@deskforce/testing';

const DEFERRED = `query($input: DeferredWorkRequirementInput!) { deferredWorkRequirement(input: $input) { effectiveDeadlineSeconds agents } }`;

/**
 * Work is known before it starts and bounded per request (GRAPHQL_MAX_WORK), and heavy calculation runs in
 * worker threads shared fairly between tenants: one user's worst request neither stalls the event loop
 * nor waits ahead of another tenant's cheap one.
 */
describe('bounded work per request', () => {
  let api: TestApp;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    api = await startTestApp({ COMPUTE_THREADS: '1' });
    [a, b] = [await createTestTenant(api, 'Heavy Org'), await createTestTenant(api, 'Light Org')];
  });
  afterAll(() => api.close());

  /** A deferred-work calculation of about `steps` million inner steps. */
  const deferredInput = (intervals: number, deadlineDays: number) => ({
    contacts: Array.from({ length: intervals }, (_, i) => 1000 + (i % 7)),
    ahtSeconds: [300],
    intervalSeconds: 60,
    deadlineSeconds: deadlineDays * 86_400,
    maxOccupancy: 0.85,
    shrinkage: 0.3,
  });

  it('refuses 30 aliases of a month-long deferred-work calculation before doing any of it', async () => {
    const aliases = Array.from(
      { length: 30 },
      (_, i) => `a${i}: deferredWorkRequirement(input: $input) { agents }`,
    ).join(' ');
    const response = await api.gql(
      `query($input: DeferredWorkRequirementInput!) { ${aliases} }`,
      { input: deferredInput(2976, 31) },
      a.tokens.AGENT,
    );
    expect(response.data).toBeUndefined();
    const error = response.errors![0]!;
    expect(error.extensions).toMatchObject({ code: 'WORK_LIMIT_EXCEEDED', maxWorkUnits: 2_000_000 });
    expect(error.extensions['workUnits']).toBeGreaterThan(30_000_000);
    expect((error.extensions['fields'] as { field: string }[])[0]!.field).toMatch(/^a\d+$/);
  });

  it('refuses 30 aliases of two years of daily medians by agent', async () => {
    const aliases = Array.from(
      { length: 30 },
      (_, i) => `k${i}: kpis(input: $input) { rows { values { value } } }`,
    ).join(' ');
    const input = {
      from: '2024-01-01T00:00:00Z',
      to: '2026-01-01T00:00:00Z',
      metrics: ['FIRST_RESPONSE_TIME_MEDIAN', 'RESOLUTION_TIME_MEDIAN'],
      groupBy: ['AGENT', 'DAY'],
    };
    const response = await api.gql(`query($input: KpisInput!) { ${aliases} }`, { input }, a.tokens.TRAINER);
    expect(response.errors![0]!.extensions.code).toBe('WORK_LIMIT_EXCEEDED');
    // An ordinary dashboard question fits easily.
    const month = await api.gql(
      `query($input: KpisInput!) { kpis(input: $input) { rows { values { value } } } }`,
      {
        input: {
          from: '2025-12-01T00:00:00Z',
          to: '2026-01-01T00:00:00Z',
          metrics: ['CONTACTS', 'FIRST_RESPONSE_TIME_MEDIAN', 'CSAT'],
          groupBy: ['TEAM', 'DAY'],
        },
      },
      a.tokens.DIRECTOR,
    );
    expect(month.errors).toBeUndefined();
  });

  it("keeps the event loop free while a heavy calculation runs: another tenant's requests and /health go on meanwhile", async () => {
    let heavyDone = false;
    const heavy = api
      .gql(DEFERRED, { input: deferredInput(2976, 2) }, a.tokens.AGENT)
      .finally(() => (heavyDone = true));
    let completedMeanwhile = 0;
    let healthMeanwhile = 0;
    while (!heavyDone) {
      const [me, health] = await Promise.all([
        api.gql('{ me { email } }', {}, b.tokens.AGENT),
        fetch(api.url.replace('/graphql', '/health')),
      ]);
      expect(me.errors).toBeUndefined();
      if (!heavyDone) completedMeanwhile++;
      if (health.status === 200 && !heavyDone) healthMeanwhile++;
    }
    const answer = await heavy;
    expect(answer.errors).toBeUndefined();
    expect(answer.data!['deferredWorkRequirement'].agents).toHaveLength(2976);
    // Had the calculation run on the event loop, nothing else could have been answered until it ended.
    expect(completedMeanwhile).toBeGreaterThanOrEqual(3);
    expect(healthMeanwhile).toBeGreaterThanOrEqual(3);
  });

  it('names a calculator input error by its path, from a worker thread too', async () => {
    const response = await api.gql(
      DEFERRED,
      {
        input: {
          ...deferredInput(2976, 2),
          ahtSeconds: Array(2976)
            .fill(300)
            .map((v, i) => (i === 17 ? -1 : v)),
        },
      },
      a.tokens.AGENT,
    );
    expect(response.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.ahtSeconds.17' }],
    });
  });
});
