import { TenantProvisioningService } from '@deskforce/identity';
import { rebuildRollups } from '@deskforce/performance';
import { AgentLevel, AgentService, TeamService } from '@deskforce/people';
import { Actor, Channel, Role, TENANT_SETTING } from '@deskforce/platform';
import { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { mulberry32 } from './seeded-random';

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
 * Realistic history for benchmarks and demos, generated here (a seeded generator) and written with COPY:
 * weekday-heavy days, a mid-day peak, per-agent skill (a factor 0.6–1.6 on response and handle times,
 * on resolution and satisfaction), surveys on ~15% of contacts, and a working day of agent states per
 * agent and weekday. The rollups are then rebuilt from the rows and the tables analyzed.
 */
export async function generateBenchHistory(
  app: INestApplicationContext,
  options: BenchHistoryOptions,
): Promise<BenchTenant> {
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
  const admin: Actor = {
    tenantId: tenant.tenantId,
    userId: tenant.users.find((u) => u.role === Role.ADMIN)!.id,
    role: Role.ADMIN,
    email: `admin@${slug}.test`,
  };
  const teamIds: string[] = [];
  const agentIds: string[] = [];
  const agentTeams: string[] = [];
  for (let t = 0; t < options.teams; t++) {
    const team = await app.get(TeamService).create(admin, {
      name: `Team ${t + 1}`,
      timeZone: ZONES[t % ZONES.length]!,
      channels: [Channel.PHONE, Channel.EMAIL, Channel.CHAT, Channel.SOCIAL],
    });
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
    // Summing the rollups in memory rather than in temporary files.
    await client.query(`SET work_mem = '256MB'`);
    const start = new Date(options.end.getTime() - options.days * 86_400_000);
    const random = mulberry32(options.interactions ^ (options.days << 8));
    // Each agent's skill from their id, as before (the same in every run for the same agent).
    const skills = new Map(
      (
        await client.query<{ id: string; skill: number }>(
          `SELECT a::text AS id, (0.6 + ((hashtext(a::text) & 1023) / 1023.0))::float8 AS skill FROM unnest($1::uuid[]) AS a`,
          [agentIds],
        )
      ).rows.map((r) => [r.id, r.skill]),
    );
    // One COPY per team, its rows in creation order with external ids in the same order: every index of
    // interactions then grows at one end per team instead of at random places (about 3× faster).
    let started = Date.now();
    let offset = 0;
    for (let t = 0; t < teamIds.length; t++) {
      const count =
        Math.floor(options.interactions / teamIds.length) + (t < options.interactions % teamIds.length ? 1 : 0);
      const teamAgents = agentIds.filter((_, a) => agentTeams[a] === teamIds[t]);
      if (count === 0 || teamAgents.length === 0) continue;
      const lines = teamInteractionLines({
        tenantId: tenant.tenantId,
        teamId: teamIds[t]!,
        agents: teamAgents.map((id) => ({ id, skill: skills.get(id)! })),
        start,
        days: options.days,
        count,
        offset,
        random,
      });
      await pipeline(
        Readable.from(lines),
        client.query(copyFrom(`COPY interactions (${INTERACTION_COLUMNS.join(', ')}) FROM STDIN`)),
      );
      offset += count;
      log(`interactions: ${offset} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    started = Date.now();
    // Surveys on ~18% of the resolved contacts, an hour later, read back page by page for their ids.
    for (let after = '0'; ;) {
      const page = (
        await client.query<{ id: string; agent_id: string; resolved_at: Date }>(
          `SELECT id, agent_id, resolved_at FROM interactions WHERE tenant_id = $1 AND id > $2 AND resolved_at IS NOT NULL ORDER BY id LIMIT 50000`,
          [tenant.tenantId, after],
        )
      ).rows;
      if (page.length === 0) break;
      after = page[page.length - 1]!.id;
      let text = '';
      for (const i of page) {
        if (random() >= 0.18) continue;
        const skill = skills.get(i.agent_id)!;
        const csat = Math.max(1, Math.min(5, Math.round(5.4 - skill * random() * 2.6)));
        const nps = random() < 0.6 ? Math.max(0, Math.min(10, Math.round(10.4 - skill * random() * 6))) : null;
        text += copyLine([
          tenant.tenantId,
          'bench',
          `s${i.id}`,
          i.id,
          i.agent_id,
          csat,
          nps,
          new Date(i.resolved_at.getTime() + 3_600_000),
        ]);
      }
      if (text)
        await pipeline(
          Readable.from([text]),
          client.query(
            copyFrom(
              `COPY survey_responses (tenant_id, source, external_id, interaction_id, agent_id, csat, nps, responded_at) FROM STDIN`,
            ),
          ),
        );
    }
    log(`surveys in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    started = Date.now();
    const states = stateLines({ tenantId: tenant.tenantId, agentIds, agentTeams, start, days: options.days, random });
    await pipeline(
      Readable.from(states),
      client.query(
        copyFrom(`COPY agent_state_events (tenant_id, agent_id, team_id, started_at, ended_at, state) FROM STDIN`),
      ),
    );
    log(`agent states in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    started = Date.now();
    if (!UUID.test(tenant.tenantId)) throw new Error('A tenant id must be a UUID.');
    await client.query('BEGIN');
    await client.query(`SET LOCAL ${TENANT_SETTING} = '${tenant.tenantId}'`);
    for (const statement of rebuildRollups(tenant.tenantId)) await client.query(statement.text, statement.values);
    await client.query('COMMIT');
    log(`rollups rebuilt in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    started = Date.now();
    for (const table of [
      'interactions',
      'survey_responses',
      'agent_state_events',
      'interaction_hourly',
      'agent_state_hourly',
    ])
      await client.query(`VACUUM ANALYZE ${table}`);
    log(`vacuum analyze in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await client.end();
  }
  return {
    tenantId: tenant.tenantId,
    slug,
    directorId: tenant.users.find((u) => u.role === Role.DIRECTOR)!.id,
    teamIds,
    agentIds,
    agentTeamIds: agentTeams,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const INTERACTION_COLUMNS = [
  'tenant_id',
  'source',
  'external_id',
  'channel',
  'team_id',
  'agent_id',
  'category',
  'status',
  'created_at',
  'first_response_at',
  'resolved_at',
  'handle_time_s',
  'escalated_to',
  'reopen_count',
  'contacts_to_resolve',
  'complaint',
  'answered_at',
  'abandoned_at',
  'wait_ms',
];
const CATEGORIES = ['billing', 'returns', 'delivery', 'account', 'technical', 'sales'];
const ESCALATIONS = ['technical support', 'billing', 'sales'];

/** One line of COPY text: tab-separated, \N for null (our values hold no tab, newline or backslash). */
function copyLine(values: readonly (string | number | boolean | Date | null)[]): string {
  return `${values.map((v) => (v === null ? '\\N' : v instanceof Date ? v.toISOString() : typeof v === 'boolean' ? (v ? 't' : 'f') : String(v))).join('\t')}\n`;
}

/** Rounded to `digits` decimals, as PostgreSQL's round(numeric, digits). */
const roundTo = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * A team's contacts as COPY lines, in creation order, day by day (the day of each contact drawn first, so
 * that only a day's contacts are held at once): weekend contacts mostly moved to the Friday before, hours
 * around a mid-day peak (7:00–19:00), per-agent skill on response, handle and resolution.
 */
function* teamInteractionLines(spec: {
  tenantId: string;
  teamId: string;
  agents: readonly { id: string; skill: number }[];
  start: Date;
  days: number;
  count: number;
  offset: number;
  random: () => number;
}): Generator<string> {
  const { random } = spec;
  // Contacts per day, from two days before the start (a weekend at the start moves to the Friday before).
  const perDay = new Int32Array(spec.days + 2);
  for (let n = 0; n < spec.count; n++) {
    const drawn = Math.floor(random() * spec.days);
    const dow = isoWeekday(spec.start, drawn);
    perDay[2 + (dow >= 6 && random() < 0.7 ? drawn - (dow - 5) : drawn)]! += 1;
  }
  let n = spec.offset;
  for (let day = -2; day < spec.days; day++) {
    const midnight = spec.start.getTime() + day * 86_400_000;
    const rows: { at: number; line: (n: number) => string }[] = [];
    for (let k = 0; k < perDay[day + 2]!; k++) {
      const agent = spec.agents[Math.floor(random() * spec.agents.length)]!;
      const skill = agent.skill;
      const hourOfDay = 7 + (12 * (random() + random() + random())) / 3;
      const [rChannel, r1, r2, r3, r4, r5, r6, r7] = Array.from({ length: 8 }, random) as [
        number,
        number,
        number,
        number,
        number,
        number,
        number,
        number,
      ];
      const channel = rChannel < 0.35 ? 'PHONE' : rChannel < 0.6 ? 'EMAIL' : rChannel < 0.9 ? 'CHAT' : 'SOCIAL';
      const at = midnight + Math.floor(hourOfDay * 3_600_000);
      const live = channel === 'PHONE' || channel === 'CHAT';
      const abandoned = live && r1 < 0.05 * skill;
      const resolved = r2 < 0.86 - 0.1 * skill;
      const escalated = r3 < 0.04 * skill;
      const frt = roundTo((live ? 25 : 2400) * skill * -Math.log(1 - r4 * 0.999), 3);
      const res = roundTo(900 * skill * -Math.log(1 - r5 * 0.999) + 60, 3);
      const after = (seconds: number) => new Date(at + Math.round(seconds * 1000));
      rows.push({
        at,
        line: (number) =>
          copyLine([
            spec.tenantId,
            'bench',
            `b${String(number).padStart(10, '0')}`,
            channel,
            spec.teamId,
            abandoned ? null : agent.id,
            CATEGORIES[Math.floor(r6 * 6)]!,
            abandoned ? 'OPEN' : escalated ? 'ESCALATED' : resolved ? 'RESOLVED' : 'OPEN',
            new Date(at),
            abandoned ? null : after(frt),
            resolved && !abandoned ? after(frt + res) : null,
            abandoned ? null : Math.round(120 + 480 * skill * r4),
            escalated && !abandoned ? ESCALATIONS[Math.floor(r7 * 3)]! : null,
            resolved && r5 < 0.06 * skill ? 1 : 0,
            resolved && !abandoned ? (r5 < 0.55 / skill ? 1 : 2) : null,
            r7 < 0.01 * skill,
            live && !abandoned ? after(frt) : null,
            abandoned ? after(frt) : null,
            live ? Math.round(frt * 1000) : null,
          ]),
      });
    }
    rows.sort((a, b) => a.at - b.at);
    if (rows.length) yield rows.map((r) => r.line(++n)).join('');
  }
}

/** ISO weekday (1 Monday … 7 Sunday) of `day` days after `start`, in UTC. */
function isoWeekday(start: Date, day: number): number {
  return ((new Date(start.getTime() + day * 86_400_000).getUTCDay() + 6) % 7) + 1;
}

/** A working day of half-hour states (07:00–16:00, breaks at 11:00 and 11:30) per agent and weekday, as COPY lines. */
function* stateLines(spec: {
  tenantId: string;
  agentIds: readonly string[];
  agentTeams: readonly string[];
  start: Date;
  days: number;
  random: () => number;
}): Generator<string> {
  for (let a = 0; a < spec.agentIds.length; a++) {
    let text = '';
    for (let day = 0; day < spec.days; day++) {
      if (isoWeekday(spec.start, day) >= 6) continue;
      const seven = spec.start.getTime() + day * 86_400_000 + 7 * 3_600_000;
      for (let k = 0; k <= 17; k++) {
        const r = spec.random();
        const state = k === 8 || k === 9 ? 'BREAK' : r < 0.5 ? 'BUSY' : r < 0.68 ? 'AFTER_CALL_WORK' : 'AVAILABLE';
        text += copyLine([
          spec.tenantId,
          spec.agentIds[a]!,
          spec.agentTeams[a]!,
          new Date(seven + k * 1_800_000),
          new Date(seven + (k + 1) * 1_800_000),
          state,
        ]);
      }
    }
    yield text;
  }
}
