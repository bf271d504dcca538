import { TenantProvisioningService } from '@deskforce/identity';
import { AgentLevel, AgentService, TeamService } from '@deskforce/people';
import { KpiMetric, rebuildRollups, TargetService } from '@deskforce/performance';
import { ActivityType, ShiftService, TemplateService } from '@deskforce/scheduling';
import { seedDemoForecasts } from '@deskforce/staffing';
import {
  LearningPathService,
  TrainingAssignmentService,
  TrainingCategory,
  TrainingModuleService,
} from '@deskforce/training';
import { DateTime } from 'luxon';
import { Actor, Channel, chunks, join, Role, sql, TenantDatabase } from '@deskforce/platform';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { mulberry32 } from './seeded-random';

export const DEMO_TENANT = { name: 'Demo Support Co', slug: 'demo' };
export const DEMO_PASSWORD = 'deskforce-demo';
export const DEMO_SIGN_INS = [
  'director@demo.test',
  'coordinator@demo.test',
  'trainer@demo.test',
  'agent@demo.test',
  'admin@demo.test',
];

const TEAMS = [
  {
    name: 'Istanbul Care',
    timeZone: 'Europe/Istanbul',
    channels: [Channel.PHONE, Channel.CHAT],
    skills: ['billing', 'returns', 'sales'],
  },
  {
    name: 'Baku Billing',
    timeZone: 'Asia/Baku',
    channels: [Channel.PHONE, Channel.EMAIL],
    skills: ['billing', 'collections', 'retention'],
  },
  {
    name: 'Warsaw Tech',
    timeZone: 'Europe/Warsaw',
    channels: [Channel.CHAT, Channel.EMAIL, Channel.SOCIAL],
    skills: ['technical support', 'onboarding', 'sales'],
  },
];
const FIRST = [
  'Ayla',
  'Emre',
  'Leyla',
  'Murat',
  'Nigar',
  'Orkhan',
  'Piotr',
  'Zofia',
  'Deniz',
  'Kamran',
  'Agnieszka',
  'Selin',
  'Tomasz',
  'Elvin',
];
const LAST = [
  'Yilmaz',
  'Aliyev',
  'Kowalski',
  'Demir',
  'Huseynova',
  'Nowak',
  'Kaya',
  'Mammadov',
  'Wisniewska',
  'Sahin',
  'Guliyev',
  'Lewandowski',
  'Celik',
  'Zielinski',
];
const AGENTS_PER_TEAM = 14;

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
    users: Object.entries(roles).map(([email, role]) => ({
      email,
      role,
      password: DEMO_PASSWORD,
      displayName: `Demo ${role.toLowerCase()}`,
    })),
  });
  const userId = (email: string) => tenant.users.find((u) => u.email === email)!.id;
  const admin: Actor = {
    tenantId: tenant.tenantId,
    userId: userId('admin@demo.test'),
    role: Role.ADMIN,
    email: 'admin@demo.test',
  };

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
        hireDate: new Date(
          Date.UTC(2019 + Math.floor(random() * 6), Math.floor(random() * 12), 1 + Math.floor(random() * 28)),
        )
          .toISOString()
          .slice(0, 10),
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
  await seedDemoForecasts(
    app,
    admin,
    TEAMS.map((spec, t) => ({ id: teamIds[t]!, timeZone: spec.timeZone, channels: spec.channels })),
  );
  const trainer: Actor = {
    tenantId: tenant.tenantId,
    userId: userId('trainer@demo.test'),
    role: Role.TRAINER,
    email: 'trainer@demo.test',
  };
  await seedTraining(app, trainer, teamIds);
  await seedHistory(app, admin, roster);
  await seedTargets(app, admin, teamIds);
  // Fresh planner statistics after the bulk load (as after any ETL): the dashboard's first KPI query comes
  // next, and until autovacuum runs the planner would take the demo tenant for one with no rows.
  await app
    .get(DataSource)
    .query(
      'ANALYZE interactions, survey_responses, agent_state_events, interaction_hourly, agent_state_hourly, shifts',
    );
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
  const product = await modules.create(trainer, {
    title: 'Billing basics',
    description: 'Plans, invoices and refunds.',
    category: TrainingCategory.PRODUCT,
    contentUrl: `${kb}/billing`,
    estimatedMinutes: 45,
    passingScore: 80,
  });
  const tools = await modules.create(trainer, {
    title: 'The help desk, hands on',
    description: 'Tickets, macros and escalations.',
    category: TrainingCategory.TOOLS,
    contentUrl: `${kb}/help-desk`,
    estimatedMinutes: 60,
  });
  const tone = await modules.create(trainer, {
    title: 'Calm under pressure',
    description: 'De-escalating an angry caller.',
    category: TrainingCategory.SOFT_SKILLS,
    contentUrl: `${kb}/de-escalation`,
    estimatedMinutes: 30,
  });
  const policy = await modules.create(trainer, {
    title: 'Card data policy',
    description: 'What never to say, write or store.',
    category: TrainingCategory.POLICY,
    contentMarkdown:
      '# Card data\n\nNever read a card number aloud, never write it down, never paste it into a ticket.',
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
  await assignments.assign(trainer, {
    moduleId: policy.id,
    teamId: istanbul,
    dueAt: DateTime.utc().plus({ days: 7 }).toJSDate(),
  });
}

/** One generated contact, with what its survey needs. */
interface DemoContact {
  externalId: string;
  source: string;
  channel: string;
  teamId: string;
  agentId: string | null;
  category: string;
  status: 'OPEN' | 'RESOLVED' | 'ESCALATED';
  createdAt: Date;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  handleTimeS: number | null;
  escalatedTo: string | null;
  reopenCount: number;
  contactsToResolve: number | null;
  complaint: boolean;
  answeredAt: Date | null;
  abandonedAt: Date | null;
  waitMs: number | null;
  customerRef: string;
  survey: { csat: number; nps: number | null; respondedAt: Date } | null;
}

interface DemoStateEvent {
  agentId: string;
  teamId: string;
  startedAt: Date;
  endedAt: Date;
  state: string;
}

/** Rounded to `digits` decimals, as PostgreSQL's round(numeric, digits). */
const roundTo = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** The working days of the history, oldest first: the 42 UTC dates up to today. */
function historyDays(today: DateTime): { date: DateTime; dow: number; weeksAgo: number }[] {
  const days: { date: DateTime; dow: number; weeksAgo: number }[] = [];
  for (let back = 41; back >= 0; back--) {
    const date = today.minus({ days: back });
    days.push({ date, dow: date.weekday, weeksAgo: Math.floor(back / 7) });
  }
  return days;
}

/** 09:00 local time in `zone` on the calendar date of `day`, in epoch milliseconds. */
function localMorning(day: DateTime, zone: string): number {
  return DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour: 9 }, { zone }).toMillis();
}

