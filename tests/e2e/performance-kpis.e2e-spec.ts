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

/**
 * Each KPI computed by hand on a small fixture, compared with what the API answers. The arithmetic is
 * written next to each expectation so a reader can check it.
 */
describe('KPIs on a hand-computed fixture', () => {
  let api: TestApp;
  let tenant: TestTenant;
  let teamA: { id: string };
  let teamB: { id: string };
  let a1: { id: string };
  let a2: { id: string };
  let b1: { id: string };

  const FROM = '2026-03-02T00:00:00Z';
  const TO = '2026-03-04T00:00:00Z';

  beforeAll(async () => {
    api = await startTestApp();
    tenant = await createTestTenant(api);
    teamA = await createTeam(api, tenant, { coordinatorIds: [tenant.users.COORDINATOR.id] });
    teamB = await createTeam(api, tenant);
    a1 = await createAgent(api, tenant, teamA.id, { userId: tenant.users.AGENT.id });
    a2 = await createAgent(api, tenant, teamA.id);
    b1 = await createAgent(api, tenant, teamB.id);
    const base = { source: 'zendesk' };
    const result = await ingest(api, tenant, 'interactions', [
      // FRT 10 s, resolved after 300 s, first contact, answered after 10 s.
      {
        ...base,
        externalId: 'i1',
        channel: 'PHONE',
        agentId: a1.id,
        status: 'RESOLVED',
        category: 'billing',
        createdAt: '2026-03-02T09:00:00Z',
        answeredAt: '2026-03-02T09:00:10Z',
        firstResponseAt: '2026-03-02T09:00:10Z',
        resolvedAt: '2026-03-02T09:05:00Z',
        handleTimeSeconds: 290,
        contactsToResolve: 1,
      },
      // FRT 30 s, resolved after 1200 s in 2 contacts, reopened once, a complaint; answered after 30 s.
      {
        ...base,
        externalId: 'i2',
        channel: 'PHONE',
        agentId: a1.id,
        status: 'RESOLVED',
        category: 'billing',
        createdAt: '2026-03-02T10:00:00Z',
        answeredAt: '2026-03-02T10:00:30Z',
        firstResponseAt: '2026-03-02T10:00:30Z',
        resolvedAt: '2026-03-02T10:20:00Z',
        handleTimeSeconds: 600,
        contactsToResolve: 2,
        reopenCount: 1,
        complaint: true,
      },
      // Abandoned in the queue after 60 s: no agent, team given.
      {
        ...base,
        externalId: 'i3',
        channel: 'PHONE',
        teamId: teamA.id,
        status: 'OPEN',
        createdAt: '2026-03-02T11:00:00Z',
        abandonedAt: '2026-03-02T11:01:00Z',
      },
      // E-mail answered after an hour, escalated.
      {
        ...base,
        externalId: 'i4',
        channel: 'EMAIL',
        agentId: a2.id,
        status: 'ESCALATED',
        escalatedTo: 'technical support',
        category: 'returns',
        createdAt: '2026-03-02T12:00:00Z',
        firstResponseAt: '2026-03-02T13:00:00Z',
        handleTimeSeconds: 300,
      },
      // Chat: answered after 5 s, resolved after 600 s at first contact.
      {
        ...base,
        externalId: 'i5',
        channel: 'CHAT',
        agentId: a2.id,
        status: 'RESOLVED',
        category: 'billing',
        createdAt: '2026-03-03T08:00:00Z',
        answeredAt: '2026-03-03T08:00:05Z',
        firstResponseAt: '2026-03-03T08:00:05Z',
        resolvedAt: '2026-03-03T08:10:00Z',
        handleTimeSeconds: 590,
        contactsToResolve: 1,
      },
      // Team B: unanswered e-mail.
      {
        ...base,
        externalId: 'i6',
        channel: 'EMAIL',
        agentId: b1.id,
        status: 'OPEN',
        category: 'billing',
        createdAt: '2026-03-03T09:00:00Z',
      },
    ]);
    expect(result).toEqual({ inserted: 6, updated: 0, unchanged: 0, rejected: [] });
    const surveys = await ingest(api, tenant, 'responses', [
      {
        source: 'zendesk',
        externalId: 's1',
        interactionExternalId: 'i1',
        csat: 5,
        nps: 10,
        respondedAt: '2026-03-02T12:00:00Z',
      },
      {
        source: 'zendesk',
        externalId: 's2',
        interactionExternalId: 'i2',
        csat: 2,
        nps: 3,
        comment: 'Too slow',
        respondedAt: '2026-03-02T12:00:00Z',
      },
      {
        source: 'zendesk',
        externalId: 's3',
        interactionExternalId: 'i5',
        csat: 4,
        respondedAt: '2026-03-03T12:00:00Z',
      },
      { source: 'zendesk', externalId: 's4', interactionExternalId: 'i4', nps: 9, respondedAt: '2026-03-03T12:00:00Z' },
    ]);
    expect(surveys).toEqual({ inserted: 4, updated: 0, unchanged: 0, rejected: [] });
    const states = await ingest(api, tenant, 'states', [
      { agentId: a1.id, state: 'AVAILABLE', startedAt: '2026-03-02T08:00:00Z', endedAt: '2026-03-02T09:00:00Z' },
      { agentId: a1.id, state: 'BUSY', startedAt: '2026-03-02T09:00:00Z', endedAt: '2026-03-02T09:30:00Z' },
      { agentId: a1.id, state: 'AFTER_CALL_WORK', startedAt: '2026-03-02T09:30:00Z', endedAt: '2026-03-02T09:45:00Z' },
      { agentId: a1.id, state: 'BREAK', startedAt: '2026-03-02T09:45:00Z', endedAt: '2026-03-02T10:00:00Z' },
      { agentId: a1.id, state: 'AVAILABLE', startedAt: '2026-03-02T10:00:00Z', endedAt: '2026-03-02T12:00:00Z' },
    ]);
    expect(states.inserted).toBe(5);
  });
  afterAll(() => api.close());

  async function kpis(input: Record<string, unknown>, token = tenant.tokens.DIRECTOR) {
    const response = await api.gql(KPIS_QUERY, { input: { from: FROM, to: TO, ...input } }, token);
    expect(response.errors).toBeUndefined();
    return response.data!['kpis'] as { countsSource: string; rows: KpiRowResult[] };
  }

  it('computes every KPI of team A as by hand', async () => {
    const report = await kpis({
      metrics: [
        'CONTACTS',
        'FIRST_RESPONSE_TIME_MEAN',
        'FIRST_RESPONSE_TIME_MEDIAN',
        'FIRST_RESPONSE_TIME_P90',
        'UNANSWERED_CONTACTS',
        'RESOLUTION_TIME_MEAN',
        'RESOLUTION_TIME_MEDIAN',
        'RESOLUTION_TIME_P90',
        'RESOLUTION_RATE',
        'FIRST_CONTACT_RESOLUTION_RATE',
        'ESCALATION_RATE',
        'REOPEN_RATE',
        'AVERAGE_HANDLE_TIME',
        'CSAT',
        'NPS',
        'COMPLAINT_COUNT',
        'SERVICE_LEVEL',
        'ABANDONMENT_RATE',
        'AVERAGE_SPEED_OF_ANSWER',
        'OCCUPANCY',
        'CONTACTS_PER_AGENT_HOUR',
        'SCHEDULE_ADHERENCE',
      ],
      filter: { teamIds: [teamA.id] },
    });
    expect(report.countsSource).toBe('ROLLUP');
    expect(report.rows).toHaveLength(1);
    const v = valuesOf(report.rows[0]!);
    const close = (metric: string, value: number | null, sampleSize: number) => {
      expect({ metric, sampleSize: v[metric]!.sampleSize }).toEqual({ metric, sampleSize });
      if (value === null) expect({ metric, value: v[metric]!.value }).toEqual({ metric, value: null });
      else
        expect({ metric, value: Number(v[metric]!.value!.toFixed(6)) }).toEqual({
          metric,
          value: Number(value.toFixed(6)),
        });
    };
    close('CONTACTS', 5, 5);
    // First responses 10, 30, 3600, 5 s (i3 was never answered).
    close('FIRST_RESPONSE_TIME_MEAN', (10 + 30 + 3600 + 5) / 4, 4);
    close('FIRST_RESPONSE_TIME_MEDIAN', (10 + 30) / 2, 4);
    // p90 of [5, 10, 30, 3600]: rank 0.9 × 3 = 2.7 → 30 + 0.7 × (3600 − 30).
    close('FIRST_RESPONSE_TIME_P90', 30 + 0.7 * 3570, 4);
    close('UNANSWERED_CONTACTS', 1, 5);
    // Resolutions 300, 1200, 600 s.
    close('RESOLUTION_TIME_MEAN', (300 + 1200 + 600) / 3, 3);
    close('RESOLUTION_TIME_MEDIAN', 600, 3);
    // p90 of [300, 600, 1200]: rank 0.9 × 2 = 1.8 → 600 + 0.8 × 600.
    close('RESOLUTION_TIME_P90', 600 + 0.8 * 600, 3);
    close('RESOLUTION_RATE', (100 * 3) / 5, 5);
    // Resolved with a known contact count: i1 (1), i2 (2), i5 (1).
    close('FIRST_CONTACT_RESOLUTION_RATE', (100 * 2) / 3, 3);
    // Handled (not abandoned): i1, i2, i4, i5; escalated: i4.
    close('ESCALATION_RATE', 25, 4);
    close('REOPEN_RATE', 100 / 3, 3);
    close('AVERAGE_HANDLE_TIME', (290 + 600 + 300 + 590) / 4, 4);
    // CSAT answers 5, 2, 4 → two satisfied of three.
    close('CSAT', (100 * 2) / 3, 3);
    // NPS answers 10, 3, 9 → two promoters, one detractor.
    close('NPS', (100 * (2 - 1)) / 3, 3);
    close('COMPLAINT_COUNT', 1, 5);
    // Offered phone/chat: i1 (10 s), i2 (30 s), i3 (abandoned), i5 (5 s); within 20 s: i1, i5.
    close('SERVICE_LEVEL', 50, 4);
    close('ABANDONMENT_RATE', 25, 4);
    close('AVERAGE_SPEED_OF_ANSWER', (10 + 30 + 5) / 3, 3);
    // a1: available 3600 + 7200 s, busy 1800, after-call work 900 (break excluded); 4 agent-hours (08–11 UTC).
    close('OCCUPANCY', (100 * 2700) / 13500, 4);
    // Handled by an agent: i1, i2, i4, i5 over 13500 s = 3.75 logged-in hours.
    close('CONTACTS_PER_AGENT_HOUR', 4 / 3.75, 4);
    // No published shifts without the scheduling library: null, not zero.
    close('SCHEDULE_ADHERENCE', null, 0);
  });

  it('gives the same counts from raw rows when the window is not hour-aligned', async () => {
    const report = await kpis({
      from: '2026-03-01T23:30:00Z',
      metrics: ['CONTACTS', 'AVERAGE_HANDLE_TIME', 'CSAT', 'OCCUPANCY'],
      filter: { teamIds: [teamA.id] },
    });
    expect(report.countsSource).toBe('RAW_ROWS');
    const v = valuesOf(report.rows[0]!);
    expect(v['CONTACTS']).toEqual({ value: 5, sampleSize: 5 });
    expect(v['AVERAGE_HANDLE_TIME']).toEqual({ value: 445, sampleSize: 4 });
    expect(v['OCCUPANCY']).toEqual({ value: 20, sampleSize: 4 });
  });

  it('groups by agent, channel and day in the requested zone', async () => {
    const byAgent = await kpis({
      metrics: ['CONTACTS', 'CONTACTS_PER_AGENT_HOUR'],
      groupBy: ['AGENT'],
      filter: { teamIds: [teamA.id] },
    });
    const agents = Object.fromEntries(byAgent.rows.map((r) => [r.group.agent?.id ?? 'none', valuesOf(r)]));
    expect(agents[a1.id]!['CONTACTS']).toEqual({ value: 2, sampleSize: 2 });
    expect(agents[a1.id]!['CONTACTS_PER_AGENT_HOUR']!.value).toBeCloseTo(2 / 3.75, 9);
    expect(agents[a2.id]!['CONTACTS']).toEqual({ value: 2, sampleSize: 2 });
    expect(agents[a2.id]!['CONTACTS_PER_AGENT_HOUR']).toEqual({ value: null, sampleSize: 0 });
    expect(agents['none']!['CONTACTS']).toEqual({ value: 1, sampleSize: 1 });

    const byChannel = await kpis({ metrics: ['CONTACTS', 'OCCUPANCY'], groupBy: ['CHANNEL'] });
    expect(
      byChannel.rows.map((r) => [r.group.channel, valuesOf(r)['CONTACTS']!.value, valuesOf(r)['OCCUPANCY']!.value]),
    ).toEqual([
      ['CHAT', 1, null],
      ['EMAIL', 2, null],
      ['PHONE', 3, null],
    ]);

    // In Asia/Tokyo (+09:00) i4 (12:00Z) and i5 (08:00Z next day) fall on 2026-03-02 21:00 and 2026-03-03 17:00.
    const tokyo = await kpis({ metrics: ['CONTACTS'], groupBy: ['DAY'], timeZone: 'Asia/Tokyo' });
    expect(
      tokyo.rows.map((r) => [r.group.period!.label, r.group.period!.start, valuesOf(r)['CONTACTS']!.value]),
    ).toEqual([
      ['2026-03-02', '2026-03-01T15:00:00.000Z', 4],
      ['2026-03-03', '2026-03-02T15:00:00.000Z', 2],
      ['2026-03-04', '2026-03-03T15:00:00.000Z', null],
    ]);
    // Asia/Kolkata is +05:30: the counts come from raw rows, cut at local midnight.
    const kolkata = await kpis({ metrics: ['CONTACTS'], groupBy: ['DAY'], timeZone: 'Asia/Kolkata' });
    expect(kolkata.countsSource).toBe('RAW_ROWS');
    expect(kolkata.rows.map((r) => [r.group.period!.label, valuesOf(r)['CONTACTS']!.value])).toEqual([
      ['2026-03-02', 4],
      ['2026-03-03', 2],
      ['2026-03-04', null],
    ]);
  });

  it('returns null with sample size 0 for an empty slice', async () => {
    const report = await kpis({
      from: '2025-01-01T00:00:00Z',
      to: '2025-01-02T00:00:00Z',
      metrics: ['CONTACTS', 'CSAT', 'FIRST_RESPONSE_TIME_MEDIAN', 'COMPLAINT_COUNT', 'OCCUPANCY'],
    });
    expect(report.rows).toHaveLength(1);
    for (const value of report.rows[0]!.values)
      expect({ metric: value.metric, value: value.value, sampleSize: value.sampleSize }).toEqual({
        metric: value.metric,
        value: null,
        sampleSize: 0,
      });
  });

  it('shows a trend with the previous period and the change', async () => {
    const response = await api.gql(
      `query($input: KpiTrendInput!) { kpiTrend(input: $input) { metric unit points { period { label } value sampleSize previousValue change changePercent } } }`,
      { input: { from: FROM, to: TO, metric: 'CONTACTS', granularity: 'DAY', timeZone: 'UTC' } },
      tenant.tokens.DIRECTOR,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!['kpiTrend'].points).toEqual([
      {
        period: { label: '2026-03-02' },
        value: 4,
        sampleSize: 4,
        previousValue: null,
        change: null,
        changePercent: null,
      },
      { period: { label: '2026-03-03' }, value: 2, sampleSize: 2, previousValue: 4, change: -2, changePercent: -50 },
    ]);
  });

  it('scores an agent against the team, with rank and target status; an agent sees only their own card', async () => {
    const target = await api.gql(
      `mutation($input: SetKpiTargetInput!) { setKpiTarget(input: $input) { target { id metric value comparison team { id } } } }`,
      { input: { metric: 'AVERAGE_HANDLE_TIME', teamId: teamA.id, value: 450 } },
      tenant.tokens.DIRECTOR,
    );
    expect(target.errors).toBeUndefined();
    expect(target.data!['setKpiTarget'].target).toMatchObject({
      metric: 'AVERAGE_HANDLE_TIME',
      value: 450,
      comparison: 'AT_MOST',
      team: { id: teamA.id },
    });
    const card = `query($input: AgentScorecardInput!) { agentScorecard(input: $input) { agent { id } team { id } metrics { metric value sampleSize teamValue teamSampleSize target status rank rankedAgents } } }`;
    const own = await api.gql(card, { input: { agentId: a1.id, from: FROM, to: TO } }, tenant.tokens.AGENT);
    expect(own.errors).toBeUndefined();
    const metrics = Object.fromEntries(
      own.data!['agentScorecard'].metrics.map((m: { metric: string }) => [m.metric, m]),
    );
    // a1: (290 + 600) / 2 = 445 s, team 445 s; a2: (300 + 590) / 2 = 445 s: tied, both rank 1. 445 ≤ 450 by 1.1%: AT_RISK.
    expect(metrics['AVERAGE_HANDLE_TIME']).toEqual({
      metric: 'AVERAGE_HANDLE_TIME',
      value: 445,
      sampleSize: 2,
      teamValue: 445,
      teamSampleSize: 4,
      target: 450,
      status: 'AT_RISK',
      rank: 1,
      rankedAgents: 2,
    });
    // a1 FRT mean 20 s, a2 (3600 + 5) / 2: a1 ranks first of two.
    expect(metrics['FIRST_RESPONSE_TIME_MEAN']).toMatchObject({
      value: 20,
      rank: 1,
      rankedAgents: 2,
      target: null,
      status: null,
    });
    const other = await api.gql(card, { input: { agentId: a2.id, from: FROM, to: TO } }, tenant.tokens.AGENT);
    expect(other.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });

  it('lets a coordinator read only their teams, trainers read all, agents no report', async () => {
    const mine = await kpis({ metrics: ['CONTACTS'] }, tenant.tokens.COORDINATOR);
    expect(valuesOf(mine.rows[0]!)['CONTACTS']!.value).toBe(5);
    const foreign = await api.gql(
      KPIS_QUERY,
      { input: { from: FROM, to: TO, metrics: ['CONTACTS'], filter: { teamIds: [teamB.id] } } },
      tenant.tokens.COORDINATOR,
    );
    expect(foreign.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const trainer = await kpis({ metrics: ['CONTACTS'] }, tenant.tokens.TRAINER);
    expect(valuesOf(trainer.rows[0]!)['CONTACTS']!.value).toBe(6);
    const agent = await api.gql(
      KPIS_QUERY,
      { input: { from: FROM, to: TO, metrics: ['CONTACTS'] } },
      tenant.tokens.AGENT,
    );
    expect(agent.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const write = await api.gql(
      `mutation($input: SetKpiTargetInput!) { setKpiTarget(input: $input) { target { id } } }`,
      { input: { metric: 'CSAT', value: 90 } },
      tenant.tokens.TRAINER,
    );
    expect(write.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });

  it('lists target breaches with the agents and channels that cause them', async () => {
    await api.gql(
      `mutation($input: SetKpiTargetInput!) { setKpiTarget(input: $input) { target { id } } }`,
      { input: { metric: 'FIRST_RESPONSE_TIME_MEDIAN', value: 600 } },
      tenant.tokens.DIRECTOR,
    );
    const response = await api.gql(
      `query($input: KpiAlertsInput!) { kpiAlerts(input: $input) { metric team { id } value status target { value } causes { agent { id } channel value sampleSize } } }`,
      { input: { from: FROM, to: TO } },
      tenant.tokens.DIRECTOR,
    );
    expect(response.errors).toBeUndefined();
    // Team A's median FRT is 20 s (on track); team B has no first response (NO_DATA): no alert. Make A miss it:
    expect(response.data!['kpiAlerts']).toEqual([]);
    await api.gql(
      `mutation($input: SetKpiTargetInput!) { setKpiTarget(input: $input) { target { id } } }`,
      { input: { metric: 'FIRST_RESPONSE_TIME_MEDIAN', value: 15 } },
      tenant.tokens.DIRECTOR,
    );
    const missed = await api.gql(
      `query($input: KpiAlertsInput!) { kpiAlerts(input: $input) { metric team { id } value status target { value } causes { agent { id } channel value sampleSize } } }`,
      { input: { from: FROM, to: TO } },
      tenant.tokens.DIRECTOR,
    );
    expect(missed.errors).toBeUndefined();
    // a2's median is (5 + 3600) / 2; a1's is (10 + 30) / 2 = 20; e-mail's is 3600, phone's 20; chat's 5 meets it.
    expect(missed.data!['kpiAlerts']).toEqual([
      {
        metric: 'FIRST_RESPONSE_TIME_MEDIAN',
        team: { id: teamA.id },
        value: 20,
        status: 'OFF_TRACK',
        target: { value: 15 },
        causes: [
          { agent: { id: a2.id }, channel: null, value: 1802.5, sampleSize: 2 },
          { agent: { id: a1.id }, channel: null, value: 20, sampleSize: 2 },
          { agent: null, channel: 'EMAIL', value: 3600, sampleSize: 1 },
          { agent: null, channel: 'PHONE', value: 20, sampleSize: 2 },
        ],
      },
    ]);
  });
});
