/**
 * Requests per second of a simple authenticated query, `{ me { id email role } }`, through the whole
 * Deskforce API (Nest, guards, validation, tenant transaction with RLS) against a bare Apollo Server
 * (no Nest) answering the same query from the same database with the same work: verify the JWT, open a
 * transaction as the request role with the tenant set, select the user. Same load (autocannon, loopback,
 * same connections and duration), same run. Each server runs as a process of its own, the load comes
 * from this one (autocannon), so neither shares its event loop with the load generator.
 *
 *   node -r @swc-node/register benchmarks/api/throughput.bench.ts [--quick]
 */
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../apps/api/src/database/free-port';
import { LOAD_JWT_SECRET, profileArgs, setUpTenants, startApi } from '../load/mixed-load';
import { scratchBenchDatabase } from '../support/bench-database';
import { BenchmarkRow, row, runIfMain } from '../support/benchmark-row';

const QUERY = '{ me { id email role } }';

async function load(url: string, token: string, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url,
    method: 'POST',
    connections: 10,
    duration: seconds,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: QUERY }),
  });
}

/** The baseline server (bare-apollo.server.ts) as a process of its own, started like the API (`startApi`). */
export async function spawnBareApollo(
  databaseUrl: string,
  port: number,
  launcher: string[] = [process.execPath],
): Promise<ChildProcess> {
  const [command, ...prefix] = launcher;
  const bare = spawn(
    command!,
    [...prefix, ...profileArgs(), '-r', '@swc-node/register', join(__dirname, 'bare-apollo.server.ts')],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), JWT_SECRET: LOAD_JWT_SECRET },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    bare.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    bare.once('exit', (code) => reject(new Error(`the bare Apollo server exited with ${code}`)));
  });
  return bare;
}

/**
 * CPU seconds (user and system) a process has used so far, from Linux's /proc; undefined elsewhere. Divided
 * by the requests served, a figure that depends less on what else the machine runs than requests/s does.
 */
function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    // Fields 14 and 15 after the command name in parentheses: utime and stime, in clock ticks (100 a second).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** A round of load with the CPU the serving process spent on it. */
async function measuredLoad(url: string, token: string, seconds: number, pid: number | undefined) {
  const before = cpuSeconds(pid);
  const result = await load(url, token, seconds);
  const after = cpuSeconds(pid);
  return { result, cpu: before === undefined || after === undefined ? undefined : after - before };
}

export async function run(quick: boolean): Promise<BenchmarkRow[]> {
  const seconds = quick ? 6 : 30;
  const database = await scratchBenchDatabase('throughput');
  // Both servers run as processes of their own; the load comes from this one.
  const [apiPort, barePort] = [await freePort(), await freePort()];
  const api = await startApi(database.url, apiPort);
  const bare = await spawnBareApollo(database.url, barePort);
  const apiUrl = `http://127.0.0.1:${apiPort}/graphql`;
  const bareUrl = `http://127.0.0.1:${barePort}/graphql`;
  try {
    const [tenant] = await setUpTenants(database.url, apiUrl, 1, 1);
    const token = tenant!.token;
    // Warm both (JIT, pools), then alternate short rounds so that a noisy neighbour hits both alike;
    // the figures are the medians of the rounds.
    await load(apiUrl, token, 2);
    await load(bareUrl, token, 2);
    const rounds = quick ? 3 : 5;
    const nestRounds: Awaited<ReturnType<typeof measuredLoad>>[] = [];
    const bareRounds: Awaited<ReturnType<typeof measuredLoad>>[] = [];
    for (let i = 0; i < rounds; i++) {
      nestRounds.push(await measuredLoad(apiUrl, token, seconds / rounds, api.pid));
      bareRounds.push(await measuredLoad(bareUrl, token, seconds / rounds, bare.pid));
    }
    for (const [label, measured] of [
      ['Deskforce', nestRounds],
      ['bare Apollo', bareRounds],
    ] as const) {
      for (const { result } of measured)
        if (result.errors > 0 || result.non2xx > 0)
          throw new Error(`${label}: ${result.errors} errors, ${result.non2xx} non-2xx responses`);
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const figures = (measured: typeof nestRounds) => {
      const cpu = measured.every((r) => r.cpu !== undefined) ? measured.reduce((sum, r) => sum + r.cpu!, 0) : undefined;
      const requests = measured.reduce((sum, r) => sum + r.result.requests.total, 0);
      return {
        rps: median(measured.map((r) => r.result.requests.average)),
        p99: median(measured.map((r) => r.result.latency.p99)),
        cpuMsPerRequest: cpu === undefined ? undefined : (cpu * 1000) / requests,
      };
    };
    const nest = figures(nestRounds);
    const baseline = figures(bareRounds);
    const cpuRow =
      nest.cpuMsPerRequest === undefined || baseline.cpuMsPerRequest === undefined
        ? []
        : [
            row(
              'CPU per `{ me }` in the API process',
              nest.cpuMsPerRequest,
              'ms',
              'bare Apollo Server',
              baseline.cpuMsPerRequest,
            ),
          ];
    return [
      row(
        '`{ me }` through the API, 10 connections',
        nest.rps,
        'requests/s',
        'bare Apollo Server, same query and SQL',
        baseline.rps,
      ),
      row('`{ me }` p99 latency through the API', nest.p99, 'ms', 'bare Apollo Server p99', baseline.p99),
      ...cpuRow,
    ];
  } finally {
    bare.kill('SIGTERM');
    api.kill('SIGTERM');
    await Promise.all([
      new Promise((resolve) => bare.once('exit', resolve)),
      new Promise((resolve) => api.once('exit', resolve)),
    ]);
    await database.close();
  }
}

runIfMain(module, 'API throughput', run);
