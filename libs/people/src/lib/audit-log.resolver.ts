import { Actor, AuditEntryConnection, AuditLog, AuditLogArgs, CurrentActor } from '@deskforce/platform';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { TeamAccessService } from './team-access.service';

/**
 * The audit log is written by every domain (platform's AuditLog) but read here, where it is known who
 * manages whom: admins and directors read the whole tenant's history, a coordinator only the entries about
 * the agents of the teams they coordinate (an agent's pay, another team's requests and the organisation's
 * users, tokens and webhooks are not theirs to read).
 */
@Resolver()
export class AuditLogResolver {
  constructor(
    private readonly audit: AuditLog,
    private readonly access: TeamAccessService,
  ) {}

  @Query(() => AuditEntryConnection, {
    description:
      'The history of changes (shifts, time off, swaps, training, teams, agents, rules, targets…), newest first. Coordinators read the entries about the agents of their teams.',
  })
  async auditLog(@CurrentActor() actor: Actor, @Args() args: AuditLogArgs): Promise<AuditEntryConnection> {
    const managed = await this.access.managedAgentIds(actor);
    return this.audit.list(actor, args.filter, args.first, args.after, managed === 'ALL' ? undefined : managed);
  }
}
