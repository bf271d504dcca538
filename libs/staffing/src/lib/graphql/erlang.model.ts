import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';
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

@ObjectType('ErlangCResult', { description: 'The smallest head count meeting every target, and what it achieves.' })
export class ErlangCResultModel {
  @Field(() => Float, { description: 'Offered traffic A = contacts × AHT ÷ interval, in Erlangs.' })
  trafficErlangs!: number;

  @Field(() => Int, {
    description:
      'Agents needed on the phones: the smallest N > A meeting the service-level, ASA and occupancy targets.',
  })
  agents!: number;

  @Field(() => Int, { description: 'Agents to schedule: ceil(agents ÷ (1 − shrinkage)).' })
  scheduledAgents!: number;

  @Field(() => Float, { description: 'Service level reached with `agents`: 1 − P(wait)·e^(−(N − A)·T ÷ AHT).' })
  serviceLevel!: number;

  @Field(() => Float, { description: 'Average speed of answer with `agents`, in seconds: P(wait)·AHT ÷ (N − A).' })
  asaSeconds!: number;

  @Field(() => Float, { description: 'A ÷ agents.' })
  occupancy!: number;

  @Field(() => Float, { description: 'Erlang C probability that a contact waits.' })
  probabilityOfWaiting!: number;
}

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

@ObjectType('ErlangAResult', {
  description: 'The smallest head count meeting every target on a queue with abandonment, and what it achieves.',
})
export class ErlangAResultModel {
  @Field(() => Float, { description: 'Offered traffic A = contacts × AHT ÷ interval, in Erlangs.' })
  trafficErlangs!: number;

  @Field(() => Int, {
    description:
      'Agents needed: the smallest N meeting the service-level, abandonment, ASA and occupancy targets (may be ≤ A: callers who hang up keep the queue finite).',
  })
  agents!: number;

  @Field(() => Int, { description: 'Agents to schedule: ceil(agents ÷ (1 − shrinkage)).' })
  scheduledAgents!: number;

  @Field(() => Float, {
    description:
      'Share of offered contacts answered within targetAnswerSeconds (an abandoned contact is never answered).',
  })
  serviceLevel!: number;

  @Field(() => Float, {
    description: 'Mean wait of all offered contacts, answered or abandoned, in seconds: abandonmentRate × patience.',
  })
  asaSeconds!: number;

  @Field(() => Float, { description: 'Share of offered contacts that hang up before an agent answers.' })
  abandonmentRate!: number;

  @Field(() => Float, { nullable: true, description: 'Carried traffic ÷ agents = A·(1 − abandonmentRate) ÷ N.' })
  occupancy!: number | null;

  @Field(() => Float, { description: 'Probability that an arriving contact finds every agent busy.' })
  probabilityOfWaiting!: number;
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

@ObjectType('ChatRequirement')
export class ChatRequirementModel {
  @Field(() => Float, { description: 'Chat traffic in Erlangs (busy chat slots).' })
  trafficErlangs!: number;

  @Field(() => Int)
  concurrency!: number;

  @Field(() => Int, { description: 'Chat slots Erlang C requires.' })
  requiredSlots!: number;

  @Field(() => Int, { description: 'Agents on chat: ceil(requiredSlots ÷ concurrency).' })
  agents!: number;

  @Field(() => Int, { description: 'Agents to schedule: ceil(agents ÷ (1 − shrinkage)).' })
  scheduledAgents!: number;

  @Field(() => Float, { description: 'Service level reached by agents × concurrency slots.' })
  serviceLevel!: number;

  @Field(() => Float)
  asaSeconds!: number;

  @Field(() => Float, { description: 'A ÷ (agents × concurrency).' })
  slotOccupancy!: number;

  @Field(() => Float)
  probabilityOfWaiting!: number;
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

@ObjectType('DeferredWorkRequirement')
export class DeferredWorkRequirementModel {
  @Field(() => [Float], { description: 'Mean agents busy with the work in each interval (Erlangs).' })
  workloadErlangs!: number[];

  @Field(() => [Int], { description: 'Agents per interval: ceil(workload ÷ maxOccupancy).' })
  agents!: number[];

  @Field(() => [Int], { description: 'Agents to schedule per interval: ceil(agents ÷ (1 − shrinkage)).' })
  scheduledAgents!: number[];

  @Field(() => Float, { description: 'The deadline used: max(D, longest AHT).' })
  effectiveDeadlineSeconds!: number;

  @Field(() => Float, {
    description: 'Agent-seconds of work whose deadline reaches past the last interval (plan it with the next period).',
  })
  spilledAgentSeconds!: number;
}
