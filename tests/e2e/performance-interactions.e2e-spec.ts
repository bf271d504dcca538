import {
  createAgent,
  createTeam,
  createTestTenant,
  ingest,
  KPIS_QUERY,
  startTestApp,
  TestApp,
  TestTenant,
  valuesOf,
} from '@deskforce/testing';

/** The contacts behind a KPI figure: the same slice as kpis, paged, with the same authorization. */
const CONTACTS = `query($input: InteractionsInput!, $first: Int, $after: String) {
  interactions(input: $input, first: $first, after: $after) {
    totalCount
    edges { node { externalId channel category status team { name } agent { name } firstResponseSeconds resolutionSeconds waitSeconds abandoned csat createdAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('interactions (KPI drill-down)', () => {
  let api: TestApp;
  let tenant: TestTenant;
  let istanbul: { id: string };
  let warsaw: { id: string };

  beforeAll(async () => {
    api = await startTestApp();
    tenant = await createTestTenant(api);
    istanbul = await createTeam(api, tenant, {
      name: 'Istanbul',
      timeZone: 'Europe/Istanbul',
      coordinatorIds: [tenant.users.COORDINATOR.id],
    });
    warsaw = await createTeam(api, tenant, { name: 'Warsaw', timeZone: 'Europe/Warsaw' });
    const ayla = await createAgent(api, tenant, istanbul.id, { name: 'Ayla Yilmaz' });
    const piotr = await createAgent(api, tenant, warsaw.id, { name: 'Piotr Nowak' });
    const base = { source: 'zendesk' };
    const rows: Record<string, unknown>[] = [];
    for (let i = 0; i < 5; i++) {
      rows.push({
        ...base,
        externalId: `ist-${i}`,
        channel: 'PHONE',
        agentId: ayla.id,
        status: 'RESOLVED',
        category: i % 2 ? 'billing' : 'returns',
        createdAt: `2026-03-0${2 + i}T09:00:00Z`,
        answeredAt: `2026-03-0${2 + i}T09:00:20Z`,
        firstResponseAt: `2026-03-0${2 + i}T09:00:20Z`,
        resolvedAt: `2026-03-0${2 + i}T09:10:00Z`,
      });
    }
    rows.push({
      ...base,
      externalId: 'ist-abandoned',
      channel: 'PHONE',
      teamId: istanbul.id,
      status: 'OPEN',
      createdAt: '2026-03-04T12:00:00Z',
      abandonedAt: '2026-03-04T12:01:00Z',
    });
    rows.push({
      ...base,
      externalId: 'ist-outside',
      channel: 'PHONE',
      agentId: ayla.id,
      status: 'OPEN',
      createdAt: '2026-04-01T09:00:00Z',
    });
    rows.push({
      ...base,
      externalId: 'waw-1',
      channel: 'EMAIL',
      agentId: piotr.id,
      status: 'OPEN',
      createdAt: '2026-03-03T09:00:00Z',
    });
    await ingest(api, tenant, 'interactions', rows);
    await ingest(api, tenant, 'responses', [
      {
        source: 'zendesk',
        externalId: 's1',
        interactionExternalId: 'ist-0',
        csat: 2,
        respondedAt: '2026-03-02T12:00:00Z',
      },
    ]);
  });
  afterAll(() => api.close());

  const window = { from: '2026-03-01T00:00:00Z', to: '2026-03-31T00:00:00Z' };

  it('lists the contacts a team’s figure counts, newest first, page by page, with the kpis count', async () => {
    const input = { ...window, filter: { teamIds: [istanbul.id] } };
    const figure = await api.gql(
      KPIS_QUERY,
      { input: { ...input, metrics: ['CONTACTS'], groupBy: [] } },
      tenant.tokens.DIRECTOR,
    );
    const contacts = valuesOf(figure.data!['kpis'].rows[0])['CONTACTS']!.value;

    const first = await api.gql(CONTACTS, { input, first: 4 }, tenant.tokens.DIRECTOR);
    expect(first.errors).toBeUndefined();
    const page = first.data!['interactions'];
    expect(page.totalCount).toBe(contacts);
    expect(page.totalCount).toBe(6);
    expect(page.edges.map((e: { node: { externalId: string } }) => e.node.externalId)).toEqual([
      'ist-4',
      'ist-3',
      'ist-abandoned',
      'ist-2',
    ]);
    expect(page.edges[3].node).toMatchObject({
      channel: 'PHONE',
      status: 'RESOLVED',
      team: { name: 'Istanbul' },
      agent: { name: 'Ayla Yilmaz' },
      firstResponseSeconds: 20,
      resolutionSeconds: 600,
      waitSeconds: 20,
      abandoned: false,
    });
    expect(page.edges[2].node).toMatchObject({ agent: null, abandoned: true, waitSeconds: 60 });
    expect(page.pageInfo.hasNextPage).toBe(true);

    const second = await api.gql(CONTACTS, { input, first: 4, after: page.pageInfo.endCursor }, tenant.tokens.DIRECTOR);
    expect(
      second.data!['interactions'].edges.map((e: { node: { externalId: string; csat: number | null } }) => [
        e.node.externalId,
        e.node.csat,
      ]),
    ).toEqual([
      ['ist-1', null],
      ['ist-0', 2],
    ]);
    expect(second.data!['interactions'].pageInfo.hasNextPage).toBe(false);
  });

  it('filters by channel and category as kpis do', async () => {
    const billing = await api.gql(
      CONTACTS,
      { input: { ...window, filter: { categories: ['billing'], channels: ['PHONE'] } } },
      tenant.tokens.TRAINER,
    );
    expect(billing.data!['interactions'].edges.map((e: { node: { externalId: string } }) => e.node.externalId)).toEqual(
      ['ist-3', 'ist-1'],
    );
    const email = await api.gql(
      CONTACTS,
      { input: { ...window, filter: { channels: ['EMAIL'] } } },
      tenant.tokens.DIRECTOR,
    );
    expect(email.data!['interactions'].totalCount).toBe(1);
  });

  it('shows a coordinator only the teams they coordinate, and agents nothing', async () => {
    const all = await api.gql(CONTACTS, { input: window }, tenant.tokens.COORDINATOR);
    expect(all.data!['interactions'].totalCount).toBe(6);
    const other = await api.gql(
      CONTACTS,
      { input: { ...window, filter: { teamIds: [warsaw.id] } } },
      tenant.tokens.COORDINATOR,
    );
    expect(other.errors![0]!.extensions.code).toBe('FORBIDDEN');
    expect((await api.gql(CONTACTS, { input: window }, tenant.tokens.AGENT)).errors![0]!.extensions.code).toBe(
      'FORBIDDEN',
    );
  });

  it('refuses a reversed window and a forged cursor with a field', async () => {
    const reversed = await api.gql(CONTACTS, { input: { from: window.to, to: window.from } }, tenant.tokens.DIRECTOR);
    expect(reversed.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.to' }] });
    const forged = Buffer.from(JSON.stringify(['2026-03-02T00:00:00Z', '1; DROP TABLE interactions'])).toString(
      'base64url',
    );
    const bad = await api.gql(CONTACTS, { input: window, after: forged }, tenant.tokens.DIRECTOR);
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] });
  });
});
