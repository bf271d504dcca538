import { Connection, DateTimeScalar, PageArgs } from '@deskforce/platform';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsDate, IsEnum, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
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

@InputType()
export class ProposeShiftSwapInput {
  @Field(() => ID)
  @IsUUID()
  shiftId!: string;

  @Field(() => ID)
  @IsUUID()
  targetAgentId!: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  targetShiftId?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

@InputType()
export class RespondToShiftSwapInput {
  @Field(() => ID)
  @IsUUID()
  swapId!: string;

  @Field()
  @IsBoolean()
  accept!: boolean;
}

@InputType()
export class DecideShiftSwapInput {
  @Field(() => ID)
  @IsUUID()
  swapId!: string;

  @Field()
  @IsBoolean()
  approve!: boolean;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

@InputType()
export class ShiftSwapFilter {
  @Field(() => SwapStatus, { nullable: true })
  @IsOptional()
  @IsEnum(SwapStatus)
  status?: SwapStatus;

  @Field(() => ID, { nullable: true, description: 'Swaps this agent proposed or was asked for.' })
  @IsOptional()
  @IsUUID()
  agentId?: string;
}

@ArgsType()
export class ShiftSwapsArgs extends PageArgs {
  @Field(() => ShiftSwapFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ShiftSwapFilter)
  filter?: ShiftSwapFilter;
}

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

@InputType()
export class SwapBoardInput {
  @Field(() => DateTimeScalar, { description: 'Shifts that start from this instant (at the earliest now)…' })
  @IsDate()
  from!: Date;

  @Field(() => DateTimeScalar, { description: '…and before this one; at most 62 days later.' })
  @IsDate()
  to!: Date;
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
