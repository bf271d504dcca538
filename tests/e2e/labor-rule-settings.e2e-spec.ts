import { createTeam, createTestTenant, startTestApp, TestApp, TestTenant } from '@deskforce/testing';

/** The organisation-wide labor rules and templates, asked for without a team (the admin's settings screen). */
describe('organisation-wide rules and templates', () => {
  let api: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    api = await startTestApp();
    tenant = await createTestTenant(api);
  });
  afterAll(() => api.close());

  it('answers laborRules and shiftTemplates without a team, and sets a rule for the whole organisation', async () => {
    const rules = await api.gql(
      '{ laborRules { rule enforcement source } shiftTemplates { id } }',
      {},
      tenant.tokens.ADMIN,
    );
    expect(rules.errors).toBeUndefined();
    expect(rules.data!['laborRules'].map((r: { rule: string }) => r.rule)).toContain('MIN_REST');
    const set = await api.gql(
      `mutation($input: SetLaborRuleInput!) { setLaborRule(input: $input) { rules { rule enforcement source } } }`,
      { input: { rule: 'MIN_REST', enforcement: 'SOFT', value: 10 } },
      tenant.tokens.ADMIN,
    );
    expect(set.errors).toBeUndefined();
    const team = await createTeam(api, tenant);
    const forTeam = await api.gql(
      'query($teamId: ID) { laborRules(teamId: $teamId) { rule enforcement source } }',
      { teamId: team.id },
      tenant.tokens.ADMIN,
    );
    expect(forTeam.data!['laborRules'].find((r: { rule: string }) => r.rule === 'MIN_REST')).toEqual({
      rule: 'MIN_REST',
      enforcement: 'SOFT',
      source: 'TENANT',
    });
  });

  it('still refuses a team id that is not an id', async () => {
    const bad = await api.gql('{ laborRules(teamId: "nope") { rule } }', {}, tenant.tokens.ADMIN);
    expect(bad.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });
});
