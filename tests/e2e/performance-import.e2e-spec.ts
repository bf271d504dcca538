import { COUNT_COLUMNS, InteractionImporter, rebuildRollups } from '@deskforce/performance';
import { TenantDatabase } from '@deskforce/platform';
import {
  createAgent,
  createTeam,
  createTestTenant,
  KPIS_QUERY,
  startTestApp,
  TestApp,
  TestTenant,
  valuesOf,
} from '@deskforce/testing';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The import command's engine on generated files. The test file is sized to keep the test fast (tens of
 * thousands of lines); the 200 MB case runs in benchmarks/performance (import rows/s against bare COPY).
 */
describe('import', () => {
  let api: TestApp;
  let tenant: TestTenant;
  let folder: string;
  let agents: string[];
  const LINES = 40000;
  const BAD_LINE = 20001; // file line numbers: the header is line 1

  beforeAll(async () => {
    api = await startTestApp();
    tenant = await createTestTenant(api);
    const team = await createTeam(api, tenant);
    agents = [(await createAgent(api, tenant, team.id)).id, (await createAgent(api, tenant, team.id)).id];
    folder = await mkdtemp(join(tmpdir(), 'deskforce-import-'));
  });
  afterAll(async () => {
    await api.close();
    await rm(folder, { recursive: true, force: true });
  });

  function csv(count: number, bad = true): string {
    const lines = [
      'source,externalId,channel,agentId,status,category,createdAt,firstResponseAt,resolvedAt,handleTimeSeconds,customerRef',
    ];
    for (let i = 0; i < count; i++) {
      const line = i + 2;
      const created = new Date(Date.UTC(2026, 5, 1) + i * 30_000);
      if (bad && line === BAD_LINE) lines.push('this line, is broken');
      else if (bad && line === BAD_LINE + 2)
        lines.push(
          `file,x${i},EMAIL,${agents[i % 2]},RESOLVED,billing,${created.toISOString()},,${new Date(created.getTime() - 1000).toISOString()},60,c`,
        );
      else
        lines.push(
          `file,x${i},${i % 3 ? 'EMAIL' : 'CHAT'},${agents[i % 2]},${i % 7 ? 'OPEN' : 'RESOLVED'},"billing, refunds",${created.toISOString()},${new Date(created.getTime() + 60_000).toISOString()},${i % 7 ? '' : new Date(created.getTime() + 7_200_000 + i).toISOString()},${i % 500},"cust ""${i}"""`,
        );
    }
    return `${lines.join('\n')}\n`;
  }

  const importer = () => api.app.get(InteractionImporter);

  /** The tenant's interaction rollup, every cell and every sum, equals what a rebuild from the raw rows gives. */
  async function expectRollupEqualToRebuild(): Promise<void> {
    const snapshot = () =>
      api.sql(
        `SELECT team_id, hour, agent_key, channel, category, ${COUNT_COLUMNS.join(', ')} FROM interaction_hourly WHERE tenant_id = $1 ORDER BY 1, 2, 3, 4, 5`,
        [tenant.tenantId],
      );
    const kept = await snapshot();
    const db = api.app.get(TenantDatabase);
    await db.transaction(tenant.tenantId, async () => {
      for (const statement of rebuildRollups(tenant.tenantId)) await db.many(statement);
    });
    expect(await snapshot()).toEqual(kept);
  }

  const run = (file: string, kind: 'interactions' | 'surveys' | 'states' = 'interactions') =>
    importer().import({ tenantId: tenant.tenantId, kind, file, chunkSize: 15000 });

  it('loads a file with a bad line in the middle, writes the rejects beside it, and re-runs without doubling', async () => {
    const file = join(folder, 'interactions.csv');
    // An interrupted first run: only the first 12,000 lines made it.
    await writeFile(file, csv(12000, false));
    const analyzed = async () =>
      (
        await api.sql<{ at: Date | null }>(
          `SELECT last_analyze AS at FROM pg_stat_user_tables WHERE relname = 'interactions' AND schemaname = 'public'`,
        )
      )[0]!.at?.getTime() ?? 0;
    const analyzedBefore = await analyzed();
    expect(await run(file)).toMatchObject({ inserted: 12000, rejected: 0 });
    // A bulk load refreshes the planner's statistics of the table it wrote (the server publishes the
    // ANALYZE once the import's session has reported, so look until it shows; the test's timeout bounds it).
    while ((await analyzed()) <= analyzedBefore) await new Promise((resolve) => setTimeout(resolve, 100));

    await writeFile(file, csv(LINES));
    const summary = await run(file);
    expect(summary).toMatchObject({
      lines: LINES + 1,
      inserted: LINES - 12000 - 2,
      updated: 0,
      unchanged: 12000,
      rejected: 2,
    });
    expect(await readFile(`${file}.rejected.csv`, 'utf8')).toBe(
      `line,field,message\n${BAD_LINE},line,"has 2 fields where the header has 11"\n${BAD_LINE + 2},resolvedAt,"is before createdAt"\n`,
    );
    const again = await run(file);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: LINES - 2, rejected: 2 });

    const stored = await api.sql<{ n: number; category: string; ref: string }>(
      `SELECT count(*)::int AS n, min(category) AS category, min(customer_ref) FILTER (WHERE external_id = 'x7') AS ref FROM interactions WHERE tenant_id = $1`,
      [tenant.tenantId],
    );
    expect(stored).toEqual([{ n: LINES - 2, category: 'billing, refunds', ref: 'cust "7"' }]);
    expect(await api.sql(`SELECT 1 FROM import_staging WHERE tenant_id = $1`, [tenant.tenantId])).toEqual([]);
    const report = await api.gql(
      KPIS_QUERY,
      {
        input: {
          from: '2026-06-01T00:00:00Z',
          to: '2026-07-01T00:00:00Z',
          metrics: ['CONTACTS', 'FIRST_RESPONSE_TIME_MEDIAN'],
        },
      },
      tenant.tokens.DIRECTOR,
    );
    expect(valuesOf(report.data!['kpis'].rows[0])).toEqual({
      CONTACTS: { value: LINES - 2, sampleSize: LINES - 2 },
      FIRST_RESPONSE_TIME_MEDIAN: { value: 60, sampleSize: LINES - 2 },
    });
    await expectRollupEqualToRebuild();
  });

  it('writes later versions of rows through both lanes and keeps the rollup equal to the raw rows', async () => {
    const file = join(folder, 'versions.csv');
    const header = 'source,externalId,channel,agentId,status,createdAt,resolvedAt,handleTimeSeconds';
    const version = (i: number, second: boolean) => {
      const created = new Date(Date.UTC(2026, 7, 1) + i * 600_000);
      return second
        ? `lanes,v${i},CHAT,${agents[(i + 1) % 2]},RESOLVED,${created.toISOString()},${new Date(created.getTime() + 3_600_000).toISOString()},${i}`
        : `lanes,v${i},EMAIL,${agents[i % 2]},OPEN,${created.toISOString()},,`;
    };
    // Chunks of 500 lines: every row's second version lands in a later chunk, beside as many new rows, and the
    // rows of each chunk are split over two lanes.
    const lines = [
      header,
      ...Array.from({ length: 1500 }, (_, i) => version(i, false)),
      ...Array.from({ length: 1500 }, (_, i) => [version(i, true), version(1500 + i, false)]).flat(),
    ];
    await writeFile(file, `${lines.join('\n')}\n`);
    const summary = await importer().import({
      tenantId: tenant.tenantId,
      kind: 'interactions',
      file,
      chunkSize: 500,
      lanes: 2,
    });
    expect(summary).toMatchObject({ inserted: 3000, updated: 1500, unchanged: 0, rejected: 0 });

    const [raw, rolled] = await Promise.all([
      api.sql(
        `SELECT agent_id::text AS agent, channel, count(*)::int AS contacts, count(resolved_at)::int AS resolved, coalesce(sum(handle_time_s), 0)::int AS handle
           FROM interactions WHERE tenant_id = $1 AND source = 'lanes' GROUP BY 1, 2 ORDER BY 1, 2`,
        [tenant.tenantId],
      ),
      api.sql(
        `SELECT agent_key::text AS agent, channel, sum(contacts)::int AS contacts, sum(resolved)::int AS resolved, sum(handle_time_s_sum)::int AS handle
           FROM interaction_hourly WHERE tenant_id = $1 AND hour >= '2026-08-01' AND hour < '2026-09-01' GROUP BY 1, 2 ORDER BY 1, 2`,
        [tenant.tenantId],
      ),
    ]);
    expect(raw.map((r) => r['channel'])).toEqual(['CHAT', 'EMAIL', 'CHAT', 'EMAIL']);
    expect(rolled).toEqual(raw);
    await expectRollupEqualToRebuild();
  });

  it('loads NDJSON survey responses and names the bad lines', async () => {
    const file = join(folder, 'surveys.ndjson');
    await writeFile(
      file,
      [
        JSON.stringify({
          source: 'file',
          externalId: 's1',
          interactionExternalId: 'x1',
          csat: 5,
          nps: 9,
          comment: 'Great\nthanks',
          respondedAt: '2026-06-02T00:00:00Z',
        }),
        '{not json',
        JSON.stringify({
          source: 'file',
          externalId: 's2',
          interactionExternalId: 'x2',
          csat: 7,
          respondedAt: '2026-06-02T00:00:00Z',
        }),
        JSON.stringify({
          source: 'file',
          externalId: 's3',
          interactionExternalId: 'x3',
          csat: 4,
          respondedAt: '2026-06-02T00:00:00Z',
          mood: 'ok',
        }),
      ].join('\n'),
    );
    const summary = await run(file, 'surveys');
    expect(summary).toMatchObject({ inserted: 1, rejected: 3 });
    expect(await readFile(`${file}.rejected.csv`, 'utf8')).toBe(
      'line,field,message\n2,line,"is not valid JSON"\n4,line,"has an unknown field ""mood"""\n3,csat,"must be a whole number from 1 to 5"\n',
    );
    expect(await api.sql(`SELECT comment FROM survey_responses WHERE tenant_id = $1`, [tenant.tenantId])).toEqual([
      { comment: 'Great\nthanks' },
    ]);
  });

  it('loads agent states and keeps their hourly rollup equal to the events', async () => {
    const file = join(folder, 'states.csv');
    // Two agents' mornings: an event across an hour boundary, and one ending after midnight UTC.
    await writeFile(
      file,
      [
        'agentId,state,startedAt,endedAt',
        `${agents[0]},AVAILABLE,2026-06-03T08:00:00Z,2026-06-03T09:30:00Z`,
        `${agents[0]},BREAK,2026-06-03T09:30:00+00:00,2026-06-03T09:45:00.250Z`,
        `${agents[1]},BUSY,2026-06-03T23:50:00+02:00,2026-06-04T00:20:00Z`,
        `${agents[1]},SLEEPING,2026-06-03T10:00:00Z,2026-06-03T11:00:00Z`,
      ].join('\n'),
    );
    const summary = await run(file, 'states');
    expect(summary).toMatchObject({ inserted: 3, rejected: 1 });
    expect(
      await api.sql(
        `SELECT agent_id::text AS agent, state, started_at AS "startedAt", ended_at AS "endedAt"
           FROM agent_state_events WHERE tenant_id = $1 ORDER BY started_at`,
        [tenant.tenantId],
      ),
    ).toEqual([
      {
        agent: agents[0],
        state: 'AVAILABLE',
        startedAt: new Date('2026-06-03T08:00:00Z'),
        endedAt: new Date('2026-06-03T09:30:00Z'),
      },
      {
        agent: agents[0],
        state: 'BREAK',
        startedAt: new Date('2026-06-03T09:30:00Z'),
        endedAt: new Date('2026-06-03T09:45:00.250Z'),
      },
      {
        agent: agents[1],
        state: 'BUSY',
        startedAt: new Date('2026-06-03T21:50:00Z'),
        endedAt: new Date('2026-06-04T00:20:00Z'),
      },
    ]);
    expect(
      await api.sql(
        `SELECT agent_id::text AS agent, hour, available_ms::int AS available, busy_ms::int AS busy, break_ms::int AS "break"
           FROM agent_state_hourly WHERE tenant_id = $1 ORDER BY agent_id = $2 DESC, hour`,
        [tenant.tenantId, agents[0]],
      ),
    ).toEqual([
      { agent: agents[0], hour: new Date('2026-06-03T08:00:00Z'), available: 3_600_000, busy: 0, break: 0 },
      { agent: agents[0], hour: new Date('2026-06-03T09:00:00Z'), available: 1_800_000, busy: 0, break: 900_250 },
      { agent: agents[1], hour: new Date('2026-06-03T21:00:00Z'), available: 0, busy: 600_000, break: 0 },
      { agent: agents[1], hour: new Date('2026-06-03T22:00:00Z'), available: 0, busy: 3_600_000, break: 0 },
      { agent: agents[1], hour: new Date('2026-06-03T23:00:00Z'), available: 0, busy: 3_600_000, break: 0 },
      { agent: agents[1], hour: new Date('2026-06-04T00:00:00Z'), available: 0, busy: 1_200_000, break: 0 },
    ]);
  });
});
