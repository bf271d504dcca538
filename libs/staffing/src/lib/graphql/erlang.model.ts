import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

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
