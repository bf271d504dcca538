/**
 * Erlang A (M/M/N+M): a live queue whose callers hang up after an exponentially distributed
 * patience. Erlang C assumes infinite patience, which overstates waiting when the queue is short of
 * agents (and cannot describe N ≤ A at all); with abandonment every N ≥ 0 has a steady state.
 *
 * Notation (rates per second): λ = contacts ÷ interval, μ = 1 ÷ AHT, θ = 1 ÷ mean patience,
 * A = λ ÷ μ [Erlangs], x = N·μ ÷ θ and y = λ ÷ θ [dimensionless].
 *
 * The state n (contacts in the system) is a birth–death chain: birth λ, death min(n, N)·μ + (n − N)⁺·θ.
 * Below N it is the Erlang B chain; above N the terms are πₙ₊ₖ = πₙ·Πᵢ₌₁ᵏ y ÷ (x + i), whose sum is
 *   S = Σₖ≥₀ Πᵢ₌₁ᵏ y ÷ (x + i) = x·eʸ·y⁻ˣ·γ(x, y)         (Garnett, Mandelbaum & Reiman 2002, A(x, y))
 * with γ the lower incomplete gamma function. With B = Erlang B(A, N):
 *   P(wait)     = B·S ÷ (1 − B + B·S)                                        [probability]
 *   P(abandon)  = P(wait)·(1 − N ÷ A + N ÷ (A·S))                            [share of offered contacts]
 *   mean wait   = P(abandon) ÷ θ = P(abandon)·patience   (Little: θ·E[queue] = λ·P(abandon))  [seconds]
 *   occupancy   = A·(1 − P(abandon)) ÷ N                                     [share]
 * The service level (contacts answered within T ÷ contacts offered; an abandoned contact is never
 * answered) follows from the density of the offered wait V, f(v) = λ·πₙ₋₁·exp(λ·H(v) − Nμv) with
 * H(v) = (1 − e^(−θv)) ÷ θ (Baccelli & Hébuterne 1981; Mandelbaum & Zeltyn's summary of M/M/n+G):
 * a contact with offered wait v is answered iff its patience exceeds v, so
 *   SL(T) = 1 − P(wait) + ∫₀ᵀ f(v)·e^(−θv) dv
 *         = 1 − P(wait) + P(wait)·(x ÷ y)·[P(x + 1, y) − P(x + 1, y·e^(−θT))] ÷ P(x, y)
 * with P the regularised lower incomplete gamma function, or in terms of series like S (used below):
 *   SL(T) = 1 − P(wait) + P(wait)·[(x ÷ y)·(S − 1) − x ÷ (x + 1)·e^E·S′(y·e^(−θT))] ÷ S,
 *   S′(z) = Σₖ≥₀ Πᵢ₌₁ᵏ z ÷ (x + 1 + i),  E = y·(1 − e^(−θT)) − (x + 1)·θT.
 *
 * Computation: S and S′ are sums of positive terms, summed directly from k = 0 with rescaling (exact
 * to rounding) while that takes at most DIRECT_SERIES_MAX_TERMS terms; a queue so far over capacity
 * that the terms keep growing for longer (y − x large: long patience and N far below A) uses the
 * incomplete-gamma form through @stdlib (Boost's algorithms), whose relative error is about 1e-14.
 * These are the same quantities pyworkforce's `ErlangA` computes from the truncated chain and a
 * tagged-customer Markov chain; the tests check both against 50-digit references.
 */
import gammainc from '@stdlib/math-base-special-gammainc';
import gammaln from '@stdlib/math-base-special-gammaln';
import { erlangB, grossUpForShrinkage, requireAttainableServiceLevel, trafficErlangs } from './erlang-c';
import { requireInteger, requireNonNegative, requirePositive, StaffingInputError } from './staffing-input.error';

