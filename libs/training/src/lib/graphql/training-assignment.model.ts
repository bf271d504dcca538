import { Connection, DateTimeScalar, LocalDateScalar, OptionalIdsField, PageArgs } from '@deskforce/platform';
import { ShiftModel } from '@deskforce/scheduling';
import { ArgsType, Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDate,
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
  MinLength,
  ValidateNested,
} from 'class-validator';
import { TrainingAssignmentStatus } from '../training.enums';

@ObjectType('TrainingAssignment', {
  description: 'One module assigned to one agent (never two for the same agent and module).',
})
export class TrainingAssignmentModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  agentId!: string;

  @Field(() => ID, { description: 'The agent’s team when the module was assigned; reports group by it.' })
  teamId!: string;

  @Field(() => ID)
  moduleId!: string;

  @Field(() => ID, { nullable: true, description: 'The path it was assigned through, if any.' })
  pathId!: string | null;

  @Field(() => TrainingAssignmentStatus)
  status!: TrainingAssignmentStatus;

  @Field(() => Int)
  progressPercent!: number;

  @Field(() => DateTimeScalar)
  dueAt!: Date;

  @Field(() => ID, { nullable: true })
  assignedBy!: string | null;

  @Field(() => DateTimeScalar)
  assignedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  startedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  completedAt!: Date | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The module version completed (acknowledged, for a POLICY module).',
  })
  completedVersion!: number | null;

  @Field(() => String, { nullable: true })
  waivedReason!: string | null;

  @Field(() => ID, { nullable: true })
  waivedBy!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  waivedAt!: Date | null;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

@ObjectType('TrainingAssignmentConnection')
export class TrainingAssignmentConnection extends Connection(TrainingAssignmentModel, 'TrainingAssignment') {}

@ObjectType('TrainingQuizAttempt')
export class TrainingQuizAttemptModel {
  @Field(() => ID)
  id!: string;

  @Field(() => Float)
  score!: number;

  @Field({
    description: 'Whether the score met the passing score in force at the time (true when the module has none).',
  })
  passed!: boolean;

  @Field(() => Int)
  moduleVersion!: number;

  @Field(() => DateTimeScalar)
  attemptedAt!: Date;
}

@ObjectType('TrainingSession', {
  description: 'A session of the module booked into the agent’s shift as a TRAINING activity.',
})
export class TrainingSessionModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  shiftActivityId!: string;

  @Field(() => DateTimeScalar)
  startsAt!: Date;

  @Field(() => DateTimeScalar)
  endsAt!: Date;
}

@InputType()
export class AssignTrainingInput {
  @Field(() => ID, { nullable: true, description: 'Give moduleId or pathId.' })
  @IsOptional()
  @IsUUID()
  moduleId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  pathId?: string;

  @Field(() => [ID], { nullable: true, description: 'Give agentIds or teamId (every active agent of the team).' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  agentIds?: string[];

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      'Required with moduleId. With pathId: the latest any module of the path may be due (each is otherwise due its dueAfterDays after the start).',
  })
  @IsOptional()
  @IsDate()
  dueAt?: Date;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'With pathId: the day the path starts, in each agent’s team time zone (default: today there).',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date, YYYY-MM-DD' })
  startsOn?: string;
}

@ObjectType()
export class AssignTrainingPayload {
  @Field(() => [TrainingAssignmentModel], { description: 'Every assignment the request covers, new or already there.' })
  assignments!: TrainingAssignmentModel[];

  @Field(() => Int)
  createdCount!: number;

  @Field(() => Int, { description: 'Assignments that already existed and were left as they are.' })
  alreadyAssignedCount!: number;
}

@InputType()
export class TrainingAssignmentFilter {
  @OptionalIdsField({ max: 1000 })
  agentIds?: string[];

  @OptionalIdsField({ max: 500 })
  teamIds?: string[];

  @OptionalIdsField({ max: 500 })
  moduleIds?: string[];

  @OptionalIdsField({ max: 500 })
  pathIds?: string[];

  @Field(() => TrainingAssignmentStatus, {
    nullable: true,
    description:
      'OVERDUE matches open assignments past their due date; ASSIGNED and IN_PROGRESS only those not overdue.',
  })
  @IsOptional()
  @IsEnum(TrainingAssignmentStatus)
  status?: TrainingAssignmentStatus;

  @Field(() => DateTimeScalar, { nullable: true })
  @IsOptional()
  @IsDate()
  dueBefore?: Date;
}

@ArgsType()
export class TrainingAssignmentsArgs extends PageArgs {
  @Field(() => TrainingAssignmentFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => TrainingAssignmentFilter)
  filter?: TrainingAssignmentFilter;
}

@InputType()
export class MyTrainingFilter {
  @Field(() => TrainingAssignmentStatus, { nullable: true })
  @IsOptional()
  @IsEnum(TrainingAssignmentStatus)
  status?: TrainingAssignmentStatus;
}

@ArgsType()
export class MyTrainingArgs extends PageArgs {
  @Field(() => MyTrainingFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MyTrainingFilter)
  filter?: MyTrainingFilter;
}

@InputType()
export class RecordTrainingProgressInput {
  @Field(() => ID)
  @IsUUID()
  assignmentId!: string;

  @Field(() => Int, { nullable: true, description: '0–100. Give progressPercent, quizScore or both.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  progressPercent?: number;

  @Field(() => Float, { nullable: true, description: 'A quiz attempt’s score, 0–100; every attempt is kept.' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  quizScore?: number;
}

@ObjectType()
export class RecordTrainingProgressPayload {
  @Field(() => TrainingAssignmentModel)
  assignment!: TrainingAssignmentModel;
}

@InputType()
export class CompleteTrainingInput {
  @Field(() => ID)
  @IsUUID()
  assignmentId!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'Required for a POLICY module: the version you read and acknowledge (CONFLICT when a newer one exists).',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  acknowledgedVersion?: number;
}

@ObjectType()
export class CompleteTrainingPayload {
  @Field(() => TrainingAssignmentModel)
  assignment!: TrainingAssignmentModel;
}

@InputType()
export class WaiveTrainingInput {
  @Field(() => ID)
  @IsUUID()
  assignmentId!: string;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;
}

@ObjectType()
export class WaiveTrainingPayload {
  @Field(() => TrainingAssignmentModel)
  assignment!: TrainingAssignmentModel;
}

@InputType()
export class BookTrainingSessionInput {
  @Field(() => ID)
  @IsUUID()
  assignmentId!: string;

  @Field(() => DateTimeScalar)
  @IsDate()
  startsAt!: Date;

  @Field(() => DateTimeScalar)
  @IsDate()
  endsAt!: Date;
}

@ObjectType()
export class BookTrainingSessionPayload {
  @Field(() => TrainingAssignmentModel)
  assignment!: TrainingAssignmentModel;

  @Field(() => TrainingSessionModel)
  session!: TrainingSessionModel;

  @Field(() => ShiftModel, { description: 'The shift the TRAINING activity was booked into.' })
  shift!: ShiftModel;

  @Field(() => [String], { description: 'SOFT labor rules the booking strains.' })
  warnings!: string[];
}
