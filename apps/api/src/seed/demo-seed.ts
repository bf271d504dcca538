import { TenantProvisioningService } from '@deskforce/identity';
import { AgentLevel, AgentService, TeamService } from '@deskforce/people';
import { KpiMetric, REBUILD_ROLLUPS, TargetService } from '@deskforce/performance';
import { ActivityType, ShiftService, TemplateService } from '@deskforce/scheduling';
import { seedDemoForecasts } from '@deskforce/staffing';
import { LearningPathService, TrainingAssignmentService, TrainingCategory, TrainingModuleService } from '@deskforce/training';
import { DateTime } from 'luxon';
import { Actor, Channel, Role, TenantDatabase } from '@deskforce/platform';
import { INestApplicationContext } from '@nestjs/common';

export const DEMO_TENANT = { name: 'Demo Support Co', slug: 'demo' };
export const DEMO_PASSWORD = 'deskforce-demo';
export const DEMO_SIGN_INS = ['director@demo.test', 'coordinator@demo.test', 'trainer@demo.test', 'agent@demo.test', 'admin@demo.test'];

const TEAMS = [
  { name: 'Istanbul Care', timeZone: 'Europe/Istanbul', channels: [Channel.PHONE, Channel.CHAT], skills: ['billing', 'returns', 'sales'] },
  { name: 'Baku Billing', timeZone: 'Asia/Baku', channels: [Channel.PHONE, Channel.EMAIL], skills: ['billing', 'collections', 'retention'] },
  { name: 'Warsaw Tech', timeZone: 'Europe/Warsaw', channels: [Channel.CHAT, Channel.EMAIL, Channel.SOCIAL], skills: ['technical support', 'onboarding', 'sales'] },
];
const FIRST = ['Ayla', 'Emre', 'Leyla', 'Murat', 'Nigar', 'Orkhan', 'Piotr', 'Zofia', 'Deniz', 'Kamran', 'Agnieszka', 'Selin', 'Tomasz', 'Elvin'];
const LAST = ['Yilmaz', 'Aliyev', 'Kowalski', 'Demir', 'Huseynova', 'Nowak', 'Kaya', 'Mammadov', 'Wisniewska', 'Sahin', 'Guliyev', 'Lewandowski', 'Celik', 'Zielinski'];
const AGENTS_PER_TEAM = 14;

/** A small deterministic generator, so the demo is the same on every machine. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the generated history needs to know of each demo agent. */
interface RosterEntry {
  agent_id: string;
  team_id: string;
  team_no: number;
  zone: string;
  channels: string[];
  categories: string[];
  /** Weekdays worked, Monday first (as the demo schedules). */
  workdays: number;
}

/**
 * The demo tenant: five sign-ins (one per role), three teams in three time zones and 42 agents with
 * skills, six weeks of contact history with surveys and agent states, schedules and a few KPI targets.
 * Created once: a second start finds the tenant and leaves it alone.
 */
