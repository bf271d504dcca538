import { dataSourceOptions } from '@deskforce/platform';
import { DataSource } from 'typeorm';
import { migrations } from './schema';

/** Applies every pending migration (each in its own transaction). Returns the names it applied. */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource(
    dataSourceOptions({
      url,
      poolSize: 2,
      statementTimeoutMs: 0,
      connectTimeoutMs: 10000,
      migrations,
      applicationName: 'deskforce-migrations',
    }),
  );
  await dataSource.initialize();
  // Serialise concurrent starters (several API processes, parallel test setups) on one advisory lock,
  // held by a session of its own for the duration.
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock(804113)');
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock(804113)').catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}
