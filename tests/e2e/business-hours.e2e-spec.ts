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
 * Team business calendars and the business-time metrics, through GraphQL over HTTP. Team P works
 * Monday to Friday 09:00–17:00 in Europe/Paris, with Friday 1 May 2026 a holiday; team U has no calendar.
 * Every duration below is computed by hand in the comments (Paris is UTC+1 until Sunday 29 March 2026,
 * 02:00, then UTC+2).
 */
describe('business hours', () => {
  let api: TestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let teamP: { id: string };
  let teamU: { id: string };
  let teamQ: { id: string };
  let agentP: { id: string };
  let agentU: { id: string };

  const FROM = '2026-03-01T00:00:00Z';
  const TO = '2026-06-01T00:00:00Z';
  const WEEKDAY = [{ start: '09:00', end: '17:00' }];
  const CALENDAR = {
    weekly: { monday: WEEKDAY, tuesday: WEEKDAY, wednesday: WEEKDAY, thursday: WEEKDAY, friday: WEEKDAY },
    holidays: [{ date: '2026-05-01', name: 'Fête du Travail' }],
  };
  const SET = `mutation($input: SetTeamBusinessCalendarInput!) { setTeamBusinessCalendar(input: $input) {
      team { id } businessCalendar { timeZone weekly { monday { start end } saturday { start end } } holidays { date name } } } }`;
  const READ = `query($id: ID!) { team(id: $id) { businessCalendar { timeZone weekly { monday { start end } friday { start end } sunday { start end } } holidays { date name } } } }`;

  /** Team P's contacts: created, first response, resolved (UTC), and the hand-computed durations in seconds. */
  const CONTACTS = [
    // Tue 24 Mar 10:00 → 10:30 → 15:00 local, inside one working day: the same in both times.
    { id: 'p1', created: '2026-03-24T09:00:00Z', first: '2026-03-24T09:30:00Z', resolved: '2026-03-24T14:00:00Z' },
    // A night: Tue 16:00 → Wed 10:00 local is 18 h, in business 1 h + 1 h; resolved Wed 16:30: 24.5 h, business 1 h + 7.5 h.
    { id: 'p2', created: '2026-03-24T15:00:00Z', first: '2026-03-25T09:00:00Z', resolved: '2026-03-25T15:30:00Z' },
    // A weekend: Fri 20 Mar 16:30 → Mon 23 Mar 09:45 local is 65.25 h, in business 30 min + 45 min; still open.
    { id: 'p3', created: '2026-03-20T15:30:00Z', first: '2026-03-23T08:45:00Z', resolved: null },
    // The holiday: Thu 30 Apr 16:00 → Mon 4 May 10:00 local (UTC+2) is 90 h, in business 1 h + 0 (Fri 1 May) + 1 h;
    // resolved Mon 12:00: 92 h, business 1 h + 3 h.
    { id: 'p4', created: '2026-04-30T14:00:00Z', first: '2026-05-04T08:00:00Z', resolved: '2026-05-04T10:00:00Z' },
    // The DST night: Fri 27 Mar 16:00 (UTC+1) → Mon 30 Mar 10:00 local (UTC+2) is 65 h, in business 1 h + 1 h
    // (read with UTC+1 all along, Monday 08:00Z would be 09:00 and count 0); resolved Mon 17:30 local: 72.5 h, business 1 h + 8 h.
    { id: 'p5', created: '2026-03-27T15:00:00Z', first: '2026-03-30T08:00:00Z', resolved: '2026-03-30T15:30:00Z' },
    // An evening: Tue 24 Mar 20:00 → 22:00 local is 2 h, none of it business time.
    { id: 'p6', created: '2026-03-24T19:00:00Z', first: '2026-03-24T21:00:00Z', resolved: null },
  ];
  const FIRST_CALENDAR = [1800, 64800, 234900, 324000, 234000, 7200];
  const FIRST_BUSINESS = [1800, 7200, 4500, 7200, 7200, 0];
  const RESOLVED_CALENDAR = [18000, 88200, 331200, 261000];
  const RESOLVED_BUSINESS = [18000, 30600, 14400, 32400];

  const interaction = (c: (typeof CONTACTS)[number], agentId: string) => ({
    source: 'helpdesk',
    externalId: c.id,
    channel: 'EMAIL',
    agentId,
    status: c.resolved ? 'RESOLVED' : 'OPEN',
    createdAt: c.created,
    firstResponseAt: c.first,
    ...(c.resolved ? { resolvedAt: c.resolved } : {}),
  });

  beforeAll(async () => {
    api = await startTestApp();
    tenant = await createTestTenant(api);
    other = await createTestTenant(api, 'Other Org');
    teamP = await createTeam(api, tenant, { timeZone: 'Europe/Paris', coordinatorIds: [tenant.users.COORDINATOR.id] });
    teamU = await createTeam(api, tenant, { timeZone: 'Europe/Paris' });
    teamQ = await createTeam(api, tenant, { timeZone: 'Europe/Istanbul' });
    agentP = await createAgent(api, tenant, teamP.id);
    agentU = await createAgent(api, tenant, teamU.id);
  });
  afterAll(() => api.close());

  async function kpis(input: Record<string, unknown>, token = tenant.tokens.DIRECTOR) {
    const response = await api.gql(KPIS_QUERY, { input: { from: FROM, to: TO, ...input } }, token);
    expect(response.errors).toBeUndefined();
    return response.data!['kpis'] as { countsSource: string; rows: KpiRowResult[] };
  }

  const METRICS = [
    'FIRST_RESPONSE_TIME_MEAN',
    'FIRST_RESPONSE_TIME_MEDIAN',
    'FIRST_RESPONSE_TIME_P90',
    'RESOLUTION_TIME_MEAN',
    'RESOLUTION_TIME_MEDIAN',
    'RESOLUTION_TIME_P90',
    'FIRST_RESPONSE_BUSINESS_TIME_MEAN',
    'FIRST_RESPONSE_BUSINESS_TIME_MEDIAN',
    'FIRST_RESPONSE_BUSINESS_TIME_P90',
    'RESOLUTION_BUSINESS_TIME_MEAN',
    'RESOLUTION_BUSINESS_TIME_MEDIAN',
    'RESOLUTION_BUSINESS_TIME_P90',
  ];

  /** Mean, median and p90 (linear interpolation between ranks, as percentile_cont) of hand-computed values. */
  function stats(values: number[]) {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q: number) => {
      const position = q * (sorted.length - 1);
      const low = Math.floor(position);
      return sorted[low]! + (position - low) * ((sorted[low + 1] ?? sorted[low]!) - sorted[low]!);
    };
    return { mean: values.reduce((s, v) => s + v, 0) / values.length, median: at(0.5), p90: at(0.9) };
  }

  it('sets a calendar as an admin and reads it back with the team, in the team’s own zone', async () => {
    const set = await api.gql(SET, { input: { teamId: teamP.id, ...CALENDAR } }, tenant.tokens.ADMIN);
    expect(set.errors).toBeUndefined();
    expect(set.data!['setTeamBusinessCalendar']).toEqual({
      team: { id: teamP.id },
      businessCalendar: {
        timeZone: 'Europe/Paris',
        weekly: { monday: WEEKDAY, saturday: [] },
        holidays: [{ date: '2026-05-01', name: 'Fête du Travail' }],
      },
    });
    const read = await api.gql(READ, { id: teamP.id }, tenant.tokens.AGENT);
    expect(read.data!['team'].businessCalendar).toEqual({
      timeZone: 'Europe/Paris',
      weekly: { monday: WEEKDAY, friday: WEEKDAY, sunday: [] },
      holidays: [{ date: '2026-05-01', name: 'Fête du Travail' }],
    });
    const none = await api.gql(READ, { id: teamU.id }, tenant.tokens.DIRECTOR);
    expect(none.data!['team'].businessCalendar).toBeNull();
  });

  it('computes first response and resolution in business time as by hand; calendar times unchanged', async () => {
    const written = await ingest(api, tenant, 'interactions', [
      ...CONTACTS.map((c) => interaction(c, agentP.id)),
      // Team U (no calendar): a night too, 18 h in both times; resolved after 20 h.
      interaction({ ...CONTACTS[1]!, id: 'u1', resolved: '2026-03-25T11:00:00Z' }, agentU.id),
    ]);
    expect(written).toEqual({ inserted: 7, updated: 0, unchanged: 0, rejected: [] });

    const first = { calendar: stats(FIRST_CALENDAR), business: stats(FIRST_BUSINESS) };
    const resolution = { calendar: stats(RESOLVED_CALENDAR), business: stats(RESOLVED_BUSINESS) };
    // By hand: FRT calendar mean 866700 / 6 = 144450, median (64800 + 234000) / 2 = 149400, p90 234900 + 0.5 × 89100 = 279450;
    // business mean 27900 / 6 = 4650, median (4500 + 7200) / 2 = 5850, p90 7200; resolution calendar mean 698400 / 4 = 174600,
    // median (88200 + 261000) / 2 = 174600, p90 261000 + 0.7 × 70200 = 310140; business mean 95400 / 4 = 23850,
    // median (18000 + 30600) / 2 = 24300, p90 30600 + 0.7 × 1800 = 31860.
    expect([first.calendar, first.business, resolution.calendar, resolution.business]).toEqual([
      { mean: 144450, median: 149400, p90: 279450 },
      { mean: 4650, median: 5850, p90: 7200 },
      { mean: 174600, median: 174600, p90: expect.closeTo(310140, 6) },
      { mean: 23850, median: 24300, p90: expect.closeTo(31860, 6) },
    ]);
    const expected = {
      FIRST_RESPONSE_TIME_MEAN: first.calendar.mean,
      FIRST_RESPONSE_TIME_MEDIAN: first.calendar.median,
      FIRST_RESPONSE_TIME_P90: first.calendar.p90,
      RESOLUTION_TIME_MEAN: resolution.calendar.mean,
      RESOLUTION_TIME_MEDIAN: resolution.calendar.median,
      RESOLUTION_TIME_P90: resolution.calendar.p90,
      FIRST_RESPONSE_BUSINESS_TIME_MEAN: first.business.mean,
      FIRST_RESPONSE_BUSINESS_TIME_MEDIAN: first.business.median,
      FIRST_RESPONSE_BUSINESS_TIME_P90: first.business.p90,
      RESOLUTION_BUSINESS_TIME_MEAN: resolution.business.mean,
      RESOLUTION_BUSINESS_TIME_MEDIAN: resolution.business.median,
      RESOLUTION_BUSINESS_TIME_P90: resolution.business.p90,
    };
    const sampleSizes = (metric: string) => (metric.startsWith('FIRST') ? 6 : 4);
    // The hourly rollup (an hour-aligned window) and the raw rows (a window starting at :30) agree.
    for (const [from, source] of [
      [FROM, 'ROLLUP'],
      ['2026-03-01T00:30:00Z', 'RAW_ROWS'],
    ] as const) {
      const report = await kpis({ from, metrics: METRICS, filter: { teamIds: [teamP.id] } });
      expect(report.countsSource).toBe(source);
      const v = valuesOf(report.rows[0]!);
      for (const metric of METRICS) {
        expect({ metric, sampleSize: v[metric]!.sampleSize }).toEqual({ metric, sampleSize: sampleSizes(metric) });
        expect({ metric, value: v[metric]!.value }).toEqual({
          metric,
          value: expect.closeTo(expected[metric as keyof typeof expected], 6),
        });
      }
    }
    // Team U has no calendar: its business times are its calendar times (64800 s and 72000 s).
    const u = valuesOf((await kpis({ metrics: METRICS, filter: { teamIds: [teamU.id] } })).rows[0]!);
    expect([u['FIRST_RESPONSE_TIME_MEAN']!.value, u['FIRST_RESPONSE_BUSINESS_TIME_MEDIAN']!.value]).toEqual([
      64800, 64800,
    ]);
    expect([u['RESOLUTION_TIME_P90']!.value, u['RESOLUTION_BUSINESS_TIME_MEAN']!.value]).toEqual([72000, 72000]);
  });

  it('lists each contact with its business times beside the calendar ones', async () => {
    const response = await api.gql(
      `query($input: InteractionsInput!) { interactions(input: $input, first: 10) { edges { node {
          externalId firstResponseSeconds firstResponseBusinessSeconds resolutionSeconds resolutionBusinessSeconds } } } }`,
      { input: { from: FROM, to: TO, filter: { teamIds: [teamP.id, teamU.id] } } },
      tenant.tokens.DIRECTOR,
    );
    expect(response.errors).toBeUndefined();
    const byId = Object.fromEntries(
      (response.data!['interactions'].edges as { node: Record<string, unknown> }[]).map((e) => [
        e.node['externalId'],
        [
          e.node['firstResponseSeconds'],
          e.node['firstResponseBusinessSeconds'],
          e.node['resolutionSeconds'],
          e.node['resolutionBusinessSeconds'],
        ],
      ]),
    );
    expect(byId).toEqual({
      p1: [1800, 1800, 18000, 18000],
      p2: [64800, 7200, 88200, 30600],
      p3: [234900, 4500, null, null],
      p4: [324000, 7200, 331200, 14400],
      p5: [234000, 7200, 261000, 32400],
      p6: [7200, 0, null, null],
      u1: [64800, 64800, 72000, 72000],
    });
  });

  it('offers the business metrics in trends, scorecards and targets', async () => {
    const trend = await api.gql(
      `query($input: KpiTrendInput!) { kpiTrend(input: $input) { points { period { label } value sampleSize } } }`,
      {
        input: {
          from: FROM,
          to: '2026-04-30T22:00:00Z', // 1 May 00:00 in Paris
          timeZone: 'Europe/Paris',
          metric: 'FIRST_RESPONSE_BUSINESS_TIME_MEAN',
          granularity: 'MONTH',
          filter: { teamIds: [teamP.id] },
        },
      },
      tenant.tokens.DIRECTOR,
    );
    expect(trend.errors).toBeUndefined();
    // March: p1, p2, p3, p5, p6 → (1800 + 7200 + 4500 + 7200 + 0) / 5 = 4140; April: p4 → 7200.
    expect(
      trend.data!['kpiTrend'].points.map((p: { value: number; sampleSize: number }) => [p.value, p.sampleSize]),
    ).toEqual([
      [4140, 5],
      [7200, 1],
    ]);

    const card = await api.gql(
      `query($input: AgentScorecardInput!) { agentScorecard(input: $input) { metrics { metric value sampleSize } } }`,
      { input: { from: FROM, to: '2026-04-01T00:00:00Z', agentId: agentP.id } },
      tenant.tokens.DIRECTOR,
    );
    expect(card.errors).toBeUndefined();
    const byMetric = new Map(
      (card.data!['agentScorecard'].metrics as { metric: string; value: number }[]).map((m) => [m.metric, m.value]),
    );
    // March: p1, p2, p5 resolved, (18000 + 30600 + 32400) / 3 = 27000 business, (18000 + 88200 + 261000) / 3 = 122400 calendar.
    expect(byMetric.get('RESOLUTION_BUSINESS_TIME_MEAN')).toBe(27000);
    expect(byMetric.get('RESOLUTION_TIME_MEAN')).toBe(122400);

    // A target of 2 business hours on the mean first response: 4650 s misses it.
    const target = await api.gql(
      `mutation($input: SetKpiTargetInput!) { setKpiTarget(input: $input) { target { id } } }`,
      { input: { teamId: teamP.id, metric: 'FIRST_RESPONSE_BUSINESS_TIME_MEAN', value: 7200 } },
      tenant.tokens.DIRECTOR,
    );
    expect(target.errors).toBeUndefined();
    const status = await api.gql(
      `query($input: KpiAlertsInput!) { kpiTargetStatus(input: $input) { metric value status } }`,
      { input: { from: FROM, to: TO, teamIds: [teamP.id] } },
      tenant.tokens.DIRECTOR,
    );
    expect(status.errors).toBeUndefined();
    expect(status.data!['kpiTargetStatus']).toEqual([
      { metric: 'FIRST_RESPONSE_BUSINESS_TIME_MEAN', value: 4650, status: 'ON_TRACK' },
    ]);
  });

  it('applies a calendar change to contacts written after it; a re-sent unchanged contact keeps its times', async () => {
    // Saturday and Sunday 09:00–17:00 too: p3 (Fri 16:30 → Mon 09:45) would now be 30 min + 16 h + 45 min.
    const week = { ...CALENDAR.weekly, saturday: WEEKDAY, sunday: WEEKDAY };
    const set = await api.gql(SET, { input: { teamId: teamP.id, weekly: week } }, tenant.tokens.COORDINATOR);
    expect(set.errors).toBeUndefined();
    const resent = await ingest(api, tenant, 'interactions', [interaction(CONTACTS[2]!, agentP.id)]);
    expect(resent).toEqual({ inserted: 0, updated: 0, unchanged: 1, rejected: [] });
    const stored = () =>
      api.sql<{ ms: string }>(
        `SELECT first_response_business_ms AS ms FROM interactions WHERE tenant_id = $1 AND external_id = 'p3'`,
        [tenant.tenantId],
      );
    expect(Number((await stored())[0]!.ms)).toBe(4500_000);
    // Changed (now resolved Mon 23 Mar 10:45 local): computed again with today's calendar.
    const changed = await ingest(api, tenant, 'interactions', [
      interaction({ ...CONTACTS[2]!, resolved: '2026-03-23T09:45:00Z' }, agentP.id),
    ]);
    expect(changed.updated).toBe(1);
    expect(Number((await stored())[0]!.ms)).toBe((30 * 60 + 16 * 3600 + 45 * 60) * 1000);
    // Back to the first calendar for the other tests' sake.
    await api.gql(SET, { input: { teamId: teamP.id, ...CALENDAR } }, tenant.tokens.ADMIN);
    await ingest(api, tenant, 'interactions', [interaction(CONTACTS[2]!, agentP.id)]);
  });

  it('records each change in the audit log with before and after', async () => {
    const response = await api.gql(
      `query { auditLog(filter: { entityType: "TEAM_BUSINESS_CALENDAR" }, first: 10) { edges { node { entityId action actorUserId before after } } } }`,
      {},
      tenant.tokens.ADMIN,
    );
    expect(response.errors).toBeUndefined();
    const entries = response.data!['auditLog'].edges.map((e: { node: unknown }) => e.node) as {
      entityId: string;
      action: string;
      actorUserId: string;
      before: { weekly: Record<string, unknown[]> } | null;
      after: { weekly: Record<string, unknown[]>; holidays: unknown[] } | null;
    }[];
    // Newest first: back to weekdays (admin), weekends added (coordinator), created (admin).
    expect(entries.map((e) => [e.entityId, e.action, e.actorUserId])).toEqual([
      [teamP.id, 'UPDATE', tenant.users.ADMIN.id],
      [teamP.id, 'UPDATE', tenant.users.COORDINATOR.id],
      [teamP.id, 'CREATE', tenant.users.ADMIN.id],
    ]);
    expect(entries[2]!.before).toBeNull();
    expect(entries[2]!.after!.holidays).toEqual([{ date: '2026-05-01', name: 'Fête du Travail' }]);
    expect(entries[1]!.before!.weekly['saturday']).toEqual([]);
    expect(entries[1]!.after!.weekly['saturday']).toEqual(WEEKDAY);
    expect(entries[1]!.after!.holidays).toEqual([]);
  });

  describe('refusals', () => {
    const calendarOfQ = async () =>
      (await api.gql(READ, { id: teamQ.id }, tenant.tokens.ADMIN)).data!['team'].businessCalendar as unknown;

    it.each([
      ['an hour past 24:00', { weekly: { monday: [{ start: '09:00', end: '25:00' }] } }, 'input.weekly.monday.0.end'],
      [
        'an empty window',
        { weekly: { tuesday: [WEEKDAY[0], { start: '18:00', end: '18:00' }] } },
        'input.weekly.tuesday.1.end',
      ],
      [
        'a time that is not HH:mm',
        { weekly: { friday: [{ start: 'nine', end: '17:00' }] } },
        'input.weekly.friday.0.start',
      ],
      [
        'a date that does not exist',
        { weekly: CALENDAR.weekly, holidays: [{ date: '2026-02-30', name: 'Nope' }] },
        'input.holidays.0.date',
      ],
      [
        'a date listed twice',
        { weekly: CALENDAR.weekly, holidays: [CALENDAR.holidays[0], { date: '2026-05-01', name: 'Again' }] },
        'input.holidays.1.date',
      ],
      [
        'a blank holiday name',
        { weekly: CALENDAR.weekly, holidays: [{ date: '2026-05-08', name: ' ' }] },
        'input.holidays.0.name',
      ],
      ['holidays without working hours', { holidays: CALENDAR.holidays }, 'input.weekly'],
    ])('refuses %s, naming the field, and writes nothing', async (_, calendar, field) => {
      const response = await api.gql(SET, { input: { teamId: teamQ.id, ...calendar } }, tenant.tokens.ADMIN);
      expect(response.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      expect((response.errors![0]!.extensions['fields'] as { field: string }[]).map((f) => f.field)).toContain(field);
      expect(await calendarOfQ()).toBeNull();
    });

    it('refuses the other organisation’s team as not found, and writes nothing there', async () => {
      const theirs = await createTeam(api, other);
      const response = await api.gql(SET, { input: { teamId: theirs.id, ...CALENDAR } }, tenant.tokens.ADMIN);
      expect(response.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
      const rows = await api.sql(`SELECT 1 FROM team_business_calendars WHERE team_id = $1`, [theirs.id]);
      expect(rows).toEqual([]);
    });

    it('lets admins and the team’s coordinators change it, nobody else', async () => {
      for (const role of ['DIRECTOR', 'TRAINER', 'AGENT'] as const) {
        const response = await api.gql(SET, { input: { teamId: teamP.id, ...CALENDAR } }, tenant.tokens[role]);
        expect({ role, code: response.errors?.[0]?.extensions.code }).toEqual({ role, code: 'FORBIDDEN' });
      }
      // The coordinator does not coordinate team Q.
      const notTheirs = await api.gql(SET, { input: { teamId: teamQ.id, ...CALENDAR } }, tenant.tokens.COORDINATOR);
      expect(notTheirs.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
      expect(await calendarOfQ()).toBeNull();
    });
  });

  it('recomputes a team’s history with its calendar now, page by page, rollup included', async () => {
    const RECOMPUTE = `mutation($input: RecomputeTeamBusinessTimesInput!) { recomputeTeamBusinessTimes(input: $input) { recomputed changed endCursor hasNextPage } }`;
    const recompute = async (input: Record<string, unknown>, token = tenant.tokens.COORDINATOR) => {
      const response = await api.gql(RECOMPUTE, { input: { teamId: teamP.id, from: FROM, to: TO, ...input } }, token);
      expect(response.errors).toBeUndefined();
      return response.data!['recomputeTeamBusinessTimes'] as {
        recomputed: number;
        changed: number;
        endCursor: string | null;
        hasNextPage: boolean;
      };
    };
    const means = async () => {
      const answers = [];
      for (const from of [FROM, '2026-03-01T00:30:00Z']) {
        const v = valuesOf(
          (
            await kpis({
              from,
              metrics: [
                'FIRST_RESPONSE_BUSINESS_TIME_MEAN',
                'FIRST_RESPONSE_BUSINESS_TIME_MEDIAN',
                'RESOLUTION_BUSINESS_TIME_MEAN',
              ],
              filter: { teamIds: [teamP.id] },
            })
          ).rows[0]!,
        );
        answers.push([
          v['FIRST_RESPONSE_BUSINESS_TIME_MEAN']!.value,
          v['FIRST_RESPONSE_BUSINESS_TIME_MEDIAN']!.value,
          v['RESOLUTION_BUSINESS_TIME_MEAN']!.value,
        ]);
      }
      return answers; // [rollup, raw rows]
    };
    // Weekends 09:00–17:00 too: p3 becomes 30 min + 8 h + 8 h + 45 min = 62100 s; p4 1 h + 0 (holiday) + 8 + 8 + 1 h = 64800 s
    // (resolved: 72000 s); p5 1 + 8 + 8 + 1 h = 64800 s (resolved: 1 + 8 + 8 + 8 h = 90000 s); p1, p2 and p6 stay.
    const week = { ...CALENDAR.weekly, saturday: WEEKDAY, sunday: WEEKDAY };
    expect(
      (await api.gql(SET, { input: { teamId: teamP.id, ...CALENDAR, weekly: week } }, tenant.tokens.ADMIN)).errors,
    ).toBeUndefined();
    expect(await means()).toEqual([
      [4650, 5850, 23850],
      [4650, 5850, 23850],
    ]);
    const first = await recompute({ first: 4 });
    expect(first).toMatchObject({ recomputed: 4, hasNextPage: true });
    const rest = await recompute({ first: 4, after: first.endCursor });
    expect(rest).toEqual({ recomputed: 2, changed: expect.any(Number), endCursor: null, hasNextPage: false });
    expect(first.changed + rest.changed).toBe(3);
    // FRT (1800 + 7200 + 62100 + 64800 + 64800 + 0) / 6 = 33450, median (7200 + 62100) / 2 = 34650;
    // resolution (18000 + 30600 + 72000 + 90000) / 4 = 52650.
    expect(await means()).toEqual([
      [33450, 34650, 52650],
      [33450, 34650, 52650],
    ]);
    expect((await recompute({})).changed).toBe(0);
    // Back to weekdays, and the history with it.
    await api.gql(SET, { input: { teamId: teamP.id, ...CALENDAR } }, tenant.tokens.ADMIN);
    expect(await recompute({}, tenant.tokens.ADMIN)).toEqual({
      recomputed: 6,
      changed: 3,
      endCursor: null,
      hasNextPage: false,
    });
    expect(await means()).toEqual([
      [4650, 5850, 23850],
      [4650, 5850, 23850],
    ]);

    const refused = async (input: Record<string, unknown>, token: string) =>
      (await api.gql(RECOMPUTE, { input: { teamId: teamP.id, from: FROM, to: TO, ...input } }, token)).errors?.[0]
        ?.extensions;
    expect(await refused({ after: 'bm90LWEtY3Vyc29y' }, tenant.tokens.ADMIN)).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.after' }],
    });
    expect(await refused({ to: FROM }, tenant.tokens.ADMIN)).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.to' }],
    });
    expect(await refused({ first: 5001 }, tenant.tokens.ADMIN)).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await refused({}, tenant.tokens.DIRECTOR)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused({ teamId: teamQ.id }, tenant.tokens.COORDINATOR)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused({}, other.tokens.ADMIN)).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('counts a night desk across the spring-forward night: 22:00–06:00 is 7 real hours that night', async () => {
    const night = await createTeam(api, tenant, { timeZone: 'Europe/Paris' });
    const set = await api.gql(
      SET,
      {
        input: {
          teamId: night.id,
          weekly: { saturday: [{ start: '22:00', end: '06:00' }], sunday: [{ start: '20:00', end: '24:00' }] },
        },
      },
      tenant.tokens.ADMIN,
    );
    expect(set.errors).toBeUndefined();
    expect(set.data!['setTeamBusinessCalendar'].businessCalendar.weekly.saturday).toEqual([
      { start: '22:00', end: '06:00' },
    ]);
    const read = await api.gql(READ, { id: night.id }, tenant.tokens.ADMIN);
    expect(read.data!['team'].businessCalendar.weekly.sunday).toEqual([{ start: '20:00', end: '24:00' }]);
    const contact = (id: string, created: string, first: string) => ({
      source: 'helpdesk',
      externalId: id,
      channel: 'EMAIL',
      teamId: night.id,
      status: 'OPEN',
      createdAt: created,
      firstResponseAt: first,
    });
    await ingest(api, tenant, 'interactions', [
      // Sat 28 Mar 21:00 (UTC+1) → Sun 29 Mar 07:00 local (UTC+2): 9 h of calendar time; the desk's 22:00–06:00
      // lasts 7 real hours that night (02:00–03:00 never happens).
      contact('n1', '2026-03-28T20:00:00Z', '2026-03-29T05:00:00Z'),
      // A week earlier, no clock change: Sat 21:00 → Sun 08:00 local (UTC+1) is 11 h, of which 8 h at the desk.
      contact('n2', '2026-03-21T20:00:00Z', '2026-03-22T07:00:00Z'),
    ]);
    const stored = await api.sql<{ external_id: string; ms: string; calendar: string }>(
      `SELECT external_id, first_response_business_ms AS ms, first_response_ms AS calendar FROM interactions
        WHERE tenant_id = $1 AND external_id IN ('n1', 'n2') ORDER BY external_id`,
      [tenant.tenantId],
    );
    expect(stored.map((r) => [r.external_id, Number(r.calendar) / 3600_000, Number(r.ms) / 3600_000])).toEqual([
      ['n1', 9, 7],
      ['n2', 11, 8],
    ]);
  });

  it('removes a calendar when sent no window and no holiday: business time is calendar time again', async () => {
    const removed = await api.gql(SET, { input: { teamId: teamP.id } }, tenant.tokens.ADMIN);
    expect(removed.errors).toBeUndefined();
    expect(removed.data!['setTeamBusinessCalendar'].businessCalendar).toBeNull();
    // Written after the removal: a night of 18 h is 18 business hours.
    await ingest(api, tenant, 'interactions', [
      interaction(
        { ...CONTACTS[1]!, id: 'p7', created: '2026-05-12T15:00:00Z', first: '2026-05-13T09:00:00Z', resolved: null },
        agentP.id,
      ),
    ]);
    const v = valuesOf(
      (
        await kpis({
          from: '2026-05-12T00:00:00Z',
          metrics: ['FIRST_RESPONSE_TIME_MEAN', 'FIRST_RESPONSE_BUSINESS_TIME_MEAN'],
          filter: { teamIds: [teamP.id] },
        })
      ).rows[0]!,
    );
    expect([v['FIRST_RESPONSE_TIME_MEAN']!.value, v['FIRST_RESPONSE_BUSINESS_TIME_MEAN']!.value]).toEqual([
      64800, 64800,
    ]);
  });
});
