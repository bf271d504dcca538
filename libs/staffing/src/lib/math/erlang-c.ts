/**
 * Erlang C (M/M/N queue) staffing for live channels (phone; chat through channel-requirements.ts).
 *
 * Source of every formula: shared/KPI_DEFINITIONS.md "Erlang C in one place", which follows the
 * call-centre textbooks (e.g. Koole, "Call Center Optimization", ch. 5) and pyworkforce:
 *   traffic      A = contacts × AHT ÷ interval                          [Erlangs, dimensionless]
 *   Erlang B     B₀ = 1, Bₙ = A·Bₙ₋₁ ÷ (n + A·Bₙ₋₁)                      [probability]
 *   P(wait)      C = N·B ÷ (N − A·(1 − B)) for N > A, 1 for N ≤ A       [probability]
 *   service lvl  SL = 1 − C·e^(−(N − A)·T ÷ AHT)                        [fraction answered within T s]
 *   ASA          C·AHT ÷ (N − A)                                        [seconds]
 *   occupancy    A ÷ N                                                  [fraction]
 *
 * The Erlang B recursion is numerically stable (every Bₙ lies in [0, 1]) and needs no factorial or
 * power, so it is exact to rounding error for any A; the required N is found in one pass of it.
 */
import { requireNonNegative, requirePositive, StaffingInputError } from './staffing-input.error';

/** One interval of a live (queued) channel. */
export interface ErlangCInput {
  /** Contacts offered in the interval. */
  contacts: number;
  /** Interval length in seconds (900 for 15-minute intervals). */
  intervalSeconds: number;
  /** Average handle time in seconds (talk + hold + after-contact work). */
  ahtSeconds: number;
  /** Share of contacts to answer within `targetAnswerSeconds`, in (0, 1] (0.8 for 80/20). */
  serviceLevelTarget: number;
  /** Answer-time target T of the service level in seconds (20 for 80/20). */
  targetAnswerSeconds: number;
  /** Optional average-speed-of-answer ceiling in seconds (> 0); null or absent = no ASA target. */
  asaTargetSeconds?: number | null;
  /** Share of paid time not available for contacts, in [0, 1). */
  shrinkage: number;
  /** Highest acceptable occupancy A ÷ N, in (0, 1]. */
  maxOccupancy: number;
}

export interface ErlangCResult {
  /** Offered traffic A in Erlangs. */
  trafficErlangs: number;
  /** Agents needed on the phones (net of shrinkage). */
  agents: number;
  /** Agents to schedule: ceil(agents ÷ (1 − shrinkage)). */
  scheduledAgents: number;
  /** Service level reached with `agents`, a fraction in [0, 1]. */
  serviceLevel: number;
  /** Average speed of answer reached with `agents`, in seconds. */
  asaSeconds: number;
  /** Occupancy A ÷ agents, in [0, 1]. */
  occupancy: number;
  /** Erlang C probability that a contact waits at all. */
  probabilityOfWaiting: number;
}

/** What a given head count achieves (e.g. the agents a published schedule has on an interval). */
export interface ErlangCAgentsResult {
  trafficErlangs: number;
  agents: number;
  serviceLevel: number;
  /** null when agents ≤ traffic: the queue grows without bound, so there is no finite ASA. */
  asaSeconds: number | null;
  /** null when there is traffic but no agent; capped at 1 when agents ≤ traffic (all saturated). */
  occupancy: number | null;
  probabilityOfWaiting: number;
}

/**
 * Tolerance on target comparisons. Targets such as "80%" are decimal fractions that doubles hold
 * only approximately; without it a level that is mathematically exactly on target could cost an
 * extra agent. 1e-12 is far below any meaningful difference in service level or occupancy.
 */
const TARGET_TOLERANCE = 1e-12;

/** A head-count loop that ran this far is a bug or an unreachable target, never a real contact centre. */
const MAX_AGENTS = 10_000_000;

