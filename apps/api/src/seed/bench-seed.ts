import { TenantProvisioningService } from '@deskforce/identity';
import { REBUILD_ROLLUPS } from '@deskforce/performance';
import { AgentLevel, AgentService, TeamService } from '@deskforce/people';
import { Actor, Channel, Role, TENANT_SETTING } from '@deskforce/platform';
import { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

export interface BenchHistoryOptions {
  databaseUrl: string;
  interactions: number;
  days: number;
  agents: number;
  teams: number;
  /** End of the history (exclusive); it starts `days` before. */
  end: Date;
  slug?: string;
  log?: (message: string) => void;
}

export interface BenchTenant {
  tenantId: string;
  slug: string;
  directorId: string;
  teamIds: string[];
  agentIds: string[];
  /** The team of each agent in `agentIds`, in the same order. */
  agentTeamIds: string[];
}

const ZONES = ['Europe/Istanbul', 'Asia/Baku', 'Europe/Warsaw', 'Europe/Lisbon'];

/**
 * Realistic history for benchmarks and demos, generated inside PostgreSQL (no rows cross the wire):
 * weekday-heavy days, a mid-day peak, per-agent skill (a factor 0.6–1.6 on response and handle times,
 * on resolution and satisfaction), surveys on ~15% of contacts, and a working day of agent states per
 * agent and weekday. The rollups are then rebuilt from the rows and the tables analyzed.
 */
export async function generateBenchHistory(app: INestApplicationContext, options: BenchHistoryOptions): Promise<BenchTenant> {
  const log = options.log ?? (() => undefined);
  const slug = options.slug ?? `bench-${randomUUID().slice(0, 8)}`;
  const tenant = await app.get(TenantProvisioningService).create({
    name: 'Benchmark Org',
    slug,
    users: [
      { email: `director@${slug}.test`, role: Role.DIRECTOR, password: 'deskforce-bench' },
      { email: `admin@${slug}.test`, role: Role.ADMIN, password: 'deskforce-bench' },
    ],
  });
  const admin: Actor = { tenantId: tenant.tenantId, userId: tenant.users.find((u) => u.role === Role.ADMIN)!.id, role: Role.ADMIN, email: `admin@${slug}.test` };
  const teamIds: string[] = [];
  const agentIds: string[] = [];
  const agentTeams: string[] = [];
  for (let t = 0; t < options.teams; t++) {
    const team = await app.get(TeamService).create(admin, { name: `Team ${t + 1}`, timeZone: ZONES[t % ZONES.length]!, channels: [Channel.PHONE, Channel.EMAIL, Channel.CHAT, Channel.SOCIAL] });
    teamIds.push(team.id);
  }
  for (let a = 0; a < options.agents; a++) {
    const teamId = teamIds[a % teamIds.length]!;
    const agent = await app.get(AgentService).create(admin, {
      name: `Agent ${a + 1}`,
      email: `agent${a + 1}@${slug}.test`,
      teamId,
      level: AgentLevel.SENIOR,
      hireDate: '2022-01-01',
      contractedWeeklyHours: 40,
      hourlyCost: 20,
      channels: [Channel.PHONE, Channel.EMAIL, Channel.CHAT],
      skills: [],
    });
    agentIds.push(agent.id);
    agentTeams.push(teamId);
  }
  log(`tenant ${slug}: ${teamIds.length} teams, ${agentIds.length} agents`);

  const client = new Client({ connectionString: options.databaseUrl, application_name: 'deskforce-seed-bench' });
  await client.connect();
  try {
    await client.query('SET statement_timeout = 0');
    // Sorting a team's history and summing the rollups in memory rather than in temporary files.
    await client.query(`SET work_mem = '256MB'`);
    const start = new Date(options.end.getTime() - options.days * 86_400_000);
    // One statement per team, its rows written in creation order with external ids in the same order: every
    // index of interactions then grows at one end per team instead of at random places (about 3× faster).
    let started = Date.now();
    let offset = 0;
    for (let t = 0; t < teamIds.length; t++) {
      const count = Math.floor(options.interactions / teamIds.length) + (t < options.interactions % teamIds.length ? 1 : 0);
      const teamAgents = agentIds.filter((_, a) => agentTeams[a] === teamIds[t]);
      if (count === 0 || teamAgents.length === 0) continue;
      await client.query(
        `WITH ag AS (SELECT a.agent_id, a.ord, 0.6 + ((hashtext(a.agent_id::text) & 1023) / 1023.0) AS skill
                       FROM unnest($2::uuid[]) WITH ORDINALITY AS a(agent_id, ord)),
         g AS (
           SELECT 1 + floor(random() * array_length($2::uuid[], 1))::int AS agent_ord,
                  floor(random() * $5::int)::int AS day, random() AS r_dow,
                  7 + 12 * (random() + random() + random()) / 3 AS hour_of_day,
                  random() AS r_channel, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6, random() AS r7
             FROM generate_series(1, $6::int) AS n
         ),
         c AS (
           SELECT g.*, ag.agent_id, ag.skill,
                  CASE WHEN g.r_channel < 0.35 THEN 'PHONE' WHEN g.r_channel < 0.6 THEN 'EMAIL' WHEN g.r_channel < 0.9 THEN 'CHAT' ELSE 'SOCIAL' END AS channel,
                  date_trunc('milliseconds', $4::timestamptz + make_interval(days => g.day - CASE WHEN extract(isodow FROM $4::timestamptz + make_interval(days => g.day)) >= 6 AND g.r_dow < 0.7
                                                           THEN extract(isodow FROM $4::timestamptz + make_interval(days => g.day))::int - 5 ELSE 0 END)
                                              + make_interval(secs => g.hour_of_day * 3600)) AS created_at
             FROM g JOIN ag ON ag.ord = g.agent_ord
         ),
         x AS (
           SELECT c.*, c.channel IN ('PHONE', 'CHAT') AS live,
                  c.channel IN ('PHONE', 'CHAT') AND c.r1 < 0.05 * c.skill AS abandoned,
                  c.r2 < 0.86 - 0.1 * c.skill AS resolved,
                  c.r3 < 0.04 * c.skill AS escalated,
                  round((CASE WHEN c.channel IN ('PHONE', 'CHAT') THEN 25 ELSE 2400 END * c.skill * -ln(1 - c.r4 * 0.999))::numeric, 3)::float8 AS frt,
                  round((900 * c.skill * -ln(1 - c.r5 * 0.999) + 60)::numeric, 3)::float8 AS res,
                  $7::bigint + row_number() OVER (ORDER BY c.created_at) AS n
             FROM c
         )
         INSERT INTO interactions (tenant_id, source, external_id, channel, team_id, agent_id, category, status, created_at, first_response_at, resolved_at,
                                   handle_time_s, escalated_to, reopen_count, contacts_to_resolve, complaint, answered_at, abandoned_at, wait_ms)
         SELECT $1, 'bench', 'b' || lpad(n::text, 10, '0'), channel, $3::uuid, CASE WHEN abandoned THEN NULL ELSE agent_id END,
                (ARRAY['billing', 'returns', 'delivery', 'account', 'technical', 'sales'])[1 + floor(r6 * 6)::int],
                CASE WHEN abandoned THEN 'OPEN' WHEN escalated THEN 'ESCALATED' WHEN resolved THEN 'RESOLVED' ELSE 'OPEN' END,
                created_at,
                CASE WHEN abandoned THEN NULL ELSE created_at + make_interval(secs => frt) END,
                CASE WHEN resolved AND NOT abandoned THEN created_at + make_interval(secs => frt + res) END,
                CASE WHEN abandoned THEN NULL ELSE (120 + 480 * skill * r4)::int END,
                CASE WHEN escalated AND NOT abandoned THEN (ARRAY['technical support', 'billing', 'sales'])[1 + floor(r7 * 3)::int] END,
                CASE WHEN resolved AND r5 < 0.06 * skill THEN 1 ELSE 0 END,
                CASE WHEN resolved AND NOT abandoned THEN CASE WHEN r5 < 0.55 / skill THEN 1 ELSE 2 END END,
                r7 < 0.01 * skill,
                CASE WHEN live AND NOT abandoned THEN created_at + make_interval(secs => frt) END,
                CASE WHEN abandoned THEN created_at + make_interval(secs => frt) END,
                CASE WHEN live THEN (frt * 1000)::bigint END
           FROM x ORDER BY n`,
        [tenant.tenantId, teamAgents, teamIds[t], start, options.days, count, offset],
      );
      offset += count;
      log(`interactions: ${offset} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    started = Date.now();
    await client.query(
      `INSERT INTO survey_responses (tenant_id, source, external_id, interaction_id, agent_id, csat, nps, responded_at)
       SELECT i.tenant_id, 'bench', 's' || i.id, i.id, i.agent_id,
              greatest(1, least(5, round(5.4 - (0.6 + ((hashtext(i.agent_id::text) & 1023) / 1023.0)) * random() * 2.6)))::smallint,
              CASE WHEN random() < 0.6 THEN greatest(0, least(10, round(10.4 - (0.6 + ((hashtext(i.agent_id::text) & 1023) / 1023.0)) * random() * 6)))::smallint END,
              i.resolved_at + interval '1 hour'
         FROM interactions i
        WHERE i.tenant_id = $1 AND i.resolved_at IS NOT NULL AND random() < 0.18`,
      [tenant.tenantId],
    );
    log(`surveys in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    started = Date.now();
    await client.query(
      `INSERT INTO agent_state_events (tenant_id, agent_id, team_id, started_at, ended_at, state)
       SELECT $1, a.agent_id, a.team_id, d.day + interval '7 hours' + make_interval(mins => 30 * s.k),
              d.day + interval '7 hours' + make_interval(mins => 30 * s.k + 30),
              CASE WHEN s.k IN (8, 9) THEN 'BREAK' WHEN s.r < 0.5 THEN 'BUSY' WHEN s.r < 0.68 THEN 'AFTER_CALL_WORK' ELSE 'AVAILABLE' END
         FROM unnest($2::uuid[], $3::uuid[]) AS a(agent_id, team_id)
         CROSS JOIN generate_series($4::timestamptz, $4::timestamptz + make_interval(days => $5::int - 1), interval '1 day') AS d(day)
         CROSS JOIN LATERAL (SELECT k, random() + 0 * k AS r FROM generate_series(0, 17) AS k) s
        WHERE extract(isodow FROM d.day) < 6`,
      [tenant.tenantId, agentIds, agentTeams, start, options.days],
    );
    log(`agent states in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    started = Date.now();
    await client.query('BEGIN');
    await client.query(`SELECT set_config('${TENANT_SETTING}', $1, true)`, [tenant.tenantId]);
    for (const statement of REBUILD_ROLLUPS) await client.query(statement.text, statement.values);
    await client.query('COMMIT');
    log(`rollups rebuilt in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    started = Date.now();
    for (const table of ['interactions', 'survey_responses', 'agent_state_events', 'interaction_hourly', 'agent_state_hourly']) await client.query(`VACUUM ANALYZE ${table}`);
    log(`vacuum analyze in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await client.end();
  }
  return { tenantId: tenant.tenantId, slug, directorId: tenant.users.find((u) => u.role === Role.DIRECTOR)!.id, teamIds, agentIds, agentTeamIds: agentTeams };
}
