import { Channel, DateTimeScalar, IsOmittable, OptionalIdsField } from '@deskforce/platform';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ActivityType, ShiftStatus } from '../scheduling.enums';

const SKILL = /^[a-z0-9][a-z0-9_ -]{0,62}$/;

@InputType()
export class ShiftActivityInput {
  @Field(() => ActivityType)
  @IsEnum(ActivityType)
  type!: ActivityType;

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

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;
}

@InputType()
export class CreateShiftInput {
  @Field(() => ID)
  @IsUUID()
  agentId!: string;

  @Field(() => DateTimeScalar)
  @IsDate()
  startsAt!: Date;

  @Field(() => DateTimeScalar)
  @IsDate()
  endsAt!: Date;

  @Field(() => Channel, { nullable: true })
  @IsOptional()
  @IsEnum(Channel)
  channel?: Channel;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(SKILL, { message: 'must be a lowercase skill name' })
  skill?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @Field(() => [ShiftActivityInput], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ShiftActivityInput)
  activities: ShiftActivityInput[] = [];
}

@InputType()
export class UpdateShiftInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => Int, { description: 'The version you read.' })
  @IsInt()
  @Min(1)
  version!: number;

  @Field(() => DateTimeScalar, { nullable: true })
  @IsOmittable()
  @IsDate()
  startsAt?: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  @IsOmittable()
  @IsDate()
  endsAt?: Date;

  @Field(() => ID, { nullable: true, description: 'Move the shift to another agent of the team.' })
  @IsOmittable()
  @IsUUID()
  agentId?: string;

  @Field(() => Channel, { nullable: true })
  @IsOptional()
  @IsEnum(Channel)
  channel?: Channel | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(SKILL, { message: 'must be a lowercase skill name' })
  skill?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

@InputType()
export class DeleteShiftInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  version!: number;
}

@InputType()
export class AddShiftActivityInput extends ShiftActivityInput {
  @Field(() => ID)
  @IsUUID()
  shiftId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  version!: number;
}

@InputType()
export class RemoveShiftActivityInput {
  @Field(() => ID)
  @IsUUID()
  activityId!: string;

  @Field(() => Int, { description: 'The version of the shift you read.' })
  @IsInt()
  @Min(1)
  version!: number;
}

@InputType()
export class PublishScheduleInput {
  @Field(() => ID)
  @IsUUID()
  teamId!: string;

  @Field(() => DateTimeScalar)
  @IsDate()
  from!: Date;

  @Field(() => DateTimeScalar)
  @IsDate()
  to!: Date;
}

@InputType()
export class ClearDraftShiftsInput {
  @Field(() => ID)
  @IsUUID()
  teamId!: string;

  @Field(() => DateTimeScalar, { description: 'Drafts that start at or after this instant…' })
  @IsDate()
  from!: Date;

  @Field(() => DateTimeScalar, { description: '…and before this one.' })
  @IsDate()
  to!: Date;

  @OptionalIdsField({ max: 1000, description: 'Only these agents’ drafts (default: every agent of the team).' })
  agentIds?: string[];
}

@InputType()
export class ShiftFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @OptionalIdsField({ max: 1000 })
  agentIds?: string[];

  @Field(() => DateTimeScalar, { nullable: true, description: 'Shifts ending after this instant.' })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Shifts starting before this instant.' })
  @IsOptional()
  @IsDate()
  to?: Date;

  @Field(() => ShiftStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ShiftStatus)
  status?: ShiftStatus;
}
