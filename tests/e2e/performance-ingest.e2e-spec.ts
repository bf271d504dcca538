import { COUNT_COLUMNS, KpiGroupBy, KpiMetric, KpiService, rebuildRollups } from '@deskforce/performance';
import { Role, sql, TenantDatabase } from '@deskforce/platform';
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
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';

const row = (externalId: string, agentId: string, overrides: Record<string, unknown> = {}) => ({
  source: 'zendesk',
  externalId,
  channel: 'EMAIL',
  agentId,
  status: 'OPEN',
  createdAt: '2026-04-01T09:00:00Z',
  ...overrides,
});

describe('ingest', () => {
  let api: TestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let team: { id: string };
  let agent: { id: string };
  let agent2: { id: string };

  beforeAll(async () => {
    api = await startTestApp();
    tenant = await createTestTenant(api);
    other = await createTestTenant(api, 'Other Org');
    team = await createTeam(api, tenant);
    agent = await createAgent(api, tenant, team.id);
    agent2 = await createAgent(api, tenant, team.id);
  });
  afterAll(() => api.close());

  it('lands the valid rows, lists each rejected one with its field, and changes nothing on a re-send', async () => {
    const batch = [
      row('e1', agent.id),
      row('e2', agent.id, { channel: 'PHONE' }),
      row('e3', agent.id, { status: 'RESOLVED', resolvedAt: '2026-04-01T08:59:59Z' }),
      row('e2', agent.id, { channel: 'CHAT' }),
      row('e4', randomUUID()),
      row('e5', agent.id, { status: 'RESOLVED' }),
      row('e6', agent.id, { waitTimeSeconds: 12 }),
      row('e7', agent.id, { status: 'ESCALATED' }),
      row('e8', agent.id, { handleTimeSeconds: -1 }),
    ];
    const first = await ingest(api, tenant, 'interactions', batch);
    expect(first).toEqual({
      inserted: 2,
      updated: 0,
      unchanged: 0,
      rejected: [
        {
          index: 1,
          field: 'input.interactions.1.externalId',
          message: 'is repeated further on (at 3); the last one is kept',
        },
        { index: 2, field: 'input.interactions.2.resolvedAt', message: 'is before createdAt' },
        { index: 4, field: 'input.interactions.4.agentId', message: 'is not an agent of this organisation' },
        { index: 5, field: 'input.interactions.5.resolvedAt', message: 'is required when status is RESOLVED' },
        {
          index: 6,
          field: 'input.interactions.6.answeredAt',
          message: 'answeredAt, abandonedAt and waitTimeSeconds apply to PHONE, CHAT and MESSAGING only',
        },
        { index: 7, field: 'input.interactions.7.escalatedTo', message: 'is required when status is ESCALATED' },
        {
          index: 8,
          field: 'input.interactions.8.handleTimeSeconds',
          message: 'must be a whole number of seconds, 0 to 604800',
        },
      ],
    });
    const stored = await api.sql<{ external_id: string; channel: string }>(
      `SELECT external_id, channel FROM interactions WHERE tenant_id = $1 ORDER BY 1`,
      [tenant.tenantId],
    );
    expect(stored).toEqual([
      { external_id: 'e1', channel: 'EMAIL' },
      { external_id: 'e2', channel: 'CHAT' },
    ]);

    const again = await ingest(api, tenant, 'interactions', batch);
    expect({ ...again, rejected: again.rejected.length }).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 2,
      rejected: 7,
    });

    const changed = await ingest(api, tenant, 'interactions', [
      row('e1', agent2.id, { status: 'RESOLVED', resolvedAt: '2026-04-01T10:00:00Z' }),
      row('e2', agent.id, { channel: 'CHAT' }),
    ]);
    expect(changed).toEqual({ inserted: 0, updated: 1, unchanged: 1, rejected: [] });
    // The rollup moved e1 from agent to agent2.
    const report = await api.gql(
      KPIS_QUERY,
      {
        input: {
          from: '2026-04-01T00:00:00Z',
          to: '2026-04-02T00:00:00Z',
          metrics: ['CONTACTS', 'RESOLUTION_RATE'],
          groupBy: ['AGENT'],
        },
      },
      tenant.tokens.DIRECTOR,
    );
    const rows = (report.data!['kpis'].rows as KpiRowResult[]).map((r) => [
      r.group.agent!.id,
      valuesOf(r)['CONTACTS']!.value,
      valuesOf(r)['RESOLUTION_RATE']!.value,
    ]);
    expect(rows.sort()).toEqual(
      [
        [agent.id, 1, 0],
        [agent2.id, 1, 100],
      ].sort(),
    );
  });

  it('keeps the good rows of a batch with an unknown channel or a bad date: one rejection per bad row', async () => {
    const batch = [
      row('g1', agent.id, { channel: 'MESSAGING' }),
      row('g2', agent.id, { channel: 'PIGEON' }),
      row('g3', agent2.id, { status: 'RESOLVED', resolvedAt: '2026-04-01T12:00:00+02:00' }),
      row('g4', agent.id, { createdAt: '2026-02-30T09:00:00Z' }),
      row('g5', agent.id, { firstResponseAt: 'yesterday' }),
      row('g6', agent.id, { createdAt: '2026-04-01T09:00:00' }), // no offset
      row('g7', agent2.id, { status: 'DONE' }),
      row('g8', agent.id, { channel: 'WEB' }),
    ];
    const result = await ingest(api, tenant, 'interactions', batch);
    expect(result).toEqual({
      inserted: 3,
      updated: 0,
      unchanged: 0,
      rejected: [
        {
          index: 1,
          field: 'input.interactions.1.channel',
          message: 'must be PHONE, EMAIL, CHAT, SOCIAL, WEB, API, MESSAGING or VOICEMAIL',
        },
        {
          index: 3,
          field: 'input.interactions.3.createdAt',
          message: 'is required, an ISO 8601 date-time with an offset',
        },
        {
          index: 4,
          field: 'input.interactions.4.firstResponseAt',
          message: 'must be an ISO 8601 date-time with an offset',
        },
        {
          index: 5,
          field: 'input.interactions.5.createdAt',
          message: 'is required, an ISO 8601 date-time with an offset',
        },
        { index: 6, field: 'input.interactions.6.status', message: 'must be OPEN, RESOLVED or ESCALATED' },
      ],
    });
    const stored = await api.sql<{ external_id: string; channel: string; resolved_at: Date | null }>(
      `SELECT external_id, channel, resolved_at FROM interactions WHERE tenant_id = $1 AND external_id LIKE 'g%' ORDER BY 1`,
      [tenant.tenantId],
    );
    expect(stored).toEqual([
      { external_id: 'g1', channel: 'MESSAGING', resolved_at: null },
      { external_id: 'g3', channel: 'EMAIL', resolved_at: new Date('2026-04-01T10:00:00Z') },
      { external_id: 'g8', channel: 'WEB', resolved_at: null },
    ]);

    // The same for survey responses and agent states: a bad date or state rejects its row only.
    const responses = await ingest(api, tenant, 'responses', [
      { source: 'zendesk', externalId: 'gr1', interactionExternalId: 'g1', csat: 5, respondedAt: '2026-04-02' },
      { source: 'zendesk', externalId: 'gr2', interactionExternalId: 'g1', csat: 4, respondedAt: '2026-04-02T08:00Z' },
    ]);
    expect(responses).toMatchObject({
      inserted: 1,
      rejected: [
        {
          index: 0,
          field: 'input.responses.0.respondedAt',
          message: 'is required, an ISO 8601 date-time with an offset',
        },
      ],
    });
    const states = await ingest(api, tenant, 'states', [
      { agentId: agent2.id, state: 'NAPPING', startedAt: '2026-04-05T10:00:00Z', endedAt: '2026-04-05T11:00:00Z' },
      { agentId: agent2.id, state: 'BUSY', startedAt: '2026-04-05T10:00:00Z', endedAt: '2026-04-05T25:00:00Z' },
      { agentId: agent2.id, state: 'BUSY', startedAt: '2026-04-05T12:00:00Z', endedAt: '2026-04-05T13:00:00Z' },
    ]);
    expect(states).toEqual({
      inserted: 1,
      updated: 0,
      unchanged: 0,
      rejected: [
        {
          index: 0,
          field: 'input.states.0.state',
          message: 'must be AVAILABLE, BUSY, AFTER_CALL_WORK, BREAK or OFFLINE',
        },
        {
          index: 1,
          field: 'input.states.1.endedAt',
          message: 'is required, an ISO 8601 date-time with an offset',
        },
      ],
    });
  });

  it('refuses a malformed batch as a whole and writes nothing', async () => {
    const before = await api.sql(`SELECT count(*)::int AS n FROM interactions WHERE tenant_id = $1`, [tenant.tenantId]);
    // The shape is still GraphQL's: a missing required field, a number that is not one, an overlong string.
    const noChannel = await api.gql(
      `mutation($input: IngestInteractionsInput!) { ingestInteractions(input: $input) { inserted } }`,
      { input: { interactions: [row('x1', agent.id), { ...row('x2', agent.id), channel: undefined }] } },
      tenant.tokens.DIRECTOR,
    );
    expect(noChannel.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const notANumber = await api.gql(
      `mutation($input: IngestInteractionsInput!) { ingestInteractions(input: $input) { inserted } }`,
      { input: { interactions: [row('x1', agent.id, { handleTimeSeconds: 'long' })] } },
      tenant.tokens.DIRECTOR,
    );
    expect(notANumber.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const overlong = await api.gql(
      `mutation($input: IngestInteractionsInput!) { ingestInteractions(input: $input) { inserted } }`,
      { input: { interactions: [row('x1', agent.id), row('x2', agent.id, { createdAt: '2'.repeat(101) })] } },
      tenant.tokens.DIRECTOR,
    );
    expect(overlong.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.interactions.1.createdAt', message: 'must be at most 100 characters' }],
    });
    const tooMany = await api.gql(
      `mutation($input: IngestInteractionsInput!) { ingestInteractions(input: $input) { inserted } }`,
      { input: { interactions: Array.from({ length: 5001 }, (_, i) => row(`big${i}`, agent.id)) } },
      tenant.tokens.DIRECTOR,
    );
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.interactions' }],
    });
    expect(
      await api.sql(`SELECT count(*)::int AS n FROM interactions WHERE tenant_id = $1`, [tenant.tenantId]),
    ).toEqual(before);
    const coordinator = await api.gql(
      `mutation($input: IngestInteractionsInput!) { ingestInteractions(input: $input) { inserted } }`,
      { input: { interactions: [row('x2', agent.id)] } },
      tenant.tokens.COORDINATOR,
    );
    expect(coordinator.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });

  it('takes a full batch of 5,000 rows in one statement', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) =>
      row(`bulk-${i}`, i % 2 ? agent.id : agent2.id, {
        createdAt: new Date(Date.UTC(2026, 4, 1) + i * 60_000).toISOString(),
      }),
    );
    expect(await ingest(api, tenant, 'interactions', rows)).toEqual({
      inserted: 5000,
      updated: 0,
      unchanged: 0,
      rejected: [],
    });
    expect(await ingest(api, tenant, 'interactions', rows)).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 5000,
      rejected: [],
    });
  });

  it('rejects survey responses with a CSAT of 7, an NPS of 11 or an unknown interaction', async () => {
    const result = await ingest(api, tenant, 'responses', [
      {
        source: 'zendesk',
        externalId: 'r1',
        interactionExternalId: 'e1',
        csat: 7,
        respondedAt: '2026-04-02T00:00:00Z',
      },
      {
        source: 'zendesk',
        externalId: 'r2',
        interactionExternalId: 'e1',
        nps: 11,
        respondedAt: '2026-04-02T00:00:00Z',
      },
      {
        source: 'zendesk',
        externalId: 'r3',
        interactionExternalId: 'nope',
        csat: 5,
        respondedAt: '2026-04-02T00:00:00Z',
      },
      { source: 'zendesk', externalId: 'r4', interactionExternalId: 'e1', respondedAt: '2026-04-02T00:00:00Z' },
      {
        source: 'zendesk',
        externalId: 'r5',
        interactionExternalId: 'e1',
        csat: 5,
        nps: 10,
        respondedAt: '2026-04-02T00:00:00Z',
      },
    ]);
    expect(result).toEqual({
      inserted: 1,
      updated: 0,
      unchanged: 0,
      rejected: [
        { index: 0, field: 'input.responses.0.csat', message: 'must be a whole number from 1 to 5' },
        { index: 1, field: 'input.responses.1.nps', message: 'must be a whole number from 0 to 10' },
        {
          index: 2,
          field: 'input.responses.2.interactionExternalId',
          message: 'names no interaction of this organisation (send the interaction first)',
        },
        { index: 3, field: 'input.responses.3.csat', message: 'a response needs a CSAT score, an NPS score or both' },
      ],
    });
  });

  it('rejects agent states that end before they start, last over a day or name an unknown agent', async () => {
    const result = await ingest(api, tenant, 'states', [
      { agentId: agent.id, state: 'BUSY', startedAt: '2026-04-01T10:00:00Z', endedAt: '2026-04-01T09:00:00Z' },
      { agentId: agent.id, state: 'BUSY', startedAt: '2026-04-01T10:00:00Z', endedAt: '2026-04-03T09:00:00Z' },
      { agentId: randomUUID(), state: 'BUSY', startedAt: '2026-04-01T10:00:00Z', endedAt: '2026-04-01T11:00:00Z' },
      { agentId: agent.id, state: 'AVAILABLE', startedAt: '2026-04-01T10:00:00Z', endedAt: '2026-04-01T11:00:00Z' },
    ]);
    expect(result).toEqual({
      inserted: 1,
      updated: 0,
      unchanged: 0,
      rejected: [
        { index: 0, field: 'input.states.0.endedAt', message: 'must be after startedAt' },
        {
          index: 1,
          field: 'input.states.1.endedAt',
          message: 'a state event lasts at most 24 hours (split longer ones)',
        },
        { index: 2, field: 'input.states.2.agentId', message: 'is not an agent of this organisation' },
      ],
    });
  });

  it("keeps tenants apart: another organisation can neither reference nor read this one's data", async () => {
    const otherTeam = await createTeam(api, other);
    const attempt = await ingest(api, other, 'interactions', [
      row('e1', agent.id),
      row('e9', agent.id, { agentId: undefined, teamId: team.id }),
    ]);
    expect(attempt.rejected.map((r) => r.field)).toEqual([
      'input.interactions.0.agentId',
      'input.interactions.1.teamId',
    ]);
    const survey = await ingest(api, other, 'responses', [
      {
        source: 'zendesk',
        externalId: 'r1',
        interactionExternalId: 'e1',
        csat: 5,
        respondedAt: '2026-04-02T00:00:00Z',
      },
    ]);
    expect(survey.rejected.map((r) => r.field)).toEqual(['input.responses.0.interactionExternalId']);
    const report = await api.gql(
      KPIS_QUERY,
      {
        input: {
          from: '2026-04-01T00:00:00Z',
          to: '2026-06-01T00:00:00Z',
          metrics: ['CONTACTS'],
          filter: { teamIds: [team.id, otherTeam.id] },
        },
      },
      other.tokens.DIRECTOR,
    );
    expect(valuesOf(report.data!['kpis'].rows[0])['CONTACTS']).toEqual({ value: null, sampleSize: 0 });
  });
});

