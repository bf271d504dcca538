import { Actor, AuditEntryModel, CurrentActor, GqlContext, loaderFor, RequestContext } from '@deskforce/platform';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { UserModel } from './graphql/user.model';
import { UserService } from './user.service';

/**
 * Who made a change, by name: a planner whose edit met STALE_VERSION reads the shift's latest audit entry to
 * see who changed it first. (Whoever may read the audit log may read the actor's name and email.)
 */
@Resolver(() => AuditEntryModel)
export class AuditActorResolver {
  constructor(private readonly users: UserService) {}

  @ResolveField(() => UserModel, {
    nullable: true,
    description: 'The user who made the change; null for system changes.',
  })
  async actor(
    @Parent() entry: AuditEntryModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<UserModel | null> {
    if (!entry.actorUserId) return null;
    return loaderFor(context, 'userById', (ids: readonly string[]) => this.users.byIds(actor, ids)).load(
      entry.actorUserId,
    );
  }
}
