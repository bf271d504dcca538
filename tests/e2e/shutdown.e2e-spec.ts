import { freePort } from '@deskforce/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** SIGTERM: in-flight requests finish, new ones are refused, the pool closes, the process exits 0. */
describe('graceful shutdown', () => {
  let child: ChildProcess;
  let port: number;

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
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Deskforce API ready')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the API exited early with ${code}: ${output}`)));
    });
  }, 60_000);

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('finishes the request in flight, then exits 0', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    // Sign-in verifies an argon2 hash: slow enough to still be running when the signal arrives.
    const inFlight = fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { login(input: { email: "nobody@example.test", password: "whatever" }) { accessToken } }' }),
    });
    // Long enough for the request to have reached the server (a connection that has not sent its request yet counts as idle).
    await new Promise((resolve) => setTimeout(resolve, 30));
    child.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    expect(await exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  }, 30_000);
});
