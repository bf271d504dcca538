import { Connection, DateTimeScalar } from '@deskforce/platform';
import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';

/** The events an endpoint may subscribe to; each value is the event's name on the wire (`Deskforce-Event`). */
export enum WebhookEvent {
  SCHEDULE_PUBLISHED = 'schedule.published',
  TIMEOFF_DECIDED = 'timeoff.decided',
  SWAP_DECIDED = 'swap.decided',
  SCHEDULE_JOB_FINISHED = 'schedule_job.finished',
  TRAINING_OVERDUE = 'training.overdue',
  KPI_ALERT_CHANGED = 'kpi.alert.changed',
}
registerEnumType(WebhookEvent, {
  name: 'WebhookEvent',
  description:
    'An event sent to webhooks; its name on the wire is in lower case with dots (SCHEDULE_PUBLISHED: schedule.published).',
});

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'PENDING: not yet answered with 2xx, more attempts to come; FAILED: given up.',
});

@ObjectType('WebhookEndpoint', { description: 'An address that receives signed events (never shows its secret).' })
export class WebhookEndpointModel {
  @Field(() => ID)
  id!: string;

  @Field()
  url!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => [WebhookEvent])
  events!: WebhookEvent[];

  @Field({ description: 'An inactive endpoint is sent nothing; its pending deliveries fail.' })
  active!: boolean;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => ID)
  createdByUserId!: string;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

@ObjectType('WebhookEndpointConnection')
export class WebhookEndpointConnection extends Connection(WebhookEndpointModel, 'WebhookEndpoint') {}

@ObjectType('WebhookDeliveryAttempt', { description: 'One try of a delivery and what the receiver answered.' })
export class WebhookDeliveryAttemptModel {
  @Field(() => Int)
  attempt!: number;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field(() => Int, {
    nullable: true,
    description: 'The HTTP status answered; null when no answer came (timeout, refused connection).',
  })
  statusCode!: number | null;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => Int)
  durationMs!: number;
}

@ObjectType('WebhookDelivery', { description: 'One event sent to one endpoint, with its attempts.' })
export class WebhookDeliveryModel {
  @Field(() => ID, { description: 'Sent as the Deskforce-Delivery header.' })
  id!: string;

  @Field(() => ID)
  endpointId!: string;

  @Field(() => WebhookEvent)
  event!: WebhookEvent;

  @Field(() => ID, {
    description: 'The event: the same on a resend, so a receiver can ignore what it already handled.',
  })
  eventId!: string;

  @Field(() => WebhookDeliveryStatus)
  status!: WebhookDeliveryStatus;

  @Field(() => Int)
  attempts!: number;

  @Field(() => Int, { nullable: true })
  lastStatusCode!: number | null;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  lastAttemptAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the next attempt is due (PENDING only).' })
  nextAttemptAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  deliveredAt!: Date | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => ID, { nullable: true, description: 'The delivery this one re-sends.' })
  resentFromId!: string | null;

  @Field(() => GraphQLJSON, { description: 'The body sent: { id, event, occurredAt, data }.' })
  payload!: unknown;

  @Field(() => [WebhookDeliveryAttemptModel], { description: 'Every attempt, first first.' })
  attemptLog!: WebhookDeliveryAttemptModel[];
}

@ObjectType('WebhookDeliveryConnection')
export class WebhookDeliveryConnection extends Connection(WebhookDeliveryModel, 'WebhookDelivery') {}

@ObjectType()
export class CreateWebhookEndpointPayload {
  @Field(() => WebhookEndpointModel)
  endpoint!: WebhookEndpointModel;

  @Field({ description: 'The signing secret: shown here once, never again. Verify Deskforce-Signature with it.' })
  secret!: string;
}

@ObjectType()
export class UpdateWebhookEndpointPayload {
  @Field(() => WebhookEndpointModel)
  endpoint!: WebhookEndpointModel;
}

@ObjectType()
export class DeleteWebhookEndpointPayload {
  @Field(() => ID)
  deletedId!: string;
}

@ObjectType()
export class ResendWebhookDeliveryPayload {
  @Field(() => WebhookDeliveryModel, { description: 'The new delivery (same event id), PENDING.' })
  delivery!: WebhookDeliveryModel;
}
