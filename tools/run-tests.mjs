#!/usr/bin/env node
// `npm test`: every test runner of the workspace, one after another so the browser run does not starve the
// API tests of the two cores: Jest (API: unit and HTTP GraphQL end-to-end), Vitest (console components),
// the statement-rules check over the statements the API suite sent, Jest with Playwright (the console in
// Chromium against a real API). Exits non-zero when any fails.
//
//   npm test                      all four
//   npm test -- --only=api,sql-rules,console
//   npm test -- --report-dir=DIR  also write each runner's JSON report (api.json, console.json, browser.json)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const option = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const reportDir = option('report-dir') ? resolve(option('report-dir')) : undefined;
const only = option('only')?.split(',');
if (reportDir) mkdirSync(reportDir, { recursive: true });

const bin = (name) => join(root, 'node_modules/.bin', name);
const runners = [
  { name: 'api', command: bin('jest'), args: [], json: (file) => ['--json', `--outputFile=${file}`] },
  // Over the statements the API suite just sent (the test cluster logs them to DESKFORCE_STATEMENT_LOG).
  {
    name: 'sql-rules',
    command: bin('jest'),
    args: ['--config', 'tests/sql-rules/jest.config.js'],
    json: (file) => ['--json', `--outputFile=${file}`],
  },
  {
    name: 'console',
    command: bin('vitest'),
    args: ['run', '--config', 'apps/console/vite.config.mts'],
    json: (file) => ['--reporter=default', '--reporter=json', `--outputFile.json=${file}`],
  },
  {
    name: 'browser',
    command: bin('jest'),
    args: ['--config', 'tests/browser/jest.config.js', '--runInBand'],
    json: (file) => ['--json', `--outputFile=${file}`],
  },
];

// A fresh statement log for this run, removed at the end (it holds every statement of the suite).
const statementLog = mkdtempSync(join(tmpdir(), 'deskforce-statements-'));
process.env.DESKFORCE_STATEMENT_LOG = statementLog;

let failed = false;
for (const runner of runners) {
  if (only && !only.includes(runner.name)) continue;
  process.stdout.write(`\n=== ${runner.name} tests ===\n`);
  const args = [...runner.args, ...(reportDir ? runner.json(join(reportDir, `${runner.name}.json`)) : [])];
  const result = spawnSync(runner.command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    failed = true;
    process.stdout.write(`=== ${runner.name} tests failed (exit ${result.status ?? result.signal}) ===\n`);
  }
}
rmSync(statementLog, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