export async function seedDemoTenant(app: INestApplicationContext): Promise<boolean> {
  const provisioning = app.get(TenantProvisioningService);
  if (await provisioning.findBySlug(DEMO_TENANT.slug)) return false;

  const roles: Record<string, Role> = {
    'admin@demo.test': Role.ADMIN,
    'director@demo.test': Role.DIRECTOR,
    'coordinator@demo.test': Role.COORDINATOR,
    'trainer@demo.test': Role.TRAINER,
    'agent@demo.test': Role.AGENT,
  };
  const tenant = await provisioning.create({
    ...DEMO_TENANT,
    users: Object.entries(roles).map(([email, role]) => ({ email, role, password: DEMO_PASSWORD, displayName: `Demo ${role.toLowerCase()}` })),
  });
  const userId = (email: string) => tenant.users.find((u) => u.email === email)!.id;
  const admin: Actor = { tenantId: tenant.tenantId, userId: userId('admin@demo.test'), role: Role.ADMIN, email: 'admin@demo.test' };

  const teams = app.get(TeamService);
  const agents = app.get(AgentService);
  const random = mulberry32(42);
  const levels = [AgentLevel.ENTRY, AgentLevel.ENTRY, AgentLevel.SENIOR, AgentLevel.SENIOR, AgentLevel.SPECIALIST];
  const teamIds: string[] = [];
  const roster: RosterEntry[] = [];
  for (const [t, spec] of TEAMS.entries()) {
    const team = await teams.create(admin, {
      name: spec.name,
      timeZone: spec.timeZone,
      channels: spec.channels,
      coordinatorIds: t < 2 ? [userId('coordinator@demo.test')] : [],
    });
    let leadId: string | undefined;
    for (let i = 0; i < AGENTS_PER_TEAM; i++) {
      const first = FIRST[(t * 5 + i) % FIRST.length]!;
      const last = LAST[(t * 3 + i * 7) % LAST.length]!;
      const level = i === 0 ? AgentLevel.TEAM_LEAD : levels[Math.floor(random() * levels.length)]!;
      const skills = spec.skills
        .filter((_, k) => k === 0 || random() < 0.6)
        .map((skill) => ({ skill, proficiency: 1 + Math.floor(random() * 5) }));
      const agent = await agents.create(admin, {
        name: `${first} ${last}`,
        email: `${first}.${last}.${t}${i}@demo.test`.toLowerCase(),
        teamId: team.id,
        level,
        hireDate: new Date(Date.UTC(2019 + Math.floor(random() * 6), Math.floor(random() * 12), 1 + Math.floor(random() * 28))).toISOString().slice(0, 10),
        contractedWeeklyHours: [40, 40, 40, 30, 20][Math.floor(random() * 5)]!,
        hourlyCost: Math.round((14 + random() * 16) * 100) / 100,
        channels: spec.channels.filter((_, k) => k === 0 || random() < 0.7),
        skills,
        // The demo agent sign-in is the first agent of the first team.
        userId: t === 0 && i === 1 ? userId('agent@demo.test') : null,
      });
      if (i === 0) leadId = agent.id;
      roster.push({
        agent_id: agent.id,
        team_id: team.id,
        team_no: t,
        zone: spec.timeZone,
        channels: agent.channels,
        categories: spec.skills,
        workdays: Math.min(5, Math.max(3, Math.floor(agent.contractedWeeklyHours / 8))),
      });
    }
    await teams.update(admin, { id: team.id, leadAgentId: leadId });
    teamIds.push(team.id);
  }
  await seedSchedules(app, admin, teamIds);
  // Two weeks of forecast per team (its first channel), so that staffingRequirements answers out of the box.
  await seedDemoForecasts(app, admin, TEAMS.map((spec, t) => ({ id: teamIds[t]!, timeZone: spec.timeZone, channels: spec.channels })));
  const trainer: Actor = { tenantId: tenant.tenantId, userId: userId('trainer@demo.test'), role: Role.TRAINER, email: 'trainer@demo.test' };
  await seedTraining(app, trainer, teamIds);
  await seedHistory(app, admin, roster);
  await seedTargets(app, admin, teamIds);
  return true;
}

/**
 * Four modules (one a policy), an onboarding path with prerequisites, a rule that gives it to every new
 * ENTRY agent of Baku Billing, the path started ten days ago by that team, and the policy for Istanbul Care
 * (the demo agent's team): something real for myTraining, trainingAssignments and the reports.
 */
