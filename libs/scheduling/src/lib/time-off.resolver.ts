import { Actor, CurrentActor } from '@deskforce/platform';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  ProposeShiftSwapPayload,
  RespondToShiftSwapPayload,
  DecideShiftSwapPayload,
  ShiftSwapConnection,
} from './graphql/swap.model';
import { ProposeShiftSwapInput, RespondToShiftSwapInput, DecideShiftSwapInput } from './graphql/swap.input';
import { ShiftSwapsArgs } from './graphql/swap.args';
import {
  ApproveTimeOffPayload,
  CancelTimeOffPayload,
  DenyTimeOffPayload,
  RequestTimeOffPayload,
  TimeOffRequestConnection,
} from './graphql/time-off.model';
import {
  ApproveTimeOffInput,
  CancelTimeOffInput,
  DenyTimeOffInput,
  RequestTimeOffInput,
} from './graphql/time-off.input';
import { TimeOffRequestsArgs } from './graphql/time-off.args';
import { SwapService } from './swap.service';
import { TimeOffService } from './time-off.service';

@Resolver()
export class TimeOffResolver {
  constructor(
    private readonly timeOff: TimeOffService,
    private readonly swaps: SwapService,
  ) {}

  @Query(() => TimeOffRequestConnection, { description: 'Agents see their own requests.' })
  timeOffRequests(@CurrentActor() actor: Actor, @Args() args: TimeOffRequestsArgs): Promise<TimeOffRequestConnection> {
    return this.timeOff.list(actor, args.filter, args.first, args.after);
  }

  @Mutation(() => RequestTimeOffPayload, {
    description:
      'CONFLICT (DUPLICATE_REQUEST, existingRequestId) when a pending request of the agent already overlaps the time.',
  })
  async requestTimeOff(
    @CurrentActor() actor: Actor,
    @Args('input') input: RequestTimeOffInput,
  ): Promise<RequestTimeOffPayload> {
    return { request: await this.timeOff.request(actor, input) };
  }

  @Mutation(() => CancelTimeOffPayload, {
    description: 'Withdraws a pending request (agents: their own). A decided request cannot be cancelled: CONFLICT.',
  })
  async cancelTimeOff(
    @CurrentActor() actor: Actor,
    @Args('input') input: CancelTimeOffInput,
  ): Promise<CancelTimeOffPayload> {
    return { request: await this.timeOff.cancel(actor, input.requestId) };
  }

  @Mutation(() => ApproveTimeOffPayload)
  approveTimeOff(
    @CurrentActor() actor: Actor,
    @Args('input') input: ApproveTimeOffInput,
  ): Promise<ApproveTimeOffPayload> {
    return this.timeOff.approve(actor, input);
  }

  @Mutation(() => DenyTimeOffPayload)
  async denyTimeOff(@CurrentActor() actor: Actor, @Args('input') input: DenyTimeOffInput): Promise<DenyTimeOffPayload> {
    return { request: await this.timeOff.deny(actor, input.requestId, input.reason) };
  }

  @Query(() => ShiftSwapConnection, {
    description: 'Newest first. Agents see the swaps they proposed or were asked for.',
  })
  shiftSwaps(@CurrentActor() actor: Actor, @Args() args: ShiftSwapsArgs): Promise<ShiftSwapConnection> {
    return this.swaps.list(actor, args.filter, args.first, args.after);
  }

  @Mutation(() => ProposeShiftSwapPayload)
  async proposeShiftSwap(
    @CurrentActor() actor: Actor,
    @Args('input') input: ProposeShiftSwapInput,
  ): Promise<ProposeShiftSwapPayload> {
    return { swap: await this.swaps.propose(actor, input) };
  }

  @Mutation(() => RespondToShiftSwapPayload)
  async respondToShiftSwap(
    @CurrentActor() actor: Actor,
    @Args('input') input: RespondToShiftSwapInput,
  ): Promise<RespondToShiftSwapPayload> {
    return { swap: await this.swaps.respond(actor, input.swapId, input.accept) };
  }

  @Mutation(() => DecideShiftSwapPayload, {
    description:
      'Approval re-checks every labor rule for both agents; a hard violation refuses it and changes nothing.',
  })
  async decideShiftSwap(
    @CurrentActor() actor: Actor,
    @Args('input') input: DecideShiftSwapInput,
  ): Promise<DecideShiftSwapPayload> {
    return { swap: await this.swaps.decide(actor, input) };
  }
}
