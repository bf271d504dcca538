/**
 * Performance benchmarks of issue 5, each figure printed beside a baseline measured in the same run:
 *  - p50/p95 latency of a month × team × day KPI query through GraphQL (HTTP, token, guard, transaction,
 *    RLS) against the same SQL statements run directly with `pg`;
 *  - `npm run import` rows/s against a bare COPY of the same CSV file into a table of the same columns.
 * Run: node -r @swc-node/register benchmarks/performance/performance.bench.ts [--quick]
 * --quick: 200,000 interactions and a 200,000-line file (under a minute). Full: 10 million interactions
 * and a 1.3-million-line (~200 MB) file (takes a long while). DATABASE_URL is used when set, else a
 * throwaway embedded PostgreSQL under the system temp folder.
 */
import 'reflect-metadata';
import { countsFromRollup, exactFromRawRows, InteractionImporter, KpiGroupBy, KpiSlice } from '@deskforce/performance';
import { loadConfig, Role, TENANT_SETTING, TokenService } from '@deskforce/platform';
import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createReadStream, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createApp } from '../../apps/api/src/bootstrap';
import { startEmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres';
import { runMigrations } from '../../apps/api/src/database/migrate';
import { generateBenchHistory } from '../../apps/api/src/seed/bench-seed';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  baseline: string;
  baselineValue: number;
  ratio: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function runPerformanceBenchmarks(options: { quick: boolean; log?: (m: string) => void }): Promise<BenchRow[]> {
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const size = options.quick
    ? { interactions: 200_000, days: 120, agents: 60, teams: 6, fileLines: 200_000, queries: 200 }
    : { interactions: 10_000_000, days: 730, agents: 300, teams: 12, fileLines: 1_300_000, queries: 400 };
  const folder = await mkdtemp(join(tmpdir(), 'deskforce-bench-'));
  await chmod(folder, 0o755);
  let stopDb = async () => undefined as void;
  let url = process.env['DATABASE_URL'];
  if (!url) {
    const server = await startEmbeddedPostgres({ dataDir: join(folder, 'pg'), port: await freePort() });
    await server.createDatabase('deskforce_bench');
    url = server.url('deskforce_bench');
    stopDb = () => server.stop();
  }
  await runMigrations(url);
  const config = { ...loadConfig({ NODE_ENV: 'production', DATABASE_URL: url, JWT_SECRET: 'benchmark-secret-benchmark-secret-0123', LOG_LEVEL: 'silent', GRAPHQL_INTROSPECTION: 'false', DB_STATEMENT_TIMEOUT_MS: '600000' }), databaseUrl: url, jwtSecret: 'benchmark-secret-benchmark-secret-0123' };
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const endpoint = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/graphql`;
  const rows: BenchRow[] = [];
  try {
    log(`seeding ${size.interactions} interactions…`);
    const end = new Date(Date.UTC(2026, 0, 1));
    const tenant = await generateBenchHistory(app, { databaseUrl: url, ...size, end, log });
    const token = app.get(TokenService).issue({ tenantId: tenant.tenantId, userId: tenant.directorId, role: Role.DIRECTOR, email: `director@${tenant.slug}.test` }).accessToken;

    // A month of one team, by day, in the team's zone: the question a director asks most.
    const from = new Date('2025-11-01T00:00:00+01:00');
    const to = new Date('2025-12-01T00:00:00+01:00');
    const metrics = ['CONTACTS', 'FIRST_RESPONSE_TIME_MEDIAN', 'FIRST_RESPONSE_TIME_P90', 'RESOLUTION_RATE', 'AVERAGE_HANDLE_TIME', 'CSAT', 'SERVICE_LEVEL'];
    const query = `query($input: KpisInput!) { kpis(input: $input) { rows { group { period { start } } values { metric value sampleSize } } } }`;
    const variables = { input: { from: from.toISOString(), to: to.toISOString(), timeZone: 'Europe/Warsaw', metrics, groupBy: ['DAY'], filter: { teamIds: [tenant.teamIds[2]] } } };
    const call = async () => {
      const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
      const body = (await response.json()) as { errors?: unknown };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
    };
    const slice: KpiSlice = { from, to, timeZone: 'Europe/Warsaw', groupBy: [KpiGroupBy.DAY], teamIds: [tenant.teamIds[2]!] };
    const statements = [countsFromRollup(slice), exactFromRawRows(slice, 20)];
    const direct = new Client({ connectionString: url });
    await direct.connect();
    await direct.query(`SELECT set_config('${TENANT_SETTING}', $1, false)`, [tenant.tenantId]);
    const sql = async () => {
      for (const s of statements) await direct.query(s.text, s.values);
    };
    for (let i = 0; i < 20; i++) {
      await call();
      await sql();
    }
    const gqlTimes: number[] = [];
    const sqlTimes: number[] = [];
    for (let i = 0; i < size.queries; i++) {
      let t = performance.now();
      await call();
      gqlTimes.push(performance.now() - t);
      t = performance.now();
      await sql();
      sqlTimes.push(performance.now() - t);
    }
    await direct.end();
    for (const p of [0.5, 0.95]) {
      const g = percentile(gqlTimes, p);
      const s = percentile(sqlTimes, p);
      rows.push({ name: `kpis month × team × day p${p * 100} (GraphQL)`, value: g, unit: 'ms', baseline: 'same SQL through pg', baselineValue: s, ratio: g / s });
    }

    // Import against bare COPY of the same file.
    const file = join(folder, 'interactions.csv');
    log(`writing a ${size.fileLines}-line CSV…`);
    const out = createWriteStream(file);
    out.write('source,externalId,channel,agentId,status,category,createdAt,firstResponseAt,resolvedAt,handleTimeSeconds,customerRef\n');
    for (let i = 0; i < size.fileLines; i++) {
      const created = Date.UTC(2026, 0, 1) + i * 5000;
      const resolved = i % 3 !== 0;
      const line = `import,imp-${i},${i % 2 ? 'EMAIL' : 'CHAT'},${tenant.agentIds[i % tenant.agentIds.length]},${resolved ? 'RESOLVED' : 'OPEN'},billing,${new Date(created).toISOString()},${new Date(created + 60_000).toISOString()},${resolved ? new Date(created + 3_600_000).toISOString() : ''},${i % 900},customer-${i % 50000}-reference\n`;
      if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    await new Promise<void>((resolve) => out.end(() => resolve()));
    const megabytes = (await stat(file)).size / 1e6;
    const bare = new Client({ connectionString: url });
    await bare.connect();
    await bare.query(`CREATE TABLE bench_bare_copy (source text, external_id text, channel text, agent_id uuid, status text, category text, created_at timestamptz,
                        first_response_at timestamptz, resolved_at timestamptz, handle_time_seconds int, customer_ref text)`);
    let t = performance.now();
    await pipeline(createReadStream(file), bare.query(copyFrom(`COPY bench_bare_copy FROM STDIN (FORMAT csv, HEADER true)`)));
    const bareSeconds = (performance.now() - t) / 1000;
    await bare.query('DROP TABLE bench_bare_copy');
    await bare.end();
    t = performance.now();
    const summary = await app.get(InteractionImporter).import({ tenantId: tenant.tenantId, kind: 'interactions', file, databaseUrl: url, chunkSize: 50000, progress: false });
    const importSeconds = (performance.now() - t) / 1000;
    if (summary.inserted !== size.fileLines) throw new Error(`import inserted ${summary.inserted} of ${size.fileLines}`);
    const importRate = size.fileLines / importSeconds;
    const bareRate = size.fileLines / bareSeconds;
    rows.push({ name: `import ${megabytes.toFixed(0)} MB CSV (npm run import)`, value: importRate, unit: 'rows/s', baseline: 'bare COPY of the same file', baselineValue: bareRate, ratio: importRate / bareRate });
  } finally {
    await app.close();
    await stopDb();
    await rm(folder, { recursive: true, force: true });
  }
  return rows;
}

if (require.main === module) {
  runPerformanceBenchmarks({ quick: process.argv.includes('--quick') })
    .then((rows) => {
      for (const r of rows) {
        process.stdout.write(`${r.name}: ${r.value.toFixed(1)} ${r.unit} | ${r.baseline}: ${r.baselineValue.toFixed(1)} ${r.unit} | ratio ${r.ratio.toFixed(2)}\n`);
      }
      process.exit(0);
    })
    .catch((error: unknown) => {
      process.stderr.write(`benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    });
}