async function seedTraining(app: INestApplicationContext, trainer: Actor, teamIds: string[]): Promise<void> {
  const modules = app.get(TrainingModuleService);
  const paths = app.get(LearningPathService);
  const assignments = app.get(TrainingAssignmentService);
  const kb = 'https://kb.example.com/deskforce-demo';
  const product = await modules.create(trainer, { title: 'Billing basics', description: 'Plans, invoices and refunds.', category: TrainingCategory.PRODUCT, contentUrl: `${kb}/billing`, estimatedMinutes: 45, passingScore: 80 });
  const tools = await modules.create(trainer, { title: 'The help desk, hands on', description: 'Tickets, macros and escalations.', category: TrainingCategory.TOOLS, contentUrl: `${kb}/help-desk`, estimatedMinutes: 60 });
  const tone = await modules.create(trainer, { title: 'Calm under pressure', description: 'De-escalating an angry caller.', category: TrainingCategory.SOFT_SKILLS, contentUrl: `${kb}/de-escalation`, estimatedMinutes: 30 });
  const policy = await modules.create(trainer, {
    title: 'Card data policy',
    description: 'What never to say, write or store.',
    category: TrainingCategory.POLICY,
    contentMarkdown: '# Card data\n\nNever read a card number aloud, never write it down, never paste it into a ticket.',
    estimatedMinutes: 10,
  });
  const onboarding = await paths.create(trainer, {
    name: 'Onboarding — Billing',
    description: 'The first month of a billing representative.',
    modules: [
      { moduleId: policy.id, dueAfterDays: 2, prerequisiteModuleIds: [] },
      { moduleId: tools.id, dueAfterDays: 7, prerequisiteModuleIds: [] },
      { moduleId: product.id, dueAfterDays: 14, prerequisiteModuleIds: [tools.id] },
      { moduleId: tone.id, dueAfterDays: 21, prerequisiteModuleIds: [product.id] },
    ],
  });
  const [istanbul, baku] = teamIds as [string, string];
  await paths.createRule(trainer, { teamId: baku, pathId: onboarding.id, level: AgentLevel.ENTRY });
  const started = DateTime.utc().minus({ days: 10 }).toISODate()!;
  await assignments.assign(trainer, { pathId: onboarding.id, teamId: baku, startsOn: started });
  await assignments.assign(trainer, { moduleId: policy.id, teamId: istanbul, dueAt: DateTime.utc().plus({ days: 7 }).toJSDate() });
}

/**
 * Six weeks of contacts up to now, generated in SQL in one tenant transaction (a few seconds): each agent
 * on their working weekdays, 09:00–17:30 in the team's zone, busier on Mondays and around mid-morning and
 * mid-afternoon, on their own channels, with per-agent skill. The teams differ so that the KPIs tell a
 * story: Istanbul Care's phones wait too long (service level about 65%), Baku Billing's customers are
 * less satisfied (CSAT near 75%), Warsaw Tech answers e-mail slowly but a little faster every week.
 * Surveys rate about a fifth of the resolved contacts; agents' states follow their day (breaks at 11:30
 * and 13:30, an occasional late login). The rollups are then rebuilt from the rows.
 */
