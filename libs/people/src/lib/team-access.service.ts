import { Actor, AppError, Role, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { TeamRepository } from './team.repository';

/**
 * Who manages which team: admins and directors manage every team, a coordinator the teams they are listed
 * on. Other domains (scheduling, training) ask here instead of reading our tables.
 */
@Injectable()
export class TeamAccessService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly teams: TeamRepository,
  ) {}

  /** Admins and directors manage every team (and what belongs to the whole organisation). */
  managesEveryTeam(actor: Actor): boolean {
    return actor.role === Role.ADMIN || actor.role === Role.DIRECTOR;
  }

  /** Refuses with FORBIDDEN, saying `why`, unless the actor manages every team (a tenant-wide rule or template). */
  assertManagesEveryTeam(actor: Actor, why: string): void {
    if (!this.managesEveryTeam(actor)) throw AppError.forbidden(why);
  }

  /** The teams the actor manages, or 'ALL'. Call inside the actor's tenant transaction or on its own. */
  managedTeamIds(actor: Actor): Promise<string[] | 'ALL'> {
    if (this.managesEveryTeam(actor)) return Promise.resolve('ALL');
    if (actor.role !== Role.COORDINATOR) return Promise.resolve([]);
    return this.db.transaction(actor.tenantId, () => this.teams.teamsCoordinatedBy(actor.userId));
  }

  /** The agents whose requests (time off, swaps) the actor handles: every agent, or a coordinator's teams' agents. */
  managedAgentIds(actor: Actor): Promise<string[] | 'ALL'> {
    if (this.managesEveryTeam(actor)) return Promise.resolve('ALL');
    if (actor.role !== Role.COORDINATOR) return Promise.resolve([]);
    return this.db.transaction(actor.tenantId, () => this.teams.agentsCoordinatedBy(actor.userId));
  }

  /** Narrows an optional agent filter to the agents the actor manages (undefined: no narrowing needed). */
  async narrowToManagedAgents(
    actor: Actor,
    agentIds: readonly string[] | undefined,
  ): Promise<readonly string[] | undefined> {
    const managed = await this.managedAgentIds(actor);
    if (managed === 'ALL') return agentIds;
    return agentIds ? agentIds.filter((id) => managed.includes(id)) : managed;
  }

  /** Refuses with FORBIDDEN unless the actor manages every one of these teams. */
  async assertManages(actor: Actor, teamIds: readonly string[]): Promise<void> {
    const managed = await this.managedTeamIds(actor);
    if (managed === 'ALL') return;
    const missing = teamIds.filter((id) => !managed.includes(id));
    if (missing.length > 0) throw AppError.forbidden('You do not coordinate this team.');
  }
}