export interface ErlangAInput {
  /** Contacts offered in the interval. */
  contacts: number;
  /** Interval length in seconds. */
  intervalSeconds: number;
  /** Average handle time in seconds. */
  ahtSeconds: number;
  /** Mean time a caller waits before hanging up, in seconds (exponential patience). */
  patienceSeconds: number;
  /** Share of offered contacts to answer within `targetAnswerSeconds`, in (0, 1). */
  serviceLevelTarget: number;
  /** Answer-time target T in seconds. */
  targetAnswerSeconds: number;
  /** Highest acceptable share of offered contacts that abandon, in (0, 1]; null or absent = no cap. */
  maxAbandonment?: number | null;
  /** Optional ceiling on the mean wait of all offered contacts, in seconds (> 0). */
  asaTargetSeconds?: number | null;
  /** Share of paid time not available for contacts, in [0, 1). */
  shrinkage: number;
  /** Highest acceptable occupancy, in (0, 1]. */
  maxOccupancy: number;
}

/** What N agents achieve on an Erlang A queue. */
export interface ErlangAAgentsResult {
  trafficErlangs: number;
  agents: number;
  /** Share of offered contacts answered within T. */
  serviceLevel: number;
  /** Mean wait of all offered contacts (answered or abandoned), in seconds: P(abandon) × patience. */
  asaSeconds: number;
  /** Share of offered contacts that abandon. */
  abandonmentRate: number;
  /** Carried traffic ÷ N = A·(1 − P(abandon)) ÷ N; null with traffic and no agent. */
  occupancy: number | null;
  /** Probability that an arriving contact finds every agent busy. */
  probabilityOfWaiting: number;
}

export interface ErlangAResult extends ErlangAAgentsResult {
  /** Agents to schedule: ceil(agents ÷ (1 − shrinkage)). */
  scheduledAgents: number;
}

/** Tolerance on the abandonment, occupancy and ASA caps (see TARGET_TOLERANCE in erlang-c.ts). */
const TARGET_TOLERANCE = 1e-12;
/** Terms the direct series may take before the incomplete-gamma form is used. */
const DIRECT_SERIES_MAX_TERMS = 2_000_000;
const MAX_AGENTS = 10_000_000;
const RESCALE = 1e200;
const LN_RESCALE = Math.log(RESCALE);

/**
 * ln Σₖ≥₀ Πᵢ₌₁ᵏ z ÷ (b + i) for b ≥ 0, z > 0, by summing the terms (all positive) with rescaling.
 * Once the ratio z ÷ (b + k + 1) is below 1 the remaining terms shrink geometrically, so the tail
 * after term t is at most t·r ÷ (1 − r); summing stops when that is below 1e-17 of the sum.
 */
function logSeries(b: number, z: number): number {
  let term = 1;
  let sum = 1;
  let logScale = 0;
  for (let k = 1; ; k++) {
    const ratio = z / (b + k);
    term *= ratio;
    sum += term;
    if (term > RESCALE) {
      term /= RESCALE;
      sum /= RESCALE;
      logScale += LN_RESCALE;
    }
    if (ratio < 1) {
      const next = z / (b + k + 1);
      if ((term * next) / (1 - next) < 1e-17 * sum) break;
    }
  }
  return Math.log(sum) + logScale;
}

/** Terms the direct series for (b, z) needs: up to the peak at z − b, then a few √z for the tail. */
function seriesTerms(b: number, z: number): number {
  return Math.max(0, z - b) + 40 * Math.sqrt(z) + 100;
}

