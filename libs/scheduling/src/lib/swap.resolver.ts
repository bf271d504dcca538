import { Actor, CurrentActor, GqlContext, loaderFor, RequestContext } from '@deskforce/platform';
import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ShiftModel } from './graphql/shift.model';
import { ShiftSwapModel, SwapBoardModel } from './graphql/swap.model';
import { SwapBoardInput } from './graphql/swap.input';
import { ShiftService } from './shift.service';
import { SwapService } from './swap.service';

/**
 * The swap board, and the names and times on a swap. Whoever may see a swap sees its two agents' names and
 * both shifts (an agent's `agent` fields stay limited to their own record elsewhere).
 */
@Resolver(() => ShiftSwapModel)
export class SwapResolver {
  constructor(
    private readonly swaps: SwapService,
    private readonly shifts: ShiftService,
  ) {}

  @Query(() => SwapBoardModel, {
    description: 'The signed-in agent’s swap board: teammates’ shifts they could take, their own shifts, their swaps.',
  })
  swapBoard(@CurrentActor() actor: Actor, @Args('input') input: SwapBoardInput): Promise<SwapBoardModel> {
    return this.swaps.board(actor, input.from, input.to);
  }

  @ResolveField(() => String, { nullable: true })
  requesterName(
    @Parent() swap: ShiftSwapModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<string | null> {
    return this.names(context, actor).load(swap.requesterAgentId);
  }

  @ResolveField(() => String, { nullable: true })
  targetName(
    @Parent() swap: ShiftSwapModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<string | null> {
    return this.names(context, actor).load(swap.targetAgentId);
  }

  @ResolveField(() => ShiftModel, { nullable: true, description: 'The shift offered.' })
  shift(
    @Parent() swap: ShiftSwapModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<ShiftModel | null> {
    return this.shiftLoader(context, actor).load(swap.shiftId);
  }

  @ResolveField(() => ShiftModel, { nullable: true, description: 'The teammate’s shift asked for in exchange.' })
  async targetShift(
    @Parent() swap: ShiftSwapModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<ShiftModel | null> {
    return swap.targetShiftId ? this.shiftLoader(context, actor).load(swap.targetShiftId) : null;
  }

  private names(context: RequestContext, actor: Actor) {
    return loaderFor(context, 'swapAgentNameById', (ids: readonly string[]) => this.swaps.agentNames(actor, ids));
  }

  private shiftLoader(context: RequestContext, actor: Actor) {
    return loaderFor(context, 'shiftById', (ids: readonly string[]) => this.shifts.byIds(actor, ids));
  }
}
