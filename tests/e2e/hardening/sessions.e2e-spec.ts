import {
  createAgent,
  createTeam,
  createTestTenant,
  signIn,
  startTestApp,
  TEST_PASSWORD,
  TestApp,
  TestTenant,
} from '@deskforce/testing';

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken expiresAt refreshToken refreshExpiresAt user { id role } } }`;
const REFRESH = `mutation($input: RefreshSessionInput!) { refreshSession(input: $input) { accessToken refreshToken user { email } } }`;
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { user { id role } } }`;

/**
 * Tokens stand for a session, and a session for a user as they are now: a role change, a password change,
 * deactivation (of the user or of their agent), deletion and sign-out end it, and its tokens stop working
 * at once in this process (within SESSION_CHECK_CACHE_SECONDS in another).
 */
describe('sessions', () => {
  let api: TestApp;
  let tenant: TestTenant;
  let n = 0;

  beforeAll(async () => {
    api = await startTestApp();
    tenant = await createTestTenant(api, 'Session Org');
  });
  afterAll(() => api.close());

  /** A new user of the tenant, signed in: their id, email and a token. */
  async function newUser(role: string): Promise<{ id: string; email: string; token: string }> {
    const email = `user${++n}@${tenant.slug}.test`;
    const created = await api.gql(
      CREATE_USER,
      { input: { email, password: TEST_PASSWORD, role } },
      tenant.tokens.ADMIN,
    );
    return { id: created.data!['createUser'].user.id, email, token: await signIn(api, email, TEST_PASSWORD) };
  }
  const code = async (query: string, variables: Record<string, unknown>, token: string) =>
    (await api.gql(query, variables, token)).errors?.[0]?.extensions.code;
  const canCreateAdmins = (token: string) =>
    code(
      CREATE_USER,
      { input: { email: `probe${++n}@${tenant.slug}.test`, password: TEST_PASSWORD, role: 'ADMIN' } },
      token,
    );

  it('gives a short-lived access token and a refresh token that rotates; a replayed old one ends the session', async () => {
    const admin = await newUser('ADMIN');
    const login = (await api.gql(LOGIN, { input: { email: admin.email, password: TEST_PASSWORD } })).data!['login'];
    expect(new Date(login.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    expect(login.refreshToken).toMatch(/^dfr_[0-9a-f]{64}_[\w-]{43}$/);

    const first = (await api.gql(REFRESH, { input: { refreshToken: login.refreshToken } })).data!['refreshSession'];
    expect(first.user.email).toBe(admin.email);
    expect(first.refreshToken).not.toBe(login.refreshToken);
    expect(await code('{ me { id } }', {}, first.accessToken)).toBeUndefined();

    // The old refresh token again: someone copied it. The session ends for both holders.
    const replay = await api.gql(REFRESH, { input: { refreshToken: login.refreshToken } });
    expect(replay.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
    expect(await code('{ me { id } }', {}, first.accessToken)).toBe('UNAUTHENTICATED');
    expect((await api.gql(REFRESH, { input: { refreshToken: first.refreshToken } })).errors![0]!.extensions.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('ends the session on sign-out, and every session on sign-out everywhere', async () => {
    const user = await newUser('TRAINER');
    const other = await signIn(api, user.email, TEST_PASSWORD);
    expect((await api.gql(`mutation { signOut { signedOut } }`, {}, user.token)).data).toEqual({
      signOut: { signedOut: true },
    });
    expect(await code('{ me { id } }', {}, user.token)).toBe('UNAUTHENTICATED');
    expect(await code('{ me { id } }', {}, other)).toBeUndefined();
    const everywhere = await api.gql(`mutation { signOutEverywhere(input: {}) { endedSessions } }`, {}, other);
    expect(everywhere.data).toEqual({ signOutEverywhere: { endedSessions: 1 } });
    expect(await code('{ me { id } }', {}, other)).toBe('UNAUTHENTICATED');
  });

  it("stops an ADMIN token as soon as the user's role is lowered", async () => {
    const admin = await newUser('ADMIN');
    expect(await canCreateAdmins(admin.token)).toBeUndefined();
    const lowered = await api.gql(
      `mutation($input: UpdateUserRoleInput!) { updateUserRole(input: $input) { user { role } } }`,
      { input: { userId: admin.id, role: 'AGENT' } },
      tenant.tokens.ADMIN,
    );
    expect(lowered.data!['updateUserRole'].user.role).toBe('AGENT');
    expect(await canCreateAdmins(admin.token)).toBe('UNAUTHENTICATED');
    // Signing in again gives the new role.
    expect(
      (await api.gql(LOGIN, { input: { email: admin.email, password: TEST_PASSWORD } })).data!['login'].user.role,
    ).toBe('AGENT');
  });

  it('ends every session when the password changes, and opens a new one for the client that changed it', async () => {
    const admin = await newUser('ADMIN');
    const elsewhere = await signIn(api, admin.email, TEST_PASSWORD);
    const wrong = await api.gql(
      `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { accessToken } }`,
      { input: { currentPassword: 'not it', newPassword: 'a brand new password' } },
      admin.token,
    );
    expect(wrong.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.currentPassword' }],
    });
    const changed = await api.gql(
      `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { accessToken } }`,
      { input: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new password' } },
      admin.token,
    );
    expect(await canCreateAdmins(admin.token)).toBe('UNAUTHENTICATED');
    expect(await canCreateAdmins(elsewhere)).toBe('UNAUTHENTICATED');
    expect(await canCreateAdmins(changed.data!['changePassword'].accessToken)).toBeUndefined();
    expect(
      (await api.gql(LOGIN, { input: { email: admin.email, password: TEST_PASSWORD } })).errors![0]!.extensions.code,
    ).toBe('UNAUTHENTICATED');
    expect(await signIn(api, admin.email, 'a brand new password')).toEqual(expect.any(String));
  });

  it('stops a deactivated user, and a deleted one', async () => {
    const admin = await newUser('ADMIN');
    await api.gql(
      `mutation($input: DeactivateUserInput!) { deactivateUser(input: $input) { user { active } } }`,
      { input: { userId: admin.id } },
      tenant.tokens.ADMIN,
    );
    expect(await canCreateAdmins(admin.token)).toBe('UNAUTHENTICATED');
    expect(
      (await api.gql(LOGIN, { input: { email: admin.email, password: TEST_PASSWORD } })).errors![0]!.extensions.code,
    ).toBe('UNAUTHENTICATED');

    const doomed = await newUser('ADMIN');
    await api.sql(`DELETE FROM users WHERE tenant_id = $1 AND id = $2`, [tenant.tenantId, doomed.id]);
    expect(await canCreateAdmins(doomed.token)).toBe('UNAUTHENTICATED');
  });

  it('signs out an agent whose employment ends, and keeps them out', async () => {
    const user = await newUser('AGENT');
    const team = await createTeam(api, tenant);
    const agent = await createAgent(api, tenant, team.id, { userId: user.id });
    const timeOff = `mutation($input: RequestTimeOffInput!) { requestTimeOff(input: $input) { request { id } } }`;
    const input = { type: 'VACATION', startsAt: '2027-02-01T00:00:00Z', endsAt: '2027-02-02T00:00:00Z' };
    expect(await code(timeOff, { input }, user.token)).toBeUndefined();
    await api.gql(
      `mutation($input: DeactivateAgentInput!) { deactivateAgent(input: $input) { agent { employmentStatus } } }`,
      { input: { agentId: agent.id } },
      tenant.tokens.DIRECTOR,
    );
    expect(await code(timeOff, { input }, user.token)).toBe('UNAUTHENTICATED');
    expect(
      (await api.gql(LOGIN, { input: { email: user.email, password: TEST_PASSWORD } })).errors![0]!.extensions.code,
    ).toBe('UNAUTHENTICATED');
  });

  it('keeps a browser’s refresh token in an HttpOnly, SameSite=Strict cookie when asked', async () => {
    const user = await newUser('DIRECTOR');
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: LOGIN,
        variables: { input: { email: user.email, password: TEST_PASSWORD, refreshTokenInCookie: true } },
      }),
    });
    const body = (await response.json()) as { data: { login: { refreshToken: string | null } } };
    expect(body.data.login.refreshToken).toBeNull();
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^deskforce_refresh=dfr_/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/graphql/);

    const refreshed = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookie.split(';')[0]! },
      body: JSON.stringify({ query: REFRESH, variables: { input: {} } }),
    });
    const next = (await refreshed.json()) as {
      data: { refreshSession: { accessToken: string; refreshToken: string | null } };
    };
    expect(next.data.refreshSession.refreshToken).toBeNull();
    expect(refreshed.headers.get('set-cookie')).toMatch(/^deskforce_refresh=dfr_/);
    expect(await code('{ me { id } }', {}, next.data.refreshSession.accessToken)).toBeUndefined();
  });

  it('remembers the language a user chose', async () => {
    const user = await newUser('AGENT');
    await api.gql(
      `mutation($input: UpdateMyProfileInput!) { updateMyProfile(input: $input) { user { locale } } }`,
      { input: { locale: 'tr' } },
      user.token,
    );
    expect((await api.gql('{ me { locale } }', {}, user.token)).data).toEqual({ me: { locale: 'tr' } });
  });

  it('sees a sign-out made through another API process within SESSION_CHECK_CACHE_SECONDS', async () => {
    const replica = await startTestApp({ SESSION_CHECK_CACHE_SECONDS: '1' });
    try {
      const user = await newUser('TRAINER');
      expect((await replica.gql('{ me { id } }', {}, user.token)).errors).toBeUndefined(); // now cached there
      await api.gql(`mutation { signOut { signedOut } }`, {}, user.token);
      let answer: string | undefined;
      for (let i = 0; i < 100 && answer !== 'UNAUTHENTICATED'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        answer = (await replica.gql('{ me { id } }', {}, user.token)).errors?.[0]?.extensions.code;
      }
      expect(answer).toBe('UNAUTHENTICATED');
    } finally {
      await replica.close();
    }
  });
});