/**
 * The contacts and surveys of the demo history, generated deterministically (a seeded generator): each
 * agent on their working weekdays, 09:00–17:30 in the team's zone, 30–44 contacts a day (more on Mondays,
 * fewer on Fridays), busier around mid-day, on their own channels, with per-agent skill. Sorted by
 * creation, numbered in that order.
 */
function demoContacts(
  roster: readonly RosterEntry[],
  today: DateTime,
  now: number,
  random: () => number,
): DemoContact[] {
  const bakuTeamId = roster.find((r) => r.team_no === 1)?.team_id;
  const skills = roster.map(() => 0.75 + random() * 0.6);
  const drafts: (Omit<DemoContact, 'externalId'> & { at: number })[] = [];
  const days = historyDays(today);
  roster.forEach((a, agentNo) => {
    const skill = skills[agentNo]!;
    for (const { date, dow, weeksAgo } of days) {
      if (dow > a.workdays) continue;
      const morning = localMorning(date, a.zone);
      const count = Math.round((30 + 14 * random()) * (dow === 1 ? 1.2 : dow === 5 ? 0.85 : 1));
      for (let k = 0; k < count; k++) {
        const [rCh, rCat, rT1, rT2, r1, r2, r3, r4, r5, r6, r7] = Array.from({ length: 11 }, random) as [
          number,
          number,
          number,
          number,
          number,
          number,
          number,
          number,
          number,
          number,
          number,
        ];
        const channel = a.channels[Math.floor(rCh * a.channels.length)]!;
        const category = a.categories[Math.floor(rCat * a.categories.length)]!;
        const at = morning + Math.floor(((30600 * (rT1 + rT2)) / 2) * 1000);
        if (at >= now) continue;
        const live = channel === 'PHONE' || channel === 'CHAT';
        const abandoned = live && r1 < 0.06;
        const resolved = r2 < 0.9 - 0.08 * skill;
        const escalated = r3 < 0.05;
        // Seconds to the first response: a queue wait on live channels, else hours of backlog.
        const base = live
          ? a.team_no === 0
            ? 16
            : 9
          : channel === 'EMAIL'
            ? a.team_no === 2
              ? 9000 * (1 - 0.06 * (5 - weeksAgo))
              : 2700
            : 1800;
        const frt = roundTo(base * skill * -Math.log(1 - r4 * 0.999), 3);
        const res = roundTo((live ? 420 : 14400) * skill * -Math.log(1 - r5 * 0.999) + 60, 3);
        const after = (seconds: number) => new Date(at + Math.floor(seconds * 1000));
        const resolvedAt = resolved && !abandoned ? after(frt + res) : null;
        const agentId = abandoned ? null : a.agent_id;
        let survey: DemoContact['survey'] = null;
        // About a fifth of the resolved contacts rated two hours later: satisfied (4–5) about 93% of the
        // time, 74% in Baku Billing; less with a slower agent.
        if (agentId && resolvedAt && resolvedAt.getTime() + 7_200_000 < now && random() < 0.22) {
          const csat = Math.max(
            1,
            Math.min(5, Math.round(5.4 - (((a.team_id === bakuTeamId ? 1.3 : 0.9) * skill) / 1.05) * 2.2 * random())),
          );
          const nps = random() < 0.5 ? Math.max(0, Math.min(10, Math.round(10.4 - skill * 5.5 * random()))) : null;
          survey = { csat, nps, respondedAt: new Date(resolvedAt.getTime() + 7_200_000) };
        }
        drafts.push({
          at,
          source: live ? 'genesys' : 'zendesk',
          channel,
          teamId: a.team_id,
          agentId,
          category,
          status: abandoned ? 'OPEN' : escalated ? 'ESCALATED' : resolved ? 'RESOLVED' : 'OPEN',
          createdAt: new Date(at),
          firstResponseAt: abandoned ? null : after(frt),
          resolvedAt,
          handleTimeS: abandoned ? null : Math.round((live ? 300 : 480) * skill * (0.6 + r6)),
          escalatedTo: escalated && !abandoned ? ['technical support', 'billing', 'sales'][Math.floor(r7 * 3)]! : null,
          reopenCount: resolved && r5 < 0.04 * skill ? 1 : 0,
          contactsToResolve: resolved && !abandoned ? (r6 < 0.8 / skill ? 1 : 2) : null,
          complaint: r7 < 0.015 * skill,
          answeredAt: live && !abandoned ? after(frt) : null,
          abandonedAt: abandoned ? after(frt) : null,
          waitMs: live ? Math.round(frt * 1000) : null,
          customerRef: `cust-${1000 + Math.floor(r3 * 9000)}`,
          survey,
        });
      }
    }
  });
  drafts.sort((x, y) => x.at - y.at);
  return drafts.map(({ at: _at, ...c }, i) => ({ ...c, externalId: `demo-${i + 1}` }));
}

