import { Actor, CurrentActor, GqlContext, loaderFor, ParseIdPipe, RequestContext } from '@deskforce/platform';
import { UserModel } from '@deskforce/identity';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  AgentConnection,
  AgentModel,
  AgentSkillModel,
  CreateAgentPayload,
  DeactivateAgentPayload,
  SetAgentSkillsPayload,
  UpdateAgentPayload,
} from './graphql/agent.model';
import { CreateAgentInput, DeactivateAgentInput, SetAgentSkillsInput, UpdateAgentInput } from './graphql/agent.input';
import { AgentsArgs } from './graphql/agent.args';
import { TeamModel } from './graphql/team.model';
import { AgentService } from './agent.service';
import { TeamService } from './team.service';
import { teamLoader } from './people-loaders';

@Resolver(() => AgentModel)
export class AgentResolver {
  constructor(
    private readonly agentService: AgentService,
    private readonly teamService: TeamService,
  ) {}

  @Query(() => AgentConnection, { description: 'Agents ordered by name. An AGENT sees only their own record.' })
  agents(@CurrentActor() actor: Actor, @Args() args: AgentsArgs): Promise<AgentConnection> {
    return this.agentService.list(actor, args.filter, args.first, args.after);
  }

  @Query(() => AgentModel)
  agent(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, ParseIdPipe) id: string): Promise<AgentModel> {
    return this.agentService.get(actor, id);
  }

  @Mutation(() => CreateAgentPayload)
  async createAgent(@CurrentActor() actor: Actor, @Args('input') input: CreateAgentInput): Promise<CreateAgentPayload> {
    return { agent: await this.agentService.create(actor, input) };
  }

  @Mutation(() => UpdateAgentPayload)
  async updateAgent(@CurrentActor() actor: Actor, @Args('input') input: UpdateAgentInput): Promise<UpdateAgentPayload> {
    return { agent: await this.agentService.update(actor, input) };
  }

  @Mutation(() => SetAgentSkillsPayload)
  async setAgentSkills(
    @CurrentActor() actor: Actor,
    @Args('input') input: SetAgentSkillsInput,
  ): Promise<SetAgentSkillsPayload> {
    return { agent: await this.agentService.setSkills(actor, input) };
  }

  @Mutation(() => DeactivateAgentPayload, {
    description: 'Ends employment. History is kept: agents are never deleted.',
  })
  async deactivateAgent(
    @CurrentActor() actor: Actor,
    @Args('input') input: DeactivateAgentInput,
  ): Promise<DeactivateAgentPayload> {
    return { agent: await this.agentService.deactivate(actor, input.agentId) };
  }

  @ResolveField(() => TeamModel)
  async team(
    @Parent() agent: AgentModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<TeamModel> {
    const team = await teamLoader(context, actor, this.teamService).load(agent.teamId);
    return team!;
  }

  @ResolveField(() => [AgentSkillModel])
  skills(
    @Parent() agent: AgentModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<AgentSkillModel[]> {
    return loaderFor(context, 'agentSkills', (ids: readonly string[]) => this.agentService.skillsOf(actor, ids)).load(
      agent.id,
    );
  }
}

/** `me { agent }`: the agent record linked to the signed-in user. */
@Resolver(() => UserModel)
export class UserAgentResolver {
  constructor(private readonly agentService: AgentService) {}

  @ResolveField(() => AgentModel, { nullable: true, description: 'The agent record linked to this user, if any.' })
  agent(
    @Parent() user: UserModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<AgentModel | null> {
    return loaderFor(context, 'agentByUserId', (userIds: readonly string[]) =>
      this.agentService.byUserIds(actor, userIds),
    ).load(user.id);
  }
}