/** Erlang B blocking probability B(A, n), by the stable recursion Bₖ = A·Bₖ₋₁ ÷ (k + A·Bₖ₋₁). */
export function erlangB(trafficErlangs: number, servers: number): number {
  requireNonNegative('trafficErlangs', trafficErlangs);
  if (!Number.isInteger(servers) || servers < 0) {
    throw new StaffingInputError('servers', `servers must be an integer ≥ 0 (got ${String(servers)}).`);
  }
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (trafficErlangs * b) / (k + trafficErlangs * b);
  return b;
}

/** Erlang C from an Erlang B value: C = N·B ÷ (N − A·(1 − B)), valid for N > A. */
function erlangCFromB(a: number, n: number, b: number): number {
  return (n * b) / (n - a * (1 - b));
}

/**
 * Probability that a contact waits, Erlang C(A, N). 1 when N ≤ A (the queue is unstable: every
 * contact eventually waits), 0 when there is no traffic.
 */
export function probabilityOfWaiting(trafficErlangs: number, agents: number): number {
  const b = erlangB(trafficErlangs, agents);
  if (trafficErlangs === 0) return 0;
  if (agents <= trafficErlangs) return 1;
  return erlangCFromB(trafficErlangs, agents, b);
}

/**
 * Service level 1 − C·e^(−(N − A)·T ÷ AHT): the share of contacts answered within T seconds.
 * 1 without traffic; 0 when N ≤ A (the queue grows without bound, so in the long run no contact
 * is answered within any fixed T).
 */
export function serviceLevel(
  trafficErlangs: number,
  agents: number,
  targetAnswerSeconds: number,
  ahtSeconds: number,
): number {
  requireNonNegative('targetAnswerSeconds', targetAnswerSeconds);
  const pWait = probabilityOfWaiting(trafficErlangs, agents);
  if (trafficErlangs === 0) return 1;
  if (agents <= trafficErlangs) return 0;
  requirePositive('ahtSeconds', ahtSeconds);
  return serviceLevelFromC(pWait, trafficErlangs, agents, targetAnswerSeconds, ahtSeconds);
}

function serviceLevelFromC(c: number, a: number, n: number, t: number, aht: number): number {
  return 1 - c * Math.exp((-(n - a) * t) / aht);
}

/**
 * Average speed of answer C·AHT ÷ (N − A), in seconds. 0 without traffic; null when N ≤ A, where
 * the queue is unstable and the mean wait is unbounded (null rather than Infinity because the
 * value travels through JSON and GraphQL, which have no Infinity).
 */
export function averageSpeedOfAnswer(trafficErlangs: number, agents: number, ahtSeconds: number): number | null {
  const pWait = probabilityOfWaiting(trafficErlangs, agents);
  if (trafficErlangs === 0) return 0;
  if (agents <= trafficErlangs) return null;
  requirePositive('ahtSeconds', ahtSeconds);
  return (pWait * ahtSeconds) / (agents - trafficErlangs);
}

/** Offered traffic A = contacts × AHT ÷ interval, in Erlangs. */
export function trafficErlangs(contacts: number, ahtSeconds: number, intervalSeconds: number): number {
  return contacts === 0 ? 0 : (contacts * ahtSeconds) / intervalSeconds;
}

/**
 * Scheduled head count ceil(net ÷ (1 − shrinkage)) (KPI_DEFINITIONS.md, shrinkage row).
 * A quotient within 1e-9 (relative) of an integer is taken as that integer: 14 ÷ (1 − 0.3) is
 * 20.000000000000004 in doubles and must give 20, not 21.
 */
export function grossUpForShrinkage(netAgents: number, shrinkage: number): number {
  requireNonNegative('netAgents', netAgents);
  validateShrinkage(shrinkage);
  const raw = netAgents / (1 - shrinkage);
  const nearest = Math.round(raw);
  if (Math.abs(raw - nearest) <= 1e-9 * Math.max(1, raw)) return nearest;
  return Math.ceil(raw);
}

