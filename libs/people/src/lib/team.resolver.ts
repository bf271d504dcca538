import { Actor, CurrentActor, GqlContext, loaderFor, PageArgs, ParseIdPipe, RequestContext } from '@deskforce/platform';
import { UserModel, UserService } from '@deskforce/identity';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AgentModel } from './graphql/agent.model';
import { CreateTeamPayload, TeamConnection, TeamModel, UpdateTeamPayload } from './graphql/team.model';
import { CreateTeamInput, UpdateTeamInput } from './graphql/team.input';
import { AgentService } from './agent.service';
import { TeamService } from './team.service';
import { agentLoader } from './people-loaders';

@Resolver(() => TeamModel)
export class TeamResolver {
  constructor(
    private readonly teamService: TeamService,
    private readonly agentService: AgentService,
    private readonly userService: UserService,
  ) {}

  @Query(() => TeamConnection)
  teams(@CurrentActor() actor: Actor, @Args() page: PageArgs): Promise<TeamConnection> {
    return this.teamService.list(actor, page.first, page.after);
  }

  @Query(() => TeamModel)
  team(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, ParseIdPipe) id: string): Promise<TeamModel> {
    return this.teamService.get(actor, id);
  }

  @Mutation(() => CreateTeamPayload)
  async createTeam(@CurrentActor() actor: Actor, @Args('input') input: CreateTeamInput): Promise<CreateTeamPayload> {
    return { team: await this.teamService.create(actor, input) };
  }

  @Mutation(() => UpdateTeamPayload)
  async updateTeam(@CurrentActor() actor: Actor, @Args('input') input: UpdateTeamInput): Promise<UpdateTeamPayload> {
    return { team: await this.teamService.update(actor, input) };
  }

  @ResolveField(() => AgentModel, { nullable: true })
  leadAgent(
    @Parent() team: TeamModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<AgentModel | null> {
    if (!team.leadAgentId) return Promise.resolve(null);
    return agentLoader(context, actor, this.agentService).load(team.leadAgentId);
  }

  @ResolveField(() => [UserModel], { description: 'Users who coordinate (plan) this team.' })
  async coordinators(
    @Parent() team: TeamModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<UserModel[]> {
    const ids = await loaderFor(context, 'teamCoordinatorIds', (teamIds: readonly string[]) =>
      this.teamService.coordinatorIds(actor, teamIds),
    ).load(team.id);
    const users = await loaderFor(context, 'userById', (userIds: readonly string[]) =>
      this.userService.byIds(actor, userIds),
    ).loadMany(ids);
    return users.filter((u): u is UserModel => u !== null && !(u instanceof Error));
  }
}
