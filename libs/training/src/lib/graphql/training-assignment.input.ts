import { DateTimeScalar, LocalDateScalar, OptionalIdsField } from '@deskforce/platform';
import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
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
} from 'class-validator';
import { TrainingAssignmentStatus } from '../training.enums';

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

@InputType()
export class MyTrainingFilter {
  @Field(() => TrainingAssignmentStatus, { nullable: true })
  @IsOptional()
  @IsEnum(TrainingAssignmentStatus)
  status?: TrainingAssignmentStatus;
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
