import { DateTimeScalar, LocalDateScalar, OptionalIdsField } from '@deskforce/platform';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
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
} from 'class-validator';
import { MentorshipStatus, TrainingMetric } from '../training.enums';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

const SKILL = /^[a-z0-9][a-z0-9_ -]{0,62}$/;

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