function validateShrinkage(shrinkage: number): void {
  if (typeof shrinkage !== 'number' || !Number.isFinite(shrinkage) || shrinkage < 0 || shrinkage >= 1) {
    throw new StaffingInputError('shrinkage', `shrinkage must be in [0, 1) (got ${String(shrinkage)}).`);
  }
}

/** Checks an Erlang C input; throws StaffingInputError naming the first impossible field. */
export function validateErlangCInput(input: ErlangCInput): void {
  requireNonNegative('contacts', input.contacts);
  requireNonNegative('intervalSeconds', input.intervalSeconds);
  requireNonNegative('ahtSeconds', input.ahtSeconds);
  if (input.contacts > 0) {
    requirePositive('intervalSeconds', input.intervalSeconds);
    requirePositive('ahtSeconds', input.ahtSeconds);
  }
  const slt = input.serviceLevelTarget;
  if (typeof slt !== 'number' || !Number.isFinite(slt) || slt <= 0 || slt > 1) {
    throw new StaffingInputError('serviceLevelTarget', `serviceLevelTarget must be in (0, 1] (got ${String(slt)}).`);
  }
  requireNonNegative('targetAnswerSeconds', input.targetAnswerSeconds);
  if (input.asaTargetSeconds !== undefined && input.asaTargetSeconds !== null) {
    // An ASA of 0 is unreachable with any finite head count (every N > A leaves C > 0).
    requirePositive('asaTargetSeconds', input.asaTargetSeconds);
  }
  validateShrinkage(input.shrinkage);
  const occ = input.maxOccupancy;
  if (typeof occ !== 'number' || !Number.isFinite(occ) || occ <= 0 || occ > 1) {
    throw new StaffingInputError('maxOccupancy', `maxOccupancy must be in (0, 1] (got ${String(occ)}).`);
  }
}

function zeroTrafficResult(): ErlangCResult {
  return {
    trafficErlangs: 0,
    agents: 0,
    scheduledAgents: 0,
    serviceLevel: 1,
    asaSeconds: 0,
    occupancy: 0,
    probabilityOfWaiting: 0,
  };
}

/** True when N agents meet every target of the input (N > A is the caller's business). */
function meetsTargets(input: ErlangCInput, a: number, n: number, c: number): boolean {
  if (a / n > input.maxOccupancy + TARGET_TOLERANCE) return false;
  const sl = serviceLevelFromC(c, a, n, input.targetAnswerSeconds, input.ahtSeconds);
  if (sl < input.serviceLevelTarget - TARGET_TOLERANCE) return false;
  if (input.asaTargetSeconds !== undefined && input.asaTargetSeconds !== null) {
    const asa = (c * input.ahtSeconds) / (n - a);
    if (asa > input.asaTargetSeconds + TARGET_TOLERANCE * input.asaTargetSeconds) return false;
  }
  return true;
}

function resultFor(input: ErlangCInput, a: number, n: number, c: number): ErlangCResult {
  return {
    trafficErlangs: a,
    agents: n,
    scheduledAgents: grossUpForShrinkage(n, input.shrinkage),
    serviceLevel: serviceLevelFromC(c, a, n, input.targetAnswerSeconds, input.ahtSeconds),
    asaSeconds: (c * input.ahtSeconds) / (n - a),
    occupancy: a / n,
    probabilityOfWaiting: c,
  };
}

/**
 * Smallest head count N > A that meets the service-level target, the ASA target (when given) and
 * the occupancy cap, plus what it achieves. All three improve monotonically with N, so the first N
 * that meets them all is the answer.
 *
 * One pass: Bₙ is carried from n to n + 1 and every candidate N > A is tested as it is reached,
 * so the cost is O(N) for any A (A = 10,000 Erlangs is about 10⁴ multiply-adds).
 */
