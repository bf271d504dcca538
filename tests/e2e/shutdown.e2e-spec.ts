import { freePort } from '@deskforce/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * SIGTERM: in-flight requests finish, new ones are refused, the pool closes, the process exits 0. The
 * process logs at info level, so its request lines are checked too.
 */
describe('graceful shutdown', () => {
  let child: ChildProcess;
  let port: number;
  let output = '';

  beforeAll(async () => {
    port = await freePort();
    child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, '../../apps/api/src/main.ts')], {
      cwd: join(__dirname, '../..'),
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        DATABASE_URL: process.env['DESKFORCE_TEST_DATABASE_URL'],
        JWT_SECRET: 'shutdown-test-secret-long-enough-for-hs256',
        SEED_DEMO: 'false',
        LOG_LEVEL: 'info',
        // The overdue-training and KPI-alert sweeps look at every tenant of the shared test database.
        TRAINING_OVERDUE_SWEEP_SECONDS: '0',
        KPI_ALERT_SWEEP_SECONDS: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Deskforce API ready')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the API exited early with ${code}: ${output}`)));
    });
  }, 300_000);

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('finishes the request in flight, then exits 0', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    // Sign-in verifies an argon2 hash: slow enough to still be running when the signal arrives.
    const inFlight = fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer not-a-real-token-9f3e',
        cookie: 'session=secret-cookie-7c1d',
      },
      body: JSON.stringify({
        query: 'mutation { login(input: { email: "nobody@example.test", password: "whatever" }) { accessToken } }',
      }),
    });
    // Long enough for the request to have reached the server (a connection that has not sent its request yet counts as idle).
    await new Promise((resolve) => setTimeout(resolve, 30));
    child.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    expect(await exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();

    // The request's log line names it by id, method and URL; no header (token, cookie) reaches the log.
    const completed = output.split('\n').find((line) => line.includes('"request completed"'));
    expect(JSON.parse(completed!)).toMatchObject({
      req: { method: 'POST', url: '/graphql' },
      res: { statusCode: 200 },
    });
    expect(Object.keys(JSON.parse(completed!).req).sort()).toEqual(['id', 'method', 'url']);
    expect(output).not.toContain('not-a-real-token-9f3e');
    expect(output).not.toContain('secret-cookie-7c1d');
  }, 30_000);
});
