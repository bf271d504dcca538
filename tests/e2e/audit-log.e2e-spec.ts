import { AuditLog, Role, TenantDatabase } from '@deskforce/platform';
import { createAgent, createTeam, createTestTenant, startTestApp, TestApp, TestTenant } from '@deskforce/testing';
import { randomUUID } from 'node:crypto';

interface Entry {
  entityType: string;
  entityId: string;
  agentId: string | null;
  action: string;
  actorUserId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const AUDIT = `query($filter: AuditLogFilter) {
  auditLog(first: 100, filter: $filter) {
    totalCount
    edges { node { entityType entityId agentId action actorUserId before after } }
  }
}`;

/**
 * Changes to teams, agents (pay included), labor rules and KPI targets are in the audit log with who, when,
 * before and after; a coordinator reads only the entries about the agents of the teams they coordinate.
 */
describe('audit log of people, rules and targets', () => {
  let api: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    api = await startTestApp();
    tenant = await createTestTenant(api, 'Audit Org');
  });
  afterAll(() => api.close());

  const entries = async (filter: Record<string, unknown>, token = tenant.tokens.DIRECTOR): Promise<Entry[]> => {
    const response = await api.gql(AUDIT, { filter }, token);
    expect(response.errors).toBeUndefined();
    return (response.data!['auditLog'].edges as { node: Entry }[]).map((e) => e.node);
  };
  const mutate = async (query: string, input: Record<string, unknown>, token = tenant.tokens.DIRECTOR) => {
    const response = await api.gql(query, { input }, token);
    expect(response.errors).toBeUndefined();
    return response.data!;
  };

  it('keeps a team’s creation and change, coordinators included', async () => {
    const team = await createTeam(api, tenant, { name: 'Harbour' });
    await mutate(`mutation($input: UpdateTeamInput!) { updateTeam(input: $input) { team { id } } }`, {
      id: team.id,
      name: 'Harbour Care',
      coordinatorIds: [tenant.users.COORDINATOR.id],
    });
    const [update, create] = await entries({ entityType: 'TEAM', entityId: team.id });
    expect(create).toMatchObject({
      action: 'CREATE',
      actorUserId: tenant.users.DIRECTOR.id,
      before: null,
      after: { name: 'Harbour', coordinatorIds: [] },
    });
    expect(update).toMatchObject({
      action: 'UPDATE',
      before: { name: 'Harbour', coordinatorIds: [] },
      after: { name: 'Harbour Care', coordinatorIds: [tenant.users.COORDINATOR.id] },
    });
  });

  it('keeps an agent’s record with pay and skills before and after each change', async () => {
    const team = await createTeam(api, tenant);
    const agent = await createAgent(api, tenant, team.id, { hourlyCost: 21.5 });
    await mutate(`mutation($input: UpdateAgentInput!) { updateAgent(input: $input) { agent { id } } }`, {
      id: agent.id,
      hourlyCost: 24,
    });
    await mutate(`mutation($input: SetAgentSkillsInput!) { setAgentSkills(input: $input) { agent { id } } }`, {
      agentId: agent.id,
      skills: [{ skill: 'refunds', proficiency: 4 }],
    });
    await mutate(`mutation($input: DeactivateAgentInput!) { deactivateAgent(input: $input) { agent { id } } }`, {
      agentId: agent.id,
    });
    const history = (await entries({ entityType: 'AGENT', entityId: agent.id })).reverse();
    expect(history.map((e) => e.action)).toEqual(['CREATE', 'UPDATE', 'SET_SKILLS', 'DEACTIVATE']);
    expect(history.every((e) => e.agentId === agent.id)).toBe(true);
    const [created, paid, skilled, deactivated] = history as [Entry, Entry, Entry, Entry];
    expect(created.after).toMatchObject({ hourlyCost: 21.5, skills: [{ skill: 'billing', proficiency: 3 }] });
    expect(created.after).not.toHaveProperty('tenantId');
    expect(paid).toMatchObject({ before: { hourlyCost: 21.5 }, after: { hourlyCost: 24 } });
    expect(skilled).toMatchObject({
      before: { skills: [{ skill: 'billing', proficiency: 3 }] },
      after: { skills: [{ skill: 'refunds', proficiency: 4 }] },
    });
    expect(deactivated).toMatchObject({
      before: { employmentStatus: 'ACTIVE' },
      after: { employmentStatus: 'TERMINATED' },
    });
  });

