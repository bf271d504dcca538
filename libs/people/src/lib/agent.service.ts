import { UserService } from '@deskforce/identity';
import { Actor, AppError, AuditLog, ConnectionShape, Role, TenantDatabase, toConnection } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AgentLifecycle } from './agent-lifecycle';
import { AgentRow, AgentSkillRow } from './agent-row';
import { AgentFilter, CreateAgentInput, SetAgentSkillsInput, UpdateAgentInput } from './graphql/agent.input';
import { EmploymentStatus } from './people.enums';
import { AgentRepository, AgentWorkProfileRow } from './agent.repository';
import { TeamAccessService } from './team-access.service';
import { TeamRepository } from './team.repository';

function assertRealDate(value: string, field: string): void {
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value || date.getUTCFullYear() < 1950) {
    throw AppError.badInput({ field, message: 'must be a real calendar date, YYYY-MM-DD, after 1950' });
  }
}

function uniqueSkills(skills: readonly { skill: string; proficiency: number }[], field: string) {
  const names = skills.map((s) => s.skill);
  if (new Set(names).size !== names.length) throw AppError.badInput({ field, message: 'lists a skill twice' });
  return skills;
}

/** What the audit log keeps of an agent: the record (pay included) and their skills. */
interface AuditedAgent extends Omit<AgentRow, 'tenantId'> {
  skills: { skill: string; proficiency: number }[];
}

