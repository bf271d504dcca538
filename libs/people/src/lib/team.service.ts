import { Actor, AppError, AuditLog, ConnectionShape, Role, TenantDatabase, toConnection } from '@deskforce/platform';
import { UserService } from '@deskforce/identity';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { TeamRow } from './team-row';
import { CreateTeamInput, UpdateTeamInput } from './graphql/team.input';
import { AgentRepository } from './agent.repository';
import { TeamRepository } from './team.repository';

@Injectable()
export class TeamService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly teams: TeamRepository,
    private readonly agents: AgentRepository,
    private readonly users: UserService,
    private readonly audit: AuditLog,
  ) {}

  list(actor: Actor, first: number, after?: string): Promise<ConnectionShape<TeamRow>> {
    return this.db.transaction(actor.tenantId, async () => {
      const { rows, totalCount } = await this.teams.page(first, after);
      return toConnection(
        rows,
        first,
        totalCount,
        (t) => [t.name],
        (t) => t,
      );
    });
  }

  get(actor: Actor, id: string): Promise<TeamRow> {
    return this.db.transaction(actor.tenantId, async () => {
      const team = await this.teams.findById(id);
      if (!team) throw AppError.notFound('Team', id);
      return team;
    });
  }

  /** For DataLoaders: teams in the order of `ids`, null where unknown. */
  byIds(actor: Actor, ids: readonly string[]): Promise<(TeamRow | null)[]> {
    return this.db.transaction(actor.tenantId, async () => {
      const found = new Map((await this.teams.findByIds(ids)).map((t) => [t.id, t]));
      return ids.map((id) => found.get(id) ?? null);
    });
  }

  coordinatorIds(actor: Actor, teamIds: readonly string[]): Promise<string[][]> {
    return this.db.transaction(actor.tenantId, async () => {
      const byTeam = await this.teams.coordinatorsOf(teamIds);
      return teamIds.map((id) => byTeam.get(id) ?? []);
    });
  }

  create(actor: Actor, input: CreateTeamInput): Promise<TeamRow> {
    return this.db.transaction(actor.tenantId, async () => {
      const id = randomUUID();
      await this.teams.insert({
        id,
        name: input.name.trim(),
        timeZone: input.timeZone,
        channels: input.channels,
        leadAgentId: null,
      });
      if (input.coordinatorIds) await this.setCoordinators(actor, id, input.coordinatorIds);
      const created = (await this.teams.findById(id))!;
      await this.audit.record(actor, [
        { entityType: 'TEAM', entityId: id, action: 'CREATE', after: await this.audited(created) },
      ]);
      return created;
    });
  }

  update(actor: Actor, input: UpdateTeamInput): Promise<TeamRow> {
    return this.db.transaction(actor.tenantId, async () => {
      const before = await this.teams.findById(input.id);
      if (!before) throw AppError.notFound('Team', input.id);
      const audited = await this.audited(before);
      await this.teams.update(input.id, {
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
        ...(input.channels !== undefined ? { channels: input.channels } : {}),
      });
      if (input.leadAgentId !== undefined) await this.setLead(input.id, input.leadAgentId);
      if (input.coordinatorIds !== undefined) await this.setCoordinators(actor, input.id, input.coordinatorIds);
      const after = (await this.teams.findById(input.id))!;
      await this.audit.record(actor, [
        { entityType: 'TEAM', entityId: after.id, action: 'UPDATE', before: audited, after: await this.audited(after) },
      ]);
      return after;
    });
  }

  /** What the audit log keeps of a team: the record and its coordinators. */
  private async audited(team: TeamRow): Promise<Omit<TeamRow, 'tenantId'> & { coordinatorIds: string[] }> {
    const { tenantId: _tenantId, ...record } = team;
    return { ...record, coordinatorIds: (await this.teams.coordinatorsOf([team.id])).get(team.id) ?? [] };
  }

  private async setLead(teamId: string, agentId: string | null): Promise<void> {
    if (agentId !== null) {
      const agent = await this.agents.findById(agentId);
      if (!agent) throw AppError.notFound('Agent', agentId, 'input.leadAgentId');
      if (agent.teamId !== teamId)
        throw AppError.badInput({ field: 'input.leadAgentId', message: 'the lead must be an agent of this team' });
    }
    await this.teams.update(teamId, { leadAgentId: agentId });
  }

  private async setCoordinators(actor: Actor, teamId: string, userIds: string[]): Promise<void> {
    const unique = [...new Set(userIds)];
    const users = await this.users.byIds(actor, unique);
    const missing = unique.find((_, i) => !users[i]);
    if (missing) throw AppError.notFound('User', missing, 'input.coordinatorIds');
    if (users.some((user) => user?.role !== Role.COORDINATOR)) {
      throw AppError.badInput({ field: 'input.coordinatorIds', message: 'every user must have the COORDINATOR role' });
    }
    await this.teams.replaceCoordinators(teamId, unique);
  }
}
