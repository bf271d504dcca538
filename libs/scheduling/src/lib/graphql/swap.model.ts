import { Connection, DateTimeScalar } from '@deskforce/platform';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ShiftModel } from './shift.model';
import { SwapStatus } from '../scheduling.enums';

@ObjectType('ShiftSwap', {
  description:
    'One agent offers a shift to a teammate, optionally for one of theirs; the teammate accepts; a coordinator approves.',
})
export class ShiftSwapModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  shiftId!: string;

  @Field(() => ID)
  requesterAgentId!: string;

  @Field(() => ID)
  targetAgentId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The teammate’s shift given in exchange; null when the shift is simply handed over.',
  })
  targetShiftId!: string | null;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => SwapStatus)
  status!: SwapStatus;

  @Field(() => String, { nullable: true })
  decisionReason!: string | null;

  @Field(() => Int)
  version!: number;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

@ObjectType('ShiftSwapConnection')
export class ShiftSwapConnection extends Connection(ShiftSwapModel, 'ShiftSwap') {}

@ObjectType()
export class ProposeShiftSwapPayload {
  @Field(() => ShiftSwapModel)
  swap!: ShiftSwapModel;
}

@ObjectType()
export class RespondToShiftSwapPayload {
  @Field(() => ShiftSwapModel)
  swap!: ShiftSwapModel;
}

@ObjectType()
export class DecideShiftSwapPayload {
  @Field(() => ShiftSwapModel)
  swap!: ShiftSwapModel;
}

@ObjectType('SwapBoardShift', { description: 'A teammate’s published shift, with the teammate’s name.' })
export class SwapBoardShiftModel {
  @Field(() => ShiftModel)
  shift!: ShiftModel;

  @Field(() => ID)
  agentId!: string;

  @Field()
  agentName!: string;
}

@ObjectType('SwapBoard', {
  description: 'What the signed-in agent can swap: teammates’ shifts, their own, and their swaps.',
})
export class SwapBoardModel {
  @Field(() => [SwapBoardShiftModel], {
    description:
      'Published shifts of the agent’s own team that the agent could work (channel and skill among theirs), soonest first.',
  })
  openShifts!: SwapBoardShiftModel[];

  @Field(() => [ShiftModel], {
    description: 'The agent’s own published shifts in the window: what they can offer in exchange.',
  })
  myShifts!: ShiftModel[];

  @Field(() => [ShiftSwapModel], {
    description: 'Swaps the agent proposed or was asked for, newest first (at most 50).',
  })
  swaps!: ShiftSwapModel[];
}