async function seedHistory(app: INestApplicationContext, admin: Actor, roster: RosterEntry[]): Promise<void> {
  const db = app.get(TenantDatabase);
  const today = DateTime.utc().toISODate()!;
  await db.transaction(admin.tenantId, async () => {
    await db.query('SELECT setseed(0.42)');
    await db.query(
      `WITH a AS (
         SELECT x.*, 0.75 + random() * 0.6 AS skill
           FROM jsonb_to_recordset($1::jsonb) AS x(agent_id uuid, team_id uuid, team_no int, zone text, channels text[], categories text[], workdays int)
       ),
       d AS (
         SELECT a.*, day::date AS day, extract(isodow FROM day)::int AS dow, ($2::date - day::date) / 7 AS weeks_ago
           FROM a CROSS JOIN generate_series($2::date - 41, $2::date, interval '1 day') AS day
          WHERE extract(isodow FROM day) <= a.workdays
       ),
       c AS (
         SELECT d.*, k, random() AS r_ch, random() AS r_cat, random() AS r_t1, random() AS r_t2, random() AS r1, random() AS r2, random() AS r3,
                random() AS r4, random() AS r5, random() AS r6, random() AS r7
           FROM d CROSS JOIN LATERAL generate_series(1, round((30 + 14 * random()) * CASE d.dow WHEN 1 THEN 1.2 WHEN 5 THEN 0.85 ELSE 1 END)::int) AS k
       ),
       t AS (
         SELECT c.*, c.channels[1 + floor(c.r_ch * cardinality(c.channels))::int] AS channel,
                c.categories[1 + floor(c.r_cat * cardinality(c.categories))::int] AS category,
                ((c.day + interval '9 hours' + make_interval(secs => 30600 * (c.r_t1 + c.r_t2) / 2)) AT TIME ZONE c.zone) AS created_at
           FROM c
       ),
       x AS (
         SELECT t.*, t.channel IN ('PHONE', 'CHAT') AS live,
                t.channel IN ('PHONE', 'CHAT') AND t.r1 < 0.06 AS abandoned,
                t.r2 < 0.9 - 0.08 * t.skill AS resolved,
                t.r3 < 0.05 AS escalated,
                -- seconds to the first response: a queue wait on live channels, else hours of backlog
                round((CASE WHEN t.channel IN ('PHONE', 'CHAT') THEN (CASE t.team_no WHEN 0 THEN 16 ELSE 9 END)
                            WHEN t.channel = 'EMAIL' THEN (CASE t.team_no WHEN 2 THEN 9000 * (1 - 0.06 * (5 - t.weeks_ago)) ELSE 2700 END)
                            ELSE 1800 END * t.skill * -ln(1 - t.r4 * 0.999))::numeric, 3)::float8 AS frt,
                round(((CASE WHEN t.channel IN ('PHONE', 'CHAT') THEN 420 ELSE 14400 END) * t.skill * -ln(1 - t.r5 * 0.999) + 60)::numeric, 3)::float8 AS res
           FROM t
          WHERE t.created_at < now()
       ),
       contacts AS (
         INSERT INTO interactions (tenant_id, source, external_id, channel, team_id, agent_id, category, status, created_at, first_response_at, resolved_at,
                                   handle_time_s, escalated_to, reopen_count, contacts_to_resolve, complaint, answered_at, abandoned_at, wait_ms, customer_ref)
         SELECT app_current_tenant_id(), CASE WHEN live THEN 'genesys' ELSE 'zendesk' END, 'demo-' || row_number() OVER (ORDER BY created_at),
                channel, team_id, CASE WHEN abandoned THEN NULL ELSE agent_id END, category,
                CASE WHEN abandoned THEN 'OPEN' WHEN escalated THEN 'ESCALATED' WHEN resolved THEN 'RESOLVED' ELSE 'OPEN' END,
                date_trunc('milliseconds', created_at),
                CASE WHEN abandoned THEN NULL ELSE date_trunc('milliseconds', created_at + make_interval(secs => frt)) END,
                CASE WHEN resolved AND NOT abandoned THEN date_trunc('milliseconds', created_at + make_interval(secs => frt + res)) END,
                CASE WHEN abandoned THEN NULL ELSE ((CASE WHEN live THEN 300 ELSE 480 END) * skill * (0.6 + r6))::int END,
                CASE WHEN escalated AND NOT abandoned THEN (ARRAY['technical support', 'billing', 'sales'])[1 + floor(r7 * 3)::int] END,
                CASE WHEN resolved AND r5 < 0.04 * skill THEN 1 ELSE 0 END,
                CASE WHEN resolved AND NOT abandoned THEN CASE WHEN r6 < 0.8 / skill THEN 1 ELSE 2 END END,
                r7 < 0.015 * skill,
                CASE WHEN live AND NOT abandoned THEN date_trunc('milliseconds', created_at + make_interval(secs => frt)) END,
                CASE WHEN abandoned THEN date_trunc('milliseconds', created_at + make_interval(secs => frt)) END,
                CASE WHEN live THEN round(frt * 1000)::bigint END,
                'cust-' || (1000 + floor(r3 * 9000))::int
           FROM x
         RETURNING id, agent_id, team_id, resolved_at
       )
       INSERT INTO survey_responses (tenant_id, source, external_id, interaction_id, agent_id, csat, nps, responded_at)
       SELECT app_current_tenant_id(), 'delighted', 'demo-s' || c.id, c.id, c.agent_id,
              -- satisfied (4–5) about 93% of the time, 74% in Baku Billing; less with a slower agent
              greatest(1, least(5, round(5.4 - (CASE WHEN c.team_id = $3::uuid THEN 1.3 ELSE 0.9 END) * a.skill / 1.05 * 2.2 * random())))::smallint,
              CASE WHEN random() < 0.5 THEN greatest(0, least(10, round(10.4 - a.skill * 5.5 * random())))::smallint END,
              c.resolved_at + interval '2 hours'
         FROM contacts c JOIN a ON a.agent_id = c.agent_id
        WHERE c.resolved_at IS NOT NULL AND c.resolved_at + interval '2 hours' < now() AND random() < 0.22`,
      [JSON.stringify(roster), today, roster.find((r) => r.team_no === 1)!.team_id],
    );
    // Half-hour states through each working day; a late login now and then.
    await db.query(
      `INSERT INTO agent_state_events (tenant_id, agent_id, team_id, started_at, ended_at, state)
       SELECT app_current_tenant_id(), a.agent_id, a.team_id, s.started_at, s.started_at + interval '30 minutes',
              CASE WHEN s.k = 0 AND s.r < 0.08 THEN 'OFFLINE' WHEN s.k IN (5, 9) THEN 'BREAK'
                   WHEN s.r < 0.52 THEN 'BUSY' WHEN s.r < 0.7 THEN 'AFTER_CALL_WORK' ELSE 'AVAILABLE' END
         FROM jsonb_to_recordset($1::jsonb) AS a(agent_id uuid, team_id uuid, zone text, workdays int)
        CROSS JOIN generate_series($2::date - 41, $2::date, interval '1 day') AS day
        CROSS JOIN LATERAL (
          SELECT k, random() AS r, ((day::date + interval '9 hours' + make_interval(mins => 30 * k)) AT TIME ZONE a.zone) AS started_at
            FROM generate_series(0, 16) AS k
        ) s
        WHERE extract(isodow FROM day) <= a.workdays AND s.started_at + interval '30 minutes' <= now()`,
      [JSON.stringify(roster), today],
    );
    for (const statement of REBUILD_ROLLUPS) await db.query(statement.text, statement.values);
    // A seed is not a request: on a busy machine it may take longer than a request's statement timeout.
  }, { statementTimeoutMs: 0 });
}