/** Half-hour states through each working day (17 from 09:00, breaks at 11:30 and 13:30); a late login now and then. */
function demoStates(
  roster: readonly RosterEntry[],
  today: DateTime,
  now: number,
  random: () => number,
): DemoStateEvent[] {
  const events: DemoStateEvent[] = [];
  const days = historyDays(today);
  for (const a of roster) {
    for (const { date, dow } of days) {
      if (dow > a.workdays) continue;
      const morning = localMorning(date, a.zone);
      for (let k = 0; k <= 16; k++) {
        const r = random();
        const startedAt = morning + k * 1_800_000;
        if (startedAt + 1_800_000 > now) continue;
        const state =
          k === 0 && r < 0.08
            ? 'OFFLINE'
            : k === 5 || k === 9
              ? 'BREAK'
              : r < 0.52
                ? 'BUSY'
                : r < 0.7
                  ? 'AFTER_CALL_WORK'
                  : 'AVAILABLE';
        events.push({
          agentId: a.agent_id,
          teamId: a.team_id,
          startedAt: new Date(startedAt),
          endedAt: new Date(startedAt + 1_800_000),
          state,
        });
      }
    }
  }
  return events;
}

/**
 * Six weeks of contacts up to now, generated here (deterministically) and written in multi-row INSERTs in
 * one tenant transaction: the teams differ so that the KPIs tell a story: Istanbul Care's phones wait too
 * long (service level about 65%), Baku Billing's customers are less satisfied (CSAT near 75%), Warsaw Tech
 * answers e-mail slowly but a little faster every week. Surveys rate about a fifth of the resolved
 * contacts; agents' states follow their day (breaks at 11:30 and 13:30, an occasional late login). The
 * rollups are then rebuilt from the rows.
 */
