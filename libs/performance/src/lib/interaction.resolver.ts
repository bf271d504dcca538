import { agentLoader, AgentModel, AgentService, teamLoader, TeamModel, TeamService } from '@deskforce/people';
import { Actor, CurrentActor, GqlContext, RequestContext } from '@deskforce/platform';
import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { InteractionConnection, InteractionModel } from './graphql/interaction.model';
import { InteractionsArgs } from './graphql/interaction.args';
import { InteractionService } from './interaction.service';

@Resolver(() => InteractionModel)
export class InteractionResolver {
  constructor(
    private readonly interactionService: InteractionService,
    private readonly agents: AgentService,
    private readonly teams: TeamService,
  ) {}

  @Query(() => InteractionConnection, {
    description:
      'Contacts created in [from, to), newest first, with the same filter (and authorization) as kpis: the drill-down from a figure.',
  })
  interactions(@CurrentActor() actor: Actor, @Args() args: InteractionsArgs): Promise<InteractionConnection> {
    return this.interactionService.list(actor, args.input, args.first, args.after);
  }

  @ResolveField(() => TeamModel)
  async team(
    @Parent() row: InteractionModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<TeamModel> {
    return (await teamLoader(context, actor, this.teams).load(row.teamId))!;
  }

  @ResolveField(() => AgentModel, { nullable: true })
  agent(
    @Parent() row: InteractionModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<AgentModel | null> {
    return row.agentId ? agentLoader(context, actor, this.agents).load(row.agentId) : Promise.resolve(null);
  }
}
