import { Connection, DateTimeScalar } from '@deskforce/platform';
import { ShiftModel } from '@deskforce/scheduling';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
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

@ObjectType()
export class AssignTrainingPayload {
  @Field(() => [TrainingAssignmentModel], { description: 'Every assignment the request covers, new or already there.' })
  assignments!: TrainingAssignmentModel[];

  @Field(() => Int)
  createdCount!: number;

  @Field(() => Int, { description: 'Assignments that already existed and were left as they are.' })
  alreadyAssignedCount!: number;
}

@ObjectType()
export class RecordTrainingProgressPayload {
  @Field(() => TrainingAssignmentModel)
  assignment!: TrainingAssignmentModel;
}

@ObjectType()
export class CompleteTrainingPayload {
  @Field(() => TrainingAssignmentModel)
  assignment!: TrainingAssignmentModel;
}

@ObjectType()
export class WaiveTrainingPayload {
  @Field(() => TrainingAssignmentModel)
  assignment!: TrainingAssignmentModel;
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