describe('API tokens', () => {
  let api: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    api = await startTestApp();
    tenant = await createTestTenant(api, 'Token Org');
  });
  afterAll(() => api.close());

  const CREATE = `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { id name role lastUsedAt } } }`;

  it('are created by admins with a role, shown once, stored hashed, recorded when used, and revocable', async () => {
    const created = (
      await api.gql(CREATE, { input: { name: 'Zendesk webhook', role: 'DIRECTOR' } }, tenant.tokens.ADMIN)
    ).data!['createApiToken'];
    expect(created.token).toMatch(/^dfk_[0-9a-f]{64}_[\w-]{43}$/);
    const [stored] = await api.sql<{ token_hash: Buffer }>(
      `SELECT token_hash FROM api_tokens WHERE tenant_id = $1 AND id = $2`,
      [tenant.tenantId, created.apiToken.id],
    );
    expect(stored!.token_hash.length).toBe(32);
    expect(
      JSON.stringify(await api.sql(`SELECT * FROM api_tokens WHERE tenant_id = $1`, [tenant.tenantId])),
    ).not.toContain(created.token.slice(-43)); // the secret (base64url, so it may itself hold '_')

    const teams = await api.gql('{ teams { totalCount } }', {}, created.token);
    expect(teams.errors).toBeUndefined();
    expect(
      (
        await api.gql(
          `mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } } }`,
          { input: { email: 'x@y.test', password: TEST_PASSWORD, role: 'ADMIN' } },
          created.token,
        )
      ).errors![0]!.extensions.code,
    ).toBe('FORBIDDEN');
    const listed = await api.gql('{ apiTokens { edges { node { name lastUsedAt } } } }', {}, tenant.tokens.ADMIN);
    expect(listed.data!['apiTokens'].edges[0].node).toEqual({
      name: 'Zendesk webhook',
      lastUsedAt: expect.any(String),
    });

    await api.gql(
      `mutation($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) { apiToken { revokedAt } } }`,
      { input: { id: created.apiToken.id } },
      tenant.tokens.ADMIN,
    );
    expect((await api.gql('{ teams { totalCount } }', {}, created.token)).errors![0]!.extensions.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('refuse an AGENT role, a tampered secret, and creation by non-admins', async () => {
    expect(
      (await api.gql(CREATE, { input: { name: 'Agent token', role: 'AGENT' } }, tenant.tokens.ADMIN)).errors![0]!
        .extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.role' }] });
    expect(
      (await api.gql(CREATE, { input: { name: 'Mine', role: 'TRAINER' } }, tenant.tokens.DIRECTOR)).errors![0]!
        .extensions.code,
    ).toBe('FORBIDDEN');
    const created = (await api.gql(CREATE, { input: { name: 'Importer', role: 'COORDINATOR' } }, tenant.tokens.ADMIN))
      .data!['createApiToken'];
    const tampered = `${created.token.slice(0, -4)}AAAA`;
    expect((await api.gql('{ teams { totalCount } }', {}, created.token)).errors).toBeUndefined();
    expect((await api.gql('{ teams { totalCount } }', {}, tampered)).errors![0]!.extensions.code).toBe(
      'UNAUTHENTICATED',
    );
  });
});
