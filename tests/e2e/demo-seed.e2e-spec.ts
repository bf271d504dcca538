import { startTestApp, TestApp } from '@deskforce/testing';
import { DEMO_PASSWORD, seedDemoTenant } from '../../apps/api/src/seed/demo-seed';

/**
 * The demo tenant `npm start` creates: its history answers the KPI questions at once, and its targets give
 * kpiAlerts something to show. (The only test that creates the `demo` organisation in the test database.)
 */
describe('demo tenant', () => {
  let api: TestApp;
  let token: (email: string) => Promise<string>;

  beforeAll(async () => {
    api = await startTestApp();
    expect(await seedDemoTenant(api.app)).toBe(true);
    token = async (email) => {
      const response = await api.gql<{ login: { accessToken: string } }>(`mutation($input: LoginInput!) { login(input: $input) { accessToken } }`, { input: { email, password: DEMO_PASSWORD } });
      return response.data!.login.accessToken;
    };
  }, 300_000);
  afterAll(() => api.close());

  const window = () => ({ from: new Date(Date.now() - 28 * 86_400_000).toISOString(), to: new Date().toISOString() });

  it('answers kpis, kpiTrend and kpiAlerts from six weeks of history', async () => {
    const director = await token('director@demo.test');
    const report = await api.gql(
      `query($input: KpisInput!) { kpis(input: $input) { rows { group { team { name } } values { metric value sampleSize } } } }`,
      { input: { ...window(), metrics: ['CONTACTS', 'FIRST_RESPONSE_TIME_MEDIAN', 'SERVICE_LEVEL', 'CSAT', 'OCCUPANCY', 'SCHEDULE_ADHERENCE'], groupBy: ['TEAM'] } },
      director,
    );
    expect(report.errors).toBeUndefined();
    const rows = report.data!['kpis'].rows as { group: { team: { name: string } }; values: { metric: string; value: number | null; sampleSize: number }[] }[];
    expect(rows.map((r) => r.group.team.name).sort()).toEqual(['Baku Billing', 'Istanbul Care', 'Warsaw Tech']);
    for (const row of rows) {
      const values = Object.fromEntries(row.values.map((v) => [v.metric, v]));
      expect(values['CONTACTS']!.value).toBeGreaterThan(3000);
      for (const metric of ['FIRST_RESPONSE_TIME_MEDIAN', 'SERVICE_LEVEL', 'CSAT', 'OCCUPANCY']) expect({ metric, value: values[metric]!.value }).toEqual({ metric, value: expect.any(Number) });
    }

    const trend = await api.gql(`query($input: KpiTrendInput!) { kpiTrend(input: $input) { points { value previousValue } } }`, { input: { ...window(), metric: 'CSAT', granularity: 'WEEK' } }, director);
    expect((trend.data!['kpiTrend'].points as { value: number | null }[]).filter((p) => p.value !== null).length).toBeGreaterThanOrEqual(4);

    const alerts = await api.gql(`query($input: KpiAlertsInput!) { kpiAlerts(input: $input) { target { metric } team { name } status } }`, { input: window() }, director);
    expect(alerts.data!['kpiAlerts']).toEqual(
      expect.arrayContaining([
        { target: { metric: 'CSAT' }, team: { name: 'Baku Billing' }, status: 'OFF_TRACK' },
        { target: { metric: 'SERVICE_LEVEL' }, team: { name: 'Istanbul Care' }, status: 'OFF_TRACK' },
      ]),
    );
  });

  it("shows the demo agent their own scorecard, ranked in the team", async () => {
    const agent = await token('agent@demo.test');
    const me = await api.gql<{ me: { agent: { id: string } } }>(`{ me { agent { id } } }`, {}, agent);
    const card = await api.gql(
      `query($input: AgentScorecardInput!) { agentScorecard(input: $input) { metrics { metric value teamValue rank rankedAgents } } }`,
      { input: { ...window(), agentId: me.data!.me.agent.id } },
      agent,
    );
    expect(card.errors).toBeUndefined();
    const csat = (card.data!['agentScorecard'].metrics as { metric: string; value: number | null; rank: number | null; rankedAgents: number }[]).find((m) => m.metric === 'CSAT')!;
    expect(csat).toEqual({ metric: 'CSAT', value: expect.any(Number), teamValue: expect.any(Number), rank: expect.any(Number), rankedAgents: 14 });
  });

  it('is created once', async () => {
    expect(await seedDemoTenant(api.app)).toBe(false);
  });
});
