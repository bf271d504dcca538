/**
 * Requirements for the channels that are not a plain phone queue: chat with concurrency, and
 * deferred work (email, social messages) answered within a response-time deadline.
 * The methods, their units and assumptions are summarised in libs/staffing/METHODS.md.
 */
import { ErlangCInput, erlangC, erlangCForAgents, grossUpForShrinkage, validateErlangCInput } from './erlang-c';
import { requireInteger, requireNonNegative, requirePositive, StaffingInputError } from './staffing-input.error';

export interface ChatRequirementInput extends ErlangCInput {
  /**
   * Chats one agent handles at once (k ≥ 1). `ahtSeconds` is then the handle time of one chat as
   * measured while the agent runs k of them (accept to close, wall clock), which is longer than
   * the handle time of a chat handled alone.
   */
  concurrency: number;
}

export interface ChatRequirementResult {
  /** Offered chat traffic A = chats × AHT ÷ interval, in Erlangs (busy chat slots). */
  trafficErlangs: number;
  concurrency: number;
  /** Chat slots Erlang C requires (servers). */
  requiredSlots: number;
  /** Agents on chat: ceil(requiredSlots ÷ concurrency). */
  agents: number;
  /** Agents to schedule: ceil(agents ÷ (1 − shrinkage)). */
  scheduledAgents: number;
  /** KPIs reached by the slots actually staffed (agents × concurrency ≥ requiredSlots). */
  serviceLevel: number;
  asaSeconds: number;
  /** Share of the staffed slots that are busy: A ÷ (agents × concurrency). */
  slotOccupancy: number;
  probabilityOfWaiting: number;
}

/**
 * Chat with concurrency k: each agent is treated as k independent servers of an M/M/N queue
 * (Erlang C on N = slots, per-chat handle time), and agents = ceil(slots ÷ k).
 *
 * Assumption: a waiting chat takes the first free slot of any agent, and one agent's k chats do
 * not slow each other beyond what the concurrent handle time already measures. Both make the
 * model optimistic when agents juggle many chats; measure AHT under the real concurrency. The
 * occupancy cap applies to slots.
 */
export function chatRequirement(input: ChatRequirementInput): ChatRequirementResult {
  validateErlangCInput(input);
  requireInteger('concurrency', input.concurrency, 1);
  const k = input.concurrency;
  // Erlang C on slots, before shrinkage: shrinkage applies to agents, not to slots.
  const slots = erlangC({ ...input, shrinkage: 0 });
  if (slots.agents === 0) {
    return {
      trafficErlangs: 0,
      concurrency: k,
      requiredSlots: 0,
      agents: 0,
      scheduledAgents: 0,
      serviceLevel: 1,
      asaSeconds: 0,
      slotOccupancy: 0,
      probabilityOfWaiting: 0,
    };
  }
  const agents = Math.ceil(slots.agents / k);
  const staffed = erlangCForAgents(input, agents * k);
  return {
    trafficErlangs: slots.trafficErlangs,
    concurrency: k,
    requiredSlots: slots.agents,
    agents,
    scheduledAgents: grossUpForShrinkage(agents, input.shrinkage),
    serviceLevel: staffed.serviceLevel,
    // staffed slots ≥ required slots > A, so ASA is finite here.
    asaSeconds: staffed.asaSeconds ?? slots.asaSeconds,
    slotOccupancy: slots.trafficErlangs / (agents * k),
    probabilityOfWaiting: staffed.probabilityOfWaiting,
  };
}

export interface DeferredWorkInput {
  /** Contacts arriving in each interval of the series (arrivals spread evenly through the interval). */
  contacts: number[];
  /** Handle time per contact in seconds: one value, or one per interval. */
  ahtSeconds: number | number[];
  /** Interval length I in seconds. */
  intervalSeconds: number;
  /** Response-time deadline D in seconds: every contact must be handled within D of its arrival. */
  deadlineSeconds: number;
  /** Highest share of staffed time spent on the work, in (0, 1]. */
  maxOccupancy: number;
  /** Share of paid time not available for work, in [0, 1). */
  shrinkage: number;
}

export interface DeferredWorkResult {
  /** Average agents busy with the work in each interval (agent-seconds per second, i.e. Erlangs). */
  workloadErlangs: number[];
  /** Agents needed per interval: ceil(workload ÷ maxOccupancy). */
  agents: number[];
  /** Agents to schedule per interval: ceil(agents ÷ (1 − shrinkage)). */
  scheduledAgents: number[];
  /** The deadline the spreading used: max(D, longest AHT); see `deferredWorkRequirement`. */
  effectiveDeadlineSeconds: number;
  /**
   * Agent-seconds of work that arrives inside the series but whose deadline window reaches past its
   * last interval; plan it with the next period (or pass a longer series).
   */
  spilledAgentSeconds: number;
}