@Injectable()
export class AgentService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly agents: AgentRepository,
    private readonly teams: TeamRepository,
    private readonly access: TeamAccessService,
    private readonly lifecycle: AgentLifecycle,
    private readonly users: UserService,
    private readonly audit: AuditLog,
  ) {}

  /** An AGENT sees only their own record; every other role sees the tenant's agents. */
  list(
    actor: Actor,
    filter: AgentFilter | undefined,
    first: number,
    after?: string,
  ): Promise<ConnectionShape<AgentRow>> {
    return this.db.transaction(actor.tenantId, async () => {
      const onlyUserId = actor.role === Role.AGENT ? actor.userId : undefined;
      const { rows, totalCount } = await this.agents.page({ filter, first, after, onlyUserId });
      return toConnection(
        rows,
        first,
        totalCount,
        (a) => [a.name, a.id],
        (a) => a,
      );
    });
  }

  get(actor: Actor, id: string): Promise<AgentRow> {
    return this.db.transaction(actor.tenantId, async () => {
      const agent = await this.agents.findById(id);
      if (!agent) throw AppError.notFound('Agent', id);
      if (actor.role === Role.AGENT && agent.userId !== actor.userId)
        throw AppError.forbidden('Agents can see only their own record.');
      return agent;
    });
  }

  /** The agent record of the signed-in user, if any (for "my schedule", "my training", "my scorecard"). */
  agentOfActor(actor: Actor): Promise<AgentRow | null> {
    return this.db.transaction(actor.tenantId, () => this.agents.findByUserId(actor.userId));
  }

  byIds(actor: Actor, ids: readonly string[]): Promise<(AgentRow | null)[]> {
    return this.db.transaction(actor.tenantId, async () => {
      const found = new Map((await this.agents.findByIds(ids)).map((a) => [a.id, a]));
      return ids.map((id) => {
        const agent = found.get(id) ?? null;
        return agent && actor.role === Role.AGENT && agent.userId !== actor.userId ? null : agent;
      });
    });
  }

  /** For DataLoaders: the agent linked to each user id, or null. */
  byUserIds(actor: Actor, userIds: readonly string[]): Promise<(AgentRow | null)[]> {
    return this.db.transaction(actor.tenantId, async () => {
      const found = new Map((await this.agents.findByUserIds(userIds)).map((a) => [a.userId, a]));
      return userIds.map((id) => (actor.role === Role.AGENT && id !== actor.userId ? null : (found.get(id) ?? null)));
    });
  }

  /**
   * Team, time zone, contract, channels and skills of agents, for planning. Not narrowed by the caller's
   * role: callers (scheduling, staffing) authorise first; the tenant boundary still holds (RLS).
   */
  workProfiles(actor: Actor, agentIds: readonly string[]): Promise<AgentWorkProfileRow[]> {
    return this.db.transaction(actor.tenantId, () => this.agents.workProfiles(agentIds));
  }

  /**
   * In the open tenant transaction: the agents known by their own email (lower case) → their ids, for
   * help-desk data that names agents by email.
   */
  async idsByEmail(emails: readonly string[]): Promise<Map<string, string>> {
    if (emails.length === 0) return new Map();
    return new Map((await this.agents.idsByEmail(emails)).map((r) => [r.email, r.id]));
  }

  /** Ids of the team's agents that are not terminated. */
  activeAgentIds(actor: Actor, teamId: string): Promise<string[]> {
    return this.db.transaction(actor.tenantId, async () => {
      const { rows } = await this.agents.page({
        filter: { teamIds: [teamId], employmentStatuses: [EmploymentStatus.ACTIVE, EmploymentStatus.ON_LEAVE] },
        first: 10_000,
      });
      return rows.map((r) => r.id);
    });
  }

  skillsOf(actor: Actor, agentIds: readonly string[]): Promise<AgentSkillRow[][]> {
    return this.db.transaction(actor.tenantId, async () => {
      const skills = await this.agents.skillsOf(agentIds);
      return agentIds.map((id) => skills.filter((s) => s.agentId === id));
    });
  }

  create(actor: Actor, input: CreateAgentInput): Promise<AgentRow> {
    assertRealDate(input.hireDate, 'input.hireDate');
    uniqueSkills(input.skills, 'input.skills');
    return this.db.transaction(actor.tenantId, async () => {
      await this.assertTeamExists(input.teamId);
      await this.access.assertManages(actor, [input.teamId]);
      const id = randomUUID();
      await this.agents.insert({
        id,
        name: input.name.trim(),
        email: input.email.trim().toLowerCase(),
        teamId: input.teamId,
        level: input.level,
        employmentStatus: EmploymentStatus.ACTIVE,
        hireDate: input.hireDate,
        contractedWeeklyHours: input.contractedWeeklyHours,
        hourlyCost: input.hourlyCost,
        channels: input.channels,
        userId: input.userId ?? null,
      });
      await this.agents.replaceSkills(id, input.skills);
      const created = (await this.agents.findById(id))!;
      await this.lifecycle.agentCreated(actor, created);
      await this.recordChange(actor, 'CREATE', null, created);
      return created;
    });
  }

  update(actor: Actor, input: UpdateAgentInput): Promise<AgentRow> {
    if (input.hireDate !== undefined) assertRealDate(input.hireDate, 'input.hireDate');
    return this.db.transaction(actor.tenantId, async () => {
      const agent = await this.manageable(actor, input.id);
      if (agent.employmentStatus === EmploymentStatus.TERMINATED)
        throw AppError.conflict('This agent has been deactivated.');
      if (input.teamId !== undefined && input.teamId !== agent.teamId) {
        await this.assertTeamExists(input.teamId);
        await this.access.assertManages(actor, [input.teamId]);
      }
      const { id, email, name, ...rest } = input;
      await this.agents.update(id, {
        ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
        ...(name !== undefined ? { name: name.trim() } : {}),
        ...(email !== undefined ? { email: email.trim().toLowerCase() } : {}),
      });
      return this.recordChange(actor, 'UPDATE', agent, (await this.agents.findById(id))!);
    });
  }

  setSkills(actor: Actor, input: SetAgentSkillsInput): Promise<AgentRow> {
    uniqueSkills(input.skills, 'input.skills');
    return this.db.transaction(actor.tenantId, async () => {
      const agent = await this.manageable(actor, input.agentId);
      const before = await this.audited(agent);
      await this.agents.replaceSkills(agent.id, input.skills);
      await this.agents.update(agent.id, {});
      return this.recordChange(actor, 'SET_SKILLS', before, (await this.agents.findById(agent.id))!);
    });
  }

  /**
   * Terminates employment; the record and its history stay (there is no hard delete). The agent's user
   * account is deactivated with it, ending their sessions: someone who left cannot sign in.
   */
  deactivate(actor: Actor, agentId: string): Promise<AgentRow> {
    return this.db.transaction(actor.tenantId, async () => {
      const agent = await this.manageable(actor, agentId);
      if (agent.employmentStatus !== EmploymentStatus.TERMINATED) {
        await this.agents.update(agent.id, { employmentStatus: EmploymentStatus.TERMINATED, terminatedAt: new Date() });
      }
      if (agent.userId) await this.users.endAccess(actor, agent.userId);
      return this.recordChange(actor, 'DEACTIVATE', agent, (await this.agents.findById(agent.id))!);
    });
  }

  private async audited(agent: AgentRow): Promise<AuditedAgent> {
    const { tenantId: _tenantId, ...record } = agent;
    const skills = await this.agents.skillsOf([agent.id]);
    return { ...record, skills: skills.map((s) => ({ skill: s.skill, proficiency: s.proficiency })) };
  }

  /** Audits the change (before and after, pay and skills included) inside its transaction; returns `after`. */
  private async recordChange(
    actor: Actor,
    action: string,
    before: AgentRow | AuditedAgent | null,
    after: AgentRow,
  ): Promise<AgentRow> {
    const previous = before === null || 'skills' in before ? before : await this.audited(before);
    await this.audit.record(actor, [
      {
        entityType: 'AGENT',
        entityId: after.id,
        agentId: after.id,
        action,
        before: previous,
        after: await this.audited(after),
      },
    ]);
    return after;
  }

  private async manageable(actor: Actor, agentId: string): Promise<AgentRow> {
    const agent = await this.agents.findById(agentId);
    if (!agent) throw AppError.notFound('Agent', agentId);
    await this.access.assertManages(actor, [agent.teamId]);
    return agent;
  }

  private async assertTeamExists(teamId: string): Promise<void> {
    if (!(await this.teams.findById(teamId))) throw AppError.notFound('Team', teamId, 'input.teamId');
  }
}
