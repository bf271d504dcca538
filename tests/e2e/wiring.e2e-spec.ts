import {
  createAgent,
  createTeam,
  createTestTenant,
  ingest,
  startTestApp,
  TestApp,
  TestTenant,
} from '@deskforce/testing';

/**
 * The libraries meet in the application: staffing forecasts from the KPI library's interactions, and
 * training ranks mentors by their KPIs. Both through HTTP GraphQL with real data.
 */
describe('libraries wired together', () => {
  let api: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    api = await startTestApp();
    tenant = await createTestTenant(api);
  });
  afterAll(() => api.close());

  it('forecasts staffing from ingested interaction history', async () => {
    const team = await createTeam(api, tenant, { timeZone: 'UTC', channels: ['PHONE'] });
    const agent = await createAgent(api, tenant, team.id);
    // Four weeks of Mondays: 6 calls between 10:00 and 11:00, AHT 240 s.
    const rows = [0, 7, 14, 21].flatMap((day) =>
      Array.from({ length: 6 }, (_, i) => ({
        source: 'pbx',
        externalId: `w${day}-${i}`,
        channel: 'PHONE',
        agentId: agent.id,
        teamId: team.id,
        status: 'RESOLVED',
        createdAt: new Date(Date.UTC(2026, 0, 5 + day, 10, i * 10)).toISOString(),
        firstResponseAt: new Date(Date.UTC(2026, 0, 5 + day, 10, i * 10, 30)).toISOString(),
        answeredAt: new Date(Date.UTC(2026, 0, 5 + day, 10, i * 10, 30)).toISOString(),
        resolvedAt: new Date(Date.UTC(2026, 0, 5 + day, 10, i * 10 + 5)).toISOString(),
        handleTimeSeconds: 240,
      })),
    );
    expect((await ingest(api, tenant, 'interactions', rows)).inserted).toBe(24);

    const response = await api.gql(
      `query($input: StaffingForecastInput!) { staffingForecast(input: $input) { method totalContacts intervals { startsAt contacts ahtSeconds source } } }`,
      {
        input: {
          teamId: team.id,
          channel: 'PHONE',
          from: '2026-02-02T00:00:00Z',
          to: '2026-02-03T00:00:00Z',
          intervalMinutes: 60,
          historyWeeks: 4,
        },
      },
      tenant.tokens.DIRECTOR,
    );
    expect(response.errors).toBeUndefined();
    const forecast = response.data!['staffingForecast'];
    expect(forecast.method).not.toBeNull();
    const ten = forecast.intervals.find((i: { startsAt: string }) => i.startsAt === '2026-02-02T10:00:00.000Z');
    expect(ten).toMatchObject({ source: 'HISTORY', ahtSeconds: 240 });
    expect(ten.contacts).toBeCloseTo(6, 0);
    expect(forecast.totalContacts).toBeCloseTo(6, 0);
  });

  it('ranks mentors by strength on the mentee’s weakest KPIs, read from interactions', async () => {
    const team = await createTeam(api, tenant, { timeZone: 'UTC' });
    const mentee = await createAgent(api, tenant, team.id, { level: 'ENTRY', name: 'New Hire' });
    const fast = await createAgent(api, tenant, team.id, { level: 'SENIOR', name: 'Fast Responder' });
    const slow = await createAgent(api, tenant, team.id, { level: 'SENIOR', name: 'Slow Responder' });
    const day = Date.now() - 10 * 86_400_000;
    const contacts = (agentId: string, prefix: string, firstResponseMinutes: number) =>
      Array.from({ length: 5 }, (_, i) => ({
        source: 'desk',
        externalId: `${prefix}-${i}`,
        channel: 'EMAIL',
        agentId,
        status: 'RESOLVED',
        createdAt: new Date(day + i * 3_600_000).toISOString(),
        firstResponseAt: new Date(day + i * 3_600_000 + firstResponseMinutes * 60_000).toISOString(),
        resolvedAt: new Date(day + i * 3_600_000 + (firstResponseMinutes + 30) * 60_000).toISOString(),
        handleTimeSeconds: 300,
      }));
    await ingest(api, tenant, 'interactions', [
      ...contacts(mentee.id, 'm', 180),
      ...contacts(fast.id, 'f', 5),
      ...contacts(slow.id, 's', 120),
    ]);

    const response = await api.gql(
      `query($menteeId: ID!) { suggestMentors(menteeId: $menteeId) { mentor { id } score kpiStrengths { metric } reasons } }`,
      { menteeId: mentee.id },
      tenant.tokens.TRAINER,
    );
    expect(response.errors).toBeUndefined();
    const suggestions = response.data!['suggestMentors'] as {
      mentor: { id: string };
      kpiStrengths: { metric: string }[];
      reasons: string[];
    }[];
    expect(suggestions.map((s) => s.mentor.id)).toEqual([fast.id, slow.id]);
    expect(suggestions[0]!.kpiStrengths.map((k) => k.metric)).toContain('FIRST_RESPONSE_TIME_MEDIAN');
    expect(suggestions[0]!.reasons.join(' ')).toMatch(/first response/i);
  });
});
