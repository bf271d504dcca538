import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPostgresHandle, startEmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres';
import { runMigrations } from '../../apps/api/src/database/migrate';
import { freePort } from '../../apps/api/src/database/free-port';

export { freePort };

/**
 * A PostgreSQL server of the test's own, for tests that stop and start the database: the shared test
 * database must stay up for the other test files running in parallel.
 */
export class OwnDatabase {
  private server?: EmbeddedPostgresHandle;

  private constructor(
    private readonly folder: string,
    private readonly port: number,
  ) {}

  static async create(): Promise<OwnDatabase> {
    const folder = await mkdtemp(join(tmpdir(), 'deskforce-own-'));
    await chmod(folder, 0o755);
    const database = new OwnDatabase(folder, await freePort());
    await database.start();
    await database.server!.createDatabase('deskforce');
    await runMigrations(database.url);
    return database;
  }

  get url(): string {
    return `postgres://postgres:deskforce-local@127.0.0.1:${this.port}/deskforce`;
  }

  async start(): Promise<void> {
    this.server = await startEmbeddedPostgres({ dataDir: join(this.folder, 'pg'), port: this.port });
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }

  async destroy(): Promise<void> {
    await this.stop();
    await rm(this.folder, { recursive: true, force: true });
  }
}
