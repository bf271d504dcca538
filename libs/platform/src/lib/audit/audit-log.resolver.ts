import { Args, Query, Resolver } from '@nestjs/graphql';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { PermissionTable } from '../auth/permissions';
import { Role } from '../auth/role';
import { AuditEntryConnection, AuditLog, AuditLogArgs } from './audit-log';

@Resolver()
export class AuditLogResolver {
  constructor(private readonly audit: AuditLog) {}

  @Query(() => AuditEntryConnection, {
    description: 'The history of changes (shifts, time off, swaps, training…), newest first.',
  })
  auditLog(@CurrentActor() actor: Actor, @Args() args: AuditLogArgs): Promise<AuditEntryConnection> {
    return this.audit.list(actor, args.filter, args.first, args.after);
  }
}

export const platformPermissions: PermissionTable = {
  'Query.auditLog': [Role.ADMIN, Role.DIRECTOR, Role.COORDINATOR],
};
