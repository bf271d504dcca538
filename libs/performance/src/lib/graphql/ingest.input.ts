import { Channel, DateTimeScalar, FieldProblem, RowsCheckedByHand } from '@deskforce/platform';
import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import { AgentState, InteractionStatus } from '../performance.enums';
import { textLength } from '../ingest/text-values';

export const MAX_INGEST_BATCH = 5000;

/*
 * The GraphQL layer checks only the shape of each row: GraphQL itself its types, enums and date-times with
 * an offset, and `checkRowShapes` below the length of its strings; a shape error refuses the whole request.
 * The rows are not run through class-validator and class-transformer (only the envelope is: at most
 * 5,000 rows; see RowsCheckedByHand): on a full batch that took the global pipe about 330 ms (4 ms now),
 * for checks GraphQL had already made. The rules of a row (ranges,
 * ordering, known agent…) are checked by ingest/ingest-rules.ts, row by row, and a failing row is listed
 * in `rejected` while the others land.
 */

@InputType({
  description: 'One customer contact or ticket. (source, externalId) identifies it: re-sending updates it.',
})
export class InteractionInput {
  @Field({ description: 'The system it comes from, e.g. "zendesk" (1–64 characters).' })
  source!: string;

  @Field({ description: 'Its id in that system (1–200 characters).' })
  externalId!: string;

  @Field(() => Channel)
  channel!: Channel;

  @Field(() => ID, {
    nullable: true,
    description: 'The agent who handled it; none for a contact abandoned in the queue.',
  })
  agentId?: string | null;

  @Field(() => ID, { nullable: true, description: "Defaults to the agent's current team; required without an agent." })
  teamId?: string | null;

  @Field(() => String, { nullable: true, description: 'An opaque customer reference (at most 200 characters).' })
  customerRef?: string | null;

  @Field(() => String, { nullable: true, description: 'E.g. "billing" (1–100 characters).' })
  category?: string | null;

  @Field(() => InteractionStatus)
  status!: InteractionStatus;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'First public reply by an agent.' })
  firstResponseAt?: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'The first time it was set resolved (required when RESOLVED).',
  })
  resolvedAt?: Date | null;

  @Field(() => Int, { nullable: true, description: 'Talk + hold + after-contact work, in seconds.' })
  handleTimeSeconds?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Department it was escalated to, e.g. "technical support" (required when ESCALATED).',
  })
  escalatedTo?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: 0 })
  reopenCount?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Customer contacts it took to resolve (1 = first contact resolution).',
  })
  contactsToResolve?: number | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  complaint?: boolean | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'PHONE, CHAT and MESSAGING (live queues): when an agent picked it up.',
  })
  answeredAt?: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'PHONE, CHAT and MESSAGING: when the customer hung up or left the queue.',
  })
  abandonedAt?: Date | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'PHONE, CHAT and MESSAGING: seconds in the queue; defaults to answeredAt (or abandonedAt) − createdAt.',
  })
  waitTimeSeconds?: number | null;
}

@InputType()
export class IngestInteractionsInput {
  @Field(() => [InteractionInput], { description: `At most ${MAX_INGEST_BATCH} rows.` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_INGEST_BATCH)
  @RowsCheckedByHand()
  interactions!: InteractionInput[];
}

@InputType({ description: 'A survey answer about one interaction. (source, externalId) identifies it.' })
export class SurveyResponseInput {
  @Field()
  source!: string;

  @Field()
  externalId!: string;

  @Field(() => String, { nullable: true, description: "The interaction's source; defaults to this response's source." })
  interactionSource?: string | null;

  @Field({ description: 'The externalId of the interaction it rates.' })
  interactionExternalId!: string;

  @Field(() => ID, { nullable: true })
  agentId?: string | null;

  @Field(() => Int, { nullable: true, description: '1 to 5.' })
  csat?: number | null;

  @Field(() => Int, { nullable: true, description: '0 to 10.' })
  nps?: number | null;

  @Field(() => String, { nullable: true, description: 'At most 5000 characters.' })
  comment?: string | null;

  @Field(() => DateTimeScalar)
  respondedAt!: Date;
}

@InputType()
export class IngestSurveyResponsesInput {
  @Field(() => [SurveyResponseInput], { description: `At most ${MAX_INGEST_BATCH} rows.` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_INGEST_BATCH)
  @RowsCheckedByHand()
  responses!: SurveyResponseInput[];
}

@InputType({
  description:
    'An agent was in `state` from startedAt to endedAt (at most 24 hours). (agentId, startedAt) identifies it.',
})
export class AgentStateInput {
  @Field(() => ID)
  agentId!: string;

  @Field(() => AgentState)
  state!: AgentState;

  @Field(() => DateTimeScalar)
  startedAt!: Date;

  @Field(() => DateTimeScalar)
  endedAt!: Date;
}

@InputType()
export class IngestAgentStatesInput {
  @Field(() => [AgentStateInput], { description: `At most ${MAX_INGEST_BATCH} rows.` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_INGEST_BATCH)
  @RowsCheckedByHand()
  states!: AgentStateInput[];
}

/** The longest strings a row may carry (a longer one refuses the batch; the row rules are stricter). */
const ROW_STRING_LIMITS: Record<'interactions' | 'responses' | 'states', Record<string, number>> = {
  interactions: {
    source: 1000,
    externalId: 1000,
    agentId: 100,
    teamId: 100,
    customerRef: 1000,
    category: 1000,
    escalatedTo: 1000,
  },
  responses: {
    source: 1000,
    externalId: 1000,
    interactionSource: 1000,
    interactionExternalId: 1000,
    agentId: 100,
    comment: 100000,
  },
  states: { agentId: 100 },
};

/**
 * The hand-written shape check of the rows of a batch (what class-validator's MaxLength did): every string
 * longer than its limit, as `input.<list>.<index>.<field>`. Empty when the batch may go on.
 */
export function checkRowShapes(list: keyof typeof ROW_STRING_LIMITS, rows: readonly object[]): FieldProblem[] {
  const limits = Object.entries(ROW_STRING_LIMITS[list]);
  const problems: FieldProblem[] = [];
  rows.forEach((row, index) => {
    for (const [field, max] of limits) {
      const value = (row as Record<string, unknown>)[field];
      if (typeof value === 'string' && value.length > max && textLength(value) > max) {
        problems.push({ field: `input.${list}.${index}.${field}`, message: `must be at most ${max} characters` });
      }
    }
  });
  return problems;
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
