/**
 * Performance benchmarks of issue 5, each figure printed beside a baseline measured in the same run:
 *
 *  - p50/p95 latency of a month × team × day KPI query through GraphQL (HTTP, token, guard, validation,
 *    tenant transaction, RLS, JSON) against the same SQL statements sent directly with `pg`. The direct
 *    side runs as the request role (`deskforce_app`, so RLS applies as in the API) on one session whose
 *    role and tenant are set once; per request it sends exactly the statements the KPI engine sends for
 *    this query, one after the other, and nothing else (no transaction, no HTTP). A second baseline adds
 *    what the API's tenant transaction sends around them (BEGIN with the role and tenant, COMMIT), so the
 *    difference between the two is the cost of those round trips and the rest is the API's own. A third
 *    baseline is the floor of the stack: the same question through a bare Apollo Server on Express in the
 *    same process (benchmarks/api/bare-apollo.server.ts: the JWT, that transaction, the same statements,
 *    the engine's arithmetic, nothing else), checked to give the same answer.
 *  - A 5,000-row `ingestInteractions` batch through GraphQL against the same SQL through `pg`: one
 *    transaction as the request role with the statements the ingest service sends for that batch (built
 *    by the same functions, with the same rows and the same known agents). Both also against the floor
 *    of the table: the same rows written by plain multi-row INSERT … VALUES into `interactions` in
 *    1,000-row statements (no rules, no look-ups, no rollup), as the request role, rolled back.
 *  - `npm run import` rows/s against a bare COPY of the same CSV file into a plain table of the same
 *    columns; against a bare COPY into an empty table shaped like `interactions` (its indexes, checks and
 *    generated columns; no foreign keys, RLS or rollup); and against the floor of the table itself: an
 *    INSERT … SELECT of the same rows, already typed, into `interactions` (its indexes and constraints,
 *    no rules, no rollup), rolled back; and against that floor followed by one set-based statement adding
 *    the same rows to the hourly rollup (which the import keeps exact as it goes).
 *
 * Run: node -r @swc-node/register benchmarks/performance/performance.bench.ts [--quick]
 *      npm run bench -- [--quick] --only=performance
 * --quick: 200,000 interactions and a 200,000-line file (a minute or two). Full: 10 million interactions
 * and a 1.3-million-line (~220 MB) file (takes a long while); with --interactions=1000000, the full run's
 * two years of twelve teams hold a million contacts instead. BENCH_DATABASE_URL is used when set, else a
 * throwaway embedded PostgreSQL under the system temp folder.
 */
import 'reflect-metadata';
import {
  addSourceToRollup,
  checkBatch,
  countsFromRollup,
  exactFromRawRows,
  ingestLock,
  InteractionImporter,
  KpiGroupBy,
  KpiSlice,
  rawRowOf,
  SqlStatement,
  writeBatch,
} from '@deskforce/performance';
import { SessionService } from '@deskforce/identity';
import { APP_ROLE, Role, TENANT_SETTING } from '@deskforce/platform';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { generateBenchHistory } from '../../apps/api/src/seed/bench-seed';
import { listenBareApollo } from '../api/bare-apollo.server';
import { BENCH_JWT_SECRET, startBenchApp } from '../support/bench-app';
import { benchDatabase } from '../support/bench-database';
import { BenchmarkRow, row, runIfMain } from '../support/benchmark-row';
import { postJson } from '../support/post-json';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

const median = (values: number[]) => percentile(values, 0.5);

/** Core-seconds the whole machine has been busy so far (Linux's /proc/stat, in USER_HZ ticks of 10 ms); 0 elsewhere. */
function machineBusySeconds(): number {
  try {
    const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = ticks[3]! + (ticks[4] ?? 0);
    return (ticks.reduce((a, b) => a + b, 0) - idle) / 100;
  } catch {
    return 0;
  }
}

