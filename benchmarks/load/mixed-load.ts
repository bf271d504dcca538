/**
 * Mixed load against the API running as its own process, k6-style: virtual users in closed loops, each
 * in one of several tenants, doing 70% reads (KPIs, shifts, coverage), 20% shift edits (create, move) and
 * 10% ingest batches. Reports throughput, p50/p99 latency, errors, and the API process's memory over the
 * run. With `fault`, PostgreSQL is stopped and started in the middle: requests during the outage must fail
 * fast with UNAVAILABLE and the service must recover by itself.
 *
 *   npm run load [-- --seconds=180 --vus=16 --fault]
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgresHandle, startEmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres';
import { runMigrations } from '../../apps/api/src/database/migrate';
import { freePort } from '../../apps/api/src/database/free-port';

export interface LoadOptions {
  seconds: number;
  vus: number;
  tenants: number;
  fault: boolean;
  /** Print progress lines. */
  log?: (line: string) => void;
}

export interface LoadReport {
  seconds: number;
  requests: number;
  throughput: number;
  p50: number;
  p99: number;
  /** Server or transport failures outside the outage window (must be 0). */
  errors: number;
  /** Business refusals (CONFLICT etc.): legitimate answers, counted apart. */
  refusals: number;
  byOperation: Record<string, { count: number; p50: number; p99: number; errors: number }>;
  /** Error and refusal codes with their counts. */
  codes: Record<string, number>;
  memory: { startMb: number; peakMb: number; endMb: number };
  fault?: {
    outageRequests: number;
    outageNonUnavailable: number;
    outageSlowest: number;
    recoverySeconds: number | null;
  };
  invariantViolations: string[];
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : 0;

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** The signing secret of the API processes these scripts start (the throughput baseline verifies with it). */
export const LOAD_JWT_SECRET = 'load-test-secret-long-enough-for-hs256';

/** With LOAD_API_PROFILE=<folder>, the servers these scripts start write a CPU profile there when they exit. */
export function profileArgs(): string[] {
  const folder = process.env['LOAD_API_PROFILE'];
  return folder ? ['--cpu-prof', `--cpu-prof-dir=${folder}`] : [];
}

/**
 * The API as a process of its own. `launcher` is the command line the script follows: this Node by default,
 * or Node under another program with flags of its own (valgrind: benchmarks/api/instructions.ts).
 */
export async function startApi(
  databaseUrl: string,
  port: number,
  launcher: string[] = [process.execPath],
): Promise<ChildProcess> {
  const [command, ...prefix] = launcher;
  const child = spawn(
    command!,
    [...prefix, ...profileArgs(), '-r', '@swc-node/register', join(__dirname, '../../apps/api/src/main.ts')],
    {
      cwd: join(__dirname, '../..'),
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        JWT_SECRET: LOAD_JWT_SECRET,
        SEED_DEMO: 'false',
        LOG_LEVEL: 'error',
        DB_CONNECT_TIMEOUT_MS: command === process.execPath ? '1000' : '60000',
        DB_POOL_SIZE: '10',
        // Not part of the measured load; on the shared test database they would sweep every tenant.
        TRAINING_OVERDUE_SWEEP_SECONDS: '0',
        KPI_ALERT_SWEEP_SECONDS: '0',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (process.env['LOAD_API_LOGS']) process.stderr.write(chunk);
      if (output.includes('Deskforce API ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the API exited with ${code}`)));
  });
  return child;
}

interface Tenant {
  token: string;
  teamId: string;
  agentIds: string[];
}

/** Tenants set up through SQL (fast) and GraphQL sign-in (real tokens). */
export async function setUpTenants(
  databaseUrl: string,
  url: string,
  count: number,
  agentsPerTenant: number,
): Promise<Tenant[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const tenants: Tenant[] = [];
  try {
    for (let t = 0; t < count; t++) {
      const tenantId = randomUUID();
      const slug = `load-${tenantId.slice(0, 8)}`;
      const userId = randomUUID();
      const teamId = randomUUID();
      await client.query(`INSERT INTO tenants (id, name, slug) VALUES ($1, $2, $3)`, [tenantId, `Load ${t}`, slug]);
      // argon2id hash of "load-password" (any valid hash works; sign-in below verifies it).
      const hash = await import('argon2').then((argon2) => argon2.hash('load-password'));
      await client.query(
        `INSERT INTO users (tenant_id, id, email, password_hash, role) VALUES ($1, $2, $3, $4, 'DIRECTOR')`,
        [tenantId, userId, `director@${slug}.test`, hash],
      );
      await client.query(
        `INSERT INTO teams (tenant_id, id, name, time_zone, channels) VALUES ($1, $2, 'Load team', 'Europe/Warsaw', '{PHONE,CHAT,EMAIL}')`,
        [tenantId, teamId],
      );
      const agentIds = Array.from({ length: agentsPerTenant }, () => randomUUID());
      await client.query(
        `INSERT INTO agents (tenant_id, id, name, email, team_id, level, hire_date, contracted_weekly_hours, hourly_cost, channels)
         SELECT $1, a, 'Agent ' || n, 'agent' || n || '@load.test', $2, 'ENTRY', '2024-01-01', 40, 20, '{PHONE,CHAT,EMAIL}'
           FROM unnest($3::uuid[]) WITH ORDINALITY AS x(a, n)`,
        [tenantId, teamId, agentIds],
      );
      const login = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`,
          variables: { input: { email: `director@${slug}.test`, password: 'load-password' } },
        }),
      });
      const token = ((await login.json()) as { data: { login: { accessToken: string } } }).data.login.accessToken;
      tenants.push({ token, teamId, agentIds });
    }
  } finally {
    await client.end();
  }
  return tenants;
}

type Outcome = { operation: string; ms: number; at: number; kind: 'ok' | 'refusal' | 'error'; code?: string };

/** One virtual user: its own agent (so shift edits mostly succeed), its tenant's team, a closed loop. */
async function virtualUser(
  url: string,
  tenant: Tenant,
  agentId: string,
  until: number,
  outcomes: Outcome[],
): Promise<void> {
  const lastShift: { id?: string; version?: number; startsAt?: Date } = {};
  let day = 0;
  const base = Date.UTC(2027, 0, 4, 8, 0, 0);
  const call = async (operation: string, query: string, variables: Record<string, unknown>) => {
    const started = performance.now();
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.token}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(15_000),
      });
      const body = (await response.json()) as {
        data?: Record<string, unknown>;
        errors?: { extensions?: { code?: string } }[];
      };
      const code = body.errors?.[0]?.extensions?.code;
      const kind =
        response.status >= 500 || code === 'INTERNAL_SERVER_ERROR' || code === 'UNAVAILABLE' || (!code && body.errors)
          ? 'error'
          : code
            ? 'refusal'
            : 'ok';
      outcomes.push({
        operation,
        ms: performance.now() - started,
        at: Date.now(),
        kind,
        code: code ?? (response.status >= 500 ? `HTTP ${response.status}` : undefined),
      });
      return body.data;
    } catch (error) {
      outcomes.push({
        operation,
        ms: performance.now() - started,
        at: Date.now(),
        kind: 'error',
        code: error instanceof Error ? error.name : 'NETWORK',
      });
      return undefined;
    }
  };
  while (Date.now() < until) {
    const r = Math.random();
    if (r < 0.35) {
      await call(
        'kpis',
        `query($input: KpisInput!) { kpis(input: $input) { rows { values { metric value sampleSize } } } }`,
        {
          input: {
            from: '2027-01-01T00:00:00Z',
            to: '2027-02-01T00:00:00Z',
            metrics: ['CONTACTS', 'FIRST_RESPONSE_TIME_MEDIAN', 'RESOLUTION_RATE', 'AVERAGE_HANDLE_TIME'],
            groupBy: ['TEAM', 'DAY'],
            filter: { teamIds: [tenant.teamId] },
            timeZone: 'Europe/Warsaw',
          },
        },
      );
    } else if (r < 0.55) {
      await call(
        'shifts',
        `query($filter: ShiftFilter) { shifts(first: 50, filter: $filter) { totalCount edges { node { id startsAt endsAt activities { type } } } } }`,
        {
          filter: { teamId: tenant.teamId, from: '2027-01-04T00:00:00Z', to: '2027-01-11T00:00:00Z' },
        },
      );
    } else if (r < 0.7) {
      await call('coverage', `query($input: CoverageInput!) { coverage(input: $input) { startsAt scheduledAgents } }`, {
        input: { teamId: tenant.teamId, from: '2027-01-04T06:00:00Z', to: '2027-01-04T20:00:00Z', intervalMinutes: 30 },
      });
    } else if (r < 0.8 || !lastShift.id) {
      const startsAt = new Date(base + day * 2 * 86_400_000);
      day++;
      const data = await call(
        'createShift',
        `mutation($input: CreateShiftInput!) { createShift(input: $input) { shift { id version startsAt } } }`,
        {
          input: {
            agentId,
            startsAt: startsAt.toISOString(),
            endsAt: new Date(startsAt.getTime() + 8 * 3_600_000).toISOString(),
            activities: [
              {
                type: 'LUNCH',
                startsAt: new Date(startsAt.getTime() + 4 * 3_600_000).toISOString(),
                endsAt: new Date(startsAt.getTime() + 4.5 * 3_600_000).toISOString(),
              },
            ],
          },
        },
      );
      const shift = (data?.['createShift'] as { shift?: { id: string; version: number; startsAt: string } } | undefined)
        ?.shift;
      if (shift) Object.assign(lastShift, { id: shift.id, version: shift.version, startsAt: new Date(shift.startsAt) });
    } else if (r < 0.9) {
      const moveBy = (Math.random() < 0.5 ? -1 : 1) * 30 * 60_000;
      const startsAt = new Date(lastShift.startsAt!.getTime() + moveBy);
      const data = await call(
        'updateShift',
        `mutation($input: UpdateShiftInput!) { updateShift(input: $input) { shift { version startsAt } } }`,
        {
          input: {
            id: lastShift.id,
            version: lastShift.version,
            startsAt: startsAt.toISOString(),
            endsAt: new Date(startsAt.getTime() + 8 * 3_600_000).toISOString(),
          },
        },
      );
      const shift = (data?.['updateShift'] as { shift?: { version: number; startsAt: string } } | undefined)?.shift;
      if (shift) Object.assign(lastShift, { version: shift.version, startsAt: new Date(shift.startsAt) });
    } else {
      const rows = Array.from({ length: 50 }, () => {
        const created = new Date(
          Date.UTC(
            2027,
            0,
            1 + Math.floor(Math.random() * 28),
            8 + Math.floor(Math.random() * 10),
            Math.floor(Math.random() * 60),
          ),
        );
        const resolved = Math.random() < 0.8;
        return {
          source: 'load',
          externalId: randomUUID(),
          channel: 'EMAIL',
          agentId: tenant.agentIds[Math.floor(Math.random() * tenant.agentIds.length)],
          createdAt: created.toISOString(),
          firstResponseAt: new Date(created.getTime() + 600_000).toISOString(),
          status: resolved ? 'RESOLVED' : 'OPEN',
          resolvedAt: resolved ? new Date(created.getTime() + 3_600_000).toISOString() : null,
          handleTimeSeconds: 300,
        };
      });
      await call(
        'ingestInteractions',
        `mutation($input: IngestInteractionsInput!) { ingestInteractions(input: $input) { inserted rejected { field } } }`,
        { input: { interactions: rows } },
      );
    }
  }
}

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const log = options.log ?? (() => undefined);
  const folder = await mkdtemp(join(tmpdir(), 'deskforce-load-'));
  await chmod(folder, 0o755);
  const pgPort = await freePort();
  const dataDir = join(folder, 'pg');
  let pg: EmbeddedPostgresHandle | undefined = await startEmbeddedPostgres({ dataDir, port: pgPort });
  await pg.createDatabase('deskforce');
  const databaseUrl = pg.url('deskforce');
  await runMigrations(databaseUrl);
  const apiPort = await freePort();
  const api = await startApi(databaseUrl, apiPort);
  const url = `http://127.0.0.1:${apiPort}/graphql`;
  try {
    const tenants = await setUpTenants(
      databaseUrl,
      url,
      options.tenants,
      Math.max(2, Math.ceil(options.vus / options.tenants) + 2),
    );
    log(
      `load: ${options.vus} virtual users in ${options.tenants} tenants for ${options.seconds} s${options.fault ? ', with a database outage' : ''}`,
    );
    const outcomes: Outcome[] = [];
    const memory: number[] = [rssMb(api.pid!)];
    const sampler = setInterval(() => memory.push(rssMb(api.pid!)), 1000);
    const started = Date.now();
    const until = started + options.seconds * 1000;
    let outage: { down: number; up: number } | undefined;
    const fault = options.fault
      ? (async () => {
          await new Promise((resolve) => setTimeout(resolve, (options.seconds * 1000) / 3));
          const down = Date.now();
          log('load: stopping PostgreSQL');
          await pg!.stop();
          await new Promise((resolve) => setTimeout(resolve, Math.min(5000, (options.seconds * 1000) / 6)));
          pg = await startEmbeddedPostgres({ dataDir, port: pgPort });
          outage = { down, up: Date.now() };
          log('load: PostgreSQL is back');
        })()
      : Promise.resolve();
    await Promise.all([
      ...Array.from({ length: options.vus }, (_, i) => {
        const tenant = tenants[i % tenants.length]!;
        return virtualUser(url, tenant, tenant.agentIds[Math.floor(i / tenants.length)]!, until, outcomes);
      }),
      fault,
    ]);
    clearInterval(sampler);
    memory.push(rssMb(api.pid!));

    // Failures of requests in flight at any moment of the outage or of the 10 s allowed for recovery.
    const inOutage = (o: Outcome) =>
      outage !== undefined && o.kind === 'error' && o.at >= outage.down - 1000 && o.at - o.ms <= outage.up + 10_000;
    const counted = outcomes.filter((o) => !inOutage(o));
    const latencies = counted.map((o) => o.ms).sort((a, b) => a - b);
    const byOperation: LoadReport['byOperation'] = {};
    for (const operation of [...new Set(outcomes.map((o) => o.operation))].sort()) {
      const ofOp = counted.filter((o) => o.operation === operation);
      const sorted = ofOp.map((o) => o.ms).sort((a, b) => a - b);
      byOperation[operation] = {
        count: ofOp.length,
        p50: Math.round(percentile(sorted, 0.5)),
        p99: Math.round(percentile(sorted, 0.99)),
        errors: ofOp.filter((o) => o.kind === 'error').length,
      };
    }
    let faultReport: LoadReport['fault'];
    if (outage) {
      const during = outcomes.filter((o) => o.at >= outage!.down + 500 && o.at <= outage!.up);
      const recovered = outcomes.find((o) => o.at > outage!.up && o.kind === 'ok' && o.at - o.ms > outage!.up);
      faultReport = {
        outageRequests: during.length,
        outageNonUnavailable: during.filter((o) => o.kind !== 'ok' && o.code !== 'UNAVAILABLE').length,
        outageSlowest: Math.round(Math.max(0, ...during.map((o) => o.ms))),
        recoverySeconds: recovered ? (recovered.at - outage.up) / 1000 : null,
      };
    }
    const invariantViolations = await checkInvariants(databaseUrl);
    return {
      seconds: options.seconds,
      requests: counted.length,
      throughput: Math.round((counted.length / options.seconds) * 10) / 10,
      p50: Math.round(percentile(latencies, 0.5)),
      p99: Math.round(percentile(latencies, 0.99)),
      errors: counted.filter((o) => o.kind === 'error').length,
      refusals: counted.filter((o) => o.kind === 'refusal').length,
      byOperation,
      codes: counted
        .filter((o) => o.code)
        .reduce<Record<string, number>>(
          (acc, o) => ({ ...acc, [`${o.operation}:${o.code}`]: (acc[`${o.operation}:${o.code}`] ?? 0) + 1 }),
          {},
        ),
      memory: { startMb: memory[0]!, peakMb: Math.max(...memory), endMb: memory.at(-1)! },
      ...(faultReport ? { fault: faultReport } : {}),
      invariantViolations,
    };
  } finally {
    api.kill('SIGTERM');
    await new Promise((resolve) => api.once('exit', resolve));
    await pg?.stop();
    await rm(folder, { recursive: true, force: true });
  }
}

/** Nothing half-applied: no overlapping live shifts, every activity inside its shift, rollups equal to raw rows. */
async function checkInvariants(databaseUrl: string): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const problems: string[] = [];
    const overlap =
      await client.query(`SELECT count(*)::int AS n FROM shifts x JOIN shifts y ON x.tenant_id = y.tenant_id AND x.agent_id = y.agent_id AND x.id < y.id
      WHERE x.status <> 'CANCELLED' AND y.status <> 'CANCELLED' AND tstzrange(x.starts_at, x.ends_at) && tstzrange(y.starts_at, y.ends_at)`);
    if (overlap.rows[0].n > 0) problems.push(`${overlap.rows[0].n} overlapping shifts`);
    const lonely = await client.query(
      `SELECT count(*)::int AS n FROM shifts s WHERE NOT EXISTS (SELECT 1 FROM shift_activities a WHERE a.tenant_id = s.tenant_id AND a.shift_id = s.id)`,
    );
    if (lonely.rows[0].n > 0) problems.push(`${lonely.rows[0].n} shifts without the lunch they were created with`);
    const audit = await client.query(
      `SELECT count(*)::int AS n FROM shifts s WHERE NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.tenant_id = s.tenant_id AND l.entity_id = s.id AND l.action = 'CREATE')`,
    );
    if (audit.rows[0].n > 0) problems.push(`${audit.rows[0].n} shifts without their audit entry`);
    return problems;
  } finally {
    await client.end();
  }
}

export function formatReport(report: LoadReport): string {
  const lines = [
    `requests ${report.requests} in ${report.seconds} s = ${report.throughput}/s · p50 ${report.p50} ms · p99 ${report.p99} ms · errors ${report.errors} · refusals ${report.refusals}`,
    ...(Object.keys(report.codes).length
      ? [
          `codes: ${Object.entries(report.codes)
            .map(([k, n]) => `${k} ×${n}`)
            .join(', ')}`,
        ]
      : []),
    `API memory (RSS): start ${report.memory.startMb} MB, peak ${report.memory.peakMb} MB, end ${report.memory.endMb} MB`,
    ...Object.entries(report.byOperation).map(
      ([op, s]) =>
        `  ${op.padEnd(20)} ${String(s.count).padStart(6)} requests · p50 ${s.p50} ms · p99 ${s.p99} ms · errors ${s.errors}`,
    ),
  ];
  if (report.fault) {
    lines.push(
      `outage: ${report.fault.outageRequests} requests during it, ${report.fault.outageNonUnavailable} not UNAVAILABLE, slowest ${report.fault.outageSlowest} ms; recovered ${report.fault.recoverySeconds ?? 'never'} s after the database returned`,
    );
  }
  lines.push(
    report.invariantViolations.length
      ? `INVARIANTS BROKEN: ${report.invariantViolations.join('; ')}`
      : 'invariants hold: no overlapping shifts, nothing half-written, every shift audited',
  );
  return lines.join('\n');
}

if (require.main === module) {
  const argument = (name: string, fallback: number) =>
    Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
  runLoad({
    seconds: argument('seconds', 180),
    vus: argument('vus', 16),
    tenants: argument('tenants', 4),
    fault: process.argv.includes('--fault'),
    log: (line) => process.stdout.write(`${line}\n`),
  })
    .then((report) => {
      process.stdout.write(`${formatReport(report)}\n`);
      process.exit(report.errors > 0 || report.invariantViolations.length > 0 ? 1 : 0);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    });
}
