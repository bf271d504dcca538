import { FieldProblem, RowsCheckedByHand } from '@deskforce/platform';
import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import { textLength } from '../ingest/text-values';

export const MAX_INGEST_BATCH = 5000;

/** How a date-time field of a row is described: text, so that a bad one rejects its row only. */
const ISO =
  'An ISO 8601 date-time with an offset, e.g. 2026-04-01T09:00:00+02:00; anything else rejects this row only.';

/*
 * The GraphQL layer checks only the shape of each row: GraphQL itself the types of the numeric, boolean and
 * id fields and that the required ones are there, and `checkRowShapes` below the length of its strings; a
 * shape error refuses the whole request. The enum-like fields (channel, status, state) and the date-times
 * are Strings on purpose: as GraphQL enums and DateTime, one row with a value from a newer help desk or a
 * malformed date made GraphQL refuse all 5,000 rows. Their values are checked with the other rules of a row
 * (ingest/ingest-rules.ts, the rules the import command runs too), so such a row is listed in `rejected`
 * with its field and the others land. The rows are not run through class-validator and class-transformer
 * (only the envelope is: at most 5,000 rows; see RowsCheckedByHand): on a full batch that took the global
 * pipe about 330 ms (4 ms now), for checks GraphQL and the rules make anyway.
 */

@InputType({
  description: 'One customer contact or ticket. (source, externalId) identifies it: re-sending updates it.',
})
export class InteractionInput {
  @Field({ description: 'The system it comes from, e.g. "zendesk" (1–64 characters).' })
  source!: string;

  @Field({ description: 'Its id in that system (1–200 characters).' })
  externalId!: string;

  @Field(() => String, {
    description:
      'One of PHONE, EMAIL, CHAT, SOCIAL, WEB, API, MESSAGING, VOICEMAIL (the Channel enum). Another value rejects this row only.',
  })
  channel!: string;

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

  @Field(() => String, { description: 'One of OPEN, RESOLVED, ESCALATED. Another value rejects this row only.' })
  status!: string;

  @Field(() => String, { description: `${ISO} When the contact arrived.` })
  createdAt!: string;

  @Field(() => String, { nullable: true, description: `${ISO} First public reply by an agent.` })
  firstResponseAt?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `${ISO} The first time it was set resolved (required when RESOLVED).`,
  })
  resolvedAt?: string | null;

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

  @Field(() => String, {
    nullable: true,
    description: `${ISO} PHONE, CHAT and MESSAGING (live queues): when an agent picked it up.`,
  })
  answeredAt?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `${ISO} PHONE, CHAT and MESSAGING: when the customer hung up or left the queue.`,
  })
  abandonedAt?: string | null;

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

  @Field(() => String, { description: `${ISO} When the customer answered.` })
  respondedAt!: string;
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

  @Field(() => String, {
    description: 'One of AVAILABLE, BUSY, AFTER_CALL_WORK, BREAK, OFFLINE. Another value rejects this row only.',
  })
  state!: string;

  @Field(() => String, { description: ISO })
  startedAt!: string;

  @Field(() => String, { description: ISO })
  endedAt!: string;
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
    channel: 100,
    status: 100,
    createdAt: 100,
    firstResponseAt: 100,
    resolvedAt: 100,
    answeredAt: 100,
    abandonedAt: 100,
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
    respondedAt: 100,
  },
  states: { agentId: 100, state: 100, startedAt: 100, endedAt: 100 },
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
