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
 * Tolerance on the occupancy and ASA comparisons. A ÷ N is a ratio of given numbers that is often
 * exactly on target (16 ÷ 20 = 0.8) but not in binary; without it such an N would cost an extra
 * agent. The service level gets no tolerance: the N returned always reports a service level ≥ the
 * target, as computed (SL is an exponential expression, never exactly on a decimal target anyway).
 */
const TARGET_TOLERANCE = 1e-12;

/** A head-count loop that ran this far is a bug or an unreachable target, never a real contact centre. */
const MAX_AGENTS = 10_000_000;

/**
 * First n at which the one-pass Erlang B recursion may start (with Bₙ₀ = 1) instead of at 0.
 *
 * Writing rₙ = 1 ÷ Bₙ, the recursion is rₙ = 1 + (n ÷ A)·rₙ₋₁, so an error e in r at n₀ reaches n
 * multiplied by Πₘ₌ₙ₀₊₁ⁿ (m ÷ A). Starting from B = 1 at n₀ < A errs by less than
 * r(n₀) ≤ 1 ÷ (1 − n₀ ÷ A) = A ÷ d (d = A − n₀); up to n = ⌊A⌋ the product is below
 * e^(−d(d+1) ÷ 2A) (ln(1 − x) ≤ −x), and beyond ⌊A⌋ r grows at least as fast as the error does
 * (rₙ ≥ (n ÷ A)·rₙ₋₁), so the relative error of every Bₙ with n > A stays below
 * (A ÷ d)·e^(−d² ÷ 2A). With d² = 2A·(40 + ln(1 + A)) that is under e^(−40) ÷ d < 10⁻¹⁷:
 * exact to rounding. It skips about 70% of the steps at A = 1,000 and 90% at A = 10,000.
 */
export function erlangBStart(trafficErlangs: number): number {
  // Below A ≈ 90 the start is 0 anyway (A < √(2A·(40 + ln(1 + A)))), and below a few hundred
  // Erlangs the few steps saved cost more than the log and the root: start at 0 there.
  if (trafficErlangs < 250) return 0;
  const d = Math.sqrt(2 * trafficErlangs * (40 + Math.log1p(trafficErlangs)));
  return Math.max(0, Math.floor(trafficErlangs - d));
}

