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
} from '@deskforce/testing';
import { parse } from 'csv-parse/sync';

const FROM = '2026-03-02T00:00:00Z';
const TO = '2026-03-09T00:00:00Z';
const METRICS = [
  'CONTACTS',
  'FIRST_RESPONSE_TIME_MEAN',
  'RESOLUTION_RATE',
  'CSAT',
  'SERVICE_LEVEL',
  'AVERAGE_HANDLE_TIME',
];

/** The CSV exports, opened as a spreadsheet would open them, against the GraphQL answers to the same questions. */
describe('CSV exports', () => {
  let api: TestApp;
  let tenant: TestTenant;
  let base: string;
  let teamA: { id: string };
  let teamB: { id: string };

  beforeAll(async () => {
    api = await startTestApp();
    base = api.url.replace(/\/graphql$/, '');
    tenant = await createTestTenant(api);
    teamA = await createTeam(api, tenant, { coordinatorIds: [tenant.users.COORDINATOR.id] });
    teamB = await createTeam(api, tenant);
    const a1 = await createAgent(api, tenant, teamA.id, { name: 'Ada Lovelace' });
    // A name a spreadsheet would run as a formula if written as it is.
    const a2 = await createAgent(api, tenant, teamA.id, { name: '=HYPERLINK("http://evil.test","Bob")' });
    const b1 = await createAgent(api, tenant, teamB.id);
    const rows = [];
    for (let i = 0; i < 30; i++) {
      const agent = [a1, a2, b1][i % 3]!;
      const created = Date.parse('2026-03-02T08:00:00Z') + i * 5 * 3600_000;
      const at = (seconds: number) => new Date(created + seconds * 1000).toISOString();
      rows.push({
        source: 'test',
        externalId: `c${i}`,
        channel: i % 2 ? 'PHONE' : 'CHAT',
        agentId: agent.id,
        status: i % 4 ? 'RESOLVED' : 'OPEN',
        category: i % 5 ? 'billing' : '=cmd',
        createdAt: at(0),
        answeredAt: at(5 + i),
        firstResponseAt: at(7 + 3 * i),
        ...(i % 4 ? { resolvedAt: at(600 + 17 * i) } : {}),
        handleTimeSeconds: 100 + 11 * i,
      });
    }
    expect((await ingest(api, tenant, 'interactions', rows)).inserted).toBe(30);
    const surveys = rows.slice(0, 20).map((r, i) => ({
      source: 'test',
      externalId: `s${i}`,
      interactionExternalId: r.externalId,
      csat: 1 + (i % 5),
      respondedAt: '2026-03-08T12:00:00Z',
    }));
    expect((await ingest(api, tenant, 'responses', surveys)).inserted).toBe(20);
  });
  afterAll(() => api.close());

  async function csv(
    path: string,
    token?: string,
  ): Promise<{ status: number; type: string | null; bytes: Buffer; text: string }> {
    const response = await fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const bytes = Buffer.from(await response.arrayBuffer());
    return { status: response.status, type: response.headers.get('content-type'), bytes, text: bytes.toString('utf8') };
  }

  function records(response: { bytes: Buffer }): Record<string, string>[] {
    // UTF-8 with a byte-order mark, for spreadsheets (fetch's text() would hide it).
    expect([...response.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    return parse(response.bytes.subarray(3).toString('utf8'), { columns: true, skip_empty_lines: true });
  }

  const cell = (value: number | null) => (value === null ? '' : String(value));

  it('answers kpis.csv with the numbers of the GraphQL kpis answer', async () => {
    const input = { from: FROM, to: TO, metrics: METRICS, groupBy: ['TEAM', 'CHANNEL'], timeZone: 'UTC' };
    const graph = await api.gql<{ kpis: { rows: KpiRowResult[] } }>(KPIS_QUERY, { input }, tenant.tokens.DIRECTOR);
    expect(graph.errors).toBeUndefined();
    const response = await csv(
      `/export/kpis.csv?from=${FROM}&to=${TO}&metrics=${METRICS.join(',')}&groupBy=TEAM&groupBy=CHANNEL`,
      tenant.tokens.DIRECTOR,
    );
    expect(response.status).toBe(200);
    expect(response.type).toBe('text/csv; charset=utf-8');
    const table = records(response);
    expect(Object.keys(table[0]!)).toEqual(['team_id', 'channel', ...METRICS.flatMap((m) => [m, `${m}_sample_size`])]);
    const rows = graph.data!.kpis.rows;
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(table).toHaveLength(rows.length);
    for (const row of rows) {
      const line = table.find((r) => r['team_id'] === row.group.team!.id && r['channel'] === row.group.channel);
      expect(line).toBeDefined();
      for (const v of row.values) {
        expect(line![v.metric]).toBe(cell(v.value));
        expect(line![`${v.metric}_sample_size`]).toBe(String(v.sampleSize));
      }
    }
    // The sums agree too, as a reader of the spreadsheet would check.
    const total = (name: string) => table.reduce((s, r) => s + Number(r[name] || 0), 0);
    expect(total('CONTACTS')).toBe(30);
  });

  it('answers kpi-trend.csv with the GraphQL kpiTrend points', async () => {
    const graph = await api.gql(
      `query($input: KpiTrendInput!) { kpiTrend(input: $input) { points { period { start label } value sampleSize previousValue change changePercent } } }`,
      {
        input: { from: FROM, to: TO, metric: 'CSAT', granularity: 'DAY', filter: { teamIds: [teamA.id] } },
      },
      tenant.tokens.COORDINATOR,
    );
    expect(graph.errors).toBeUndefined();
    const response = await csv(
      `/export/kpi-trend.csv?from=${FROM}&to=${TO}&metric=CSAT&granularity=DAY&teamIds=${teamA.id}`,
      tenant.tokens.COORDINATOR,
    );
    expect(response.status).toBe(200);
    const table = records(response);
    const points = graph.data!['kpiTrend'].points as {
      period: { start: string; label: string };
      value: number | null;
      sampleSize: number;
      change: number | null;
    }[];
    expect(table.map((r) => r['period_label'])).toEqual(points.map((p) => p.period.label));
    expect(table.map((r) => r['value'])).toEqual(points.map((p) => cell(p.value)));
    expect(table.map((r) => r['sample_size'])).toEqual(points.map((p) => String(p.sampleSize)));
    expect(table.map((r) => r['change'])).toEqual(points.map((p) => cell(p.change)));
  });

  it('answers scorecards.csv for every agent of a team, with names made safe for spreadsheets', async () => {
    const response = await csv(
      `/export/scorecards.csv?teamId=${teamA.id}&from=${FROM}&to=${TO}`,
      tenant.tokens.COORDINATOR,
    );
    expect(response.status).toBe(200);
    const table = records(response);
    const names = [...new Set(table.map((r) => r['agent_name']))];
    expect(names).toEqual(['\'=HYPERLINK("http://evil.test","Bob")', 'Ada Lovelace']);
    const ada = table.find((r) => r['agent_name'] === 'Ada Lovelace' && r['metric'] === 'CSAT')!;
    const card = await api.gql(
      `query($input: AgentScorecardInput!) { agentScorecard(input: $input) { metrics { metric value sampleSize teamValue rank } } }`,
      {
        input: { agentId: table.find((r) => r['agent_name'] === 'Ada Lovelace')!['agent_id'], from: FROM, to: TO },
      },
      tenant.tokens.COORDINATOR,
    );
    const csat = (
      card.data!['agentScorecard'].metrics as {
        metric: string;
        value: number | null;
        sampleSize: number;
        teamValue: number | null;
        rank: number | null;
      }[]
    ).find((m) => m.metric === 'CSAT')!;
    expect([ada['value'], ada['sample_size'], ada['team_value'], ada['rank']]).toEqual([
      cell(csat.value),
      String(csat.sampleSize),
      cell(csat.teamValue),
      cell(csat.rank),
    ]);
  });

  it('answers coverage.csv and shifts.csv with what the coverage and shifts queries answer', async () => {
    const agents = (
      await api.gql(
        `query($filter: AgentFilter) { agents(filter: $filter) { edges { node { id name } } } }`,
        { filter: { teamIds: [teamA.id] } },
        tenant.tokens.DIRECTOR,
      )
    ).data!['agents'].edges.map((e: { node: { id: string; name: string } }) => e.node) as {
      id: string;
      name: string;
    }[];
    const create = async (
      agentId: string,
      startsAt: string,
      endsAt: string,
      activities: Record<string, string>[] = [],
    ) => {
      const response = await api.gql(
        `mutation($input: CreateShiftInput!) { createShift(input: $input) { shift { id } } }`,
        { input: { agentId, startsAt, endsAt, activities, note: '+1 cover' } },
        tenant.tokens.DIRECTOR,
      );
      expect(response.errors).toBeUndefined();
    };
    await create(agents[0]!.id, '2026-03-10T08:00:00Z', '2026-03-10T16:00:00Z', [
      { type: 'LUNCH', startsAt: '2026-03-10T12:00:00Z', endsAt: '2026-03-10T12:30:00Z' },
    ]);
    await create(agents[1]!.id, '2026-03-10T10:10:00Z', '2026-03-10T18:00:00Z');
    await create(agents[0]!.id, '2026-03-11T08:00:00Z', '2026-03-11T16:00:00Z');

    const window = { teamId: teamA.id, from: '2026-03-10T06:00:00Z', to: '2026-03-10T20:00:00Z', intervalMinutes: 30 };
    const graph = await api.gql(
      `query($input: CoverageInput!) { coverage(input: $input) { startsAt endsAt scheduledAgents } }`,
      { input: window },
      tenant.tokens.COORDINATOR,
    );
    expect(graph.errors).toBeUndefined();
    const coverage = await csv(
      `/export/coverage.csv?teamId=${teamA.id}&from=${window.from}&to=${window.to}&intervalMinutes=30`,
      tenant.tokens.COORDINATOR,
    );
    expect(coverage.status).toBe(200);
    const intervals = graph.data!['coverage'] as { startsAt: string; endsAt: string; scheduledAgents: number }[];
    expect(records(coverage).map((r) => [r['starts_at'], r['ends_at'], r['scheduled_agents']])).toEqual(
      intervals.map((i) => [
        new Date(i.startsAt).toISOString(),
        new Date(i.endsAt).toISOString(),
        String(i.scheduledAgents),
      ]),
    );
    expect(intervals.some((i) => i.scheduledAgents > 1)).toBe(true);

    const shifts = await csv(
      `/export/shifts.csv?teamId=${teamA.id}&from=2026-03-10T00:00:00Z&to=2026-03-12T00:00:00Z`,
      tenant.tokens.DIRECTOR,
    );
    expect(shifts.status).toBe(200);
    const listed = await api.gql(
      `query($filter: ShiftFilter) { shifts(filter: $filter) { edges { node { id agentId startsAt endsAt status } } } }`,
      {
        filter: { teamId: teamA.id, from: '2026-03-10T00:00:00Z', to: '2026-03-12T00:00:00Z' },
      },
      tenant.tokens.DIRECTOR,
    );
    const table = records(shifts);
    expect(table.map((r) => [r['shift_id'], r['agent_id'], r['starts_at'], r['ends_at'], r['status']])).toEqual(
      listed.data!['shifts'].edges.map((e: { node: Record<string, string> }) => [
        e.node['id'],
        e.node['agentId'],
        new Date(e.node['startsAt']!).toISOString(),
        new Date(e.node['endsAt']!).toISOString(),
        e.node['status'],
      ]),
    );
    expect(table).toHaveLength(3);
    expect(table[0]!['activities']).toBe('LUNCH 2026-03-10T12:00:00.000Z/2026-03-10T12:30:00.000Z');
    expect(table[0]!['note']).toBe("'+1 cover"); // would be a formula in a spreadsheet
    expect(new Set(table.map((r) => r['agent_name']))).toEqual(
      new Set([agents[0]!.name, agents[1]!.name].map((n) => (n.startsWith('=') ? `'${n}` : n))),
    );
    // Coverage is for planners: a trainer may not export it, as in GraphQL.
    expect(
      (await csv(`/export/coverage.csv?teamId=${teamA.id}&from=${window.from}&to=${window.to}`, tenant.tokens.TRAINER))
        .status,
    ).toBe(403);
  });

  it('writes a schedule range longer than one page (200 shifts) whole, in order', async () => {
    const team = await createTeam(api, tenant, { timeZone: 'UTC' });
    const agentIds: string[] = [];
    for (let i = 0; i < 4; i++) agentIds.push((await createAgent(api, tenant, team.id)).id);
    const template = await api.gql(
      `mutation($input: CreateShiftTemplateInput!) { createShiftTemplate(input: $input) { template { id } } }`,
      {
        input: { teamId: team.id, name: 'Day', startTime: '09:00', durationMinutes: 480, daysOfWeek: [1, 2, 3, 4, 5] },
      },
      tenant.tokens.DIRECTOR,
    );
    const applied = await api.gql(
      `mutation($input: ApplyShiftTemplateInput!) { applyShiftTemplate(input: $input) { createdCount } }`,
      {
        input: {
          templateId: template.data!['createShiftTemplate'].template.id,
          agentIds,
          from: '2026-04-06',
          to: '2026-06-19',
        },
      },
      tenant.tokens.DIRECTOR,
    );
    expect(applied.errors).toBeUndefined();
    expect(applied.data!['applyShiftTemplate'].createdCount).toBe(220); // 11 weeks × 5 days × 4 agents
    const response = await csv(
      `/export/shifts.csv?teamId=${team.id}&from=2026-04-01T00:00:00Z&to=2026-07-01T00:00:00Z`,
      tenant.tokens.DIRECTOR,
    );
    expect(response.status).toBe(200);
    const table = records(response);
    expect(table).toHaveLength(220);
    expect(new Set(table.map((r) => r['shift_id'])).size).toBe(220);
    const starts = table.map((r) => r['starts_at']!);
    expect(starts).toEqual([...starts].sort());
    expect(starts[0]).toBe('2026-04-06T09:00:00.000Z');
    expect(starts.at(-1)).toBe('2026-06-19T09:00:00.000Z');
  });

  it('guards exports as their GraphQL queries and names bad parameters', async () => {
    const path = `/export/kpis.csv?from=${FROM}&to=${TO}&metrics=CONTACTS`;
    expect((await csv(path)).status).toBe(401);
    const agent = await csv(path, tenant.tokens.AGENT);
    expect(agent.status).toBe(403);
    expect(JSON.parse(agent.text).errors[0].extensions.code).toBe('FORBIDDEN');
    // A coordinator reads only the teams they coordinate, as in GraphQL.
    expect((await csv(`${path}&teamIds=${teamB.id}`, tenant.tokens.COORDINATOR)).status).toBe(403);

    const problems = async (query: string) => {
      const response = await csv(`/export/kpis.csv?${query}`, tenant.tokens.DIRECTOR);
      expect(response.status).toBe(400);
      expect(response.type).toMatch(/application\/json/);
      const error = JSON.parse(response.text).errors[0];
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(response.text).not.toMatch(/ at .*\.ts/); // never a stack trace
      return (error.extensions.fields as { field: string }[]).map((f) => f.field);
    };
    expect(await problems(`from=${FROM}&to=${TO}&metrics=NOT_A_METRIC`)).toEqual(['metrics']);
    expect(await problems(`from=yesterday&to=${TO}&metrics=CONTACTS`)).toEqual(['from']);
    expect(await problems(`from=${FROM}&to=${TO}&metrics=CONTACTS&timeZone=Mars/Olympus`)).toEqual(['timeZone']);
    expect(await problems(`from=${TO}&to=${FROM}&metrics=CONTACTS`)).toEqual(['to']);
    expect(await problems(`from=${FROM}&to=${TO}&metrics=CONTACTS&colour=red`)).toEqual(['colour']);
  });
});
