import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';

const FINITE = { allowNaN: false, allowInfinity: false } as const;

/** A day of seconds: longer intervals, handle times or answer targets are not contact-centre figures. */
const DAY_SECONDS = 86_400;

/** Intervals in one deferred-work series: 31 days of 15-minute intervals. */
export const MAX_SERIES_INTERVALS = 2976;

/**
 * The ranges that make sense (shrinkage in [0, 1), targets in (0, 1], …) are judged by the staffing core,
 * which names the field in BAD_USER_INPUT; the decorators here only refuse non-numbers and sizes no
 * contact centre has, so that no request can make the server loop.
 */
@InputType({ isAbstract: true })
export abstract class QueueTargetsFields {
  @Field(() => Float, {
    description: 'Share of contacts to answer within targetAnswerSeconds, in (0, 1]: 0.8 for 80/20.',
  })
  @IsNumber(FINITE)
  serviceLevelTarget!: number;

  @Field(() => Float, { description: 'Answer-time target T of the service level, in seconds: 20 for 80/20.' })
  @IsNumber(FINITE)
  @Max(DAY_SECONDS)
  targetAnswerSeconds!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Optional ceiling on the average speed of answer, in seconds (> 0).',
  })
  @IsOptional()
  @IsNumber(FINITE)
  @Max(DAY_SECONDS)
  asaTargetSeconds?: number;

  @Field(() => Float, {
    description:
      'Share of paid time not available for contacts, in [0, 1): scheduled = ceil(agents ÷ (1 − shrinkage)).',
  })
  @IsNumber(FINITE)
  shrinkage!: number;

  @Field(() => Float, { defaultValue: 1, description: 'Highest acceptable occupancy A ÷ N, in (0, 1]; 1 = no cap.' })
  @IsNumber(FINITE)
  maxOccupancy: number = 1;
}

@InputType({ isAbstract: true })
export abstract class QueueIntervalFields extends QueueTargetsFields {
  @Field(() => Float, { description: 'Contacts offered in the interval.' })
  @IsNumber(FINITE)
  @Max(10_000_000)
  contacts!: number;

  @Field(() => Float, { description: 'Interval length in seconds: 1800 for 30 minutes.' })
  @IsNumber(FINITE)
  @Max(DAY_SECONDS)
  intervalSeconds!: number;

  @Field(() => Float, { description: 'Average handle time in seconds (talk + hold + after-contact work).' })
  @IsNumber(FINITE)
  @Max(DAY_SECONDS)
  ahtSeconds!: number;
}

@InputType('ErlangCInput', { description: 'One interval of a live queue (phone).' })
export class ErlangCInput extends QueueIntervalFields {}

@InputType('ErlangAInput', {
  description:
    'One interval of a live queue whose callers hang up after an exponentially distributed patience (M/M/N+M).',
})
export class ErlangAInput extends QueueIntervalFields {
  @Field(() => Float, { description: 'Mean time a caller waits before hanging up, in seconds (> 0).' })
  @IsNumber(FINITE)
  @Max(DAY_SECONDS)
  patienceSeconds!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Highest acceptable share of offered contacts that abandon, in (0, 1]; absent = no cap.',
  })
  @IsOptional()
  @IsNumber(FINITE)
  maxAbandonment?: number;
}

@InputType('ChatRequirementInput', {
  description: 'One interval of chat, where each agent handles `concurrency` chats at once.',
})
export class ChatRequirementInput extends QueueIntervalFields {
  @Field(() => Int, {
    description:
      'Chats one agent handles at once (k ≥ 1). ahtSeconds is then one chat’s handle time measured under that concurrency.',
  })
  @IsInt()
  @Max(50)
  concurrency!: number;
}

@InputType('DeferredWorkRequirementInput', {
  description: 'A series of intervals of deferred work (email, social) answered within a deadline.',
})
export class DeferredWorkRequirementInput {
  @Field(() => [Float], { description: 'Contacts arriving in each interval.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SERIES_INTERVALS)
  @IsNumber(FINITE, { each: true })
  @Max(10_000_000, { each: true })
  contacts!: number[];

  @Field(() => [Float], {
    description: 'Handle time per contact in seconds: one value for the whole series, or one per interval.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SERIES_INTERVALS)
  @IsNumber(FINITE, { each: true })
  @Max(DAY_SECONDS, { each: true })
  ahtSeconds!: number[];

  @Field(() => Float, { description: 'Interval length in seconds.' })
  @IsNumber(FINITE)
  @Min(60)
  @Max(DAY_SECONDS)
  intervalSeconds!: number;

  @Field(() => Float, { description: 'Response deadline D in seconds: every contact handled within D of its arrival.' })
  @IsNumber(FINITE)
  @Max(31 * DAY_SECONDS)
  deadlineSeconds!: number;

  @Field(() => Float, { defaultValue: 1, description: 'Highest share of staffed time spent on the work, in (0, 1].' })
  @IsNumber(FINITE)
  maxOccupancy: number = 1;

  @Field(() => Float, { description: 'Share of paid time not available for the work, in [0, 1).' })
  @IsNumber(FINITE)
  shrinkage!: number;
}
