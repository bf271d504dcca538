import 'reflect-metadata';
import { createApp, prepare } from '../bootstrap';
import { generateBenchHistory } from '../seed/bench-seed';

/** `npm run seed:bench -- --interactions 10000000 [--days 730] [--agents 300] [--teams 12] [--tenant SLUG]` */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: number) => {
    const i = args.indexOf(`--${name}`);
    const value = i >= 0 ? Number(args[i + 1]) : fallback;
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive whole number`);
    return value;
  };
  const slugAt = args.indexOf('--tenant');
  const { config, database } = await prepare({ LOG_LEVEL: 'warn', ...process.env });
  const app = await createApp(config);
  await app.init();
  try {
    const started = Date.now();
    const tenant = await generateBenchHistory(app, {
      databaseUrl: config.databaseUrl,
      interactions: option('interactions', 100000),
      days: option('days', 365),
      agents: option('agents', 300),
      teams: option('teams', 12),
      end: new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1)),
      slug: slugAt >= 0 ? args[slugAt + 1] : undefined,
      log: (message) => process.stdout.write(`${message}\n`),
    });
    process.stdout.write(
      `Seeded organisation "${tenant.slug}" in ${((Date.now() - started) / 1000).toFixed(0)} s; sign in as director@${tenant.slug}.test / deskforce-bench\n`,
    );
  } finally {
    await app.close();
    await database.embedded?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seed:bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
