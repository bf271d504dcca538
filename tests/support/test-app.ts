import { SessionService, TenantProvisioningService } from '@deskforce/identity';
import { Actor, APP_ROLE, loadConfig, Role, TENANT_SETTING } from '@deskforce/platform';
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { ResolvedConfig } from '../../apps/api/src/app.module';
import { createApp } from '../../apps/api/src/bootstrap';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response shapes
export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data: T | null | undefined;
  errors?: { message: string; path?: string[]; extensions: { code: string; [key: string]: unknown } }[];
}

export interface TestApp {
  app: INestApplication;
  url: string;
  config: ResolvedConfig;
  /** POSTs one GraphQL operation as a client would. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as GraphQLResponse
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLResponse<T>>;
  /** Raw SQL as the connecting (system) role, for assertions about what is stored. */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /**
   * Runs `fn` in a transaction (rolled back) as the request role, with `tenantId` as the tenant setting
   * (none when null): for tests of row-level security, the safety net under statements that forget their
   * tenant. Through the assertions' pool, so the statement-rules check does not judge these on purpose.
   */
  asRequestRole<T>(
    tenantId: string | null,
    fn: (query: <R = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<R[]>) => Promise<T>,
  ): Promise<T>;
  close(): Promise<void>;
}

export function testConfig(overrides: Record<string, string> = {}): ResolvedConfig {
  const databaseUrl = overrides['DATABASE_URL'] ?? process.env['DESKFORCE_TEST_DATABASE_URL'];
  if (!databaseUrl) throw new Error('The Jest global setup did not provide a test database.');
  const config = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-signing',
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
    DB_POOL_SIZE: '5',
    // Every test app shares the job queue, so any of them may send a webhook delivery: all retry quickly,
    // and the receivers tests start on loopback are allowed.
    WEBHOOK_RETRY_BASE_MS: '100',
    WEBHOOK_ALLOW_PRIVATE: 'true',
    // Cheap password hashes (still argon2id): every test tenant hashes five passwords.
    PASSWORD_HASH_MEMORY_KIB: '1024',
    PASSWORD_HASH_TIME_COST: '1',
    // The overdue-training and KPI-alert sweeps look at every tenant: tests run them for their own (sweepTenant).
    TRAINING_OVERDUE_SWEEP_SECONDS: '0',
    KPI_ALERT_SWEEP_SECONDS: '0',
    ...overrides,
    DATABASE_URL: databaseUrl,
  });
  return { ...config, databaseUrl, jwtSecret: config.jwtSecret! };
}

/** Boots the whole API on a free loopback port against the test database. */
export async function startTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const config = testConfig(overrides);
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/graphql`;
  // Assertions read the database through a pool of their own, named apart from the application's, so that
  // the statement-rules check (tests/sql-rules) judges only the application's statements.
  const assertions = new Pool({ connectionString: config.databaseUrl, max: 2, application_name: 'deskforce-tests' });
  // An idle connection of this pool that the server closes (the outage test stops PostgreSQL) is dropped by
  // the pool, which then emits 'error': without a listener, that error fails whichever test is running.
  assertions.on('error', () => undefined);
  return {
    app,
    url,
    config,
    async gql(query, variables, token) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: never; errors?: never };
      return { status: response.status, data: body.data, errors: body.errors };
    },
    sql: async (text, params = []) => (await assertions.query(text, params)).rows,
    async asRequestRole(tenantId, fn) {
      const client = await assertions.connect();
      try {
        await client.query('BEGIN');
        await client.query(`SET LOCAL ROLE ${APP_ROLE}`);
        if (tenantId !== null) await client.query(`SELECT set_config('${TENANT_SETTING}', $1, true)`, [tenantId]);
        return await fn(async (text, params = []) => (await client.query(text, params)).rows);
      } finally {
        await client.query('ROLLBACK').catch(() => undefined);
        client.release();
      }
    },
    close: async () => {
      await app.close();
      await assertions.end();
    },
  };
}

export type Tokens = Record<Role, string>;

export interface TestTenant {
  tenantId: string;
  slug: string;
  tokens: Tokens;
  users: Record<Role, { id: string; email: string }>;
  actor(role: Role): Actor;
}

export const TEST_PASSWORD = 'correct horse battery staple';

/**
 * A fresh organisation with one user per role and an access token of a session of each (opened as sign-in
 * opens them, without the cost of five argon2 verifications), so every test works in a tenant of its own
 * and test files can run in parallel.
 */
export async function createTestTenant(api: TestApp, name = 'Test Org'): Promise<TestTenant> {
  const slug = `t-${randomUUID().slice(0, 12)}`;
  const provisioned = await api.app.get(TenantProvisioningService).create({
    name,
    slug,
    users: Object.values(Role).map((role) => ({
      email: `${role.toLowerCase()}@${slug}.test`,
      password: TEST_PASSWORD,
      role,
    })),
  });
  const sessions = api.app.get(SessionService);
  const users = {} as TestTenant['users'];
  const tokens = {} as Tokens;
  const actors = {} as Record<Role, Actor>;
  for (const user of provisioned.users) {
    users[user.role] = { id: user.id, email: user.email };
    const session = await sessions.start({ tenantId: provisioned.tenantId, ...user });
    actors[user.role] = {
      userId: user.id,
      tenantId: provisioned.tenantId,
      role: user.role,
      email: user.email,
      sessionId: session.sessionId,
    };
    tokens[user.role] = session.accessToken;
  }
  return { tenantId: provisioned.tenantId, slug, tokens, users, actor: (role) => actors[role] };
}

/** Signs in through GraphQL as a client would, and returns the access token. */
export async function signIn(api: TestApp, email: string, password: string, tenantSlug?: string): Promise<string> {
  const response = await api.gql(`mutation($input: LoginInput!) { login(input: $input) { accessToken } }`, {
    input: { email, password, ...(tenantSlug ? { tenantSlug } : {}) },
  });
  if (response.errors) throw new Error(`login failed: ${JSON.stringify(response.errors)}`);
  return response.data!['login'].accessToken as string;
}
