import { TenantProvisioningService } from '@deskforce/identity';
import { AgentLevel, AgentService, TeamService } from '@deskforce/people';
import { ActivityType, ShiftService, TemplateService } from '@deskforce/scheduling';
import { seedDemoForecasts } from '@deskforce/staffing';
import { LearningPathService, TrainingAssignmentService, TrainingCategory, TrainingModuleService } from '@deskforce/training';
import { DateTime } from 'luxon';
import { Actor, Channel, Role } from '@deskforce/platform';
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

/**
 * The demo tenant: five sign-ins (one per role), three teams in three time zones and 42 agents with
 * skills. Created once: a second start finds the tenant and leaves it alone.
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
    }
    await teams.update(admin, { id: team.id, leadAgentId: leadId });
    teamIds.push(team.id);
  }
  await seedSchedules(app, admin, teamIds);
  // Two weeks of forecast per team (its first channel), so that staffingRequirements answers out of the box.
  await seedDemoForecasts(app, admin, TEAMS.map((spec, t) => ({ id: teamIds[t]!, timeZone: spec.timeZone, channels: spec.channels })));
  const trainer: Actor = { tenantId: tenant.tenantId, userId: userId('trainer@demo.test'), role: Role.TRAINER, email: 'trainer@demo.test' };
  await seedTraining(app, trainer, teamIds);
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
