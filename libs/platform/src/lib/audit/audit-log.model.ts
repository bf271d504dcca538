import { Field, ID, ObjectType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { DateTimeScalar } from '../graphql/scalars';
import { Connection } from '../pagination/connection';

@ObjectType('AuditEntry', { description: 'One change: who made it, when, and the record before and after.' })
export class AuditEntryModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'SHIFT, SHIFT_ACTIVITY, TIME_OFF_REQUEST, SHIFT_SWAP, …' })
  entityType!: string;

  @Field(() => ID)
  entityId!: string;

  @Field(() => ID, { nullable: true, description: 'The agent the change concerns, when there is one.' })
  agentId!: string | null;

  @Field({ description: 'CREATE, UPDATE, DELETE, CANCEL, PUBLISH, APPROVE, …' })
  action!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The user who made the change (for an API token: the admin who created it).',
  })
  actorUserId!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The API token the change was made with, when it was not a user’s session.',
  })
  actorApiTokenId!: string | null;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field(() => GraphQLJSON, { nullable: true })
  before!: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  after!: unknown;
}

@ObjectType('AuditEntryConnection')
export class AuditEntryConnection extends Connection(AuditEntryModel, 'AuditEntry') {}