/** One session as the request role with the tenant set once: what the API's statements run as, minus the transaction. */
async function tenantSession(url: string, tenantId: string): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: 'deskforce-bench-direct' });
  await client.connect();
  await client.query(`SELECT set_config('role', '${APP_ROLE}', false), set_config('${TENANT_SETTING}', $1, false)`, [
    tenantId,
  ]);
  return client;
}

/** A realistic ingest row (the same shape the import file has). */
function interactionRow(prefix: string, i: number, agentIds: readonly string[]): Record<string, unknown> {
  const created = Date.UTC(2026, 0, 1) + i * 5000;
  const resolved = i % 3 !== 0;
  return {
    source: 'api',
    externalId: `${prefix}${i}`,
    channel: i % 2 ? 'EMAIL' : 'CHAT',
    agentId: agentIds[i % agentIds.length],
    status: resolved ? 'RESOLVED' : 'OPEN',
    category: 'billing',
    createdAt: new Date(created).toISOString(),
    firstResponseAt: new Date(created + 60_000).toISOString(),
    resolvedAt: resolved ? new Date(created + 3_600_000).toISOString() : null,
    handleTimeSeconds: i % 900,
    customerRef: `customer-${i % 50000}-reference`,
  };
}

export async function run(
  quick: boolean,
  log: (message: string) => void = (m) => process.stderr.write(`${m}\n`),
): Promise<BenchmarkRow[]> {
  const size = quick
    ? { interactions: 200_000, days: 120, agents: 60, teams: 6, fileLines: 200_000, queries: 200, batches: 5 }
    : { interactions: 10_000_000, days: 730, agents: 300, teams: 12, fileLines: 1_300_000, queries: 400, batches: 5 };
  // --interactions=N: the history of the full run (two years, twelve teams) with N contacts instead.
  const history = process.argv.find((a) => a.startsWith('--interactions='));
  if (history) size.interactions = Number(history.slice('--interactions='.length));
  const database = await benchDatabase();
  const url = database.url;
  const bench = await startBenchApp(url, {
    LOG_LEVEL: 'silent',
    DB_STATEMENT_TIMEOUT_MS: '3600000',
    GRAPHQL_INTROSPECTION: 'false',
  });
  const folder = await mkdtemp(join(tmpdir(), 'deskforce-bench-'));
  await chmod(folder, 0o755);
  const rows: BenchmarkRow[] = [];
  try {
    log(`seeding ${size.interactions} interactions…`);
    const seedStarted = performance.now();
    const end = new Date(Date.UTC(2026, 0, 1));
    const tenant = await generateBenchHistory(bench.app, { databaseUrl: url, ...size, end, log });
    log(`seeded in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s`);
    const token = (
      await bench.app.get(SessionService).start({
        tenantId: tenant.tenantId,
        id: tenant.directorId,
        role: Role.DIRECTOR,
        email: `director@${tenant.slug}.test`,
      })
    ).accessToken;
    rows.push(...(await kpiQuery(bench.url, url, token, tenant, size.queries)));
    rows.push(...(await graphqlIngest(bench.url, url, token, tenant, size.batches, log)));
    rows.push(...(await importFile(bench.app.get(InteractionImporter), url, folder, tenant, size.fileLines, log)));
  } finally {
    await bench.close();
    await database.close();
    await rm(folder, { recursive: true, force: true });
  }
  return rows;
}

type Tenant = Awaited<ReturnType<typeof generateBenchHistory>>;