export function erlangC(input: ErlangCInput): ErlangCResult {
  validateErlangCInput(input);
  const a = trafficErlangs(input.contacts, input.ahtSeconds, input.intervalSeconds);
  if (a === 0) return zeroTrafficResult();
  let b = 1;
  for (let n = 1; n <= MAX_AGENTS; n++) {
    b = (a * b) / (n + a * b);
    if (n <= a) continue;
    const c = erlangCFromB(a, n, b);
    if (meetsTargets(input, a, n, c)) return resultFor(input, a, n, c);
  }
  throw new StaffingInputError('serviceLevelTarget', `No head count up to ${MAX_AGENTS} meets the targets.`);
}

/**
 * What `agents` achieve on an interval (service level, ASA, occupancy): e.g. the service level the
 * current schedule reaches. Works for any N ≥ 0, including N ≤ A (then SL = 0, ASA = null).
 */
export function erlangCForAgents(
  input: Pick<ErlangCInput, 'contacts' | 'intervalSeconds' | 'ahtSeconds' | 'targetAnswerSeconds'>,
  agents: number,
): ErlangCAgentsResult {
  requireNonNegative('contacts', input.contacts);
  requireNonNegative('intervalSeconds', input.intervalSeconds);
  requireNonNegative('ahtSeconds', input.ahtSeconds);
  requireNonNegative('targetAnswerSeconds', input.targetAnswerSeconds);
  if (input.contacts > 0) {
    requirePositive('intervalSeconds', input.intervalSeconds);
    requirePositive('ahtSeconds', input.ahtSeconds);
  }
  if (!Number.isInteger(agents) || agents < 0) {
    throw new StaffingInputError('agents', `agents must be an integer ≥ 0 (got ${String(agents)}).`);
  }
  const a = trafficErlangs(input.contacts, input.ahtSeconds, input.intervalSeconds);
  const occupancy = a === 0 ? 0 : agents === 0 ? null : Math.min(1, a / agents);
  return {
    trafficErlangs: a,
    agents,
    serviceLevel: serviceLevel(a, agents, input.targetAnswerSeconds, input.ahtSeconds),
    asaSeconds: averageSpeedOfAnswer(a, agents, input.ahtSeconds),
    occupancy,
    probabilityOfWaiting: probabilityOfWaiting(a, agents),
  };
}

/**
 * Textbook Erlang C P(wait) for one N, from scratch:
 *   C = (Aᴺ/N! · N/(N − A)) ÷ (Σₖ₌₀ᴺ⁻¹ Aᵏ/k! + Aᴺ/N! · N/(N − A)).
 * Terms come from iterated multiplication (termₖ = termₖ₋₁ · A/k), never factorials; the sum and
 * the current term are rescaled together when they grow past 1e250, which leaves their ratio
 * unchanged, so large A does not overflow to Infinity/Infinity.
 */
function textbookProbabilityOfWaiting(a: number, n: number): number {
  let term = 1;
  let sum = 0;
  for (let k = 0; k < n; k++) {
    sum += term;
    term *= a / (k + 1);
    if (term > 1e250) {
      term /= 1e250;
      sum /= 1e250;
    }
  }
  const top = (term * n) / (n - a);
  return top / (sum + top);
}

/**
 * The straightforward implementation: for each candidate N from ⌊A⌋ + 1 up, recompute the whole
 * sum and test the targets. O(N × (N − A)). Kept only as the benchmark baseline and as an
 * independent cross-check of `erlangC` in tests; use `erlangC` in the product.
 */
export function textbookErlangC(input: ErlangCInput): ErlangCResult {
  validateErlangCInput(input);
  const a = trafficErlangs(input.contacts, input.ahtSeconds, input.intervalSeconds);
  if (a === 0) return zeroTrafficResult();
  for (let n = Math.floor(a) + 1; n <= MAX_AGENTS; n++) {
    const c = textbookProbabilityOfWaiting(a, n);
    if (meetsTargets(input, a, n, c)) return resultFor(input, a, n, c);
  }
  throw new StaffingInputError('serviceLevelTarget', `No head count up to ${MAX_AGENTS} meets the targets.`);
}
