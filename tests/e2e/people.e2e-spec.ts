import { createAgent, createTeam, createTestTenant, startTestApp, TestApp, TestTenant } from '@deskforce/testing';

const CREATE_AGENT = `mutation($input: CreateAgentInput!) { createAgent(input: $input) { agent { id name email level employmentStatus hireDate contractedWeeklyHours hourlyCost channels skills { skill proficiency } team { id name timeZone } } } }`;
const AGENTS_PAGE = `query($first: Int, $after: String, $filter: AgentFilter) {
  agents(first: $first, after: $after, filter: $filter) { totalCount edges { cursor node { id name } } pageInfo { hasNextPage endCursor } }
}`;

describe('teams and agents', () => {
  let api: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    api = await startTestApp();
    tenant = await createTestTenant(api);
  });
  afterAll(() => api.close());

  const validAgent = (teamId: string, overrides: Record<string, unknown> = {}) => ({
    name: 'Ayla Demir',
    email: `ayla.${Math.random().toString(36).slice(2)}@example.test`,
    teamId,
    level: 'ENTRY',
    hireDate: '2025-03-01',
    contractedWeeklyHours: 40,
    hourlyCost: 18.5,
    channels: ['PHONE'],
    skills: [{ skill: 'billing', proficiency: 4 }],
    ...overrides,
  });

  it('creates a team in an IANA time zone with coordinators, and reads it back', async () => {
    const response = await api.gql(
      `mutation($input: CreateTeamInput!) { createTeam(input: $input) { team { id name timeZone channels leadAgent { id } coordinators { id role } } } }`,
      {
        input: {
          name: 'Baku Billing',
          timeZone: 'Asia/Baku',
          channels: ['PHONE', 'EMAIL'],
          coordinatorIds: [tenant.users.COORDINATOR.id],
        },
      },
      tenant.tokens.DIRECTOR,
    );
    expect(response.errors).toBeUndefined();
    const team = response.data!['createTeam'].team;
    expect(team).toMatchObject({
      name: 'Baku Billing',
      timeZone: 'Asia/Baku',
      channels: ['PHONE', 'EMAIL'],
      leadAgent: null,
    });
    expect(team.coordinators).toEqual([{ id: tenant.users.COORDINATOR.id, role: 'COORDINATOR' }]);

    const read = await api.gql(
      `query($id: ID!) { team(id: $id) { name timeZone } }`,
      { id: team.id },
      tenant.tokens.AGENT,
    );
    expect(read.data!['team']).toEqual({ name: 'Baku Billing', timeZone: 'Asia/Baku' });
  });

  it('creates an agent with skills and sets a team lead', async () => {
    const team = await createTeam(api, tenant, { timeZone: 'Europe/Istanbul' });
    const response = await api.gql(
      CREATE_AGENT,
      { input: validAgent(team.id, { email: 'Lead.Agent@Example.test', level: 'TEAM_LEAD' }) },
      tenant.tokens.DIRECTOR,
    );
    expect(response.errors).toBeUndefined();
    const agent = response.data!['createAgent'].agent;
    expect(agent).toMatchObject({
      email: 'lead.agent@example.test',
      level: 'TEAM_LEAD',
      employmentStatus: 'ACTIVE',
      hireDate: '2025-03-01',
      contractedWeeklyHours: 40,
      hourlyCost: 18.5,
      skills: [{ skill: 'billing', proficiency: 4 }],
      team: { id: team.id, timeZone: 'Europe/Istanbul' },
    });

    const lead = await api.gql(
      `mutation($input: UpdateTeamInput!) { updateTeam(input: $input) { team { leadAgent { id name } } } }`,
      { input: { id: team.id, leadAgentId: agent.id } },
      tenant.tokens.DIRECTOR,
    );
    expect(lead.data!['updateTeam'].team.leadAgent).toEqual({ id: agent.id, name: 'Ayla Demir' });
  });

  it('updates an agent, replaces skills, and deactivates without deleting history', async () => {
    const team = await createTeam(api, tenant);
    const agent = await createAgent(api, tenant, team.id);
    const updated = await api.gql(
      `mutation($input: UpdateAgentInput!) { updateAgent(input: $input) { agent { level contractedWeeklyHours employmentStatus } } }`,
      { input: { id: agent.id, level: 'SENIOR', contractedWeeklyHours: 32, employmentStatus: 'ON_LEAVE' } },
      tenant.tokens.DIRECTOR,
    );
    expect(updated.data!['updateAgent'].agent).toEqual({
      level: 'SENIOR',
      contractedWeeklyHours: 32,
      employmentStatus: 'ON_LEAVE',
    });

    const skills = await api.gql(
      `mutation($input: SetAgentSkillsInput!) { setAgentSkills(input: $input) { agent { skills { skill proficiency } } } }`,
      {
        input: {
          agentId: agent.id,
          skills: [
            { skill: 'technical support', proficiency: 5 },
            { skill: 'sales', proficiency: 2 },
          ],
        },
      },
      tenant.tokens.DIRECTOR,
    );
    expect(skills.data!['setAgentSkills'].agent.skills).toEqual([
      { skill: 'sales', proficiency: 2 },
      { skill: 'technical support', proficiency: 5 },
    ]);

    const deactivated = await api.gql(
      `mutation($input: DeactivateAgentInput!) { deactivateAgent(input: $input) { agent { employmentStatus terminatedAt } } }`,
      { input: { agentId: agent.id } },
      tenant.tokens.DIRECTOR,
    );
    expect(deactivated.data!['deactivateAgent'].agent.employmentStatus).toBe('TERMINATED');
    expect(deactivated.data!['deactivateAgent'].agent.terminatedAt).toMatch(/Z$/);
    const [row] = await api.sql<{ count: string }>(`SELECT count(*) FROM agents WHERE id = $1`, [agent.id]);
    expect(row!.count).toBe('1');
  });

  it('lists agents page by page with stable cursors and a total count', async () => {
    const own = await createTestTenant(api, 'Paging Org');
    const team = await createTeam(api, own);
    const names = ['Zofia', 'Emre', 'Leyla', 'Murat', 'Nigar', 'Emre'];
    for (const name of names) await createAgent(api, own, team.id, { name });

    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await api.gql(AGENTS_PAGE, { first: 2, after }, own.tokens.COORDINATOR);
      expect(page.errors).toBeUndefined();
      const connection = page.data!['agents'];
      expect(connection.totalCount).toBe(6);
      seen.push(...connection.edges.map((e: { node: { name: string } }) => e.node.name));
      pages++;
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...names].sort());
  });

  it('filters agents by team, level, skill and search', async () => {
    const own = await createTestTenant(api);
    const a = await createTeam(api, own);
    const b = await createTeam(api, own);
    await createAgent(api, own, a.id, {
      name: 'Piotr Nowak',
      level: 'SENIOR',
      skills: [{ skill: 'sales', proficiency: 3 }],
    });
    await createAgent(api, own, a.id, { name: 'Selin Kaya' });
    await createAgent(api, own, b.id, { name: 'Tomasz Celik', level: 'SENIOR' });
    const names = async (filter: Record<string, unknown>) => {
      const response = await api.gql(AGENTS_PAGE, { filter }, own.tokens.DIRECTOR);
      expect(response.errors).toBeUndefined();
      return response.data!['agents'].edges.map((e: { node: { name: string } }) => e.node.name);
    };
    expect(await names({ teamIds: [a.id] })).toEqual(['Piotr Nowak', 'Selin Kaya']);
    expect(await names({ levels: ['SENIOR'] })).toEqual(['Piotr Nowak', 'Tomasz Celik']);
    expect(await names({ skill: 'sales' })).toEqual(['Piotr Nowak']);
    expect(await names({ search: 'cel' })).toEqual(['Tomasz Celik']);
    expect(await names({ search: '%' })).toEqual([]);
  });

  it('shows an agent only their own record', async () => {
    const own = await createTestTenant(api);
    const team = await createTeam(api, own);
    const me = await createAgent(api, own, team.id, { userId: own.users.AGENT.id, name: 'Me Myself' });
    const colleague = await createAgent(api, own, team.id, { name: 'A Colleague' });

    const list = await api.gql(AGENTS_PAGE, {}, own.tokens.AGENT);
    expect(list.data!['agents']).toMatchObject({ totalCount: 1, edges: [{ node: { id: me.id } }] });
    const mine = await api.gql(`{ me { agent { id name } } }`, {}, own.tokens.AGENT);
    expect(mine.data!['me'].agent).toEqual({ id: me.id, name: 'Me Myself' });
    const other = await api.gql(`query($id: ID!) { agent(id: $id) { id } }`, { id: colleague.id }, own.tokens.AGENT);
    expect(other.errors![0]!.extensions.code).toBe('FORBIDDEN');
  });

  it('lets a coordinator manage only the teams they coordinate', async () => {
    const own = await createTestTenant(api);
    const mine = await createTeam(api, own, { coordinatorIds: [own.users.COORDINATOR.id] });
    const theirs = await createTeam(api, own);
    const ok = await api.gql(CREATE_AGENT, { input: validAgent(mine.id) }, own.tokens.COORDINATOR);
    expect(ok.errors).toBeUndefined();
    const refused = await api.gql(CREATE_AGENT, { input: validAgent(theirs.id) }, own.tokens.COORDINATOR);
    expect(refused.errors![0]!.extensions.code).toBe('FORBIDDEN');
    const move = await api.gql(
      `mutation($input: UpdateAgentInput!) { updateAgent(input: $input) { agent { id } } }`,
      { input: { id: ok.data!['createAgent'].agent.id, teamId: theirs.id } },
      own.tokens.COORDINATOR,
    );
    expect(move.errors![0]!.extensions.code).toBe('FORBIDDEN');
  });

  describe('invalid input is refused with the field named, and nothing is written', () => {
    let team: { id: string };
    beforeAll(async () => {
      team = await createTeam(api, tenant);
    });

    const cases: [string, (teamId: string) => Record<string, unknown>, string][] = [
      ['a bad email', (teamId) => validAgent(teamId, { email: 'not-an-email' }), 'input.email'],
      ['negative hours', (teamId) => validAgent(teamId, { contractedWeeklyHours: -5 }), 'input.contractedWeeklyHours'],
      [
        'proficiency 9',
        (teamId) => validAgent(teamId, { skills: [{ skill: 'billing', proficiency: 9 }] }),
        'input.skills.0.proficiency',
      ],
      ['a 10,000-character name', (teamId) => validAgent(teamId, { name: 'x'.repeat(10_000) }), 'input.name'],
      ['an impossible hire date', (teamId) => validAgent(teamId, { hireDate: '2025-02-30' }), 'input.hireDate'],
      ['a malformed team id', () => validAgent('not-a-uuid'), 'input.teamId'],
      ['an unknown field', (teamId) => ({ ...validAgent(teamId), salary: 1 }), 'input'],
    ];

    it.each(cases)('createAgent with %s', async (_label, input, field) => {
      const before = await api.sql<{ count: string }>(`SELECT count(*) FROM agents WHERE tenant_id = $1`, [
        tenant.tenantId,
      ]);
      const response = await api.gql(CREATE_AGENT, { input: input(team.id) }, tenant.tokens.DIRECTOR);
      expect(response.errors).toHaveLength(1);
      const error = response.errors![0]!;
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(error)).toContain(field);
      expect(JSON.stringify(error)).not.toMatch(/stack|SELECT|INSERT/i);
      const after = await api.sql<{ count: string }>(`SELECT count(*) FROM agents WHERE tenant_id = $1`, [
        tenant.tenantId,
      ]);
      expect(after[0]!.count).toBe(before[0]!.count);
    });

    it('createTeam with an unknown time zone', async () => {
      const response = await api.gql(
        `mutation($input: CreateTeamInput!) { createTeam(input: $input) { team { id } } }`,
        { input: { name: 'Nowhere', timeZone: 'Mars/Olympus_Mons' } },
        tenant.tokens.DIRECTOR,
      );
      expect(response.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.timeZone' }],
      });
      expect(await api.sql(`SELECT 1 FROM teams WHERE name = 'Nowhere'`)).toHaveLength(0);
    });

    it('a malformed cursor and a page size over the cap', async () => {
      const cursor = await api.gql(AGENTS_PAGE, { after: 'definitely-not-a-cursor' }, tenant.tokens.DIRECTOR);
      expect(cursor.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] });
      const huge = await api.gql(AGENTS_PAGE, { first: 1_000_000 }, tenant.tokens.DIRECTOR);
      expect(huge.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'first' }] });
    });

    it('a duplicate email is a CONFLICT on the field and rolls the whole mutation back', async () => {
      const first = await api.gql(
        CREATE_AGENT,
        { input: validAgent(team.id, { email: 'twice@example.test' }) },
        tenant.tokens.DIRECTOR,
      );
      expect(first.errors).toBeUndefined();
      const again = await api.gql(
        CREATE_AGENT,
        { input: validAgent(team.id, { email: 'twice@example.test', skills: [{ skill: 'sales', proficiency: 1 }] }) },
        tenant.tokens.DIRECTOR,
      );
      expect(again.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.email' });
      expect(
        await api.sql(`SELECT 1 FROM agents WHERE email = 'twice@example.test' AND tenant_id = $1`, [tenant.tenantId]),
      ).toHaveLength(1);
    });
  });
});
