import 'reflect-metadata';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { writeFile } from 'node:fs/promises';
import { createApp, prepare } from '../bootstrap';
import { printSchemaFile, SCHEMA_FILE } from '../graphql/print-schema';

/** `npm run schema:print`: writes apps/api/schema.gql from the running code. */
async function main(): Promise<void> {
  const { config, database } = await prepare({ ...process.env, LOG_LEVEL: 'warn' });
  const app = await createApp(config);
  try {
    await app.init();
    await writeFile(SCHEMA_FILE, printSchemaFile(app.get(GraphQLSchemaHost).schema));
    process.stdout.write(`Wrote ${SCHEMA_FILE}\n`);
  } finally {
    await app.close();
    await database.embedded?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Printing the schema failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
