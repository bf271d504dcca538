import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { freePort } from '../../apps/api/src/database/free-port';

const ROOT = join(__dirname, '../..');

export interface ApiProcess {
  child: ChildProcess;
  port: number;
  url: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves when the process exits, with its exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** SIGKILL unless it exited already. */
  kill(): void;
}

/** Runs `npm start`'s program (apps/api/src/main.ts) as a process of its own, as an operator would. */
export async function startApiProcess(
  env: Record<string, string | undefined>,
  options: { readyText?: string; timeoutMs?: number } = {},
): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/api/src/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      JWT_SECRET: 'api-process-test-secret-long-enough-for-hs256',
      LOG_LEVEL: 'warn',
      // The overdue-training and KPI-alert sweeps look at every tenant of the shared test database: off unless asked for.
      TRAINING_OVERDUE_SWEEP_SECONDS: '0',
      KPI_ALERT_SWEEP_SECONDS: '0',
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const readyText = options.readyText ?? 'Deskforce API ready';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the API did not start in time: ${output}`)),
      options.timeoutMs ?? 60_000,
    );
    const check = () => {
      if (output.includes(readyText)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the API exited early with ${code}: ${output}`));
    });
  });
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    output: () => output,
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** Runs one of our command-line programs (apps/api/src/cli/*.ts) to its end. */
export function runCli(
  script: string,
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/api/src/cli', script), ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      JWT_SECRET: 'api-process-test-secret-long-enough-for-hs256',
      TRAINING_OVERDUE_SWEEP_SECONDS: '0',
      KPI_ALERT_SWEEP_SECONDS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

/**
 * An empty database of the test's own on the shared test server, for tests of what a fresh deployment
 * does (migrations, first start). Dropped by `drop()`.
 */
export async function createScratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env['DESKFORCE_TEST_DATABASE_URL']!;
  const name = `scratch_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