  it('keeps labor rule settings and KPI targets, set, changed and removed', async () => {
    const team = await createTeam(api, tenant);
    const rule = `mutation($input: SetLaborRuleInput!) { setLaborRule(input: $input) { rules { rule } } }`;
    await mutate(rule, { teamId: team.id, rule: 'MIN_REST', enforcement: 'HARD', value: 11 });
    await mutate(rule, { teamId: team.id, rule: 'MIN_REST', enforcement: 'SOFT', value: 10 });
    const [changed, set] = await entries({ entityType: 'LABOR_RULE_SETTING' });
    expect(set).toMatchObject({
      action: 'CREATE',
      before: null,
      after: { teamId: team.id, rule: 'MIN_REST', enforcement: 'HARD', value: 11 },
    });
    expect(changed).toMatchObject({
      action: 'UPDATE',
      entityId: set!.entityId,
      before: { enforcement: 'HARD', value: 11 },
      after: { enforcement: 'SOFT', value: 10 },
    });

    const target = `mutation($input: SetKpiTargetInput!) { setKpiTarget(input: $input) { target { id } } }`;
    const { setKpiTarget } = await mutate(target, { teamId: team.id, metric: 'CSAT', value: 4.2 });
    await mutate(target, { teamId: team.id, metric: 'CSAT', value: 4.5 });
    await mutate(`mutation($input: RemoveKpiTargetInput!) { removeKpiTarget(input: $input) { removedId } }`, {
      id: setKpiTarget.target.id,
    });
    const targets = (await entries({ entityType: 'KPI_TARGET', entityId: setKpiTarget.target.id })).reverse();
    expect(targets.map((e) => [e.action, e.before?.['value'] ?? null, e.after?.['value'] ?? null])).toEqual([
      ['CREATE', null, 4.2],
      ['UPDATE', 4.2, 4.5],
      ['DELETE', 4.5, null],
    ]);
  });

  it('shows a coordinator only the entries about the agents of their teams', async () => {
    const own = await createTeam(api, tenant, { coordinatorIds: [tenant.users.COORDINATOR.id] });
    const other = await createTeam(api, tenant);
    const mine = await createAgent(api, tenant, own.id);
    const theirs = await createAgent(api, tenant, other.id);
    const seen = await entries({}, tenant.tokens.COORDINATOR);
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((e) => e.agentId))).not.toContain(null);
    expect(seen.some((e) => e.entityId === mine.id)).toBe(true);
    expect(seen.some((e) => e.agentId === theirs.id)).toBe(false);
    expect(await entries({ agentId: theirs.id }, tenant.tokens.COORDINATOR)).toEqual([]);
    // The director reads the whole organisation's history, the other team's agent and the users included.
    const all = await entries({}, tenant.tokens.DIRECTOR);
    expect(all.some((e) => e.agentId === theirs.id)).toBe(true);
    expect(all.some((e) => e.entityType === 'TEAM')).toBe(true);
    // Agents and trainers do not read the audit log.
    for (const role of ['AGENT', 'TRAINER'] as const) {
      const response = await api.gql(AUDIT, { filter: {} }, tenant.tokens[role]);
      expect(response.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    }
  });

  it('records a change of more entries than one statement can carry (a template applied to 500 agents for four weeks)', async () => {
    // 10,000 entries of 9 parameters each: 90,000, over the 65,535 one statement may have.
    const entity = randomUUID();
    const many = Array.from({ length: 10_000 }, (_, i) => ({
      entityType: 'SHIFT',
      entityId: entity,
      action: 'CREATE',
      after: { n: i },
    }));
    await api.app
      .get(TenantDatabase)
      .transaction(tenant.tenantId, () => api.app.get(AuditLog).record(tenant.actor(Role.COORDINATOR), many));
    const [stored] = await api.sql<{ n: number; last: number }>(
      `SELECT count(*)::int AS n, max((after ->> 'n')::int) AS last FROM audit_log WHERE tenant_id = $1 AND entity_id = $2`,
      [tenant.tenantId, entity],
    );
    expect(stored).toEqual({ n: 10_000, last: 9_999 });
  });
});