async function kpiQuery(
  endpoint: string,
  url: string,
  token: string,
  tenant: Tenant,
  queries: number,
): Promise<BenchmarkRow[]> {
  // A month of one team, by day, in the team's zone: the question a director asks most.
  const from = new Date('2025-11-01T00:00:00+01:00');
  const to = new Date('2025-12-01T00:00:00+01:00');
  const metrics = [
    'CONTACTS',
    'FIRST_RESPONSE_TIME_MEDIAN',
    'FIRST_RESPONSE_TIME_P90',
    'RESOLUTION_RATE',
    'AVERAGE_HANDLE_TIME',
    'CSAT',
    'SERVICE_LEVEL',
  ];
  const query = `query($input: KpisInput!) { kpis(input: $input) { rows { group { period { start } } values { metric value sampleSize } } } }`;
  const variables = {
    input: {
      from: from.toISOString(),
      to: to.toISOString(),
      timeZone: 'Europe/Warsaw',
      metrics,
      groupBy: ['DAY'],
      filter: { teamIds: [tenant.teamIds[2]] },
    },
  };
  const body = JSON.stringify({ query, variables });
  const ask = async (at: string) => {
    const result = await postJson<{ data?: unknown; errors?: unknown }>(at, body, { authorization: `Bearer ${token}` });
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data;
  };
  const call = () => ask(endpoint);
  // The statements the KPI engine sends for this query (kpi-engine.ts: counts from the rollup, exact figures from raw rows).
  const slice: KpiSlice = {
    from,
    to,
    timeZone: 'Europe/Warsaw',
    groupBy: [KpiGroupBy.DAY],
    teamIds: [tenant.teamIds[2]!],
  };
  const statements: SqlStatement[] = [
    countsFromRollup(tenant.tenantId, slice),
    exactFromRawRows(tenant.tenantId, slice, 20),
  ];
  const direct = await tenantSession(url, tenant.tenantId);
  const sql = async () => {
    for (const s of statements) await direct.query(s.text, s.values);
  };
  // What TenantDatabase.transaction sends around them.
  const plain = new Client({ connectionString: url, application_name: 'deskforce-bench-direct-tx' });
  await plain.connect();
  const sqlInTransaction = async () => {
    await plain.query('BEGIN');
    await plain.query(`SELECT set_config('role', '${APP_ROLE}', true), set_config('${TENANT_SETTING}', $1, true)`, [
      tenant.tenantId,
    ]);
    for (const s of statements) await plain.query(s.text, s.values);
    await plain.query('COMMIT');
  };
  // The floor of the stack, in this process like the API, so that both share the client's costs.
  const bare = await listenBareApollo({ databaseUrl: url, jwtSecret: BENCH_JWT_SECRET });
  const callBare = () => ask(bare.url);
  try {
    if (JSON.stringify(await call()) !== JSON.stringify(await callBare()))
      throw new Error('the bare Apollo Server answers the KPI question differently from the API');
    for (let i = 0; i < 20; i++) {
      await call();
      await callBare();
      await sql();
      await sqlInTransaction();
    }
    const times = { gql: [] as number[], bare: [] as number[], sql: [] as number[], tx: [] as number[] };
    for (let i = 0; i < queries; i++) {
      // Interleaved, so that the machine's noise falls on all four alike.
      for (const [name, fn] of [
        ['gql', call],
        ['bare', callBare],
        ['sql', sql],
        ['tx', sqlInTransaction],
      ] as const) {
        const t = performance.now();
        await fn();
        times[name].push(performance.now() - t);
      }
    }
    const who = { gql: 'GraphQL', bare: 'bare Apollo Server' } as const;
    const against = {
      sql: 'same statements through pg',
      tx: 'same statements in the API transaction',
      bare: 'same question through a bare Apollo Server',
    } as const;
    const compare = (path: keyof typeof who, baseline: keyof typeof against, p = 0.5) =>
      row(
        `kpis month × team × day p${p * 100} (${who[path]})`,
        percentile(times[path], p),
        'ms',
        against[baseline],
        percentile(times[baseline], p),
      );
    return [
      compare('gql', 'sql'),
      compare('gql', 'sql', 0.95),
      compare('gql', 'tx'),
      compare('gql', 'bare'),
      compare('bare', 'sql'),
    ];
  } finally {
    await direct.end();
    await plain.end();
    await bare.close();
  }
}

