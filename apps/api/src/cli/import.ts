import 'reflect-metadata';
import { TenantProvisioningService } from '@deskforce/identity';
import { IngestKind, InteractionImporter } from '@deskforce/performance';
import { createApp, prepare } from '../bootstrap';

const KINDS: Record<string, IngestKind> = { interactions: 'interactions', surveys: 'surveys', states: 'states' };
const USAGE = 'Usage: npm run import -- interactions|surveys|states FILE [--tenant SLUG] [--chunk ROWS]\n  FILE: CSV with a header of field names, or NDJSON (.ndjson, .jsonl)';

/** `npm run import`: loads a file of interactions, survey responses or agent states into a tenant. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const slug = option('tenant') ?? 'demo';
  const chunk = Number(option('chunk') ?? 50000);
  const [kindName, file] = args;
  const kind = KINDS[kindName ?? ''];
  if (!kind || !file || !Number.isInteger(chunk) || chunk < 1) throw new Error(USAGE);
  const { config, database } = await prepare({ LOG_LEVEL: 'warn', SEED_DEMO: 'false', ...process.env });
  const app = await createApp(config);
  await app.init();
  try {
    const tenantId = await app.get(TenantProvisioningService).findBySlug(slug);
    if (!tenantId) throw new Error(`No organisation with the slug "${slug}" (use --tenant).`);
    const summary = await app.get(InteractionImporter).import({ tenantId, kind, file, databaseUrl: config.databaseUrl, chunkSize: chunk, progress: process.stderr.isTTY });
    process.stdout.write(
      `${file}: ${summary.lines} lines, ${summary.inserted} inserted, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.rejected} rejected` +
        ` in ${summary.seconds.toFixed(1)} s (${summary.rowsPerSecond} rows/s)\n` +
        (summary.rejectFile ? `Rejected lines and why: ${summary.rejectFile}\n` : ''),
    );
  } finally {
    await app.close();
    await database.embedded?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Import failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