/**
 * Targets the demo history misses and meets, so that kpiAlerts has something to say: CSAT ≥ 85% for the
 * organisation (Baku Billing misses it), a service level ≥ 80% for Istanbul Care (missed), at most 10%
 * abandoned contacts for Warsaw Tech (met).
 */
async function seedTargets(app: INestApplicationContext, admin: Actor, teamIds: string[]): Promise<void> {
  const targets = app.get(TargetService);
  const [istanbul, , warsaw] = teamIds;
  await targets.set(admin, { metric: KpiMetric.CSAT, value: 85 });
  await targets.set(admin, { metric: KpiMetric.SERVICE_LEVEL, teamId: istanbul, value: 80 });
  await targets.set(admin, { metric: KpiMetric.ABANDONMENT_RATE, teamId: warsaw, value: 10 });
}

/**
 * Two weeks of day shifts from this week's Monday (lunch and a break, staggered), the first week
 * published: something real for mySchedule, coverage and the staffing queries.
 */
async function seedSchedules(app: INestApplicationContext, admin: Actor, teamIds: string[]): Promise<void> {
  const templates = app.get(TemplateService);
  const agents = app.get(AgentService);
  const shifts = app.get(ShiftService);
  const monday = DateTime.utc().startOf('week');
  for (const teamId of teamIds) {
    const profiles = await agents.workProfiles(admin, await agents.activeAgentIds(admin, teamId));
    // Full-timers work five days, part-timers fewer, within the default weekly-hours rule.
    for (const days of [5, 4, 3]) {
      const agentIds = profiles.filter((p) => Math.min(5, Math.max(3, Math.floor(p.contractedWeeklyHours / 8))) === days).map((p) => p.id);
      if (agentIds.length === 0) continue;
      const template = await templates.create(admin, {
        teamId,
        name: `Day shift 09:00-17:30, ${days} days`,
        startTime: '09:00',
        durationMinutes: 510,
        daysOfWeek: [1, 2, 3, 4, 5].slice(0, days),
        activities: [
          { type: ActivityType.BREAK, durationMinutes: 15, earliestStartMinutes: 90, latestStartMinutes: 150 },
          { type: ActivityType.LUNCH, durationMinutes: 30, earliestStartMinutes: 210, latestStartMinutes: 300 },
        ],
      });
      await templates.apply(admin, { templateId: template.id, agentIds, from: monday.toISODate()!, to: monday.plus({ days: 11 }).toISODate()! });
    }
    await shifts.publish(admin, teamId, monday.minus({ days: 1 }).toJSDate(), monday.plus({ days: 6 }).toJSDate());
  }
}
