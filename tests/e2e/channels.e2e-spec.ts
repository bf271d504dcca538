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

const REQUIREMENTS = `query($input: StaffingRequirementsInput!) {
  staffingRequirements(input: $input) { sizingMethod effectiveDeadlineSeconds totals { contacts } }
}`;

/**
 * The help-desk channels (WEB, API, MESSAGING, VOICEMAIL) stored and reported natively, beside the original
 * four: teams and agents serve them, contacts land on them, KPIs group and filter by them (values computed
 * by hand below), MESSAGING has a live queue and the others do not, and staffing sizes each by its kind.
 */
describe('channels', () => {
  let api: TestApp;
  let tenant: TestTenant;
  let team: { id: string };
  let agent: { id: string };

  const FROM = '2026-05-04T00:00:00Z';
  const TO = '2026-05-05T00:00:00Z';

  beforeAll(async () => {
    api = await startTestApp();
    tenant = await createTestTenant(api);
    team = await createTeam(api, tenant, { channels: ['EMAIL', 'WEB', 'API', 'MESSAGING', 'VOICEMAIL'] });
    agent = await createAgent(api, tenant, team.id, { channels: ['WEB', 'MESSAGING', 'VOICEMAIL'] });
  });
  afterAll(() => api.close());

  async function kpis(input: Record<string, unknown>) {
    const response = await api.gql(KPIS_QUERY, { input: { from: FROM, to: TO, ...input } }, tenant.tokens.DIRECTOR);
    expect(response.errors).toBeUndefined();
    return response.data!['kpis'] as { countsSource: string; rows: KpiRowResult[] };
  }

  it('teams and agents serve the new channels', async () => {
    const response = await api.gql(
      `query($id: ID!, $agentId: ID!) { team(id: $id) { channels } agent(id: $agentId) { channels } }`,
      { id: team.id, agentId: agent.id },
      tenant.tokens.DIRECTOR,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      team: { channels: ['EMAIL', 'WEB', 'API', 'MESSAGING', 'VOICEMAIL'] },
      agent: { channels: ['WEB', 'MESSAGING', 'VOICEMAIL'] },
    });
    const unknown = await api.gql(
      `mutation($input: CreateTeamInput!) { createTeam(input: $input) { team { id } } }`,
      { input: { name: 'Pigeons', timeZone: 'UTC', channels: ['PIGEON'] } },
      tenant.tokens.DIRECTOR,
    );
    expect(unknown.data ?? null).toBeNull();
    expect(unknown.errors![0]!.extensions!['code']).toBe('BAD_USER_INPUT');
  });

  it('stores contacts on each new channel, with the queue fields on MESSAGING only, and reports KPIs by channel', async () => {
    const base = { source: 'zendesk', agentId: agent.id };
    const result = await ingest(api, tenant, 'interactions', [
      // WEB: first reply after 600 s, resolved after 3600 s.
      {
        ...base,
        externalId: 'w1',
        channel: 'WEB',
        status: 'RESOLVED',
        createdAt: '2026-05-04T08:00:00Z',
        firstResponseAt: '2026-05-04T08:10:00Z',
        resolvedAt: '2026-05-04T09:00:00Z',
      },
      // API: open, first reply after 1200 s.
      {
        ...base,
        externalId: 'a1',
        channel: 'API',
        status: 'OPEN',
        createdAt: '2026-05-04T08:00:00Z',
        firstResponseAt: '2026-05-04T08:20:00Z',
      },
      // MESSAGING: answered after 15 s (within 20 s), first reply then, resolved after 900 s.
      {
        ...base,
        externalId: 'm1',
        channel: 'MESSAGING',
        status: 'RESOLVED',
        createdAt: '2026-05-04T10:00:00Z',
        answeredAt: '2026-05-04T10:00:15Z',
        firstResponseAt: '2026-05-04T10:00:15Z',
        resolvedAt: '2026-05-04T10:15:00Z',
      },
      // MESSAGING: answered after 45 s.
      {
        ...base,
        externalId: 'm2',
        channel: 'MESSAGING',
        status: 'OPEN',
        createdAt: '2026-05-04T10:30:00Z',
        answeredAt: '2026-05-04T10:30:45Z',
        firstResponseAt: '2026-05-04T10:30:45Z',
      },
      // MESSAGING: abandoned after 60 s, no agent.
      {
        source: 'zendesk',
        externalId: 'm3',
        channel: 'MESSAGING',
        teamId: team.id,
        status: 'OPEN',
        createdAt: '2026-05-04T11:00:00Z',
        abandonedAt: '2026-05-04T11:01:00Z',
      },
      // VOICEMAIL: called back after 1800 s.
      {
        ...base,
        externalId: 'v1',
        channel: 'VOICEMAIL',
        status: 'RESOLVED',
        createdAt: '2026-05-04T12:00:00Z',
        firstResponseAt: '2026-05-04T12:30:00Z',
        resolvedAt: '2026-05-04T12:30:00Z',
      },
      // VOICEMAIL has no live queue: an answer time is refused.
      {
        ...base,
        externalId: 'v2',
        channel: 'VOICEMAIL',
        status: 'OPEN',
        createdAt: '2026-05-04T12:00:00Z',
        answeredAt: '2026-05-04T12:00:05Z',
      },
    ]);
    expect(result).toEqual({
      inserted: 6,
      updated: 0,
      unchanged: 0,
      rejected: [
        {
          index: 6,
          field: 'input.interactions.6.answeredAt',
          message: 'answeredAt, abandonedAt and waitTimeSeconds apply to PHONE, CHAT and MESSAGING only',
        },
      ],
    });
    // The database holds the same rule: a VOICEMAIL row with a queue time is refused there too.
    await expect(
      api.sql(
        `INSERT INTO interactions (tenant_id, source, external_id, channel, team_id, status, created_at, answered_at)
         VALUES ($1, 'sql', 'v3', 'VOICEMAIL', $2, 'OPEN', $3, $3)`,
        [tenant.tenantId, team.id, '2026-05-04T12:00:00Z'],
      ),
    ).rejects.toThrow(/interactions_queue_only_live/);

    const report = await kpis({
      metrics: [
        'CONTACTS',
        'FIRST_RESPONSE_TIME_MEAN',
        'RESOLUTION_TIME_MEAN',
        'SERVICE_LEVEL',
        'ABANDONMENT_RATE',
        'AVERAGE_SPEED_OF_ANSWER',
      ],
      groupBy: ['CHANNEL'],
    });
    const byChannel = Object.fromEntries(
      report.rows.map((r) => [
        r.group.channel,
        Object.fromEntries(
          Object.entries(valuesOf(r)).map(([m, v]) => [m, v.value === null ? null : Number(v.value.toFixed(6))]),
        ),
      ]),
    );
    expect(byChannel).toEqual({
      API: {
        CONTACTS: 1,
        FIRST_RESPONSE_TIME_MEAN: 1200,
        RESOLUTION_TIME_MEAN: null,
        SERVICE_LEVEL: null,
        ABANDONMENT_RATE: null,
        AVERAGE_SPEED_OF_ANSWER: null,
      },
      MESSAGING: {
        CONTACTS: 3,
        // First replies 15 and 45 s; m3 was never answered.
        FIRST_RESPONSE_TIME_MEAN: 30,
        RESOLUTION_TIME_MEAN: 900,
        // Offered 3 (m1, m2 answered, m3 abandoned); within 20 s: m1 → 1 of 3.
        SERVICE_LEVEL: 33.333333,
        ABANDONMENT_RATE: 33.333333,
        AVERAGE_SPEED_OF_ANSWER: 30,
      },
      VOICEMAIL: {
        CONTACTS: 1,
        FIRST_RESPONSE_TIME_MEAN: 1800,
        RESOLUTION_TIME_MEAN: 1800,
        SERVICE_LEVEL: null,
        ABANDONMENT_RATE: null,
        AVERAGE_SPEED_OF_ANSWER: null,
      },
      WEB: {
        CONTACTS: 1,
        FIRST_RESPONSE_TIME_MEAN: 600,
        RESOLUTION_TIME_MEAN: 3600,
        SERVICE_LEVEL: null,
        ABANDONMENT_RATE: null,
        AVERAGE_SPEED_OF_ANSWER: null,
      },
    });

    // Filtered to two of them, from raw rows (a window not on whole hours) as from the hourly rollup.
    for (const from of [FROM, '2026-05-04T07:30:00Z']) {
      const filtered = await kpis({ from, metrics: ['CONTACTS'], filter: { channels: ['WEB', 'VOICEMAIL'] } });
      expect(filtered.rows.map((r) => valuesOf(r)['CONTACTS']!.value)).toEqual([2]);
    }
  });

  it('sizes MESSAGING like chat (concurrency) and WEB, API and VOICEMAIL as deferred work', async () => {
    const input = {
      teamId: team.id,
      from: '2026-06-01T08:00:00Z',
      to: '2026-06-01T10:00:00Z',
      intervalMinutes: 60,
      shrinkage: 0.1,
    };
    const ask = (channel: string, extra: Record<string, unknown> = {}) =>
      api.gql(REQUIREMENTS, { input: { ...input, channel, ...extra } }, tenant.tokens.DIRECTOR);
    const messaging = await ask('MESSAGING');
    expect(messaging.errors).toBeUndefined();
    expect(messaging.data!['staffingRequirements'].sizingMethod).toBe('CHAT_CONCURRENCY');
    for (const channel of ['WEB', 'API', 'VOICEMAIL']) {
      const missing = await ask(channel);
      expect(missing.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.responseDeadlineSeconds' }],
      });
      const sized = await ask(channel, { responseDeadlineSeconds: 14_400 });
      expect(sized.errors).toBeUndefined();
      expect(sized.data!['staffingRequirements']).toMatchObject({
        sizingMethod: 'DEFERRED_WORK',
        effectiveDeadlineSeconds: 14_400,
      });
    }
  });
});
