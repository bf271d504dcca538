import 'reflect-metadata';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres';
import { freePort } from '../../apps/api/src/database/free-port';
import { runMigrations } from '../../apps/api/src/database/migrate';

export interface BenchDatabase {
  url: string;
  close(): Promise<void>;
}

/**
 * The database a benchmark runs on: BENCH_DATABASE_URL when set, otherwise a throwaway embedded
 * PostgreSQL under the system temp folder. Migrated before use.
 */
export async function benchDatabase(): Promise<BenchDatabase> {
  const given = process.env['BENCH_DATABASE_URL'];
  if (given) {
    await runMigrations(given);
    return { url: given, close: async () => undefined };
  }
  const folder = await mkdtemp(join(tmpdir(), 'deskforce-bench-'));
  await chmod(folder, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: join(folder, 'pg'), port: await freePort() });
  await server.createDatabase('deskforce_bench');
  const url = server.url('deskforce_bench');
  await runMigrations(url);
  return {
    url,
    close: async () => {
      await server.stop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
