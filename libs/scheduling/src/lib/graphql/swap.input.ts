import { DateTimeScalar } from '@deskforce/platform';
import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsDate, IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { SwapStatus } from '../scheduling.enums';

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

@InputType()
export class SwapBoardInput {
  @Field(() => DateTimeScalar, { description: 'Shifts that start from this instant (at the earliest now)…' })
  @IsDate()
  from!: Date;

  @Field(() => DateTimeScalar, { description: '…and before this one; at most 62 days later.' })
  @IsDate()
  to!: Date;
}
