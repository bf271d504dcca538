import { Actor, CurrentActor, PageArgs } from '@deskforce/platform';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  CreateUserInput,
  DeactivateUserInput,
  ReactivateUserInput,
  UpdateMyProfileInput,
  UpdateUserRoleInput,
} from './graphql/user.input';
import {
  CreateUserPayload,
  DeactivateUserPayload,
  ReactivateUserPayload,
  TenantModel,
  UpdateMyProfilePayload,
  UpdateUserRolePayload,
  UserConnection,
  UserModel,
} from './graphql/user.model';
import { UserService } from './user.service';

@Resolver(() => UserModel)
export class UserResolver {
  constructor(private readonly userService: UserService) {}

  @Query(() => UserModel, { description: 'The signed-in user.' })
  me(@CurrentActor() actor: Actor): Promise<UserModel> {
    return this.userService.me(actor);
  }

  @Query(() => UserConnection)
  users(@CurrentActor() actor: Actor, @Args() page: PageArgs): Promise<UserConnection> {
    return this.userService.list(actor, page.first, page.after);
  }

  @Mutation(() => CreateUserPayload)
  async createUser(@CurrentActor() actor: Actor, @Args('input') input: CreateUserInput): Promise<CreateUserPayload> {
    return { user: await this.userService.create(actor, input) };
  }

  @Mutation(() => UpdateUserRolePayload, {
    description: 'Gives a user another role; their sessions end, so they sign in again with it.',
  })
  async updateUserRole(
    @CurrentActor() actor: Actor,
    @Args('input') input: UpdateUserRoleInput,
  ): Promise<UpdateUserRolePayload> {
    return { user: await this.userService.updateRole(actor, input.userId, input.role) };
  }

  @Mutation(() => DeactivateUserPayload, {
    description: 'Stops a user from signing in and ends their sessions; their records stay.',
  })
  async deactivateUser(
    @CurrentActor() actor: Actor,
    @Args('input') input: DeactivateUserInput,
  ): Promise<DeactivateUserPayload> {
    return { user: await this.userService.deactivate(actor, input.userId) };
  }

  @Mutation(() => ReactivateUserPayload)
  async reactivateUser(
    @CurrentActor() actor: Actor,
    @Args('input') input: ReactivateUserInput,
  ): Promise<ReactivateUserPayload> {
    return { user: await this.userService.reactivate(actor, input.userId) };
  }

  @Mutation(() => UpdateMyProfilePayload, {
    description: 'Your language (remembered for the console) and display name.',
  })
  async updateMyProfile(
    @CurrentActor() actor: Actor,
    @Args('input') input: UpdateMyProfileInput,
  ): Promise<UpdateMyProfilePayload> {
    return { user: await this.userService.updateMyProfile(actor, input) };
  }

  @ResolveField(() => TenantModel)
  tenant(@Parent() user: UserModel): Promise<TenantModel> {
    return this.userService.tenant(user.tenantId);
  }
}
