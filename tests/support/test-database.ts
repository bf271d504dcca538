import 'reflect-metadata';
import { createWriteStream } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Client } from 'pg';
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
    // With DESKFORCE_STATEMENT_LOG (set by `npm test`), every statement is logged, each entry starting with
    // §<application name>§, and written there for the statement-rules check that runs after the suite
    // (tests/sql-rules). (On stderr: embedded-postgres watches it to know the server is up.)
    const statementLog = process.env['DESKFORCE_STATEMENT_LOG'];
    const log = statementLog ? createWriteStream(join(statementLog, 'statements.log')) : undefined;
    const settings: Record<string, string> = statementLog ? { log_statement: 'all', log_line_prefix: '§%a§ ' } : {};
    const server = await startEmbeddedPostgres({
      dataDir: join(folder, 'pg'),
      port: await freePort(),
      settings,
      onLog: log ? (message) => log.write(message) : undefined,
    });
    await server.createDatabase('deskforce_test');
    url = server.url('deskforce_test');
    stop = async () => {
      await server.stop();
      await rm(folder, { recursive: true, force: true });
    };
  }
  await runMigrations(url);
  if (process.env['DESKFORCE_STATEMENT_LOG'] && !process.env['TEST_DATABASE_URL'])
    await writeTenantTables(url, process.env['DESKFORCE_STATEMENT_LOG']);
  process.stdout.write(`${JSON.stringify({ url })}\n`);

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await stop().catch(() => undefined);
    process.exit(0);
  };
  process.stdin.on('end', () => void shutdown());
  process.stdin.on('close', () => void shutdown());
  process.stdin.resume();
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}

/** The tables the statement rules apply to: every table with a tenant_id column, read from the catalog. */
async function writeTenantTables(url: string, folder: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ table_name: string }>(
    `SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE' ORDER BY 1`,
  );
  await client.end();
  await writeFile(join(folder, 'tenant-tables.json'), JSON.stringify(rows.map((r) => r.table_name)));
}

main().catch((error: unknown) => {
  process.stderr.write(`Test database failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
