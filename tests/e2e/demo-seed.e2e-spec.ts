import { startTestApp, TestApp } from '@deskforce/testing';
import { DateTime } from 'luxon';
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
      const response = await api.gql<{ login: { accessToken: string } }>(
        `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`,
        { input: { email, password: DEMO_PASSWORD } },
      );
      return response.data!.login.accessToken;
    };
  }, 300_000);
  afterAll(() => api.close());

  const window = () => ({ from: new Date(Date.now() - 28 * 86_400_000).toISOString(), to: new Date().toISOString() });

  it('answers kpis, kpiTrend and kpiAlerts from six weeks of history', async () => {
    const director = await token('director@demo.test');
    const report = await api.gql(
      `query($input: KpisInput!) { kpis(input: $input) { rows { group { team { name } } values { metric value sampleSize } } } }`,
      {
        input: {
          ...window(),
          metrics: [
            'CONTACTS',
            'FIRST_RESPONSE_TIME_MEDIAN',
            'SERVICE_LEVEL',
            'CSAT',
            'OCCUPANCY',
            'SCHEDULE_ADHERENCE',
          ],
          groupBy: ['TEAM'],
        },
      },
      director,
    );
    expect(report.errors).toBeUndefined();
    const rows = report.data!['kpis'].rows as {
      group: { team: { name: string } };
      values: { metric: string; value: number | null; sampleSize: number }[];
    }[];
    expect(rows.map((r) => r.group.team.name).sort()).toEqual(['Baku Billing', 'Istanbul Care', 'Warsaw Tech']);
    for (const row of rows) {
      const values = Object.fromEntries(row.values.map((v) => [v.metric, v]));
      expect(values['CONTACTS']!.value).toBeGreaterThan(3000);
      for (const metric of ['FIRST_RESPONSE_TIME_MEDIAN', 'SERVICE_LEVEL', 'CSAT', 'OCCUPANCY'])
        expect({ metric, value: values[metric]!.value }).toEqual({ metric, value: expect.any(Number) });
    }

    const trend = await api.gql(
      `query($input: KpiTrendInput!) { kpiTrend(input: $input) { points { value previousValue } } }`,
      { input: { ...window(), metric: 'CSAT', granularity: 'WEEK' } },
      director,
    );
    expect(
      (trend.data!['kpiTrend'].points as { value: number | null }[]).filter((p) => p.value !== null).length,
    ).toBeGreaterThanOrEqual(4);

    const alerts = await api.gql(
      `query($input: KpiAlertsInput!) { kpiAlerts(input: $input) { target { metric } team { name } status } }`,
      { input: window() },
      director,
    );
    expect(alerts.data!['kpiAlerts']).toEqual(
      expect.arrayContaining([
        { target: { metric: 'CSAT' }, team: { name: 'Baku Billing' }, status: 'OFF_TRACK' },
        { target: { metric: 'SERVICE_LEVEL' }, team: { name: 'Istanbul Care' }, status: 'OFF_TRACK' },
      ]),
    );
  });

  it('shows the demo agent their own scorecard, ranked in the team', async () => {
    const agent = await token('agent@demo.test');
    const me = await api.gql<{ me: { agent: { id: string } } }>(`{ me { agent { id } } }`, {}, agent);
    const card = await api.gql(
      `query($input: AgentScorecardInput!) { agentScorecard(input: $input) { metrics { metric value teamValue rank rankedAgents } } }`,
      { input: { ...window(), agentId: me.data!.me.agent.id } },
      agent,
    );
    expect(card.errors).toBeUndefined();
    const csat = (
      card.data!['agentScorecard'].metrics as {
        metric: string;
        value: number | null;
        rank: number | null;
        rankedAgents: number;
      }[]
    ).find((m) => m.metric === 'CSAT')!;
    expect(csat).toEqual({
      metric: 'CSAT',
      value: expect.any(Number),
      teamValue: expect.any(Number),
      rank: expect.any(Number),
      rankedAgents: 14,
    });
  });

  it("forecasts Istanbul Care's chat from its own history sanely, with the same totals at 15, 30 and 60 minutes", async () => {
    const coordinator = await token('director@demo.test');
    const teams = await api.gql(`{ teams(first: 10) { edges { node { id name } } } }`, {}, coordinator);
    const istanbul = (teams.data!['teams'].edges as { node: { id: string; name: string } }[]).find(
      (e) => e.node.name === 'Istanbul Care',
    )!.node;
    const nextMonday = DateTime.now().setZone('Europe/Istanbul').startOf('week').plus({ weeks: 1 });
    for (const weeksAhead of [0, 1]) {
      const from = nextMonday.plus({ weeks: weeksAhead });
      const totals: number[] = [];
      for (const intervalMinutes of [15, 30, 60]) {
        const response = await api.gql(
          `query($input: StaffingForecastInput!) { staffingForecast(input: $input) {
            method wape baselineWape holdoutWeeks heldOutWeeks methodScores { method wape excluded }
            sanity { recentWeeklyContacts forecastWeeklyContacts flagged reason } totalContacts intervals { contacts lowerContacts upperContacts }
          } }`,
          {
            input: {
              teamId: istanbul.id,
              channel: 'CHAT',
              from: from.toISO(),
              to: from.plus({ weeks: 1 }).toISO(),
              intervalMinutes,
            },
          },
          coordinator,
        );
        expect(response.errors).toBeUndefined();
        const forecast = response.data!['staffingForecast'];
        totals.push(forecast.totalContacts);
        // Scored on several past weeks that have contacts, never on weeks still to come.
        expect(forecast.holdoutWeeks).toBeGreaterThanOrEqual(2);
        expect(forecast.heldOutWeeks).toHaveLength(forecast.holdoutWeeks);
        for (const week of forecast.heldOutWeeks) expect(Date.parse(week)).toBeLessThan(Date.now());
        expect(forecast.wape).toBeGreaterThan(0);
        expect(forecast.wape).toBeLessThanOrEqual(forecast.baselineWape);
        expect(forecast.method).not.toBe('HOLT_WINTERS_MULTIPLICATIVE');
        // The week ahead is in line with the recent weeks (about 1,000 chats), and nothing is flagged.
        expect(forecast.sanity.flagged).toBe(false);
        expect(forecast.sanity.recentWeeklyContacts).toBeGreaterThan(300);
        expect(forecast.totalContacts / forecast.sanity.recentWeeklyContacts).toBeGreaterThan(0.5);
        expect(forecast.totalContacts / forecast.sanity.recentWeeklyContacts).toBeLessThan(2);
        for (const i of forecast.intervals as { contacts: number; lowerContacts: number; upperContacts: number }[]) {
          expect(i.lowerContacts).toBeLessThanOrEqual(i.contacts + 1e-9);
          expect(i.upperContacts).toBeGreaterThanOrEqual(i.contacts - 1e-9);
        }
      }
      expect(Math.abs(totals[0]! - totals[2]!)).toBeLessThan(1e-6 * totals[2]!);
      expect(Math.abs(totals[1]! - totals[2]!)).toBeLessThan(1e-6 * totals[2]!);
    }
  });

  it('is created once', async () => {
    expect(await seedDemoTenant(api.app)).toBe(false);
  });
});
