import { Actor, CurrentActor, GqlContext, loaderFor, RequestContext } from '@deskforce/platform';
import { agentLoader, AgentModel, AgentService } from '@deskforce/people';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { RuleViolationModel } from './graphql/rule.model';
import { ShiftModel } from './graphql/shift.model';
import { ShiftService } from './shift.service';

/** Who and when a violation is about, so a reader needs no second look-up by id. */
@Resolver(() => RuleViolationModel)
export class RuleViolationResolver {
  constructor(
    private readonly agents: AgentService,
    private readonly shiftService: ShiftService,
  ) {}

  @ResolveField(() => AgentModel, { nullable: true, description: 'The agent whose schedule breaks the rule.' })
  agent(
    @Parent() violation: RuleViolationModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<AgentModel | null> {
    return agentLoader(context, actor, this.agents).load(violation.agentId);
  }

  @ResolveField(() => [ShiftModel], {
    description: 'The stored shifts involved, with their times (a refused new shift is not among them).',
  })
  async shifts(
    @Parent() violation: RuleViolationModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<ShiftModel[]> {
    const loader = loaderFor(context, 'shiftById', (ids: readonly string[]) => this.shiftService.byIds(actor, ids));
    const found = await loader.loadMany(violation.shiftIds);
    return found.filter((s): s is ShiftModel => s !== null && !(s instanceof Error));
  }
}