export function validateErlangAInput(input: ErlangAInput): void {
  requireNonNegative('contacts', input.contacts);
  requireNonNegative('intervalSeconds', input.intervalSeconds);
  requireNonNegative('ahtSeconds', input.ahtSeconds);
  if (input.contacts > 0) {
    requirePositive('intervalSeconds', input.intervalSeconds);
    requirePositive('ahtSeconds', input.ahtSeconds);
  }
  requirePositive('patienceSeconds', input.patienceSeconds);
  const slt = input.serviceLevelTarget;
  if (typeof slt !== 'number' || !Number.isFinite(slt) || slt <= 0 || slt > 1) {
    throw new StaffingInputError('serviceLevelTarget', `serviceLevelTarget must be in (0, 1] (got ${String(slt)}).`);
  }
  if (input.contacts > 0) requireAttainableServiceLevel(slt);
  requireNonNegative('targetAnswerSeconds', input.targetAnswerSeconds);
  const cap = input.maxAbandonment;
  if (cap !== undefined && cap !== null && (typeof cap !== 'number' || !Number.isFinite(cap) || cap <= 0 || cap > 1)) {
    throw new StaffingInputError('maxAbandonment', `maxAbandonment must be in (0, 1] (got ${String(cap)}).`);
  }
  if (input.asaTargetSeconds !== undefined && input.asaTargetSeconds !== null)
    requirePositive('asaTargetSeconds', input.asaTargetSeconds);
  if (
    typeof input.shrinkage !== 'number' ||
    !Number.isFinite(input.shrinkage) ||
    input.shrinkage < 0 ||
    input.shrinkage >= 1
  ) {
    throw new StaffingInputError('shrinkage', `shrinkage must be in [0, 1) (got ${String(input.shrinkage)}).`);
  }
  const occ = input.maxOccupancy;
  if (typeof occ !== 'number' || !Number.isFinite(occ) || occ <= 0 || occ > 1) {
    throw new StaffingInputError('maxOccupancy', `maxOccupancy must be in (0, 1] (got ${String(occ)}).`);
  }
}

type QueueShape = Pick<
  ErlangAInput,
  'contacts' | 'intervalSeconds' | 'ahtSeconds' | 'patienceSeconds' | 'targetAnswerSeconds'
>;

/** The metrics for N agents, inputs already checked. */
function metrics(q: QueueShape, a: number, n: number): ErlangAAgentsResult {
  const patience = q.patienceSeconds;
  if (a === 0) {
    return {
      trafficErlangs: 0,
      agents: n,
      serviceLevel: 1,
      asaSeconds: 0,
      abandonmentRate: 0,
      occupancy: 0,
      probabilityOfWaiting: 0,
    };
  }
  if (n === 0) {
    // Nobody answers: every contact waits out its patience and hangs up.
    return {
      trafficErlangs: a,
      agents: 0,
      serviceLevel: 0,
      asaSeconds: patience,
      abandonmentRate: 1,
      occupancy: null,
      probabilityOfWaiting: 1,
    };
  }
  const ratio = patience / q.ahtSeconds; // μ ÷ θ
  const x = n * ratio;
  const y = a * ratio;
  const thetaT = q.targetAnswerSeconds / patience;
  const u = Math.exp(-thetaT);
  const b = erlangB(a, n);

  let pWait: number;
  let pAbandon: number;
  let answeredAfterWaitWithinT: number; // share of offered contacts that wait, then are answered within T
  if (seriesTerms(x, y) <= DIRECT_SERIES_MAX_TERMS) {
    const lnS = logSeries(x, y);
    const inverseS = Math.exp(-lnS);
    // P(wait) = 1 ÷ (1 + (1 − B) ÷ (B·S)); B = 0 (underflow, N ≫ A) gives 0.
    pWait = b === 0 ? 0 : 1 / (1 + ((1 - b) / b) * inverseS);
    pAbandon = pWait * Math.max(0, 1 - n / a + (n / a) * inverseS);
    // (x ÷ y)(S − 1) ÷ S − x ÷ (x + 1)·e^E·S′(yu) ÷ S, the second term in logs (E can be large).
    const answeredEventually = (n / a) * (1 - inverseS);
    const lnLate = y * (1 - u) - (x + 1) * thetaT + logSeries(x + 1, y * u) - lnS;
    answeredAfterWaitWithinT = pWait * Math.max(0, answeredEventually - (x / (x + 1)) * Math.exp(lnLate));
  } else {
    // Far over capacity with long patience: the incomplete-gamma form, P(a, z) = gammainc(z, a).
    const pxy = gammainc(y, x);
    const lnS = y - x * Math.log(y) + gammaln(x + 1) + Math.log(pxy);
    const inverseS = Math.exp(-lnS);
    pWait = b === 0 ? 0 : 1 / (1 + ((1 - b) / b) * inverseS);
    pAbandon = pWait * Math.max(0, 1 - n / a + (n / a) * inverseS);
    answeredAfterWaitWithinT = pWait * Math.max(0, ((x / y) * (gammainc(y, x + 1) - gammainc(y * u, x + 1))) / pxy);
  }
  const serviceLevel = Math.min(1, Math.max(0, 1 - pWait + answeredAfterWaitWithinT));
  return {
    trafficErlangs: a,
    agents: n,
    serviceLevel,
    asaSeconds: pAbandon * patience,
    abandonmentRate: pAbandon,
    occupancy: (a * (1 - pAbandon)) / n,
    probabilityOfWaiting: pWait,
  };
}

