import { Connection, DateTimeScalar, LocalDateScalar, OptionalIdsField, PageArgs } from '@deskforce/platform';
import { AgentModel } from '@deskforce/people';
import { ArgsType, Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { MentorshipStatus, TrainingMetric } from '../training.enums';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SKILL = /^[a-z0-9][a-z0-9_ -]{0,62}$/;

@ObjectType('Mentorship')
export class MentorshipModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  mentorId!: string;

  @Field(() => ID)
  menteeId!: string;

  @Field()
  goals!: string;

  @Field(() => LocalDateScalar)
  startsOn!: string;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'The planned end; the place is freed by endMentorship.',
  })
  endsOn!: string | null;

  @Field(() => MentorshipStatus)
  status!: MentorshipStatus;

  @Field(() => String, { nullable: true })
  endNote!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  endedAt!: Date | null;
}

@ObjectType('MentorshipConnection')
export class MentorshipConnection extends Connection(MentorshipModel, 'Mentorship') {}

@ObjectType('MentoringSession')
export class MentoringSessionModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  mentorshipId!: string;

  @Field(() => DateTimeScalar)
  heldAt!: Date;

  @Field(() => Int)
  durationMinutes!: number;

  @Field()
  notes!: string;

  @Field(() => TrainingMetric, { nullable: true, description: 'The KPI the session worked on.' })
  targetMetric!: TrainingMetric | null;

  @Field(() => String, { nullable: true, description: 'The skill the session worked on.' })
  targetSkill!: string | null;

  @Field(() => [String])
  followUps!: string[];

  @Field(() => ID, { nullable: true, description: 'The MENTORING activity in the mentor’s shift, when booked.' })
  mentorActivityId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The MENTORING activity in the mentee’s shift, when booked.' })
  menteeActivityId!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

@ObjectType('MentoringSessionConnection')
export class MentoringSessionConnection extends Connection(MentoringSessionModel, 'MentoringSession') {}

@InputType()
export class CreateMentorshipInput {
  @Field(() => ID, { description: 'An active agent of level SENIOR or above, with a free place.' })
  @IsUUID()
  mentorId!: string;

  @Field(() => ID)
  @IsUUID()
  menteeId!: string;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  goals!: string;

  @Field(() => LocalDateScalar)
  @Matches(LOCAL_DATE, { message: 'must be a date, YYYY-MM-DD' })
  startsOn!: string;

  @Field(() => LocalDateScalar, { nullable: true })
  @IsOptional()
  @Matches(LOCAL_DATE, { message: 'must be a date, YYYY-MM-DD' })
  endsOn?: string;
}

@ObjectType()
export class CreateMentorshipPayload {
  @Field(() => MentorshipModel)
  mentorship!: MentorshipModel;
}

@InputType()
export class EndMentorshipInput {
  @Field(() => ID)
  @IsUUID()
  mentorshipId!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

@ObjectType()
export class EndMentorshipPayload {
  @Field(() => MentorshipModel)
  mentorship!: MentorshipModel;
}

@InputType()
export class SetMentorCapacityInput {
  @Field(() => ID)
  @IsUUID()
  agentId!: string;

  @Field(() => Int, { description: 'Mentees at once, 0–50 (default 3 when never set).' })
  @IsInt()
  @Min(0)
  @Max(50)
  capacity!: number;
}

@ObjectType()
export class SetMentorCapacityPayload {
  @Field(() => ID)
  agentId!: string;

  @Field(() => Int)
  capacity!: number;

  @Field(() => Int)
  activeMentees!: number;
}

@InputType()
export class LogMentoringSessionInput {
  @Field(() => ID)
  @IsUUID()
  mentorshipId!: string;

  @Field(() => DateTimeScalar)
  @IsDate()
  heldAt!: Date;

  @Field(() => Int)
  @IsInt()
  @Min(5)
  @Max(480)
  durationMinutes!: number;

  @Field({ defaultValue: '' })
  @IsString()
  @MaxLength(10000)
  notes: string = '';

  @Field(() => TrainingMetric, { nullable: true })
  @IsOptional()
  @IsEnum(TrainingMetric)
  targetMetric?: TrainingMetric;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(SKILL, { message: 'must be a lowercase skill name' })
  targetSkill?: string;

  @Field(() => [String], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  followUps: string[] = [];

  @Field({
    defaultValue: false,
    description:
      'Also book the session as a MENTORING activity into both agents’ shifts (each must have a shift covering it).',
  })
  @IsBoolean()
  bookInSchedules: boolean = false;
}

@ObjectType()
export class LogMentoringSessionPayload {
  @Field(() => MentoringSessionModel)
  session!: MentoringSessionModel;
}

@InputType()
export class MentorshipFilter {
  @OptionalIdsField({ max: 500 })
  mentorIds?: string[];

  @OptionalIdsField({ max: 500 })
  menteeIds?: string[];

  @Field(() => MentorshipStatus, { nullable: true })
  @IsOptional()
  @IsEnum(MentorshipStatus)
  status?: MentorshipStatus;
}

@ArgsType()
export class MentorshipsArgs extends PageArgs {
  @Field(() => MentorshipFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MentorshipFilter)
  filter?: MentorshipFilter;
}

@InputType()
export class MentoringSessionFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  mentorshipId?: string;

  @Field(() => ID, { nullable: true, description: 'Sessions where this agent is mentor or mentee.' })
  @IsOptional()
  @IsUUID()
  agentId?: string;
}

@ArgsType()
export class MentoringSessionsArgs extends PageArgs {
  @Field(() => MentoringSessionFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MentoringSessionFilter)
  filter?: MentoringSessionFilter;
}

@ObjectType('MentorKpiStrength')
export class MentorKpiStrengthModel {
  @Field(() => TrainingMetric)
  metric!: TrainingMetric;

  @Field(() => Float)
  mentorValue!: number;

  @Field(() => Float)
  menteeValue!: number;

  @Field(() => Float, {
    description: 'The mentor’s standing among the candidates and the mentee, 0 (worst) to 1 (best).',
  })
  mentorPercentile!: number;
}

@ObjectType('MentorSuggestion')
export class MentorSuggestionModel {
  @Field(() => AgentModel)
  mentor!: AgentModel;

  @Field(() => Float, { description: '0 to 1; see the README for the weights.' })
  score!: number;

  @Field(() => String, { description: 'The reasons in one sentence.' })
  reason!: string;

  @Field(() => [String])
  reasons!: string[];

  @Field()
  sameTeam!: boolean;

  @Field(() => [String])
  sharedSkills!: string[];

  @Field(() => Int)
  freeCapacity!: number;

  @Field(() => [MentorKpiStrengthModel], {
    description: 'The mentor’s values on the mentee’s weakest KPIs (empty without KPI values).',
  })
  kpiStrengths!: MentorKpiStrengthModel[];
}

@ArgsType()
export class SuggestMentorsArgs {
  @Field(() => ID)
  @IsUUID()
  menteeId!: string;

  @Field(() => Int, { defaultValue: 5, description: 'At most 50.' })
  @IsInt()
  @Min(1)
  @Max(50)
  first: number = 5;

  @Field(() => Int, { defaultValue: 90, description: 'Days of KPI history to compare, up to today.' })
  @IsInt()
  @Min(7)
  @Max(365)
  windowDays: number = 90;
}
