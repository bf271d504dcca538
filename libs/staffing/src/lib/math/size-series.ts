import { chatRequirement, deferredWorkRequirement } from './channel-requirements';
import { erlangA, erlangAForAgents } from './erlang-a';
import { erlangC, erlangCForAgents, ErlangCInput } from './erlang-c';

/** How a channel is sized (the API's SizingMethod values). */
export type SeriesSizingMethod = 'ERLANG_C' | 'ERLANG_A' | 'CHAT_CONCURRENCY' | 'DEFERRED_WORK';

export interface SeriesSizingInput {
  method: SeriesSizingMethod;
  contacts: number[];
  ahtSeconds: number[];
  intervalSeconds: number;
  serviceLevelTarget: number;
  targetAnswerSeconds: number;
  asaTargetSeconds: number | null;
  shrinkage: number;
  maxOccupancy: number;
  concurrency: number;
  patienceSeconds: number | null;
  maxAbandonment: number | null;
  responseDeadlineSeconds: number | null;
  /** Agents scheduled per interval, for the service level the plan reaches (none: not projected). */
  scheduled?: number[];
}

export interface SeriesSizing {
  intervals: {
    traffic: number;
    net: number;
    required: number;
    projectedServiceLevel: number | null;
    projectedAsaSeconds: number | null;
  }[];
  effectiveDeadlineSeconds: number | null;
}

/**
 * Sizes every interval of a series with the channel's method, and, given the agents scheduled, the service
 * level and ASA they reach. Pure and synchronous: the API runs it in a worker thread when the series is long.
 */
export function sizeSeries(input: SeriesSizingInput): SeriesSizing {
  const queue = (k: number): ErlangCInput => ({
    contacts: input.contacts[k]!,
    intervalSeconds: input.intervalSeconds,
    ahtSeconds: input.ahtSeconds[k]!,
    serviceLevelTarget: input.serviceLevelTarget,
    targetAnswerSeconds: input.targetAnswerSeconds,
    asaTargetSeconds: input.asaTargetSeconds,
    shrinkage: input.shrinkage,
    maxOccupancy: input.maxOccupancy,
  });
  const abandoning = (k: number) => ({
    ...queue(k),
    patienceSeconds: input.patienceSeconds!,
    maxAbandonment: input.maxAbandonment,
  });
  let effectiveDeadlineSeconds: number | null = null;
  let sized: { traffic: number; net: number; required: number }[];
  if (input.method === 'DEFERRED_WORK') {
    const result = deferredWorkRequirement({
      contacts: input.contacts,
      ahtSeconds: input.ahtSeconds,
      intervalSeconds: input.intervalSeconds,
      deadlineSeconds: input.responseDeadlineSeconds!,
      maxOccupancy: input.maxOccupancy,
      shrinkage: input.shrinkage,
    });
    effectiveDeadlineSeconds = result.effectiveDeadlineSeconds;
    sized = input.contacts.map((_, k) => ({
      traffic: result.workloadErlangs[k]!,
      net: result.agents[k]!,
      required: result.scheduledAgents[k]!,
    }));
  } else {
    sized = input.contacts.map((_, k) => {
      const r =
        input.method === 'ERLANG_A'
          ? erlangA(abandoning(k))
          : input.method === 'CHAT_CONCURRENCY'
            ? chatRequirement({ ...queue(k), concurrency: input.concurrency })
            : erlangC(queue(k));
      return { traffic: r.trafficErlangs, net: r.agents, required: r.scheduledAgents };
    });
  }
  const intervals = sized.map((s, k) => {
    if (input.method === 'DEFERRED_WORK' || !input.scheduled)
      return { ...s, projectedServiceLevel: null, projectedAsaSeconds: null };
    // Whole agents on the channel: the scheduled ones net of unplanned shrinkage, rounded down.
    const available = Math.floor((input.scheduled[k] ?? 0) * (1 - input.shrinkage) + 1e-9);
    const servers = input.method === 'CHAT_CONCURRENCY' ? available * input.concurrency : available;
    const achieved =
      input.method === 'ERLANG_A' ? erlangAForAgents(abandoning(k), servers) : erlangCForAgents(queue(k), servers);
    return { ...s, projectedServiceLevel: achieved.serviceLevel, projectedAsaSeconds: achieved.asaSeconds };
  });
  return { intervals, effectiveDeadlineSeconds };
}

/** Work units (about a microsecond each) of sizing a series: Erlang walks about A agents per interval. */
export function sizeSeriesWork(
  input: Pick<SeriesSizingInput, 'contacts' | 'ahtSeconds' | 'intervalSeconds' | 'method' | 'responseDeadlineSeconds'>,
): number {
  if (input.method === 'DEFERRED_WORK') {
    const lags = Math.ceil((input.responseDeadlineSeconds ?? 0) / input.intervalSeconds) + 1;
    return 50 + input.contacts.length * (0.5 + lags * 0.01);
  }
  let traffic = 0;
  for (let k = 0; k < input.contacts.length; k++)
    traffic += (input.contacts[k]! * input.ahtSeconds[k]!) / input.intervalSeconds;
  // Two walks per interval (size, then what the plan reaches); Erlang A costs about ten times Erlang C.
  return 20 + input.contacts.length * 5 + traffic * 0.06 * (input.method === 'ERLANG_A' ? 10 : 1);
}
