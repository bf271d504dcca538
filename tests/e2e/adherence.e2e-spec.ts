import {
  createAgent,
  createTeam,
  createTestTenant,
  ingest,
  KPIS_QUERY,
  KpiRowResult,
  startTestApp,
  TestApp,
  TestTenant,
  valuesOf,
} from '@deskforce/testing';

/** Schedule adherence reads the scheduling library's published shifts (wired in the application). */
describe('schedule adherence from published shifts', () => {
  let api: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    api = await startTestApp();
    tenant = await createTestTenant(api);
  });
  afterAll(() => api.close());

  it('is the share of scheduled work (published shifts minus activities) spent in a working state', async () => {
    const team = await createTeam(api, tenant, { timeZone: 'Europe/London' });
    const agent = await createAgent(api, tenant, team.id);
    const draftOnly = await createAgent(api, tenant, team.id);
    const created = await api.gql(
      `mutation($input: CreateShiftInput!) { createShift(input: $input) { shift { id } } }`,
      {
        input: {
          agentId: agent.id,
          startsAt: '2026-03-02T09:00:00Z',
          endsAt: '2026-03-02T17:00:00Z',
          activities: [{ type: 'LUNCH', startsAt: '2026-03-02T12:00:00Z', endsAt: '2026-03-02T12:30:00Z' }],
        },
      },
      tenant.tokens.DIRECTOR,
    );
    expect(created.errors).toBeUndefined();
    await api.gql(
      `mutation($input: PublishScheduleInput!) { publishSchedule(input: $input) { publishedCount } }`,
      {
        input: { teamId: team.id, from: '2026-03-02T00:00:00Z', to: '2026-03-03T00:00:00Z' },
      },
      tenant.tokens.DIRECTOR,
    );
    // A draft is not yet a commitment: it does not count.
    await api.gql(
      `mutation($input: CreateShiftInput!) { createShift(input: $input) { shift { id } } }`,
      {
        input: { agentId: draftOnly.id, startsAt: '2026-03-02T09:00:00Z', endsAt: '2026-03-02T17:00:00Z' },
      },
      tenant.tokens.DIRECTOR,
    );

    await ingest(api, tenant, 'states', [
      { agentId: agent.id, state: 'AVAILABLE', startedAt: '2026-03-02T08:50:00Z', endedAt: '2026-03-02T12:00:00Z' },
      { agentId: agent.id, state: 'BREAK', startedAt: '2026-03-02T12:00:00Z', endedAt: '2026-03-02T12:40:00Z' },
      { agentId: agent.id, state: 'BUSY', startedAt: '2026-03-02T12:40:00Z', endedAt: '2026-03-02T16:00:00Z' },
      { agentId: agent.id, state: 'OFFLINE', startedAt: '2026-03-02T16:00:00Z', endedAt: '2026-03-02T17:00:00Z' },
    ]);

    const response = await api.gql<{ kpis: { rows: KpiRowResult[] } }>(
      KPIS_QUERY,
      {
        input: {
          from: '2026-03-02T00:00:00Z',
          to: '2026-03-03T00:00:00Z',
          metrics: ['SCHEDULE_ADHERENCE'],
          groupBy: ['AGENT'],
          filter: { teamIds: [team.id] },
          timeZone: 'UTC',
        },
      },
      tenant.tokens.DIRECTOR,
    );
    expect(response.errors).toBeUndefined();
    const rows = response.data!.kpis.rows;
    // By hand: 7.5 h scheduled (09:00-12:00, 12:30-17:00); working 09:00-12:00 and 12:40-16:00 = 6 h 20 min.
    const adherence = valuesOf(rows.find((r) => r.group.agent?.id === agent.id)!)['SCHEDULE_ADHERENCE']!;
    expect(adherence.value).toBeCloseTo((380 / 450) * 100, 6);
    expect(adherence.sampleSize).toBeGreaterThan(0);
    expect(rows.find((r) => r.group.agent?.id === draftOnly.id)).toBeUndefined();
  });
});
