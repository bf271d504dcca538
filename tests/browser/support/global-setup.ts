import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const root = join(__dirname, '../../..');

/**
 * Once per browser run: build the console when its build is stale, then start the console server
 * (support/console-server.ts) and hand its URLs to the test files.
 */
export default async function globalSetup(): Promise<void> {
  if (!existsSync(process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium')) {
    throw new Error('Chromium is missing: apt-get install -y chromium (or set CHROMIUM_PATH).');
  }
  const build = spawnSync(process.execPath, [join(root, 'tools/build-console.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('The console build failed.');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'console-server.ts')], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'test' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const started = await new Promise<{ url: string; databaseUrl: string }>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      try {
        resolve(JSON.parse(line) as { url: string; databaseUrl: string });
      } catch {
        reject(new Error(`Unexpected output from the console server: ${line}`));
      }
    });
    child.once('exit', (code) => reject(new Error(`The console server exited with code ${code}`)));
  });
  process.env['DESKFORCE_CONSOLE_URL'] = started.url;
  process.env['DESKFORCE_CONSOLE_DATABASE_URL'] = started.databaseUrl;
  (globalThis as Record<string, unknown>)['__DESKFORCE_CONSOLE_SERVER__'] = child;
}
