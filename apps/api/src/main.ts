import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp, prepare, shutDown } from './bootstrap';
import { DEMO_PASSWORD, DEMO_SIGN_INS, seedDemoTenant } from './seed/demo-seed';

async function main(): Promise<void> {
  const started = Date.now();
  const { config, database, applied } = await prepare();
  const app = await createApp(config);
  const logger = new Logger('Deskforce');
  if (applied.length > 0) logger.log(`Applied ${applied.length} migration(s): ${applied.join(', ')}`);
  const seeded = config.seedDemo ? await seedDemoTenant(app) : false;
  await app.listen(config.port, '0.0.0.0');
  const url = `http://localhost:${config.port}/graphql`;

  const lines = [
    '',
    `Deskforce API ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    `  GraphQL:  ${url}${config.graphqlSandbox ? '  (open it in a browser for the sandbox)' : ''}`,
    `  Health:   http://localhost:${config.port}/health`,
    `  Database: ${database.embedded ? `embedded PostgreSQL, data in ${config.embeddedDataDir}` : 'DATABASE_URL'}`,
  ];
  if (config.seedDemo) {
    lines.push(
      `  Demo tenant "Demo Support Co"${seeded ? ' (created now)' : ''}; sign in with password "${DEMO_PASSWORD}" as:`,
    );
    for (const email of DEMO_SIGN_INS) lines.push(`    ${email}`);
  } else {
    lines.push('  Demo tenant: not created (SEED_DEMO is off). Create an organisation with:');
    lines.push('    npm run org:create -- --name "Your Company" --admin-email you@example.com');
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  // Graceful shutdown: stop accepting connections, let in-flight requests finish, close the pool, then the
  // embedded database. A second signal forces the exit.
  const stop = async (signal: string) => {
    logger.log(`${signal} received: finishing in-flight requests`);
    process.once(signal, () => process.exit(1));
    await shutDown(app);
    await database.embedded?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  const reason =
    error instanceof Error
      ? error.message
      : `an unexpected ${typeof error} was thrown (${JSON.stringify(error) ?? 'no value'})`;
  process.stderr.write(`Deskforce failed to start: ${reason}\n`);
  process.exit(1);
});
