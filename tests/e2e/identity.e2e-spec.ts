import { createTestTenant, startTestApp, TEST_PASSWORD, TestApp, TestTenant } from '@deskforce/testing';

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken expiresAt user { id email role tenant { name } } } }`;

describe('sign-in and me', () => {
  let api: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    api = await startTestApp({ LOGIN_MAX_FAILURES: '3' });
    tenant = await createTestTenant(api, 'Sign-in Org');
  });
  afterAll(() => api.close());

  it('signs in with email and password and returns a working token', async () => {
    const login = await api.gql(LOGIN, {
      input: { email: tenant.users.COORDINATOR.email.toUpperCase(), password: TEST_PASSWORD },
    });
    expect(login.errors).toBeUndefined();
    expect(login.data!['login'].user).toMatchObject({
      email: tenant.users.COORDINATOR.email,
      role: 'COORDINATOR',
      tenant: { name: 'Sign-in Org' },
    });
    expect(new Date(login.data!['login'].expiresAt).getTime()).toBeGreaterThan(Date.now());

    const me = await api.gql(`{ me { id email role tenant { id name slug } } }`, {}, login.data!['login'].accessToken);
    expect(me.data!['me']).toEqual({
      id: tenant.users.COORDINATOR.id,
      email: tenant.users.COORDINATOR.email,
      role: 'COORDINATOR',
      tenant: { id: tenant.tenantId, name: 'Sign-in Org', slug: tenant.slug },
    });
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    for (const input of [
      { email: tenant.users.DIRECTOR.email, password: 'wrong password' },
      { email: 'nobody@nowhere.test', password: TEST_PASSWORD },
    ]) {
      const response = await api.gql(LOGIN, { input });
      expect(response.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
      expect(response.data).toBeNull();
    }
  });

  it('rate-limits repeated failed sign-ins for an account', async () => {
    const input = { email: tenant.users.TRAINER.email, password: 'guess' };
    for (let i = 0; i < 3; i++)
      expect((await api.gql(LOGIN, { input })).errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
    const limited = await api.gql(LOGIN, { input: { ...input, password: TEST_PASSWORD } });
    expect(limited.errors![0]!.extensions.code).toBe('TOO_MANY_REQUESTS');
    expect(limited.errors![0]!.extensions['retryAfterSeconds']).toBeGreaterThan(0);
  });

  it('answers an email in two organisations like any failure, and signs in once the organisation is given', async () => {
    const other = await createTestTenant(api, 'Second Org');
    await api.gql(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } } }`,
      {
        input: { email: tenant.users.AGENT.email, password: TEST_PASSWORD, role: 'AGENT' },
      },
      other.tokens.ADMIN,
    );
    const ambiguous = await api.gql(LOGIN, { input: { email: tenant.users.AGENT.email, password: TEST_PASSWORD } });
    const wrong = await api.gql(LOGIN, { input: { email: tenant.users.DIRECTOR.email, password: 'not the password' } });
    // The same code and message as a wrong password: nothing tells that the email has accounts here and there.
    expect(ambiguous.errors![0]).toMatchObject({
      message: wrong.errors![0]!.message,
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const chosen = await api.gql(LOGIN, {
      input: { email: tenant.users.AGENT.email, password: TEST_PASSWORD, tenantSlug: other.slug },
    });
    expect(chosen.data!['login'].user.tenant.name).toBe('Second Org');
  });

  it('requires a valid token for everything but sign-in', async () => {
    expect((await api.gql(`{ me { id } }`)).errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(`{ me { id } }`, {}, 'not-a-jwt')).errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
    const forged = tenant.tokens.ADMIN.slice(0, -4) + 'AAAA';
    expect((await api.gql(`{ me { id } }`, {}, forged)).errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('validates sign-in input', async () => {
    const response = await api.gql(LOGIN, { input: { email: 'not-an-email', password: 'x' } });
    expect(response.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.email' }],
    });
  });

  it('lets an admin create users, stores only an argon2 hash, and refuses a duplicate email', async () => {
    const input = { email: 'New.Person@Example.test', password: 'a long enough password', role: 'TRAINER' };
    const created = await api.gql(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { user { id email role } } }`,
      { input },
      tenant.tokens.ADMIN,
    );
    expect(created.data!['createUser'].user).toMatchObject({ email: 'new.person@example.test', role: 'TRAINER' });
    const [stored] = await api.sql<{ password_hash: string }>(`SELECT password_hash FROM users WHERE id = $1`, [
      created.data!['createUser'].user.id,
    ]);
    expect(stored!.password_hash).toMatch(/^\$argon2id\$/);

    const duplicate = await api.gql(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } } }`,
      { input },
      tenant.tokens.ADMIN,
    );
    expect(duplicate.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.email' });
  });
});
