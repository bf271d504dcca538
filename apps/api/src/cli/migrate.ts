import 'reflect-metadata';
import { loadConfig } from '@deskforce/platform';
import { resolveDatabase } from '../bootstrap';
import { runMigrations } from '../database/migrate';

/** `npm run migrate`: applies pending migrations to DATABASE_URL (or the embedded database) and exits. */
async function main(): Promise<void> {
  const config = loadConfig({ JWT_SECRET: 'unused-by-migrations-but-required-with-a-url', ...process.env });
  const database = await resolveDatabase(config);
  try {
    const applied = await runMigrations(database.url);
    process.stdout.write(
      applied.length ? `Applied: ${applied.join(', ')}\n` : 'Nothing to apply: the schema is up to date.\n',
    );
  } finally {
    await database.embedded?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
