import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
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

/** "HH:MM", 00:00 to 24:00. */
const TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export enum ShiftPreferenceKind {
  PREFER = 'PREFER',
  AVOID = 'AVOID',
}
registerEnumType(ShiftPreferenceKind, {
  name: 'ShiftPreferenceKind',
  description: 'PREFER: met when the agent gets a matching shift; AVOID: met when it gets none.',
});

@ObjectType('AvailabilityWindow', { description: 'A recurring weekly window in the team’s local time.' })
export class AvailabilityWindowModel {
  @Field(() => Int, { description: 'ISO weekday: 1 = Monday … 7 = Sunday.' })
  weekday!: number;

  @Field({ description: 'Local start, "HH:MM".' })
  startTime!: string;

  @Field({ description: 'Local end, "HH:MM" (24:00 = midnight after), after the start.' })
  endTime!: string;
}

@ObjectType('AvailabilityException', {
  description: 'A dated exception: unavailable (all day without times, or between them) or available in an extra span.',
})
export class AvailabilityExceptionModel {
  @Field({ description: 'Local date, YYYY-MM-DD.' })
  date!: string;

  @Field()
  available!: boolean;

  @Field(() => String, { nullable: true })
  startTime!: string | null;

  @Field(() => String, { nullable: true })
  endTime!: string | null;

  @Field(() => String, { nullable: true })
  note!: string | null;
}

@ObjectType('ShiftPreference', { description: 'A weighted wish about shifts on a weekday and/or of a template.' })
export class ShiftPreferenceModel {
  @Field(() => ShiftPreferenceKind)
  kind!: ShiftPreferenceKind;

  @Field(() => Int, { nullable: true, description: 'ISO weekday the wish is about (any day when absent).' })
  weekday!: number | null;

  @Field(() => ID, { nullable: true, description: 'Shift template the wish is about (any template when absent).' })
  templateId!: string | null;

  @Field(() => Float, {
    description: 'How much it matters, in paid-hour equivalents at the team’s mean rate (0 < weight ≤ 100).',
  })
  weight!: number;
}

@ObjectType('AgentAvailability', {
  description: 'When an agent can work and what they would like. No window and no exception: always available.',
})
export class AgentAvailabilityModel {
  @Field(() => ID)
  agentId!: string;

  @Field(() => [AvailabilityWindowModel])
  windows!: AvailabilityWindowModel[];

  @Field(() => [AvailabilityExceptionModel])
  exceptions!: AvailabilityExceptionModel[];

  @Field(() => [ShiftPreferenceModel])
  preferences!: ShiftPreferenceModel[];
}

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

@ObjectType()
export class SetAgentAvailabilityPayload {
  @Field(() => AgentAvailabilityModel)
  availability!: AgentAvailabilityModel;
}

@ArgsType()
export class AgentAvailabilityArgs {
  @Field(() => ID, { nullable: true, description: 'The agent (default: the signed-in agent).' })
  @IsOptional()
  @IsUUID()
  agentId?: string;
}
