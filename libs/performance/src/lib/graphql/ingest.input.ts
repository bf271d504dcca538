import { Channel, DateTimeScalar } from '@deskforce/platform';
import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDate, IsEnum, IsInt, IsNumber, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { AgentState, InteractionStatus } from '../performance.enums';

export const MAX_INGEST_BATCH = 5000;

/*
 * The GraphQL layer checks only the shape of each row (types, enums, date-times with an offset): a shape
 * error refuses the whole request. The rules of a row (ranges, ordering, known agent…) are checked by the
 * ingest statement, row by row, and a failing row is listed in `rejected` while the others land.
 */

@InputType({ description: 'One customer contact or ticket. (source, externalId) identifies it: re-sending updates it.' })
export class InteractionInput {
  @Field({ description: 'The system it comes from, e.g. "zendesk" (1–64 characters).' })
  @IsString()
  @MaxLength(1000)
  source!: string;

  @Field({ description: 'Its id in that system (1–200 characters).' })
  @IsString()
  @MaxLength(1000)
  externalId!: string;

  @Field(() => Channel)
  @IsEnum(Channel)
  channel!: Channel;

  @Field(() => ID, { nullable: true, description: 'The agent who handled it; none for a contact abandoned in the queue.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  agentId?: string | null;

  @Field(() => ID, { nullable: true, description: "Defaults to the agent's current team; required without an agent." })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  teamId?: string | null;

  @Field(() => String, { nullable: true, description: 'An opaque customer reference (at most 200 characters).' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  customerRef?: string | null;

  @Field(() => String, { nullable: true, description: 'E.g. "billing" (1–100 characters).' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  category?: string | null;

  @Field(() => InteractionStatus)
  @IsEnum(InteractionStatus)
  status!: InteractionStatus;

  @Field(() => DateTimeScalar)
  @IsDate()
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'First public reply by an agent.' })
  @IsOptional()
  @IsDate()
  firstResponseAt?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'The first time it was set resolved (required when RESOLVED).' })
  @IsOptional()
  @IsDate()
  resolvedAt?: Date | null;

  @Field(() => Int, { nullable: true, description: 'Talk + hold + after-contact work, in seconds.' })
  @IsOptional()
  @IsInt()
  handleTimeSeconds?: number | null;

  @Field(() => String, { nullable: true, description: 'Department it was escalated to, e.g. "technical support" (required when ESCALATED).' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  escalatedTo?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: 0 })
  @IsOptional()
  @IsInt()
  reopenCount?: number | null;

  @Field(() => Int, { nullable: true, description: 'Customer contacts it took to resolve (1 = first contact resolution).' })
  @IsOptional()
  @IsInt()
  contactsToResolve?: number | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  complaint?: boolean | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'PHONE and CHAT: when an agent picked it up.' })
  @IsOptional()
  @IsDate()
  answeredAt?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'PHONE and CHAT: when the customer hung up or left the queue.' })
  @IsOptional()
  @IsDate()
  abandonedAt?: Date | null;

  @Field(() => Float, { nullable: true, description: 'PHONE and CHAT: seconds in the queue; defaults to answeredAt (or abandonedAt) − createdAt.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  waitTimeSeconds?: number | null;
}

@InputType()
export class IngestInteractionsInput {
  @Field(() => [InteractionInput], { description: `At most ${MAX_INGEST_BATCH} rows.` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_INGEST_BATCH)
  @ValidateNested({ each: true })
  @Type(() => InteractionInput)
  interactions!: InteractionInput[];
}

@InputType({ description: 'A survey answer about one interaction. (source, externalId) identifies it.' })
export class SurveyResponseInput {
  @Field()
  @IsString()
  @MaxLength(1000)
  source!: string;

  @Field()
  @IsString()
  @MaxLength(1000)
  externalId!: string;

  @Field(() => String, { nullable: true, description: "The interaction's source; defaults to this response's source." })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  interactionSource?: string | null;

  @Field({ description: 'The externalId of the interaction it rates.' })
  @IsString()
  @MaxLength(1000)
  interactionExternalId!: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  agentId?: string | null;

  @Field(() => Int, { nullable: true, description: '1 to 5.' })
  @IsOptional()
  @IsInt()
  csat?: number | null;

  @Field(() => Int, { nullable: true, description: '0 to 10.' })
  @IsOptional()
  @IsInt()
  nps?: number | null;

  @Field(() => String, { nullable: true, description: 'At most 5000 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(100000)
  comment?: string | null;

  @Field(() => DateTimeScalar)
  @IsDate()
  respondedAt!: Date;
}

@InputType()
export class IngestSurveyResponsesInput {
  @Field(() => [SurveyResponseInput], { description: `At most ${MAX_INGEST_BATCH} rows.` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_INGEST_BATCH)
  @ValidateNested({ each: true })
  @Type(() => SurveyResponseInput)
  responses!: SurveyResponseInput[];
}

@InputType({ description: 'An agent was in `state` from startedAt to endedAt (at most 24 hours). (agentId, startedAt) identifies it.' })
export class AgentStateInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(100)
  agentId!: string;

  @Field(() => AgentState)
  @IsEnum(AgentState)
  state!: AgentState;

  @Field(() => DateTimeScalar)
  @IsDate()
  startedAt!: Date;

  @Field(() => DateTimeScalar)
  @IsDate()
  endedAt!: Date;
}

@InputType()
export class IngestAgentStatesInput {
  @Field(() => [AgentStateInput], { description: `At most ${MAX_INGEST_BATCH} rows.` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_INGEST_BATCH)
  @ValidateNested({ each: true })
  @Type(() => AgentStateInput)
  states!: AgentStateInput[];
}

@ObjectType('IngestRejection', { description: 'A row that was not stored, and why. The other rows of the batch were.' })
export class IngestRejectionModel {
  @Field(() => Int, { description: 'Position of the row in the batch, from 0.' })
  index!: number;

  @Field({ description: 'Path of the offending field, e.g. input.interactions.3.resolvedAt.' })
  field!: string;

  @Field()
  message!: string;
}

@ObjectType('IngestPayload')
export class IngestPayload {
  @Field(() => Int)
  inserted!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int, { description: 'Valid rows identical to what was stored already: nothing written.' })
  unchanged!: number;

  @Field(() => [IngestRejectionModel])
  rejected!: IngestRejectionModel[];
}
