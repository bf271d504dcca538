import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ShiftPreferenceKind } from './availability.model';

/** "HH:MM", 00:00 to 24:00. */
const TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

@InputType()
export class AvailabilityWindowInput {
  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(7)
  weekday!: number;

  @Field()
  @IsString()
  @Matches(TIME, { message: 'must be a time "HH:MM" from 00:00 to 24:00' })
  startTime!: string;

  @Field()
  @IsString()
  @Matches(TIME, { message: 'must be a time "HH:MM" from 00:00 to 24:00' })
  endTime!: string;
}

@InputType()
export class AvailabilityExceptionInput {
  @Field()
  @IsString()
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  date!: string;

  @Field({ description: 'false: not available (all day without times); true: available between the times as well.' })
  @IsBoolean()
  available!: boolean;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Matches(TIME, { message: 'must be a time "HH:MM" from 00:00 to 24:00' })
  startTime?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Matches(TIME, { message: 'must be a time "HH:MM" from 00:00 to 24:00' })
  endTime?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

@InputType()
export class ShiftPreferenceInput {
  @Field(() => ShiftPreferenceKind)
  @IsEnum(ShiftPreferenceKind)
  kind!: ShiftPreferenceKind;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(7)
  weekday?: number;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  templateId?: string;

  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(100)
  weight!: number;
}

@InputType({ description: 'Replaces the agent’s availability and wishes as a whole.' })
export class SetAgentAvailabilityInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The agent; agents may only set their own (default: the signed-in agent).',
  })
  @IsOptional()
  @IsUUID()
  agentId?: string;

  @Field(() => [AvailabilityWindowInput])
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AvailabilityWindowInput)
  windows!: AvailabilityWindowInput[];

  @Field(() => [AvailabilityExceptionInput], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(400)
  @ValidateNested({ each: true })
  @Type(() => AvailabilityExceptionInput)
  exceptions: AvailabilityExceptionInput[] = [];

  @Field(() => [ShiftPreferenceInput], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ShiftPreferenceInput)
  preferences: ShiftPreferenceInput[] = [];
}
