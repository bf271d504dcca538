import 'reflect-metadata';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres';
import { runMigrations } from '../../apps/api/src/database/migrate';
import { freePort } from '../../apps/api/src/database/free-port';

/**
 * The test database, as a small program the Jest global setup starts: it starts a throwaway embedded
 * PostgreSQL (or uses TEST_DATABASE_URL), migrates it, prints `{"url": ...}` on one line, and keeps the
 * server until its stdin closes (Jest's teardown, or Jest dying), then stops it and removes the data.
 * A separate process because embedded-postgres and NestJS are ES modules that Jest's global setup
 * cannot load on Node 20.
 */
async function main(): Promise<void> {
  let url = process.env['TEST_DATABASE_URL'];
  let stop = async () => undefined as void;
  if (!url) {
    // Under the system temp folder: reachable by the `postgres` user when we run as root.
    const folder = await mkdtemp(join(tmpdir(), 'deskforce-test-'));
    await chmod(folder, 0o755); // mkdtemp makes it private to us
    const server = await startEmbeddedPostgres({ dataDir: join(folder, 'pg'), port: await freePort() });
    await server.createDatabase('deskforce_test');
    url = server.url('deskforce_test');
    stop = async () => {
      await server.stop();
      await rm(folder, { recursive: true, force: true });
    };
  }
  await runMigrations(url);
  process.stdout.write(`${JSON.stringify({ url })}\n`);

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await stop().catch(() => undefined);
    process.exit(0);
  };
  process.stdin.on('end', shutdown);
  process.stdin.on('close', shutdown);
  process.stdin.resume();
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`Test database failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
