import { Actor, CurrentActor } from '@deskforce/platform';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AvailabilityService } from './availability.service';
import { AgentAvailabilityModel, SetAgentAvailabilityPayload } from './graphql/availability.model';
import { SetAgentAvailabilityInput } from './graphql/availability.input';
import { AgentAvailabilityArgs } from './graphql/availability.args';

@Resolver()
export class AvailabilityResolver {
  constructor(private readonly availability: AvailabilityService) {}

  @Query(() => AgentAvailabilityModel, {
    description:
      'When an agent can work, and their shift wishes. Agents read their own (agentId omitted); coordinators the agents of their teams.',
  })
  agentAvailability(
    @CurrentActor() actor: Actor,
    @Args() args: AgentAvailabilityArgs,
  ): Promise<AgentAvailabilityModel> {
    return this.availability.get(actor, args.agentId);
  }

  @Mutation(() => SetAgentAvailabilityPayload, {
    description:
      'Replaces an agent’s weekly windows, dated exceptions and wishes. Agents set their own; work outside availability is then refused (labor rule AVAILABILITY) and never generated.',
  })
  async setAgentAvailability(
    @CurrentActor() actor: Actor,
    @Args('input') input: SetAgentAvailabilityInput,
  ): Promise<SetAgentAvailabilityPayload> {
    return { availability: await this.availability.set(actor, input) };
  }
}
