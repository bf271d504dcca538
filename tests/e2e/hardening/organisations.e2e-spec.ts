import { createScratchDatabase, runCli, startApiProcess } from '@deskforce/testing';

/**
 * A production deployment starts without the demo organisation (whose password is public), says so, and
 * its first real organisation is created with `npm run org:create`.
 */
describe('organisations without the demo', () => {
  let database: { url: string; drop(): Promise<void> };
  const secret = 'a-strong-production-secret-of-at-least-32-chars';

  beforeAll(async () => {
    database = await createScratchDatabase();
  });
  afterAll(() => database.drop());

  const login = (url: string, email: string, password: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($input: LoginInput!) { login(input: $input) { user { role tenant { name } } } }',
        variables: { input: { email, password } },
      }),
    }).then(
      (r) =>
        r.json() as Promise<{
          data: { login: { user: { role: string; tenant: { name: string } } } } | null;
          errors?: { extensions: { code: string } }[];
        }>,
    );

  it('creates no demo tenant on a production start, says so, and org:create makes a real one', async () => {
    const api = await startApiProcess({
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      JWT_SECRET: secret,
      SEED_DEMO: undefined,
    });
    try {
      expect(api.output()).toContain('Demo tenant: not created');
      expect(api.output()).toContain('npm run org:create');
      const demo = await login(api.url, 'admin@demo.test', 'deskforce-demo');
      expect(demo.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');

      const created = await runCli('create-org.ts', ['--name', 'Acme Support', '--admin-email', 'Boss@Acme.test'], {
        DATABASE_URL: database.url,
        JWT_SECRET: secret,
      });
      expect(created.stderr).toBe('');
      expect(created.code).toBe(0);
      expect(created.stdout).toContain('slug acme-support');
      const password = /shown only now: (\S+)/.exec(created.stdout)![1]!;
      const signedIn = await login(api.url, 'boss@acme.test', password);
      expect(signedIn.data!.login.user).toEqual({ role: 'ADMIN', tenant: { name: 'Acme Support' } });

      const again = await runCli('create-org.ts', ['--name', 'Acme Support', '--admin-email', 'other@acme.test'], {
        DATABASE_URL: database.url,
        JWT_SECRET: secret,
      });
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('exists already');
    } finally {
      api.kill();
    }
  }, 120_000);
});
