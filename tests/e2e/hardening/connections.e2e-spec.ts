import { TenantDatabase } from '@deskforce/platform';
import { createAgent, createTeam, createTestTenant, startTestApp, TestApp, TestTenant } from '@deskforce/testing';

/**
 * A request holds at most one database connection, whatever its aliases and fields; a tenant holds at most
 * DB_TENANT_MAX_CONNECTIONS of the pool; a request that finds no free connection in time is told TOO_BUSY
 * with a retry-after — never "database unavailable", which means the database is down.
 */
describe('database connections per request and per tenant', () => {
  let api: TestApp;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    // Waits for a connection are bounded by the tests' own timeouts, not by the 10 s default: on a loaded machine
    // forty heavy requests through a share of two connections take longer than that, and the share is the point.
    api = await startTestApp({ DB_POOL_SIZE: '7', DB_TENANT_MAX_CONNECTIONS: '2', DB_ACQUIRE_TIMEOUT_MS: '120000' });
    [a, b] = [await createTestTenant(api, 'Busy Org'), await createTestTenant(api, 'Quiet Org')];
    const team = await createTeam(api, a);
    for (let i = 0; i < 3; i++) await createAgent(api, a, team.id);
  });
  afterAll(() => api.close());

  const admission = () => api.app.get(TenantDatabase).admission;

  it('runs every field and alias of a query on one connection, in one snapshot', async () => {
    const tenant = await createTestTenant(api, 'Alias Org');
    const aliases = Array.from(
      { length: 30 },
      (_, i) => `a${i}: agents(first: 5) { totalCount edges { node { name team { name } } } }`,
    ).join(' ');
    const response = await api.gql(`{ me { email } ${aliases} teams { totalCount } }`, {}, tenant.tokens.DIRECTOR);
    expect(response.errors).toBeUndefined();
    expect(admission().peak(tenant.tenantId)).toBe(1);
  });

  it('runs the fields of a mutation one after another on one connection, each committed on its own', async () => {
    const tenant = await createTestTenant(api, 'Mutation Org');
    const created = await api.gql(
      `mutation {
        first: createTeam(input: { name: "North", timeZone: "Europe/Warsaw" }) { team { id name } }
        second: createTeam(input: { name: "North", timeZone: "Europe/Warsaw" }) { team { id } }
        third: createTeam(input: { name: "South", timeZone: "Europe/Warsaw" }) { team { id name } }
      }`,
      {},
      tenant.tokens.DIRECTOR,
    );
    // The duplicate fails; the field before it had committed on its own and stays. (A failed non-null root
    // field nulls the whole answer, so the rest is read from the database.)
    expect(created.errors!.map((e) => e.extensions.code)).toEqual(['CONFLICT']);
    expect(await api.sql(`SELECT name FROM teams WHERE tenant_id = $1 ORDER BY name`, [tenant.tenantId])).toEqual(
      expect.arrayContaining([{ name: 'North' }]),
    );
    expect(
      await api.sql(`SELECT count(*)::int AS n FROM teams WHERE tenant_id = $1 AND name = 'North'`, [tenant.tenantId]),
    ).toEqual([{ n: 1 }]);
    expect(admission().peak(tenant.tenantId)).toBe(1);
  });

  it("keeps one tenant's burst within its share while another tenant's requests all succeed", async () => {
    const heavy = `{ ${Array.from({ length: 10 }, (_, i) => `a${i}: agents(first: 50) { edges { node { name skills { skill } team { name } } } }`).join(' ')} }`;
    const burst = Array.from({ length: 40 }, () => api.gql(heavy, {}, a.tokens.DIRECTOR));
    const quiet = Array.from({ length: 20 }, () =>
      api.gql('{ me { email } teams { totalCount } }', {}, b.tokens.AGENT),
    );
    const [burstAnswers, quietAnswers] = await Promise.all([Promise.all(burst), Promise.all(quiet)]);
    expect(quietAnswers.map((r) => r.errors?.[0]?.extensions.code ?? 'OK')).toEqual(Array(20).fill('OK'));
    expect(burstAnswers.map((r) => r.errors?.[0]?.extensions.code ?? 'OK')).toEqual(Array(40).fill('OK'));
    expect(admission().peak(a.tenantId)).toBeLessThanOrEqual(2);
  });

  it('answers 32 concurrent clients without a single refusal', async () => {
    const clients = Array.from({ length: 32 }, async (_, i) => {
      const codes: string[] = [];
      for (let round = 0; round < 5; round++) {
        const response = await api.gql(
          '{ me { email tenant { name } } agents(first: 3) { totalCount } }',
          {},
          (i % 2 ? a : b).tokens.COORDINATOR,
        );
        codes.push(response.errors?.[0]?.extensions.code ?? 'OK');
      }
      return codes;
    });
    expect((await Promise.all(clients)).flat().filter((code) => code !== 'OK')).toEqual([]);
  });

  it('tells a request that waited too long for a connection TOO_BUSY with a retry-after, not UNAVAILABLE', async () => {
    const cramped = await startTestApp({
      DB_POOL_SIZE: '2',
      DB_TENANT_MAX_CONNECTIONS: '1',
      DB_ACQUIRE_TIMEOUT_MS: '10',
    });
    try {
      const heavy = `{ ${Array.from({ length: 10 }, (_, i) => `a${i}: agents(first: 50) { edges { node { name skills { skill } team { name } } } }`).join(' ')} }`;
      const answers = await Promise.all(Array.from({ length: 30 }, () => cramped.gql(heavy, {}, a.tokens.DIRECTOR)));
      const errors = answers.flatMap((r) => r.errors ?? []);
      expect(errors.length).toBeGreaterThan(0);
      for (const error of errors) expect(error.extensions).toMatchObject({ code: 'TOO_BUSY', retryAfterSeconds: 1 });
      expect(answers.some((r) => !r.errors)).toBe(true);
    } finally {
      await cramped.close();
    }
  });
});
