import { Channel, Connection, DateTimeScalar } from '@deskforce/platform';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ActivityType, ShiftStatus } from '../scheduling.enums';
import { RuleViolationModel } from './rule.model';

@ObjectType('ShiftActivity', { description: 'A span inside a shift: a break, lunch, training, meeting or mentoring.' })
export class ShiftActivityModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ActivityType)
  type!: ActivityType;

  @Field(() => DateTimeScalar)
  startsAt!: Date;

  @Field(() => DateTimeScalar)
  endsAt!: Date;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => String, { nullable: true, description: 'What the activity is for, e.g. a training module id.' })
  reference!: string | null;
}

@ObjectType('Shift')
export class ShiftModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  agentId!: string;

  @Field(() => ID)
  teamId!: string;

  @Field(() => DateTimeScalar)
  startsAt!: Date;

  @Field(() => DateTimeScalar)
  endsAt!: Date;

  @Field(() => ShiftStatus)
  status!: ShiftStatus;

  @Field(() => Channel, { nullable: true })
  channel!: Channel | null;

  @Field(() => String, { nullable: true })
  skill!: string | null;

  @Field(() => ID, { nullable: true })
  templateId!: string | null;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => Int, { description: 'Send it back with an edit; a stale version is refused with CONFLICT.' })
  version!: number;

  @Field(() => [ShiftActivityModel])
  activities!: ShiftActivityModel[];

  @Field(() => DateTimeScalar, { nullable: true })
  publishedAt!: Date | null;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

@ObjectType('ShiftConnection')
export class ShiftConnection extends Connection(ShiftModel, 'Shift') {}

@ObjectType()
export class ClearDraftShiftsPayload {
  @Field(() => Int)
  deletedCount!: number;

  @Field(() => [ID])
  deletedShiftIds!: string[];
}

@ObjectType()
export class CreateShiftPayload {
  @Field(() => ShiftModel)
  shift!: ShiftModel;

  @Field(() => [RuleViolationModel], { description: 'SOFT rules the change strains.' })
  warnings!: RuleViolationModel[];
}

@ObjectType()
export class UpdateShiftPayload extends CreateShiftPayload {}

@ObjectType()
export class DeleteShiftPayload {
  @Field(() => ID)
  shiftId!: string;

  @Field({
    description: 'True when the shift was published and is now cancelled (kept for history) rather than deleted.',
  })
  cancelled!: boolean;
}

@ObjectType()
export class AddShiftActivityPayload extends CreateShiftPayload {
  @Field(() => ShiftActivityModel)
  activity!: ShiftActivityModel;
}

@ObjectType()
export class RemoveShiftActivityPayload extends CreateShiftPayload {}

@ObjectType()
export class PublishSchedulePayload {
  @Field(() => Int)
  publishedCount!: number;

  @Field(() => [ShiftModel])
  shifts!: ShiftModel[];
}
