import 'reflect-metadata';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, prepare, shutDown } from '../../../apps/api/src/bootstrap';
import { freePort } from '../../../apps/api/src/database/free-port';
import { seedDemoTenant } from '../../../apps/api/src/seed/demo-seed';

/**
 * What `npm start` runs, on a throwaway embedded PostgreSQL and free ports: migrations, the demo tenant,
 * the API serving the built console at /. Prints `{"url", "databaseUrl"}` on one line and runs until its
 * stdin closes (the browser tests' teardown, or Jest dying), then stops and removes everything.
 */
async function main(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'deskforce-browser-'));
  await chmod(folder, 0o755); // reachable by the postgres user when we run as root
  const { config, database } = await prepare({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: '',
    EMBEDDED_PG_DIR: join(folder, 'pg'),
    EMBEDDED_PG_PORT: String(await freePort()),
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
    SEED_DEMO: 'true',
  });
  const app = await createApp(config);
  await seedDemoTenant(app);
  await app.listen(await freePort(), '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  process.stdout.write(`${JSON.stringify({ url, databaseUrl: database.url })}\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await shutDown(app, 2000).catch(() => undefined);
    await database.embedded?.stop().catch(() => undefined);
    await rm(folder, { recursive: true, force: true });
    process.exit(0);
  };
  process.stdin.on('end', () => void stop());
  process.stdin.on('close', () => void stop());
  process.stdin.resume();
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`Console test server failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
