import { DateTimeScalar, OptionalIdsField } from '@deskforce/platform';
import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsDate, IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { TimeOffStatus, TimeOffType } from '../scheduling.enums';

@InputType()
export class RequestTimeOffInput {
  @Field(() => ID, {
    nullable: true,
    description: 'Leave out to ask for yourself (agents); coordinators may ask for an agent of their team.',
  })
  @IsOptional()
  @IsUUID()
  agentId?: string;

  @Field(() => TimeOffType)
  @IsEnum(TimeOffType)
  type!: TimeOffType;

  @Field(() => DateTimeScalar)
  @IsDate()
  startsAt!: Date;

  @Field(() => DateTimeScalar)
  @IsDate()
  endsAt!: Date;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

@InputType()
export class ApproveTimeOffInput {
  @Field(() => ID)
  @IsUUID()
  requestId!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @Field({
    defaultValue: false,
    description: 'Cancel the agent’s shifts that collide with the time off, in the same transaction.',
  })
  @IsBoolean()
  cancelCollidingShifts: boolean = false;
}

@InputType()
export class CancelTimeOffInput {
  @Field(() => ID)
  @IsUUID()
  requestId!: string;
}

@InputType()
export class DenyTimeOffInput {
  @Field(() => ID)
  @IsUUID()
  requestId!: string;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;
}

@InputType()
export class TimeOffFilter {
  @OptionalIdsField({ max: 1000 })
  agentIds?: string[];

  @Field(() => TimeOffStatus, { nullable: true })
  @IsOptional()
  @IsEnum(TimeOffStatus)
  status?: TimeOffStatus;

  @Field(() => DateTimeScalar, { nullable: true })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  @IsOptional()
  @IsDate()
  to?: Date;
}
