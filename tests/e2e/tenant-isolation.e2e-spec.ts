import { createAgent, createTeam, createTestTenant, startTestApp, TestApp, TestTenant } from '@deskforce/testing';

describe('tenant isolation', () => {
  let api: TestApp;
  let a: TestTenant;
  let b: TestTenant;
  let bTeam: { id: string };
  let bAgent: { id: string };

  beforeAll(async () => {
    api = await startTestApp();
    a = await createTestTenant(api, 'Tenant A');
    b = await createTestTenant(api, 'Tenant B');
    await createAgent(api, a, (await createTeam(api, a)).id);
    bTeam = await createTeam(api, b, { coordinatorIds: [b.users.COORDINATOR.id] });
    bAgent = await createAgent(api, b, bTeam.id, { userId: b.users.AGENT.id });
    await api.gql(
      `mutation($input: UpdateTeamInput!) { updateTeam(input: $input) { team { id } } }`,
      { input: { id: bTeam.id, leadAgentId: bAgent.id } },
      b.tokens.DIRECTOR,
    );
  });
  afterAll(() => api.close());

  /** Tables that carry tenant_id, read from the catalog so a new table cannot be forgotten. */
  async function tenantTables(): Promise<string[]> {
    const rows = await api.sql<{ table_name: string }>(
      `SELECT c.table_name FROM information_schema.columns c
         JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'
        ORDER BY 1`,
    );
    return rows.map((r) => r.table_name);
  }

  it("gives tenant A NOT_FOUND on tenant B's ids for every query and mutation that takes one", async () => {
    const token = a.tokens.DIRECTOR;
    const attempts: [string, string, Record<string, unknown>][] = [
      ['team', `query($id: ID!) { team(id: $id) { id } }`, { id: bTeam.id }],
      ['agent', `query($id: ID!) { agent(id: $id) { id } }`, { id: bAgent.id }],
      [
        'updateTeam',
        `mutation($input: UpdateTeamInput!) { updateTeam(input: $input) { team { id } } }`,
        { input: { id: bTeam.id, name: 'Taken over' } },
      ],
      [
        'updateAgent',
        `mutation($input: UpdateAgentInput!) { updateAgent(input: $input) { agent { id } } }`,
        { input: { id: bAgent.id, name: 'Taken over' } },
      ],
      [
        'setAgentSkills',
        `mutation($input: SetAgentSkillsInput!) { setAgentSkills(input: $input) { agent { id } } }`,
        { input: { agentId: bAgent.id, skills: [] } },
      ],
      [
        'deactivateAgent',
        `mutation($input: DeactivateAgentInput!) { deactivateAgent(input: $input) { agent { id } } }`,
        { input: { agentId: bAgent.id } },
      ],
      [
        'createAgent',
        `mutation($input: CreateAgentInput!) { createAgent(input: $input) { agent { id } } }`,
        {
          input: {
            name: 'Spy',
            email: 'spy@example.test',
            teamId: bTeam.id,
            level: 'ENTRY',
            hireDate: '2025-01-01',
            contractedWeeklyHours: 40,
          },
        },
      ],
      [
        'createTeam',
        `mutation($input: CreateTeamInput!) { createTeam(input: $input) { team { id } } }`,
        {
          input: { name: 'Poached', timeZone: 'Europe/Warsaw', coordinatorIds: [b.users.COORDINATOR.id] },
        },
      ],
    ];
    const before = JSON.stringify(await api.sql(`SELECT * FROM agents WHERE tenant_id = $1 ORDER BY id`, [b.tenantId]));
    for (const [name, query, variables] of attempts) {
      const response = await api.gql(query, variables, token);
      expect({ name, code: response.errors?.[0]?.extensions.code }).toEqual({ name, code: 'NOT_FOUND' });
    }
    expect(JSON.stringify(await api.sql(`SELECT * FROM agents WHERE tenant_id = $1 ORDER BY id`, [b.tenantId]))).toBe(
      before,
    );
    expect(await api.sql(`SELECT 1 FROM teams WHERE tenant_id = $1 AND name = 'Poached'`, [a.tenantId])).toHaveLength(
      0,
    );
  });

  it("never lists tenant B's rows to tenant A, even when filtered by B's ids", async () => {
    const response = await api.gql(
      `query($filter: AgentFilter) { agents(filter: $filter) { totalCount edges { node { id } } } teams { totalCount edges { node { id } } } users { totalCount } }`,
      { filter: { teamIds: [bTeam.id] } },
      a.tokens.DIRECTOR,
    );
    expect(response.data!['agents']).toEqual({ totalCount: 0, edges: [] });
    expect(response.data!['teams'].edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(bTeam.id);
    expect(response.data!['users'].totalCount).toBe(5);
  });

  it("returns none of tenant B's rows to a raw SELECT without a tenant filter, run as the request role under A's setting", async () => {
    const tables = await tenantTables();
    expect(tables).toEqual(expect.arrayContaining(['agent_skills', 'agents', 'team_coordinators', 'teams', 'users']));
    await api.asRequestRole(a.tenantId, async (query) => {
      for (const table of tables) {
        const rows = await query<{ tenant_id: string }>(`SELECT tenant_id FROM ${table}`);
        expect({ table, foreign: rows.filter((r) => r.tenant_id !== a.tenantId).length }).toEqual({
          table,
          foreign: 0,
        });
      }
      const tenants = await query<{ id: string }>(`SELECT id FROM tenants`);
      expect(tenants.map((t) => t.id)).toEqual([a.tenantId]);
      // Writing a row for another tenant is refused by the policy's WITH CHECK.
      await expect(
        query(`INSERT INTO teams (tenant_id, id, name, time_zone) VALUES ($1, gen_random_uuid(), 'Smuggled', 'UTC')`, [
          b.tenantId,
        ]),
      ).rejects.toThrow(/row-level security/);
    });
  });

  it('sees nothing at all when no tenant is set', async () => {
    const tables = await tenantTables();
    await api.asRequestRole(null, async (query) => {
      for (const table of tables) expect(await query(`SELECT 1 FROM ${table} LIMIT 1`)).toEqual([]);
    });
  });

  it('keeps no planner statistics on tenant_id, so a tenant ANALYZE has not seen yet is not planned as one row', async () => {
    const tables = await tenantTables();
    const columns = await api.sql<{ table: string; target: number | null }>(
      `SELECT c.relname AS table, a.attstattarget AS target
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE a.attname = 'tenant_id' AND c.relname = ANY($1) AND c.relnamespace = 'public'::regnamespace`,
      [tables],
    );
    expect(columns.filter((c) => c.target !== 0).map((c) => c.table)).toEqual([]);
    expect(columns).toHaveLength(tables.length);
  });

  it('puts every tenant-owned table under row-level security, with tenant_id in every key', async () => {
    const tables = await tenantTables();
    const rls = await api.sql<{ relname: string; relrowsecurity: boolean; policies: string }>(
      `SELECT c.relname, c.relrowsecurity, (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
         FROM pg_class c WHERE c.relname = ANY($1) AND c.relnamespace = 'public'::regnamespace`,
      [tables],
    );
    for (const row of rls)
      expect({ table: row.relname, rls: row.relrowsecurity, policies: Number(row.policies) }).toEqual({
        table: row.relname,
        rls: true,
        policies: 1,
      });

    // Citus-ready: every primary key, unique constraint and foreign key of those tables includes tenant_id.
    const keys = await api.sql<{ conname: string; table: string; has_tenant: boolean }>(
      `SELECT con.conname, cls.relname AS table,
              EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = con.conrelid AND a.attnum = ANY(con.conkey) AND a.attname = 'tenant_id') AS has_tenant
         FROM pg_constraint con JOIN pg_class cls ON cls.oid = con.conrelid
        WHERE con.contype IN ('p', 'u', 'f', 'x') AND cls.relname = ANY($1) AND cls.relnamespace = 'public'::regnamespace`,
      [tables],
    );
    expect(keys.filter((k) => !k.has_tenant).map((k) => `${k.table}.${k.conname}`)).toEqual([]);
  });
});
