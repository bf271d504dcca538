import 'reflect-metadata';
import { TenantProvisioningService } from '@deskforce/identity';
import { VendorImporter } from '@deskforce/integrations';
import { ImportSummary, IngestKind, InteractionImporter } from '@deskforce/performance';
import { readFile } from 'node:fs/promises';
import { createApp, prepare } from '../bootstrap';

const KINDS: Record<string, IngestKind> = { interactions: 'interactions', surveys: 'surveys', states: 'states' };
const VENDORS = ['zendesk', 'freshdesk', 'mapping'] as const;
type VendorName = (typeof VENDORS)[number];
const USAGE =
  'Usage: npm run import -- interactions|surveys|states FILE [--tenant SLUG] [--chunk ROWS]\n' +
  '       npm run import -- zendesk|freshdesk FILE [--ratings RATINGS_FILE] [--tenant SLUG] [--chunk ROWS]\n' +
  '       npm run import -- mapping FILE --mapping MAP.json [--tenant SLUG] [--chunk ROWS]\n' +
  '  FILE: CSV with a header of field names, or NDJSON (.ndjson, .jsonl);\n' +
  '        for zendesk, incremental export page(s) (JSON, or NDJSON a page a line); for freshdesk, a tickets list (include=stats)';

function summaryLine(file: string, summary: ImportSummary): string {
  return (
    `${file}: ${summary.lines} lines, ${summary.inserted} inserted, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.rejected} rejected` +
    ` in ${summary.seconds.toFixed(1)} s (${summary.rowsPerSecond} rows/s)\n` +
    (summary.rejectFile ? `Rejected lines and why: ${summary.rejectFile}\n` : '')
  );
}

/** `npm run import`: loads a file of interactions, survey responses or agent states into a tenant. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const slug = option('tenant') ?? 'demo';
  const chunk = Number(option('chunk') ?? 50000);
  const ratings = option('ratings');
  const mappingFile = option('mapping');
  const [kindName, file] = args;
  const kind = KINDS[kindName ?? ''];
  const vendor = VENDORS.find((v) => v === kindName) as VendorName | undefined;
  if (
    (!kind && !vendor) ||
    !file ||
    !Number.isInteger(chunk) ||
    chunk < 1 ||
    (vendor === 'mapping') !== (mappingFile !== undefined)
  )
    throw new Error(USAGE);
  // A mapping file is read and checked whole before anything starts (every problem listed by its key).
  const mapping: unknown = mappingFile === undefined ? undefined : JSON.parse(await readFile(mappingFile, 'utf8'));
  const { config, database } = await prepare({ LOG_LEVEL: 'warn', SEED_DEMO: 'false', ...process.env });
  const app = await createApp(config);
  await app.init();
  try {
    const tenantId = await app.get(TenantProvisioningService).findBySlug(slug);
    if (!tenantId) throw new Error(`No organisation with the slug "${slug}" (use --tenant).`);
    if (vendor) {
      const result = await app.get(VendorImporter).import({
        tenantId,
        vendor,
        mapping,
        file,
        ratingsFile: ratings,
        chunkSize: chunk,
        progress: process.stderr.isTTY,
      });
      process.stdout.write(
        summaryLine(`${file} (${vendor === 'mapping' ? 'mapped' : vendor} contacts)`, result.tickets),
      );
      if (result.stale > 0)
        process.stdout.write(`${result.stale} tickets older than the version already imported were ignored\n`);
      if (result.surveys) process.stdout.write(summaryLine(`${file} (survey answers)`, result.surveys));
      return;
    }
    const summary = await app.get(InteractionImporter).import({
      tenantId,
      kind: kind!,
      file,
      chunkSize: chunk,
      progress: process.stderr.isTTY,
    });
    process.stdout.write(summaryLine(file, summary));
  } finally {
    await app.close();
    await database.embedded?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Import failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