/** A small deterministic generator, so a failing case can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('rollups against raw rows', () => {
  let api: TestApp;
  let tenant: TestTenant;
  let teams: string[];
  let agents: string[];
  const START = Date.UTC(2026, 2, 27); // spans the European DST change of 2026-03-29

  beforeAll(async () => {
    api = await startTestApp();
    tenant = await createTestTenant(api);
    teams = [(await createTeam(api, tenant)).id, (await createTeam(api, tenant)).id];
    agents = [];
    for (let i = 0; i < 4; i++) agents.push((await createAgent(api, tenant, teams[i % 2]!)).id);
    const random = mulberry32(7);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const iso = (ms: number) => new Date(Math.round(ms)).toISOString();
    // Three rounds over the same keys: later rounds move contacts between agents, channels and hours.
    for (let round = 0; round < 3; round++) {
      const rows = Array.from({ length: 400 }, (_, k) => {
        const created = START + random() * 5 * 86_400_000;
        const channel = pick(['PHONE', 'EMAIL', 'CHAT', 'SOCIAL']);
        const live = channel === 'PHONE' || channel === 'CHAT';
        const resolved = random() < 0.6;
        const abandoned = live && random() < 0.15;
        return {
          source: 'gen',
          externalId: `g${round === 0 ? k : Math.floor(random() * 500)}`,
          channel,
          agentId: abandoned ? null : pick(agents),
          teamId: abandoned ? pick(teams) : null,
          category: pick(['billing', 'returns', null]),
          status: resolved ? 'RESOLVED' : random() < 0.2 ? 'ESCALATED' : 'OPEN',
          escalatedTo: random() < 0.3 ? 'billing' : 'technical support',
          createdAt: iso(created),
          firstResponseAt: random() < 0.8 ? iso(created + random() * 7200_000) : null,
          resolvedAt: resolved ? iso(created + random() * 86_400_000) : null,
          handleTimeSeconds: random() < 0.9 ? Math.floor(random() * 1200) : null,
          reopenCount: random() < 0.1 ? 1 : 0,
          contactsToResolve: random() < 0.8 ? 1 + Math.floor(random() * 3) : null,
          complaint: random() < 0.05,
          answeredAt: live && !abandoned ? iso(created + random() * 60_000) : null,
          abandonedAt: abandoned ? iso(created + random() * 60_000) : null,
        };
      });
      const seen = new Set<string>();
      const unique = rows.reverse().filter((r) => !seen.has(r.externalId) && seen.add(r.externalId));
      const result = await ingest(api, tenant, 'interactions', unique);
      expect(result.rejected).toEqual([]);
      const surveys = unique
        .filter(() => random() < 0.4)
        .map((r, k) => ({
          source: 'gen',
          externalId: `s${round}-${k % 150}`,
          interactionExternalId: r.externalId,
          csat: random() < 0.8 ? 1 + Math.floor(random() * 5) : null,
          nps: random() < 0.6 ? Math.floor(random() * 11) : 7,
          respondedAt: r.createdAt,
        }));
      const seenSurvey = new Set<string>();
      expect(
        (
          await ingest(
            api,
            tenant,
            'responses',
            surveys.reverse().filter((s) => !seenSurvey.has(s.externalId) && seenSurvey.add(s.externalId)),
          )
        ).rejected,
      ).toEqual([]);
      const states = agents.flatMap((agentId) =>
        Array.from({ length: 30 }, () => {
          const start = START + Math.floor(random() * 5 * 96) * 900_000 + Math.floor(random() * 900) * 1000;
          return {
            agentId,
            state: pick(['AVAILABLE', 'BUSY', 'AFTER_CALL_WORK', 'BREAK', 'OFFLINE']),
            startedAt: iso(start),
            endedAt: iso(start + 60_000 + random() * 3 * 3600_000),
          };
        }),
      );
      const seenState = new Set<string>();
      expect(
        (
          await ingest(
            api,
            tenant,
            'states',
            states.filter((s) => !seenState.has(s.agentId + s.startedAt) && seenState.add(s.agentId + s.startedAt)),
          )
        ).rejected,
      ).toEqual([]);
    }
  });
  afterAll(() => api.close());

  it('gives the same counts, sums and staff time from the rollup as from the raw rows, for random slices', async () => {
    const service = api.app.get(KpiService);
    const actor = tenant.actor(Role.DIRECTOR);
    const metrics = [
      KpiMetric.CONTACTS,
      KpiMetric.FIRST_RESPONSE_TIME_MEAN,
      KpiMetric.UNANSWERED_CONTACTS,
      KpiMetric.RESOLUTION_TIME_MEAN,
      KpiMetric.RESOLUTION_RATE,
      KpiMetric.FIRST_CONTACT_RESOLUTION_RATE,
      KpiMetric.ESCALATION_RATE,
      KpiMetric.REOPEN_RATE,
      KpiMetric.AVERAGE_HANDLE_TIME,
      KpiMetric.CSAT,
      KpiMetric.NPS,
      KpiMetric.COMPLAINT_COUNT,
      KpiMetric.ABANDONMENT_RATE,
      KpiMetric.AVERAGE_SPEED_OF_ANSWER,
      KpiMetric.OCCUPANCY,
      KpiMetric.CONTACTS_PER_AGENT_HOUR,
    ];
    const slice = fc.record({
      fromHour: fc.integer({ min: -24, max: 6 * 24 }),
      hours: fc.integer({ min: 1, max: 7 * 24 }),
      zone: fc.constantFrom('UTC', 'Europe/Warsaw', 'America/New_York', 'Asia/Baku', 'Pacific/Auckland'),
      dims: fc.subarray([KpiGroupBy.AGENT, KpiGroupBy.TEAM, KpiGroupBy.CHANNEL]),
      period: fc.constantFrom(null, KpiGroupBy.DAY, KpiGroupBy.WEEK, KpiGroupBy.MONTH),
      team: fc.option(fc.integer({ min: 0, max: 1 }), { nil: null }),
      agent: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
      channels: fc.option(fc.subarray(['PHONE', 'EMAIL', 'CHAT', 'SOCIAL'], { minLength: 1 }), { nil: null }),
      categories: fc.option(fc.subarray(['billing', 'returns'], { minLength: 1 }), { nil: null }),
    });
    await fc.assert(
      fc.asyncProperty(slice, async (s) => {
        const input = {
          from: new Date(START + s.fromHour * 3600_000),
          to: new Date(START + (s.fromHour + s.hours) * 3600_000),
          timeZone: s.zone,
          serviceLevelTargetSeconds: 20,
          metrics,
          groupBy: [...s.dims, ...(s.period ? [s.period] : [])],
          filter: {
            teamIds: s.team === null ? undefined : [teams[s.team]!],
            agentIds: s.agent === null ? undefined : [agents[s.agent]!],
            channels: s.channels ?? undefined,
            categories: s.categories ?? undefined,
          } as never,
        };
        const rollup = await service.kpis(actor, input, { countsSource: 'ROLLUP' });
        const raw = await service.kpis(actor, input, { countsSource: 'RAW_ROWS' });
        expect(rollup.rows).toEqual(raw.rows);
      }),
      { numRuns: 60, seed: 42 },
    );
  });

  it('leaves no empty rollup cell behind when contacts and state time move away', async () => {
    const emptyCells = await api.sql(
      `SELECT count(*)::int AS n FROM interaction_hourly WHERE tenant_id = $1 AND contacts = 0`,
      [tenant.tenantId],
    );
    const emptyHours = await api.sql(
      `SELECT count(*)::int AS n FROM agent_state_hourly WHERE tenant_id = $1 AND available_ms = 0 AND busy_ms = 0 AND after_call_work_ms = 0 AND break_ms = 0 AND offline_ms = 0`,
      [tenant.tenantId],
    );
    expect([emptyCells, emptyHours]).toEqual([[{ n: 0 }], [{ n: 0 }]]);
    const totals = await api.sql(
      `SELECT (SELECT sum(contacts)::int FROM interaction_hourly WHERE tenant_id = $1) AS rolled, (SELECT count(*)::int FROM interactions WHERE tenant_id = $1) AS raw`,
      [tenant.tenantId],
    );
    expect(totals[0]!['rolled']).toBe(totals[0]!['raw']);
  });

  it('rebuilds from the raw rows the same rollups the ingests kept up to date (what the seeds rely on)', async () => {
    const snapshot = async () => [
      await api.sql(
        `SELECT team_id, hour, agent_key, channel, category, ${COUNT_COLUMNS.join(', ')} FROM interaction_hourly WHERE tenant_id = $1 ORDER BY 1, 2, 3, 4, 5`,
        [tenant.tenantId],
      ),
      await api.sql(`SELECT * FROM agent_state_hourly WHERE tenant_id = $1 ORDER BY team_id, hour, agent_id`, [
        tenant.tenantId,
      ]),
    ];
    const kept = await snapshot();
    const db = api.app.get(TenantDatabase);
    await db.transaction(tenant.tenantId, async () => {
      for (const statement of rebuildRollups(tenant.tenantId)) await db.many(statement);
    });
    expect(await snapshot()).toEqual(kept);
  });

  it('rebuilds the rollups in the order KPI queries read them, a team’s hours together, even when summed by hash', async () => {
    const db = api.app.get(TenantDatabase);
    await db.transaction(tenant.tenantId, async () => {
      // Summing by hash, as the seeds do with their memory; a sorted aggregate would hide the order it writes in.
      await db.many(sql`SET LOCAL enable_sort = off`);
      for (const statement of rebuildRollups(tenant.tenantId)) await db.many(statement);
    });
    for (const table of ['interaction_hourly', 'agent_state_hourly']) {
      const [order] = await api.sql<{ cells: number; backwards: number }>(
        `SELECT count(*)::int AS cells, count(*) FILTER (WHERE (before_team, before_hour) > (team_id, hour))::int AS backwards
           FROM (SELECT team_id, hour, lag(team_id) OVER w AS before_team, lag(hour) OVER w AS before_hour
                   FROM ${table} WHERE tenant_id = $1 WINDOW w AS (ORDER BY ctid)) x`,
        [tenant.tenantId],
      );
      expect(order!.cells).toBeGreaterThan(10);
      expect({ table, backwards: order!.backwards }).toEqual({ table, backwards: 0 });
    }
  });
});
