import { Actor, AppError, Role } from '@deskforce/platform';
import { AgentService, AgentWorkProfileRow, EmploymentStatus, TeamAccessService } from '@deskforce/people';
import { Injectable } from '@nestjs/common';

/**
 * Who may do what with training. Trainers, directors and admins act on every team; a coordinator on the teams
 * they coordinate (people's TeamAccessService says which); an agent only on their own assignments.
 */
@Injectable()
export class TrainingAccess {
  constructor(
    private readonly access: TeamAccessService,
    private readonly agents: AgentService,
  ) {}

  /** Refuses with FORBIDDEN unless the actor may manage training for every one of these teams. */
  async assertMayTrain(actor: Actor, teamIds: readonly string[]): Promise<void> {
    if (actor.role === Role.TRAINER) return;
    if (actor.role === Role.AGENT) throw AppError.forbidden('Agents cannot manage training.');
    await this.access.assertManages(actor, teamIds);
  }

  /** The teams whose training the actor may read: undefined for all of them. */
  async readableTeamIds(actor: Actor): Promise<string[] | undefined> {
    if (actor.role === Role.TRAINER) return undefined;
    const managed = await this.access.managedTeamIds(actor);
    return managed === 'ALL' ? undefined : managed;
  }

  /** The signed-in user's agent id, or NOT_FOUND. */
  async ownAgentId(actor: Actor): Promise<string> {
    const own = await this.agents.agentOfActor(actor);
    if (!own) throw AppError.notFound('An agent record linked to your account');
    return own.id;
  }

  /** An agent acts on their own assignment; anyone else needs the right to train the assignment's team. */
  async assertMayActOn(actor: Actor, assignment: { agentId: string; teamId: string }): Promise<void> {
    if (actor.role === Role.AGENT) {
      const own = await this.agents.agentOfActor(actor);
      if (own?.id !== assignment.agentId) throw AppError.forbidden('Agents can act only on their own training.');
      return;
    }
    await this.assertMayTrain(actor, [assignment.teamId]);
  }

  /**
   * Work profiles of these agents, in the order given; an unknown id is NOT_FOUND naming `field.index`, a
   * terminated agent BAD_USER_INPUT.
   */
  async activeProfiles(actor: Actor, agentIds: readonly string[], field: string): Promise<AgentWorkProfileRow[]> {
    const found = new Map((await this.agents.workProfiles(actor, agentIds)).map((p) => [p.id, p]));
    return agentIds.map((id, i) => {
      const profile = found.get(id);
      const path = agentIds.length === 1 && !field.endsWith('s') ? field : `${field}.${i}`;
      if (!profile) throw AppError.notFound('Agent', id, path);
      if (profile.employmentStatus === EmploymentStatus.TERMINATED)
        throw AppError.badInput({ field: path, message: 'is no longer employed' });
      return profile;
    });
  }
}
