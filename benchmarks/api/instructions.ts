/**
 * `npm run bench:instructions`: instructions per `{ me }` request, counted by valgrind's callgrind, of the
 * API and of the bare Apollo Server of throughput.bench.ts (same query, same work), one after the other.
 *
 * Requests per second and CPU seconds on a small shared machine move by 5–10% between runs; a count of
 * instructions, with V8 kept to one thread, by under 1%, so a change of a percent or two can be seen and
 * kept or dropped. Each server runs under callgrind with counting off while it starts and warms up (its JIT
 * settles), then counts a fixed number of requests sent by four clients. Slow (about four minutes), so not
 * part of `npm run bench`. Needs valgrind (Debian's package of that name).
 *
 *   npm run bench:instructions [-- --warm=10000 --requests=1000]
 */
import { ChildProcess, execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../apps/api/src/database/free-port';
import { setUpTenants, startApi } from '../load/mixed-load';
import { scratchBenchDatabase } from '../support/bench-database';
import { printRows, row } from '../support/benchmark-row';
import { postJson } from '../support/post-json';
import { spawnBareApollo } from './throughput.bench';

const option = (name: string, fallback: number): number =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);

/** Sends `count` `{ me }` requests from four clients, each waiting for its answer. */
async function send(url: string, token: string, count: number): Promise<void> {
  const body = JSON.stringify({ query: '{ me { id email role } }' });
  let left = count;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (left-- > 0) {
        const answer = await postJson<{ errors?: unknown }>(url, body, { authorization: `Bearer ${token}` });
        if (answer.errors) throw new Error(JSON.stringify(answer.errors));
      }
    }),
  );
}

/** Instructions per request of the server `start` runs under callgrind, counted over `requests` after `warm`. */
async function count(
  label: string,
  start: (port: number, launcher: string[]) => Promise<ChildProcess>,
  token: string,
  warm: number,
  requests: number,
): Promise<number> {
  const folder = await mkdtemp(join(tmpdir(), 'deskforce-callgrind-'));
  const out = join(folder, 'callgrind.out');
  const port = await freePort();
  const server = await start(port, [
    'valgrind',
    '--tool=callgrind',
    '--instr-atstart=no',
    `--callgrind-out-file=${out}`,
    process.execPath,
    // V8's compiler and garbage collector threads otherwise do an amount of work that depends on how valgrind
    // schedules them, and callgrind counts every thread: on the main thread the count repeats.
    '--single-threaded',
  ]);
  try {
    const url = `http://127.0.0.1:${port}/graphql`;
    process.stderr.write(`${label}: warming up with ${warm} requests…\n`);
    await send(url, token, warm);
    execFileSync('callgrind_control', ['--instr=on', String(server.pid)], { stdio: 'ignore' });
    process.stderr.write(`${label}: counting ${requests} requests…\n`);
    await send(url, token, requests);
    // A dump of what was counted since counting began, written as `<out>.1`.
    execFileSync('callgrind_control', ['--dump', String(server.pid)], { stdio: 'ignore' });
    const summary = /^summary: (\d+)/m.exec(await readFile(`${out}.1`, 'utf8'));
    if (!summary) throw new Error(`${label}: no callgrind summary`);
    return Number(summary[1]) / requests;
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    await rm(folder, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const warm = option('warm', 10_000);
  const requests = option('requests', 1_000);
  const database = await scratchBenchDatabase('instructions');
  try {
    // The tenant and its token come from an API running as usual (signing in under valgrind is slow).
    const setupPort = await freePort();
    const setup = await startApi(database.url, setupPort);
    const [tenant] = await setUpTenants(database.url, `http://127.0.0.1:${setupPort}/graphql`, 1, 1).finally(() =>
      setup.kill('SIGTERM'),
    );
    const servers = { API: startApi, 'bare Apollo Server': spawnBareApollo };
    const counted: number[] = [];
    for (const [label, start] of Object.entries(servers))
      counted.push(
        await count(label, (port, launcher) => start(database.url, port, launcher), tenant!.token, warm, requests),
      );
    printRows('Instructions per request (callgrind)', [
      row(
        'instructions per `{ me }` in the API process',
        counted[0]!,
        'instructions',
        'bare Apollo Server',
        counted[1]!,
      ),
    ]);
  } finally {
    await database.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
