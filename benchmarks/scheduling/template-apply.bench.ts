/**
 * applyShiftTemplate for 500 agents × 4 weeks (10,000 shifts with lunches) through GraphQL — labor rules
 * judged for every shift, rows written, every shift audited, in one transaction — against the floor:
 * the same shift and activity rows inserted by two bare set-based INSERTs through `pg`, in the same run.
 *
 *   node -r @swc-node/register benchmarks/scheduling/template-apply.bench.ts [--quick]
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { benchTenant, startBenchApp } from '../support/bench-app';
import { benchDatabase } from '../support/bench-database';
import { BenchmarkRow, row, runIfMain } from '../support/benchmark-row';

const TEAM_SIZE = 100;

async function seedAgents(client: Client, tenantId: string, agents: number): Promise<string[]> {
  const teams = Math.ceil(agents / TEAM_SIZE);
  const teamIds = Array.from({ length: teams }, () => randomUUID());
  await client.query(
    `INSERT INTO teams (tenant_id, id, name, time_zone, channels) SELECT $1, t, 'Team ' || n, 'Europe/Warsaw', '{PHONE}' FROM unnest($2::uuid[]) WITH ORDINALITY AS x(t, n)`,
    [tenantId, teamIds],
  );
  const agentIds = Array.from({ length: agents }, () => randomUUID());
  await client.query(
    `INSERT INTO agents (tenant_id, id, name, email, team_id, level, hire_date, contracted_weekly_hours, hourly_cost, channels)
     SELECT $1, a, 'Agent ' || n, 'agent' || n || '@bench.test', ($2::uuid[])[1 + (n - 1) / ${TEAM_SIZE}], 'ENTRY', '2024-01-01', 40, 20, '{PHONE}'
       FROM unnest($3::uuid[]) WITH ORDINALITY AS x(a, n)`,
    [tenantId, teamIds, agentIds],
  );
  return agentIds;
}

export async function run(quick: boolean): Promise<BenchmarkRow[]> {
  const agents = quick ? 100 : 500;
  const weeks = 4;
  const database = await benchDatabase();
  const bench = await startBenchApp(database.url);
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    const { tenantId, token } = await benchTenant(bench);
    const agentIds = await seedAgents(client, tenantId, agents);
    const template = await bench.gql<{ createShiftTemplate: { template: { id: string } } }>(
      `mutation($input: CreateShiftTemplateInput!) { createShiftTemplate(input: $input) { template { id } } }`,
      {
        input: {
          name: 'Day',
          startTime: '09:00',
          durationMinutes: 510,
          daysOfWeek: [1, 2, 3, 4, 5],
          activities: [{ type: 'LUNCH', durationMinutes: 30, earliestStartMinutes: 210, latestStartMinutes: 300 }],
        },
      },
      token,
    );
    const templateId = template.data!.createShiftTemplate.template.id;

    const started = performance.now();
    const applied = await bench.gql<{ applyShiftTemplate: { createdCount: number } }>(
      `mutation($input: ApplyShiftTemplateInput!) { applyShiftTemplate(input: $input) { createdCount } }`,
      { input: { templateId, agentIds, from: '2026-03-16', to: '2026-04-12' } }, // four weeks across the DST change
      token,
    );
    const seconds = (performance.now() - started) / 1000;
    if (applied.errors) throw new Error(JSON.stringify(applied.errors));
    const created = applied.data!.applyShiftTemplate.createdCount;
    if (created !== agents * weeks * 5) throw new Error(`expected ${agents * weeks * 5} shifts, got ${created}`);

    // Baseline: the same rows, shifted a year later, written by bare INSERTs (no rules, no audit, no GraphQL).
    const rows = await client.query<{
      agent_id: string;
      team_id: string;
      starts_at: Date;
      ends_at: Date;
      a_start: Date;
      a_end: Date;
    }>(
      `SELECT s.agent_id, s.team_id, s.starts_at + interval '364 days' AS starts_at, s.ends_at + interval '364 days' AS ends_at,
              a.starts_at + interval '364 days' AS a_start, a.ends_at + interval '364 days' AS a_end
         FROM shifts s JOIN shift_activities a ON a.shift_id = s.id WHERE s.tenant_id = $1`,
      [tenantId],
    );
    const shifts = rows.rows.map((r) => ({
      id: randomUUID(),
      agent_id: r.agent_id,
      team_id: r.team_id,
      starts_at: r.starts_at,
      ends_at: r.ends_at,
      a_start: r.a_start,
      a_end: r.a_end,
    }));
    const baselineStarted = performance.now();
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO shifts (tenant_id, id, agent_id, team_id, starts_at, ends_at)
       SELECT $1, r.id, r.agent_id, r.team_id, r.starts_at, r.ends_at FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, agent_id uuid, team_id uuid, starts_at timestamptz, ends_at timestamptz)`,
      [tenantId, JSON.stringify(shifts)],
    );
    await client.query(
      `INSERT INTO shift_activities (tenant_id, id, shift_id, type, starts_at, ends_at)
       SELECT $1, gen_random_uuid(), r.id, 'LUNCH', r.a_start, r.a_end FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, a_start timestamptz, a_end timestamptz)`,
      [tenantId, JSON.stringify(shifts)],
    );
    await client.query('COMMIT');
    const baselineSeconds = (performance.now() - baselineStarted) / 1000;

    return [
      row(
        `applyShiftTemplate, ${agents} agents × ${weeks} weeks (${created} shifts)`,
        seconds,
        's',
        'bare INSERT of the same rows',
        baselineSeconds,
      ),
    ];
  } finally {
    await client.end();
    await bench.close();
    await database.close();
  }
}

runIfMain(module, 'Template application', run);