async function graphqlIngest(
  endpoint: string,
  url: string,
  token: string,
  tenant: Tenant,
  batches: number,
  log: (m: string) => void,
): Promise<BenchmarkRow[]> {
  const BATCH = 5000;
  const mutation = `mutation($input: IngestInteractionsInput!) { ingestInteractions(input: $input) { inserted updated unchanged rejected { index field message } } }`;
  const client = await tenantSession(url, tenant.tenantId);
  await client.query(`SELECT set_config('role', 'none', false)`);
  const gqlTimes: number[] = [];
  const sqlTimes: number[] = [];
  const floorTimes: number[] = [];
  const teamOf = new Map(tenant.agentIds.map((id, i) => [id, tenant.agentTeamIds[i]!]));
  try {
    log(`ingesting ${batches} batches of ${BATCH} rows each way…`);
    for (let b = 0; b < batches; b++) {
      const gqlRows = Array.from({ length: BATCH }, (_, i) => interactionRow(`gql-${b}-`, i, tenant.agentIds));
      let t = performance.now();
      const result = await postJson<{ data?: { ingestInteractions: { inserted: number } }; errors?: unknown }>(
        endpoint,
        JSON.stringify({ query: mutation, variables: { input: { interactions: gqlRows } } }),
        { authorization: `Bearer ${token}` },
      );
      gqlTimes.push(performance.now() - t);
      if (result.errors || result.data?.ingestInteractions.inserted !== BATCH)
        throw new Error(`ingestInteractions: ${JSON.stringify(result).slice(0, 500)}`);

      // The same statements through pg, built beforehand by the functions the service uses (the rows
      // checked by the same rules): the look-up of the agents the batch names, the lock, the ingest statements.
      const sqlRows = Array.from({ length: BATCH }, (_, i) => interactionRow(`sql-${b}-`, i, tenant.agentIds));
      const known = {
        agentTeam: new Map(tenant.agentIds.map((id, i) => [id, tenant.agentTeamIds[i]!])),
        teams: new Set<string>(),
      };
      const checked = checkBatch(
        'interactions',
        sqlRows.map((r, i) => rawRowOf('interactions', r, i)),
        known,
      );
      t = performance.now();
      await client.query('BEGIN');
      await client.query(`SELECT set_config('role', '${APP_ROLE}', true), set_config('${TENANT_SETTING}', $1, true)`, [
        tenant.tenantId,
      ]);
      await client.query('SELECT id, team_id FROM agents WHERE id = ANY($1::uuid[])', [[...known.agentTeam.keys()]]);
      const run = async <T extends object>(statement: { text: string; values: unknown[] }) =>
        (await client.query(statement.text, statement.values)).rows as T[];
      await run(ingestLock(tenant.tenantId, 'exclusive'));
      const summary = await writeBatch(
        run,
        tenant.tenantId,
        'interactions',
        { kind: 'rows', rows: checked.rows },
        new Date(),
      );
      await client.query('COMMIT');
      sqlTimes.push(performance.now() - t);
      if (summary.inserted !== BATCH) throw new Error('the direct ingest did not insert the batch');

      // The floor: the same kind of rows, as plain multi-row VALUES (1,000 rows a statement), rolled back.
      const floorRows = Array.from({ length: BATCH }, (_, i) => interactionRow(`floor-${b}-`, i, tenant.agentIds));
      t = performance.now();
      await client.query('BEGIN');
      await client.query(`SELECT set_config('role', '${APP_ROLE}', true), set_config('${TENANT_SETTING}', $1, true)`, [
        tenant.tenantId,
      ]);
      for (let from = 0; from < BATCH; from += 1000) {
        const part = floorRows.slice(from, from + 1000);
        const values: unknown[] = [];
        const tuples = part.map((r) => {
          const row = [
            tenant.tenantId,
            r['source'],
            r['externalId'],
            r['channel'],
            teamOf.get(r['agentId'] as string),
            r['agentId'],
            r['status'],
            r['category'],
            r['createdAt'],
            r['firstResponseAt'],
            r['resolvedAt'],
            r['handleTimeSeconds'],
            r['customerRef'],
          ];
          values.push(...row);
          return `(${row.map((_, c) => `$${values.length - row.length + c + 1}`).join(', ')})`;
        });
        await client.query(
          `INSERT INTO interactions (tenant_id, source, external_id, channel, team_id, agent_id, status, category, created_at, first_response_at, resolved_at, handle_time_s, customer_ref)
           VALUES ${tuples.join(', ')}`,
          values,
        );
      }
      await client.query('ROLLBACK');
      floorTimes.push(performance.now() - t);
    }
  } finally {
    await client.end();
  }
  return [
    row(
      `ingestInteractions, ${BATCH} rows, median of ${batches} (GraphQL)`,
      median(gqlTimes),
      'ms',
      'same statements through pg',
      median(sqlTimes),
    ),
    row(
      `ingestInteractions, ${BATCH} rows, median of ${batches} (GraphQL)`,
      median(gqlTimes),
      'ms',
      'plain INSERT … VALUES of the same rows into interactions',
      median(floorTimes),
    ),
    row(
      `  same statements through pg`,
      median(sqlTimes),
      'ms',
      'plain INSERT … VALUES of the same rows into interactions',
      median(floorTimes),
    ),
  ];
}