/** Erlang B blocking probability B(A, n), by the stable recursion Bₖ = A·Bₖ₋₁ ÷ (k + A·Bₖ₋₁). */
export function erlangB(trafficErlangs: number, servers: number): number {
  requireNonNegative('trafficErlangs', trafficErlangs);
  if (!Number.isInteger(servers) || servers < 0) {
    throw new StaffingInputError('servers', `servers must be an integer ≥ 0 (got ${String(servers)}).`);
  }
  let b = 1;
  // The shortcut start is exact only for the Bₙ with n > A (below A, the skipped terms matter).
  const start = servers > trafficErlangs ? erlangBStart(trafficErlangs) : 0;
  for (let k = start + 1; k <= servers; k++) b = (trafficErlangs * b) / (k + trafficErlangs * b);
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
  if (input.contacts > 0) requireAttainableServiceLevel(slt);
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

/**
 * A service level of exactly 1 cannot be reached with traffic: every finite head count leaves
 * P(wait) > 0, so some contact waits longer than any T. Asking for it is an input error, not a
 * search that ends wherever rounding happens to give 1.
 */
export function requireAttainableServiceLevel(serviceLevelTarget: number): void {
  if (serviceLevelTarget >= 1) {
    throw new StaffingInputError(
      'serviceLevelTarget',
      'serviceLevelTarget 1 (every contact answered within the target time) is unattainable with any finite number of agents; use a target below 1 (e.g. 0.99).',
    );
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
  if (!(sl >= input.serviceLevelTarget)) return false;
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
 * One pass over n with the Poisson terms tₙ = Aⁿ/n! and their running sum Sₙ = Σₖ₌ₙ₀ⁿ⁻¹ tₖ carried
 * from n to n + 1; for each candidate N > A, P(wait) = top ÷ (S + top) with top = t_N·N ÷ (N − A)
 * (the textbook form). Two things make it cheaper than the textbook search:
 *  - it starts at n₀ = erlangBStart(A), a few standard deviations below A: the terms before n₀ add
 *    less than 10⁻¹⁷ of the sum (same bound as for Erlang B there), so the cost is
 *    O(√A·log A + N − A) rather than O(N);
 *  - the factor e^(−(N − A)·T ÷ AHT) of the service level is carried too (× e^(−T ÷ AHT) per
 *    candidate) instead of one exp per candidate.
 * The loop-carried chain is a multiply-add (tₙ = tₙ₋₁·(A ÷ n), where A ÷ n does not depend on the
 * previous step), not a division as in the Erlang B recursion Bₙ = A·Bₙ₋₁ ÷ (n + A·Bₙ₋₁), so the
 * processor can overlap the steps. The service level compared with the target is the one reported.
 */
export function erlangC(input: ErlangCInput): ErlangCResult {
  validateErlangCInput(input);
  const a = trafficErlangs(input.contacts, input.ahtSeconds, input.intervalSeconds);
  if (a === 0) return zeroTrafficResult();
  const asaCap =
    input.asaTargetSeconds === undefined || input.asaTargetSeconds === null
      ? Infinity
      : input.asaTargetSeconds + TARGET_TOLERANCE * input.asaTargetSeconds;
  const n = searchHeadCount(
    a,
    erlangBStart(a),
    input.targetAnswerSeconds / input.ahtSeconds,
    input.maxOccupancy + TARGET_TOLERANCE,
    input.serviceLevelTarget,
    asaCap / input.ahtSeconds,
  );
  if (n < 0) throw new StaffingInputError('serviceLevelTarget', `No head count up to ${MAX_AGENTS} meets the targets.`);
  return {
    trafficErlangs: a,
    agents: n,
    scheduledAgents: grossUpForShrinkage(n, input.shrinkage),
    serviceLevel: found.serviceLevel,
    asaSeconds: (found.probabilityOfWaiting * input.ahtSeconds) / (n - a),
    occupancy: a / n,
    probabilityOfWaiting: found.probabilityOfWaiting,
  };
}

/** What searchHeadCount found besides N (a module-level scratch record: no allocation per call). */
const found = { serviceLevel: 0, probabilityOfWaiting: 0 };

/**
 * The loop of `erlangC` on plain numbers (kept apart so that the engine compiles it as a tight
 * numeric loop): the first N > A with A ÷ N ≤ occupancyCap, SL ≥ slTarget and ASA ÷ AHT ≤ asaCapInAht,
 * or −1. `tOverAht` is T ÷ AHT.
 */
function searchHeadCount(
  a: number,
  start: number,
  tOverAht: number,
  occupancyCap: number,
  slTarget: number,
  asaCapInAht: number,
): number {
  // No overflow guard is needed: from tₙ₀ = 1 the terms grow at most by Πₖ₌ₙ₀₊₁^⌊A⌋ (A ÷ k), under
  // e^(A) < 1e109 when n₀ = 0 (A < 250) and under about e^(55)·A otherwise (erlangBStart), and
  // shrink after A; the sum is at most a few √A peak terms.
  let term = 1; // tₙ, scaled by 1 ÷ tₙ₀ (the common factor of term and sum cancels in C)
  let sum = 0;
  let n = start + 1;
  for (const below = Math.min(Math.floor(a), MAX_AGENTS); n <= below; n++) {
    sum += term;
    term *= a / n;
  }
  let decay = -1; // e^(−T ÷ AHT), computed at the second candidate (most searches end at the first few)
  let decayN = -1; // e^(−(N − A)·T ÷ AHT), computed at the first candidate, then carried
  for (; n <= MAX_AGENTS; n++) {
    sum += term;
    term *= a / n;
    if (a / n > occupancyCap) continue;
    if (decayN < 0) {
      decayN = Math.exp(-(n - a) * tOverAht);
    } else {
      if (decay < 0) decay = Math.exp(-tOverAht);
      decayN *= decay;
    }
    const top = (term * n) / (n - a);
    const c = top / (sum + top);
    const sl = 1 - c * decayN;
    if (!(sl >= slTarget)) continue;
    if (c / (n - a) > asaCapInAht) continue;
    found.serviceLevel = sl;
    found.probabilityOfWaiting = c;
    return n;
  }
  return -1;
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
 * The textbook Erlang C search, written fairly: P(wait) for each candidate N from the sum
 *   C = (Aᴺ/N! · N/(N − A)) ÷ (Σₖ₌₀ᴺ⁻¹ Aᵏ/k! + Aᴺ/N! · N/(N − A)),
 * with the sum and the term Aᴺ/N! carried from N to N + 1 (one multiply-add per step, O(N) for the
 * whole search). Terms come from iterated multiplication (termₖ = termₖ₋₁ · A/k), never factorials;
 * sum and term are rescaled together past 1e250, which leaves their ratio unchanged, so large A does
 * not overflow. Kept as the benchmark baseline and as an independent cross-check of `erlangC` in
 * tests; use `erlangC` in the product.
 */
export function textbookErlangC(input: ErlangCInput): ErlangCResult {
  validateErlangCInput(input);
  const a = trafficErlangs(input.contacts, input.ahtSeconds, input.intervalSeconds);
  if (a === 0) return zeroTrafficResult();
  let term = 1; // Aⁿ/n!
  let sum = 0; // Σₖ₌₀ⁿ⁻¹ Aᵏ/k!
  for (let n = 1; n <= MAX_AGENTS; n++) {
    sum += term;
    term *= a / n;
    if (term > 1e250) {
      term /= 1e250;
      sum /= 1e250;
    }
    if (n <= a) continue;
    const top = (term * n) / (n - a);
    const c = top / (sum + top);
    if (meetsTargets(input, a, n, c)) return resultFor(input, a, n, c);
  }
  throw new StaffingInputError('serviceLevelTarget', `No head count up to ${MAX_AGENTS} meets the targets.`);
}
