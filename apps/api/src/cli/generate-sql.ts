import 'reflect-metadata';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { existingSqlFiles, generateSqlFiles, ROOT } from '../docs/sql-files';

/** `npm run sql:generate`: rewrites every repository's SQL file (libs/<lib>/src/lib/queries/*.sql). */
async function main(): Promise<void> {
  const { files, problems } = await generateSqlFiles();
  const wanted = new Set(files.map((f) => f.path));
  for (const stale of existingSqlFiles()) if (!wanted.has(stale)) rmSync(join(ROOT, stale));
  for (const file of files) {
    mkdirSync(dirname(join(ROOT, file.path)), { recursive: true });
    writeFileSync(join(ROOT, file.path), file.text);
  }
  process.stdout.write(`Wrote ${files.length} SQL files\n`);
  if (problems.length) {
    // The files are written all the same, so that the ones without problems can be seen.
    process.stderr.write(`${problems.join('\n')}\n`);
    process.exitCode = 1;
  }
}

void main();
