import { DateTimeScalar, Connection } from '@deskforce/platform';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { TimeOffStatus, TimeOffType } from '../scheduling.enums';
import { ShiftModel } from './shift.model';

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

@ObjectType()
export class CancelTimeOffPayload {
  @Field(() => TimeOffRequestModel)
  request!: TimeOffRequestModel;
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