async function importFile(
  importer: InteractionImporter,
  url: string,
  folder: string,
  tenant: Tenant,
  lines: number,
  log: (m: string) => void,
): Promise<BenchmarkRow[]> {
  const file = join(folder, 'interactions.csv');
  log(`writing a ${lines}-line CSV…`);
  const out = createWriteStream(file);
  out.write(
    'source,externalId,channel,agentId,status,category,createdAt,firstResponseAt,resolvedAt,handleTimeSeconds,customerRef\n',
  );
  for (let i = 0; i < lines; i++) {
    const r = interactionRow('imp-', i, tenant.agentIds);
    const line = `import,${r['externalId']},${r['channel']},${r['agentId']},${r['status']},${r['category']},${r['createdAt']},${r['firstResponseAt']},${r['resolvedAt'] ?? ''},${r['handleTimeSeconds']},${r['customerRef']}\n`;
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  const megabytes = (await stat(file)).size / 1e6;
  const columns = `source text, external_id text, channel text, agent_id uuid, status text, category text, created_at timestamptz,
                   first_response_at timestamptz, resolved_at timestamptz, handle_time_seconds int, customer_ref text`;
  const bare = new Client({ connectionString: url });
  await bare.connect();
  try {
    await bare.query(`CREATE TABLE bench_bare_copy (${columns})`);
    let t = performance.now();
    await pipeline(
      createReadStream(file),
      bare.query(copyFrom(`COPY bench_bare_copy FROM STDIN (FORMAT csv, HEADER true)`)),
    );
    const bareSeconds = (performance.now() - t) / 1000;

    // The import and the floor each start right after a VACUUM of the tables they write, so that
    // autovacuum of the rows written just before (the ingest batches, the import) does not run while one
    // of them is measured and not the other.
    const settle = () => bare.query('VACUUM interactions, interaction_hourly');
    await settle();
    log('importing…');
    const cpuBefore = process.cpuUsage();
    const busyBefore = machineBusySeconds();
    t = performance.now();
    const summary = await importer.import({
      tenantId: tenant.tenantId,
      kind: 'interactions',
      file,
      progress: false,
    });
    const importSeconds = (performance.now() - t) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const busy = machineBusySeconds() - busyBefore;
    if (summary.inserted !== lines) throw new Error(`import inserted ${summary.inserted} of ${lines}`);
    log(
      `imported in ${importSeconds.toFixed(1)} s (COPY to staging ${summary.copySeconds.toFixed(1)} s, upserts ${summary.upsertSeconds.toFixed(1)} s, overlapping; CPU: this process ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, the machine ${busy.toFixed(1)} core-seconds)`,
    );

    // The floor: the same rows, typed and valid, written into interactions by one INSERT … SELECT (its
    // indexes, constraints and generated columns; no rules, no rollup), as the request role; rolled back.
    await bare.query(`GRANT SELECT ON bench_bare_copy TO ${APP_ROLE}`);
    await settle();
    await bare.query('BEGIN');
    await bare.query(`SELECT set_config('role', '${APP_ROLE}', true), set_config('${TENANT_SETTING}', $1, true)`, [
      tenant.tenantId,
    ]);
    t = performance.now();
    await bare.query(
      `INSERT INTO interactions (tenant_id, source, external_id, channel, team_id, agent_id, status, category, created_at, first_response_at, resolved_at, handle_time_s, customer_ref)
       SELECT $1, 'floor', c.external_id, c.channel, a.team_id, c.agent_id, c.status, c.category, c.created_at, c.first_response_at, c.resolved_at, c.handle_time_seconds, c.customer_ref
         FROM bench_bare_copy c JOIN unnest($2::uuid[], $3::uuid[]) AS a(agent_id, team_id) ON a.agent_id = c.agent_id`,
      [tenant.tenantId, tenant.agentIds, tenant.agentTeamIds],
    );
    const floorSeconds = (performance.now() - t) / 1000;
    // The same rows' rollup, added by one set-based statement after the insert.
    const rollup = addSourceToRollup(tenant.tenantId, 'floor');
    await bare.query(rollup.text, rollup.values);
    const floorWithRollupSeconds = (performance.now() - t) / 1000;
    log(
      `the floor's INSERT … SELECT in ${floorSeconds.toFixed(1)} s, with the rollup ${floorWithRollupSeconds.toFixed(1)} s`,
    );
    await bare.query('ROLLBACK');
    await bare.query('DROP TABLE bench_bare_copy');

    // A bare COPY of the same file into a table shaped like interactions: its columns, defaults, identity, generated
    // columns, checks and indexes (not its foreign keys, row-level security or history), starting empty.
    await bare.query(
      `CREATE TABLE bench_shaped_copy (LIKE interactions INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING GENERATED INCLUDING CONSTRAINTS INCLUDING INDEXES)`,
    );
    await bare.query(
      `ALTER TABLE bench_shaped_copy ALTER tenant_id SET DEFAULT '${tenant.tenantId}', ALTER team_id SET DEFAULT '${tenant.teamIds[0]}'`,
    );
    t = performance.now();
    await pipeline(
      createReadStream(file),
      bare.query(
        copyFrom(
          `COPY bench_shaped_copy (source, external_id, channel, agent_id, status, category, created_at, first_response_at, resolved_at, handle_time_s, customer_ref) FROM STDIN (FORMAT csv, HEADER true)`,
        ),
      ),
    );
    const shapedSeconds = (performance.now() - t) / 1000;
    await bare.query('DROP TABLE bench_shaped_copy');

    const name = `import ${megabytes.toFixed(0)} MB CSV, ${lines} lines (npm run import)`;
    return [
      row(name, lines / importSeconds, 'rows/s', 'bare COPY of the same file', lines / bareSeconds),
      row(
        name,
        lines / importSeconds,
        'rows/s',
        'bare COPY of the same file into an empty table shaped like interactions',
        lines / shapedSeconds,
      ),
      row(
        name,
        lines / importSeconds,
        'rows/s',
        'INSERT…SELECT of the typed rows into interactions',
        lines / floorSeconds,
      ),
      row(
        name,
        lines / importSeconds,
        'rows/s',
        'the same INSERT…SELECT, then one statement adding the rows to the rollup',
        lines / floorWithRollupSeconds,
      ),
    ];
  } finally {
    await bare.end();
  }
}

runIfMain(module, 'Interaction data and KPIs', (quick) => run(quick));
