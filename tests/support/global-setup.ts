import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * Once per `npm test`: start the test database program (tests/support/test-database.ts) and hand its URL
 * to the test files. Test files run in parallel, each in tenants of its own.
 */
export default async function globalSetup(): Promise<void> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'test-database.ts')], {
    cwd: join(__dirname, '../..'),
    env: { ...process.env, NODE_ENV: 'test' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      try {
        resolve((JSON.parse(line) as { url: string }).url);
      } catch {
        reject(new Error(`Unexpected output from the test database: ${line}`));
      }
    });
    child.once('exit', (code) => reject(new Error(`The test database exited with code ${code}`)));
  });
  process.env['DESKFORCE_TEST_DATABASE_URL'] = url;
  (globalThis as Record<string, unknown>)['__DESKFORCE_TEST_DATABASE__'] = child;
}

export function testDatabaseProcess(): ChildProcess | undefined {
  return (globalThis as Record<string, unknown>)['__DESKFORCE_TEST_DATABASE__'] as ChildProcess | undefined;
}