/**
 * Deferred work (email, social): sized by workload, not by a queue model.
 *
 * Each contact's handle time is spread evenly over its own deadline window [arrival, arrival + D]:
 * the latest schedule that still meets every deadline with a smooth load. Arrivals are spread
 * evenly through their interval, at workload rate rⱼ = contactsⱼ × AHTⱼ ÷ I. The load at time u is
 * then the moving average L(u) = (1/D)∫ r(s) ds over s ∈ [u − D, u], and its mean over interval t is
 *
 *   L̄ₜ = Σⱼ contactsⱼ·AHTⱼ · Area(t − j) ÷ (I²·D)                            [Erlangs]
 *
 * where Area(m) = ∫₀ᴰ max(0, I − |δ − m·I|) dδ is the overlap between "u in interval t, s in
 * interval j" and "0 ≤ u − s ≤ D" (Σₘ Area(m) = I·D, so every agent-second of work is placed once).
 * Agents in interval t = ceil(L̄ₜ ÷ maxOccupancy); scheduled = ceil(agents ÷ (1 − shrinkage)).
 *
 * Consequences: with steady volume the deadline does not matter (L̄ = contacts × AHT ÷ I, as for
 * any workload); with a peak, a longer deadline spreads the peak's work over later intervals. We
 * do not divide by min(D, I) as a rule of thumb might: that would assume all of an interval's
 * contacts arrive at its start. A deadline shorter than one handle time cannot be met by anyone,
 * so D is raised to the longest AHT (reported as effectiveDeadlineSeconds); when D is close to the
 * AHT, random arrivals matter and the channel is better sized as a queue (Erlang C with target
 * answer time D − AHT). Work arriving before the series is unknown and counted as none.
 */
export function deferredWorkRequirement(input: DeferredWorkInput): DeferredWorkResult {
  const { contacts, intervalSeconds: interval } = input;
  if (!Array.isArray(contacts)) throw new StaffingInputError('contacts', 'contacts must be an array of numbers.');
  contacts.forEach((c, i) => requireNonNegative(`contacts[${i}]`, c));
  requirePositive('intervalSeconds', interval);
  requirePositive('deadlineSeconds', input.deadlineSeconds);
  const aht = (i: number): number => (Array.isArray(input.ahtSeconds) ? input.ahtSeconds[i] : input.ahtSeconds);
  if (Array.isArray(input.ahtSeconds)) {
    if (input.ahtSeconds.length !== contacts.length) {
      throw new StaffingInputError('ahtSeconds', 'ahtSeconds must have one value per interval of contacts.');
    }
    input.ahtSeconds.forEach((v, i) => requireNonNegative(`ahtSeconds[${i}]`, v));
  } else {
    requireNonNegative('ahtSeconds', input.ahtSeconds);
  }
  contacts.forEach((c, i) => {
    if (c > 0) requirePositive(Array.isArray(input.ahtSeconds) ? `ahtSeconds[${i}]` : 'ahtSeconds', aht(i));
  });
  const occ = input.maxOccupancy;
  if (typeof occ !== 'number' || !Number.isFinite(occ) || occ <= 0 || occ > 1) {
    throw new StaffingInputError('maxOccupancy', `maxOccupancy must be in (0, 1] (got ${String(occ)}).`);
  }
  grossUpForShrinkage(0, input.shrinkage); // validates shrinkage

  let longestAht = 0;
  contacts.forEach((c, i) => {
    if (c > 0) longestAht = Math.max(longestAht, aht(i));
  });
  const deadline = Math.max(input.deadlineSeconds, longestAht);
  const lags = Math.ceil(deadline / interval);
  const weights: number[] = [];
  for (let m = 0; m <= lags; m++) weights.push(overlapArea(m, interval, deadline) / (interval * interval * deadline));

  const n = contacts.length;
  const workload = new Array<number>(n).fill(0);
  let spilled = 0;
  for (let j = 0; j < n; j++) {
    const work = contacts[j] === 0 ? 0 : contacts[j] * aht(j); // agent-seconds
    if (work === 0) continue;
    for (let m = 0; m <= lags; m++) {
      const share = work * weights[m];
      if (j + m < n) workload[j + m] += share;
      else spilled += share * interval;
    }
  }
  const agents = workload.map((l) => ceilWithTolerance(l / occ));
  return {
    workloadErlangs: workload,
    agents,
    scheduledAgents: agents.map((a) => grossUpForShrinkage(a, input.shrinkage)),
    effectiveDeadlineSeconds: deadline,
    spilledAgentSeconds: spilled,
  };
}

/**
 * Area(m) = ∫₀ᴰ max(0, I − |δ − m·I|) dδ, from the closed-form integral of the triangle
 * (the density of u − s for u uniform in one interval and s uniform in another m intervals earlier).
 */
function overlapArea(m: number, interval: number, deadline: number): number {
  const centre = m * interval;
  const cumulative = (x: number): number => {
    const z = x - centre;
    if (z <= -interval) return 0;
    if (z <= 0) return ((z + interval) * (z + interval)) / 2;
    if (z < interval) return interval * interval - ((interval - z) * (interval - z)) / 2;
    return interval * interval;
  };
  return cumulative(deadline) - cumulative(0);
}

/** ceil() that does not add an agent for a load that is an integer up to rounding error. */
function ceilWithTolerance(x: number): number {
  const nearest = Math.round(x);
  if (Math.abs(x - nearest) <= 1e-9 * Math.max(1, x)) return nearest;
  return Math.ceil(x);
}