async function seedHistory(app: INestApplicationContext, admin: Actor, roster: RosterEntry[]): Promise<void> {
  const db = app.get(TenantDatabase);
  const today = DateTime.utc().startOf('day');
  const now = Date.now();
  const random = mulberry32(0x42);
  const contacts = demoContacts(roster, today, now, random);
  const states = demoStates(roster, today, now, random);
  await db.transaction(
    admin.tenantId,
    async () => {
      const tenantId = db.tenantId;
      for (const chunk of chunks(contacts)) {
        const inserted = await db.many<{ id: string; externalId: string }>(
          sql`INSERT INTO interactions (tenant_id, source, external_id, channel, team_id, agent_id, category, status, created_at, first_response_at, resolved_at,
                                      handle_time_s, escalated_to, reopen_count, contacts_to_resolve, complaint, answered_at, abandoned_at, wait_ms, customer_ref)
            VALUES ${join(
              chunk.map(
                (c) =>
                  sql`(${tenantId}, ${c.source}, ${c.externalId}, ${c.channel}, ${c.teamId}, ${c.agentId}, ${c.category}, ${c.status}, ${c.createdAt}, ${c.firstResponseAt},
                       ${c.resolvedAt}, ${c.handleTimeS}, ${c.escalatedTo}, ${c.reopenCount}, ${c.contactsToResolve}, ${c.complaint}, ${c.answeredAt}, ${c.abandonedAt},
                       ${c.waitMs}, ${c.customerRef})`,
              ),
            )}
            RETURNING id, external_id AS "externalId"`,
        );
        const ids = new Map(inserted.map((r) => [r.externalId, r.id]));
        const surveys = chunk.filter((c) => c.survey !== null);
        if (surveys.length === 0) continue;
        await db.execute(
          sql`INSERT INTO survey_responses (tenant_id, source, external_id, interaction_id, agent_id, csat, nps, responded_at)
            VALUES ${join(
              surveys.map((c) => {
                const id = ids.get(c.externalId)!;
                return sql`(${tenantId}, 'delighted', ${`demo-s${id}`}, ${id}, ${c.agentId}, ${c.survey!.csat}, ${c.survey!.nps}, ${c.survey!.respondedAt})`;
              }),
            )}`,
        );
      }
      for (const chunk of chunks(states)) {
        await db.execute(
          sql`INSERT INTO agent_state_events (tenant_id, agent_id, team_id, started_at, ended_at, state)
            VALUES ${join(chunk.map((e) => sql`(${tenantId}, ${e.agentId}, ${e.teamId}, ${e.startedAt}, ${e.endedAt}, ${e.state})`))}`,
        );
      }
      for (const statement of rebuildRollups(tenantId)) await db.execute(statement);
      // A seed is not a request: on a busy machine it may take longer than a request's statement timeout.
    },
    { statementTimeoutMs: 0 },
  );
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
      const agentIds = profiles
        .filter((p) => Math.min(5, Math.max(3, Math.floor(p.contractedWeeklyHours / 8))) === days)
        .map((p) => p.id);
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
      await templates.apply(admin, {
        templateId: template.id,
        agentIds,
        from: monday.toISODate()!,
        to: monday.plus({ days: 11 }).toISODate()!,
      });
    }
    await shifts.publish(admin, teamId, monday.minus({ days: 1 }).toJSDate(), monday.plus({ days: 6 }).toJSDate());
  }
}
