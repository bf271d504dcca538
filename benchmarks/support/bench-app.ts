import { SessionService, TenantProvisioningService } from '@deskforce/identity';
import { loadConfig, Role } from '@deskforce/platform';
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createApp } from '../../apps/api/src/bootstrap';
import { postJson } from './post-json';

/** The key the benchmark API signs its tokens with (a baseline server checks them with the same). */
export const BENCH_JWT_SECRET = 'benchmark-secret-that-is-long-enough-for-hs256';

export interface BenchApp {
  app: INestApplication;
  url: string;
  gql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown>,
    token: string,
  ): Promise<{ data?: T; errors?: unknown[] }>;
  close(): Promise<void>;
}

/** The whole API on a loopback port, logging only warnings, as a client would meet it. */
export async function startBenchApp(databaseUrl: string, overrides: Record<string, string> = {}): Promise<BenchApp> {
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: BENCH_JWT_SECRET,
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    ...overrides,
  });
  const app = await createApp({ ...config, databaseUrl, jwtSecret: config.jwtSecret! });
  await app.listen(0, '127.0.0.1');
  const url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/graphql`;
  return {
    app,
    url,
    gql: (query, variables, token) =>
      postJson(url, JSON.stringify({ query, variables }), { authorization: `Bearer ${token}` }),
    close: () => app.close(),
  };
}

/** A tenant with one user of the given role and its token. */
export async function benchTenant(
  bench: BenchApp,
  role: Role = Role.DIRECTOR,
): Promise<{ tenantId: string; token: string; userId: string }> {
  const slug = `bench-${randomUUID().slice(0, 8)}`;
  const tenant = await bench.app.get(TenantProvisioningService).create({
    name: 'Benchmark Org',
    slug,
    users: [{ email: `${role.toLowerCase()}@${slug}.test`, password: 'benchmark-password', role }],
  });
  const user = tenant.users[0]!;
  const token = (await bench.app.get(SessionService).start({ tenantId: tenant.tenantId, ...user })).accessToken;
  return { tenantId: tenant.tenantId, token, userId: user.id };
}