/** What `agents` achieve on an Erlang A queue (any N ≥ 0: abandonment keeps even N ≤ A finite). */
export function erlangAForAgents(input: QueueShape, agents: number): ErlangAAgentsResult {
  requireNonNegative('contacts', input.contacts);
  requireNonNegative('intervalSeconds', input.intervalSeconds);
  requireNonNegative('ahtSeconds', input.ahtSeconds);
  requireNonNegative('targetAnswerSeconds', input.targetAnswerSeconds);
  requirePositive('patienceSeconds', input.patienceSeconds);
  if (input.contacts > 0) {
    requirePositive('intervalSeconds', input.intervalSeconds);
    requirePositive('ahtSeconds', input.ahtSeconds);
  }
  requireInteger('agents', agents, 0);
  const a = trafficErlangs(input.contacts, input.ahtSeconds, input.intervalSeconds);
  return metrics(input, a, agents);
}

function meets(input: ErlangAInput, m: ErlangAAgentsResult): boolean {
  if (!(m.serviceLevel >= input.serviceLevelTarget)) return false;
  if (m.occupancy === null || m.occupancy > input.maxOccupancy + TARGET_TOLERANCE) return false;
  const cap = input.maxAbandonment;
  if (cap !== undefined && cap !== null && m.abandonmentRate > cap + TARGET_TOLERANCE) return false;
  const asa = input.asaTargetSeconds;
  if (asa !== undefined && asa !== null && m.asaSeconds > asa * (1 + TARGET_TOLERANCE)) return false;
  return true;
}

/**
 * Smallest N meeting the service-level target, the abandonment cap, the occupancy cap and the ASA
 * ceiling (each improves as N grows: P(wait), P(abandon) and the wait fall, the service level
 * rises, and occupancy A·(1 − P(abandon)) ÷ N falls). Unlike Erlang C the answer may be ≤ A.
 * Search: from ⌈A⌉ outward in doubling steps until the targets flip, then bisection, so that only
 * O(log N) head counts are evaluated and those near the answer first.
 */
export function erlangA(input: ErlangAInput): ErlangAResult {
  validateErlangAInput(input);
  const a = trafficErlangs(input.contacts, input.ahtSeconds, input.intervalSeconds);
  const withShrinkage = (m: ErlangAAgentsResult): ErlangAResult => ({
    ...m,
    scheduledAgents: grossUpForShrinkage(m.agents, input.shrinkage),
  });
  if (a === 0) return withShrinkage(metrics(input, 0, 0));
  const cache = new Map<number, ErlangAAgentsResult>();
  const at = (n: number): ErlangAAgentsResult => {
    let m = cache.get(n);
    if (!m) {
      m = metrics(input, a, n);
      cache.set(n, m);
    }
    return m;
  };
  const start = Math.max(1, Math.ceil(a));
  let good: number; // meets the targets
  let bad: number; // does not (0 never does: SL(0) = 0 < any target)
  if (meets(input, at(start))) {
    good = start;
    bad = 0;
    for (let step = 1; good - step > 0; step *= 2) {
      const n = good - step;
      if (!meets(input, at(n))) {
        bad = n;
        break;
      }
      good = n;
    }
  } else {
    bad = start;
    good = -1;
    for (let step = 1; ; step *= 2) {
      const n = bad + step;
      if (n > MAX_AGENTS)
        throw new StaffingInputError('serviceLevelTarget', `No head count up to ${MAX_AGENTS} meets the targets.`);
      if (meets(input, at(n))) {
        good = n;
        break;
      }
      bad = n;
    }
  }
  while (good - bad > 1) {
    const mid = Math.floor((good + bad) / 2);
    if (meets(input, at(mid))) good = mid;
    else bad = mid;
  }
  return withShrinkage(at(good));
}
