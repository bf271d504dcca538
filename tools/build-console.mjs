#!/usr/bin/env node
// Builds the console (apps/console) when its build is missing or older than its sources, so that `npm start`
// serves what the checkout holds. `--force` builds regardless. Codegen runs first: the typed documents the
// screens import are generated from apps/api/schema.gql.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const consoleDir = join(root, 'apps/console');
const built = join(consoleDir, 'dist/index.html');

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function stale() {
  if (!existsSync(built)) return 'no build yet';
  const sources = ['src', 'index.html', 'vite.config.mts', 'codegen.ts', 'tsconfig.json'].map((p) =>
    join(consoleDir, p),
  );
  sources.push(join(root, 'apps/api/schema.gql'), join(root, 'package-lock.json'));
  const builtAt = statSync(built).mtimeMs;
  const changed = sources.find((p) => existsSync(p) && newest(p) > builtAt);
  return changed ? `${changed.slice(root.length + 1)} changed` : null;
}

function run(bin, args) {
  const result = spawnSync(join(root, 'node_modules/.bin', bin), args, {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) {
    process.stderr.write(`console build: ${bin} failed (exit ${result.status ?? result.signal})\n`);
    process.exit(1);
  }
}

const reason = process.argv.includes('--force') ? 'forced' : stale();
if (reason) {
  const started = Date.now();
  process.stdout.write(`Building the console (${reason})…\n`);
  run('graphql-codegen', ['--config', 'apps/console/codegen.ts', '--silent']);
  run('vite', ['build', '--config', 'apps/console/vite.config.mts', '--logLevel', 'warn']);
  process.stdout.write(`Console built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
