import 'reflect-metadata';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
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

/**
 * An empty database of its own on the bench server (named `<prefix>_<random>`), for a benchmark whose API
 * processes migrate it at start; `close` drops it and closes the bench database.
 */
export async function scratchBenchDatabase(prefix: string): Promise<BenchDatabase> {
  const database = await benchDatabase();
  const name = `${prefix}_${randomUUID().slice(0, 8)}`;
  const admin = new Client({ connectionString: database.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(database.url);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    close: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
      await database.close();
    },
  };
}
