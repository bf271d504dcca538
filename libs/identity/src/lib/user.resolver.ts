import { Actor, CurrentActor, GqlContext, PageArgs, RequestContext } from '@deskforce/platform';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CreateUserInput, CreateUserPayload, LoginInput, LoginPayload } from './graphql/auth.input';
import { TenantModel, UserConnection, UserModel } from './graphql/user.model';
import { AuthService } from './auth.service';
import { UserService } from './user.service';

@Resolver(() => UserModel)
export class UserResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly userService: UserService,
  ) {}

  @Mutation(() => LoginPayload, { description: 'Exchange an email and password for an access token.' })
  login(@Args('input') input: LoginInput, @GqlContext() context: RequestContext): Promise<LoginPayload> {
    return this.auth.login(input, context.req.ip ?? 'unknown');
  }

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

  @ResolveField(() => TenantModel)
  tenant(@Parent() user: UserModel): Promise<TenantModel> {
    return this.userService.tenant(user.tenantId);
  }
}
