import { freePort, runCli, startApiProcess } from '@deskforce/testing';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `npm start` on the embedded PostgreSQL when things are not tidy: after the API was killed with its
 * database still running, with the port taken by another program, and with `npm run import` started while
 * the API runs. Each either works or says why and what to do — never "failed to start: undefined".
 */
describe('the embedded database at start', () => {
  let folder: string;
  let port: number;
  let env: Record<string, string>;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'deskforce-embedded-'));
    await chmod(folder, 0o755);
    port = await freePort();
    env = {
      EMBEDDED_PG_DIR: join(folder, 'pg'),
      EMBEDDED_PG_PORT: String(port),
      SEED_DEMO: 'false',
      DATABASE_URL: '',
      NODE_ENV: 'development',
    };
  });
  afterAll(async () => {
    // Stop whatever server the data folder's lock file still names, then remove the folder.
    const pid = Number((await readFile(join(folder, 'pg', 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0]);
    if (pid > 0) {
      try {
        process.kill(pid, 'SIGINT');
      } catch {
        // already gone
      }
      for (let i = 0; i < 100; i++) {
        try {
          process.kill(pid, 0);
          await new Promise((resolve) => setTimeout(resolve, 100));
        } catch {
          break;
        }
      }
    }
    await rm(folder, { recursive: true, force: true });
  });

  it('starts again after the API was killed (kill -9) and left its PostgreSQL running', async () => {
    const first = await startApiProcess(env, { timeoutMs: 90_000 });
    first.kill();
    await first.exited;
    const pid = Number((await readFile(join(folder, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    expect(() => process.kill(pid, 0)).not.toThrow(); // the orphan still runs

    const second = await startApiProcess(env, { timeoutMs: 90_000 });
    try {
      expect(second.output()).toContain('Deskforce API ready');
      const health = await fetch(second.url.replace('/graphql', '/health'));
      expect(health.status).toBe(200);
    } finally {
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }
  }, 240_000);

  it('runs an import against the embedded database the running API uses', async () => {
    const api = await startApiProcess(env, { timeoutMs: 90_000 });
    try {
      const file = join(folder, 'states.csv');
      await writeFile(file, 'agentId,state,startsAt,endsAt\n');
      const imported = await runCli('import.ts', ['states', file, '--tenant', 'no-such-org'], env);
      // It reached the running API's database (the organisation lookup ran there), and said what was wrong.
      expect(imported.stderr).toContain('No organisation with the slug "no-such-org"');
      expect(imported.stderr).not.toContain('undefined');
      // And left the API's database running.
      expect((await fetch(api.url.replace('/graphql', '/health'))).status).toBe(200);
    } finally {
      api.child.kill('SIGTERM');
      await api.exited;
    }
  }, 240_000);

  it('says which port is taken and how to choose another', async () => {
    const busyPort = await freePort();
    const blocker: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => blocker.listen(busyPort, '127.0.0.1', resolve));
    try {
      const start = startApiProcess({
        ...env,
        EMBEDDED_PG_DIR: join(folder, 'other'),
        EMBEDDED_PG_PORT: String(busyPort),
      });
      await expect(start).rejects.toThrow(/Port \d+ on 127\.0\.0\.1 is in use by another program.*EMBEDDED_PG_PORT/s);
      await expect(start).rejects.not.toThrow(/undefined/);
    } finally {
      blocker.close();
    }
  }, 120_000);
});
