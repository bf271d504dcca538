import { DateTimeScalar, OptionalIdsField, PageArgs } from '@deskforce/platform';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDate,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { TimeOffStatus, TimeOffType } from '../scheduling.enums';
import { ShiftModel } from './shift.model';
import { Connection } from '@deskforce/platform';

@ObjectType('TimeOffRequest')
export class TimeOffRequestModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  agentId!: string;

  @Field(() => TimeOffType)
  type!: TimeOffType;

  @Field(() => DateTimeScalar)
  startsAt!: Date;

  @Field(() => DateTimeScalar)
  endsAt!: Date;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => TimeOffStatus)
  status!: TimeOffStatus;

  @Field(() => ID, { nullable: true })
  decidedBy!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true })
  decisionReason!: string | null;

  @Field(() => Int)
  version!: number;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

@ObjectType('TimeOffRequestConnection')
export class TimeOffRequestConnection extends Connection(TimeOffRequestModel, 'TimeOffRequest') {}

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

@ObjectType()
export class CancelTimeOffPayload {
  @Field(() => TimeOffRequestModel)
  request!: TimeOffRequestModel;
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

@ArgsType()
export class TimeOffRequestsArgs extends PageArgs {
  @Field(() => TimeOffFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => TimeOffFilter)
  filter?: TimeOffFilter;
}

@ObjectType()
export class RequestTimeOffPayload {
  @Field(() => TimeOffRequestModel)
  request!: TimeOffRequestModel;
}

@ObjectType()
export class ApproveTimeOffPayload {
  @Field(() => TimeOffRequestModel)
  request!: TimeOffRequestModel;

  @Field(() => [ShiftModel], {
    description: 'The agent’s shifts that overlap the time off (cancelled ones included when asked).',
  })
  collidingShifts!: ShiftModel[];

  @Field(() => [ID])
  cancelledShiftIds!: string[];
}

@ObjectType()
export class DenyTimeOffPayload {
  @Field(() => TimeOffRequestModel)
  request!: TimeOffRequestModel;
}
