import { createTestTenant, startTestApp, TEST_PASSWORD, TestApp, TestTenant } from '@deskforce/testing';

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`;
type Answer = 'SIGNED_IN' | 'UNAUTHENTICATED' | 'TOO_MANY_REQUESTS' | string;

/**
 * Sign-in throttling counts each attempt before its password is checked, atomically in PostgreSQL, so it
 * holds for parallel guesses and across API processes; it slows a guesser at one address without locking
 * the owner out elsewhere, and slows one password tried over many emails.
 */
describe('sign-in throttling', () => {
  // The first delay is long here, so that a slow machine cannot let a delay run out within one scenario.
  const config = {
    TRUST_PROXY: 'loopback',
    LOGIN_MAX_FAILURES: '5',
    LOGIN_ACCOUNT_MAX_FAILURES: '12',
    LOGIN_ADDRESS_MAX_FAILURES: '8',
    LOGIN_MIN_DELAY_SECONDS: '60',
  };
  let api: TestApp;
  let replica: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    [api, replica] = await Promise.all([startTestApp(config), startTestApp(config)]);
    tenant = await createTestTenant(api, 'Throttle Org');
  });
  afterAll(() => Promise.all([api.close(), replica.close()]));

  let address = 0;
  /** A client address of its own for each scenario (through the trusted loopback proxy). */
  const nextAddress = () => `198.51.100.${++address}`;

  const login = (on: TestApp, email: string, password: string, from: string) => loginOn(on, email, password, from);
  async function loginOn(
    on: TestApp,
    email: string,
    password: string,
    from: string,
  ): Promise<{ answer: Answer; retryAfterSeconds?: number }> {
    const response = await fetch(on.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: JSON.stringify({ query: LOGIN, variables: { input: { email, password } } }),
    });
    const body = (await response.json()) as {
      data?: unknown;
      errors?: { extensions: { code: string; retryAfterSeconds?: number } }[];
    };
    const error = body.errors?.[0];
    return error
      ? { answer: error.extensions.code, retryAfterSeconds: error.extensions.retryAfterSeconds }
      : { answer: 'SIGNED_IN' };
  }
  /** A password was checked for every answer but a refusal. */
  const evaluated = (answers: { answer: Answer }[]) => answers.filter((a) => a.answer !== 'TOO_MANY_REQUESTS').length;

  it('checks at most the free attempts plus one of 40 parallel guesses at one account, the right password included', async () => {
    const from = nextAddress();
    const guesses = Array.from({ length: 40 }, (_, i) =>
      login(api, tenant.users.TRAINER.email, i === 39 ? TEST_PASSWORD : `guess ${i}`, from),
    );
    const answers = await Promise.all(guesses);
    expect(evaluated(answers)).toBeLessThanOrEqual(6);
    expect(answers.filter((a) => a.answer === 'TOO_MANY_REQUESTS').length).toBeGreaterThanOrEqual(34);
    for (const a of answers) expect(['SIGNED_IN', 'UNAUTHENTICATED', 'TOO_MANY_REQUESTS']).toContain(a.answer);
  });

  it('holds across two API processes sharing the database', async () => {
    const from = nextAddress();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        login(i % 2 ? replica : api, tenant.users.COORDINATOR.email, `guess ${i}`, from),
      ),
    );
    expect(evaluated(answers)).toBeLessThanOrEqual(6);
  });

  it('slows the guesser without locking the owner out from another address', async () => {
    const attacker = nextAddress();
    for (let i = 0; i < 5; i++)
      expect((await login(api, tenant.users.DIRECTOR.email, `guess ${i}`, attacker)).answer).toBe('UNAUTHENTICATED');
    const refused = await login(api, tenant.users.DIRECTOR.email, TEST_PASSWORD, attacker);
    expect(refused).toEqual({ answer: 'TOO_MANY_REQUESTS', retryAfterSeconds: expect.any(Number) });
    expect((await login(api, tenant.users.DIRECTOR.email, TEST_PASSWORD, nextAddress())).answer).toBe('SIGNED_IN');
  });

  it('slows one password tried over many emails from one address', async () => {
    const from = nextAddress();
    const answers = [];
    for (let i = 0; i < 20; i++) answers.push(await login(api, `nobody${i}@${tenant.slug}.test`, 'Summer2026!', from));
    expect(evaluated(answers)).toBeLessThanOrEqual(9);
    expect(answers.at(-1)!.answer).toBe('TOO_MANY_REQUESTS');
  });

  it('answers an unknown email, a wrong password and an email in two organisations with one message, and counts each', async () => {
    const other = await createTestTenant(api, 'Other Org');
    await api.gql(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } } }`,
      { input: { email: tenant.users.ADMIN.email, password: TEST_PASSWORD, role: 'ADMIN' } },
      other.tokens.ADMIN,
    );
    const from = nextAddress();
    const messages = new Set<string>();
    for (const [email, password] of [
      ['nobody@nowhere.test', TEST_PASSWORD],
      [tenant.users.ADMIN.email, 'wrong password'],
      [tenant.users.ADMIN.email, TEST_PASSWORD], // right password, but in two organisations
    ]) {
      const response = await fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
        body: JSON.stringify({ query: LOGIN, variables: { input: { email, password } } }),
      });
      const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
      messages.add(body.errors[0]!.message);
    }
    expect(messages.size).toBe(1);
    // Each counted as a failure of that account from this address: two more and the address waits.
    for (let i = 0; i < 3; i++) await login(api, tenant.users.ADMIN.email, TEST_PASSWORD, from);
    expect((await login(api, tenant.users.ADMIN.email, TEST_PASSWORD, from)).answer).toBe('TOO_MANY_REQUESTS');
  });

  it('makes a guesser wait longer and longer instead of a fixed lockout', async () => {
    // One-second steps here: waiting them out is part of the scenario.
    const quick = await startTestApp({ ...config, LOGIN_MIN_DELAY_SECONDS: '1' });
    const login = (on: TestApp, email: string, password: string, from: string) => loginOn(quick, email, password, from);
    const from = nextAddress();
    const email = tenant.users.AGENT.email;
    for (let i = 0; i < 5; i++) await login(api, email, `guess ${i}`, from);
    const waits: number[] = [];
    for (let round = 0; round < 4; round++) {
      const refused = await login(api, email, 'guess again', from);
      expect(refused.answer).toBe('TOO_MANY_REQUESTS');
      waits.push(refused.retryAfterSeconds!);
      await new Promise((resolve) => setTimeout(resolve, refused.retryAfterSeconds! * 1000 + 100));
      // After the wait, one more guess is checked.
      expect((await login(api, email, 'guess after waiting', from)).answer).toBe('UNAUTHENTICATED');
    }
    expect(waits[3]!).toBeGreaterThan(waits[0]!);
    for (let i = 1; i < waits.length; i++) expect(waits[i]!).toBeGreaterThanOrEqual(waits[i - 1]!);
    await quick.close();
  }, 60_000);
});
