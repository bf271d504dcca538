/**
 * Local search on named schedules, with the exact objective (schedule-evaluation.ts) and every hard
 * rule (schedule-rules.ts): the polish of the two-stage solver once the counts have been given to
 * agents. A heuristic: it only ever accepts a schedule that keeps every rule and is strictly better.
 *
 * The objective splits into a term per interval (under- and over-coverage, a function of how many
 * agents of each channel mask work it) and a term per agent (the cost of its shifts, its unmet wishes
 * and weeks without two consecutive days off), so a move's change is computed from the intervals and
 * agents it touches. With several channels the interval term is a maximum flow from masks to channels
 * (channel-split.ts); its value is the minimum cut, min over channel sets Y of Σ_{c∈Y} demand(c) +
 * Σ_{masks ⊄ Y} supply(mask), so each interval keeps those 2^C cut values and a move reads them.
 *
 * Neighbourhoods, each scanned agent by agent and applied on the best improvement found:
 *  - change: one agent's shift of one day replaced by another usable shift of that day, or dropped,
 *    or a shift added on a free day;
 *  - double change: the same on two days of one agent at once (needed when weekly hours or rest bind:
 *    a longer shift on one day needs a shorter one, or none, on another);
 *  - swap: two agents exchange the timings they work on one day (one of them may have none: a transfer),
 *    which changes cost, wishes and channel masks, and frees agents for the moves above.
 * Passes repeat until none improves or the deadline passes.
 */
import { PreparedAgent, PreparedSchedule, PreparedShift } from './schedule-preparation';
import { matches } from './schedule-preferences';
import { AgentScheduleState, HOURS_TOLERANCE, weekOf } from './schedule-rules';

export interface LocalSearchOptions {
  /** performance.now() value after which the search stops (between moves). */
  deadline: number;
  shouldStop?: () => boolean;
  /** Once at a local optimum, keep going until the deadline with ruin-and-descend rounds (iterated local search). */
  perturb?: boolean;
  /** Stop the iterated search once the objective has dropped by this much (e.g. down to a proven bound). */
  enoughGain?: number;
  /** At most this many ruin-and-descend rounds (tests: the same work on any machine). */
  maxKicks?: number;
}

export interface LocalSearchResult {
  chosen: PreparedShift[][];
  /** Moves applied. */
  moves: number;
  /** Passes over every agent. */
  passes: number;
  /** True when the first descent ended at a local optimum of every neighbourhood (not cut by the time). */
  converged: boolean;
  /** Ruin-and-descend rounds of the iterated search (perturb). */
  kicks: number;
}

const EPS = 1e-9;
/** Tolerance on under/over-coverage, as in schedule-evaluation.ts. */
const COVERAGE_TOLERANCE = 1e-9;
/** Channel counts above this use the max-flow split instead of 2^C cuts. */
const MAX_CUT_CHANNELS = 8;

/** The coverage part of the objective, with the change of adding or removing one agent's shift. */
interface CoverageTerm {
  /** Objective change if `shift` were worked once more (sign 1) or once less (sign −1). */
  delta(shift: PreparedShift, sign: 1 | -1): number;
  apply(shift: PreparedShift, sign: 1 | -1): void;
  /** True when some interval the shift works is short of agents (on some channel). */
  short(shift: PreparedShift): boolean;
  /** Objective change if one agent working `intervals` served channel mask `to` instead of `from`. */
  maskChange(intervals: readonly number[], from: number, to: number): number;
}

function singleChannelTerm(prepared: PreparedSchedule, chosen: readonly PreparedShift[][]): CoverageTerm {
  const { weights, intervalHours: h } = prepared;
  const coverage = prepared.fixedCoverage.slice();
  for (const shifts of chosen) for (const s of shifts) for (const t of s.coverIntervals) coverage[t] += 1;
  const required = prepared.required;
  const wu = weights.underCoverage * h;
  const wo = weights.overCoverage * h;
  const cost = (t: number, c: number): number => {
    const gap = required[t]! - c;
    return gap > COVERAGE_TOLERANCE ? wu * gap : gap < -COVERAGE_TOLERANCE ? -wo * gap : 0;
  };
  return {
    delta(shift, sign) {
      let d = 0;
      for (const t of shift.coverIntervals) d += cost(t, coverage[t]! + sign) - cost(t, coverage[t]!);
      return d;
    },
    apply(shift, sign) {
      for (const t of shift.coverIntervals) coverage[t] += sign;
    },
    short(shift) {
      return shift.coverIntervals.some((t) => required[t]! - coverage[t]! > COVERAGE_TOLERANCE);
    },
    maskChange() {
      return 0;
    },
  };
}

/**
 * Several channels: per interval the supply of each mask and the min-cut values of every channel set
 * (served = the smallest; over = supply − served; under = demand − served).
 */
function multiChannelTerm(prepared: PreparedSchedule, chosen: readonly PreparedShift[][]): CoverageTerm {
  const { weights, intervalHours: h } = prepared;
  const C = prepared.channels!.length;
  const sets = 1 << C;
  const T = prepared.intervalCount;
  const wu = weights.underCoverage * h;
  const wo = weights.overCoverage * h;
  const demand = new Float64Array(T);
  for (let t = 0; t < T; t++) for (let c = 0; c < C; c++) demand[t] += prepared.channelRequired[c]![t]!;
  // cut[t·sets + Y] = Σ_{c∈Y} demand(c, t) + Σ_{mask ⊄ Y} supply(mask, t); supply[t] = agents working t.
  const cut = new Float64Array(T * sets);
  const supply = new Float64Array(T);
  for (let t = 0; t < T; t++)
    for (let Y = 0; Y < sets; Y++)
      for (let c = 0; c < C; c++) if (Y & (1 << c)) cut[t * sets + Y] += prepared.channelRequired[c]![t]!;
  /** Agents serving a channel: the smallest cut. */
  const served = new Float64Array(T);
  const add = (shift: PreparedShift, sign: number): void => {
    const mask = shift.channelMask;
    for (const t of shift.coverIntervals) {
      supply[t] += sign;
      let least = Infinity;
      for (let Y = 0; Y < sets; Y++) {
        if ((mask & ~Y) !== 0) cut[t * sets + Y] += sign;
        if (cut[t * sets + Y]! < least) least = cut[t * sets + Y]!;
      }
      served[t] = least;
    }
  };
  for (const agent of prepared.agents) for (const f of agent.fixed) add(f, 1);
  for (const shifts of chosen) for (const s of shifts) add(s, 1);
  for (let t = 0; t < T; t++) {
    let least = Infinity;
    for (let Y = 0; Y < sets; Y++) least = Math.min(least, cut[t * sets + Y]!);
    served[t] = least;
  }
  const intervalCost = (t: number, served: number, agents: number): number => {
    const under = demand[t]! - served;
    const over = agents - served;
    return (under > COVERAGE_TOLERANCE ? wu * under : 0) + (over > COVERAGE_TOLERANCE ? wo * over : 0);
  };
  return {
    delta(shift, sign) {
      const mask = shift.channelMask;
      let d = 0;
      for (const t of shift.coverIntervals) {
        const before = served[t]!;
        let after = sign > 0 ? before + 1 : Infinity;
        const base = t * sets;
        // Adding: only cuts that keep the mask on the sink side stay put; removing: every cut may drop.
        for (let Y = 0; Y < sets; Y++) {
          if (sign > 0) {
            if ((mask & ~Y) === 0 && cut[base + Y]! < after) after = cut[base + Y]!;
          } else {
            const w = (mask & ~Y) !== 0 ? cut[base + Y]! - 1 : cut[base + Y]!;
            if (w < after) after = w;
          }
        }
        d += intervalCost(t, after, supply[t]! + sign) - intervalCost(t, before, supply[t]!);
      }
      return d;
    },
    apply(shift, sign) {
      add(shift, sign);
    },
    short(shift) {
      return shift.coverIntervals.some((t) => demand[t]! - served[t]! > COVERAGE_TOLERANCE);
    },
    maskChange(intervals, from, to) {
      let d = 0;
      for (const t of intervals) {
        const base = t * sets;
        let after = Infinity;
        for (let Y = 0; Y < sets; Y++) {
          let v = cut[base + Y]!;
          if ((from & ~Y) !== 0) v -= 1;
          if ((to & ~Y) !== 0) v += 1;
          if (v < after) after = v;
        }
        d += intervalCost(t, after, supply[t]!) - intervalCost(t, served[t]!, supply[t]!);
      }
      return d;
    },
  };
}

/** The agent part of the objective: its shifts' cost, unmet wishes and weeks without consecutive days off. */
function agentTerm(prepared: PreparedSchedule, agent: PreparedAgent, shifts: readonly PreparedShift[]): number {
  const wc = prepared.weights.cost;
  let value = 0;
  for (const s of shifts) value += (wc * s.cost) / prepared.costScale;
  for (const p of agent.preferences) {
    const any = shifts.some((s) => matches(p, s));
    if (p.kind === 'PREFER' ? !any : any) value += p.weight * wc;
  }
  if (prepared.consecutiveDaysOffWeight > 0 && agent.maxWorkDaysPerWeek <= 5) {
    const worked = new Set<number>();
    for (const f of agent.fixed) worked.add(f.dayIndex);
    for (const s of shifts) worked.add(s.dayIndex);
    for (let first = 0; first + 7 <= prepared.dayCount; first += 7) {
      if (!shifts.some((s) => weekOf(s.dayIndex) === weekOf(first))) continue;
      let consecutive = false;
      for (let d = first; d + 1 < first + 7 && !consecutive; d++) consecutive = !worked.has(d) && !worked.has(d + 1);
      if (!consecutive) value += prepared.consecutiveDaysOffWeight;
    }
  }
  return value;
}

/** True when `shifts` (besides the agent's fixed shifts) keep every hard rule. */
function feasible(prepared: PreparedSchedule, agent: PreparedAgent, shifts: readonly PreparedShift[]): boolean {
  // Weekly hours first (what most moves break), without building the state.
  const hours = new Map<number, number>();
  for (const s of [...agent.fixed, ...shifts]) {
    const week = weekOf(s.dayIndex);
    const total = (hours.get(week) ?? 0) + s.paidHours;
    if (total > agent.maxWeeklyHours + HOURS_TOLERANCE) return false;
    hours.set(week, total);
  }
  const state = new AgentScheduleState(agent, prepared.intervalMinutes);
  for (const s of shifts) {
    if (!state.canAdd(s)) return false;
    state.add(s);
  }
  return true;
}

/** The timing of a shift, the same for every agent's copy of it. */
function timingKey(shift: PreparedShift): string {
  return `${shift.dayIndex}|${shift.startInterval}|${shift.endInterval}|${shift.paidHours}|${shift.coverIntervals.join(',')}`;
}

/** The ascending intervals of `x` not in the ascending `y`. */
function without(x: readonly number[], y: readonly number[] | undefined): readonly number[] {
  if (!y || y.length === 0) return x;
  const rest: number[] = [];
  let j = 0;
  for (const t of x) {
    while (j < y.length && y[j]! < t) j++;
    if (j >= y.length || y[j] !== t) rest.push(t);
  }
  return rest;
}

/** One agent's change on one day: `out` (its shift there, if any) replaced by `into` (or none). */
interface Change {
  day: number;
  out: PreparedShift | null;
  into: PreparedShift | null;
  /** Coverage change of the objective. */
  cover: number;
  /** Intervals [from, to) the change touches. */
  from: number;
  to: number;
}

function change(day: number, out: PreparedShift | null, into: PreparedShift | null, cover: number): Change {
  const from = Math.min(out?.startInterval ?? Infinity, into?.startInterval ?? Infinity);
  const to = Math.max(out?.endInterval ?? -Infinity, into?.endInterval ?? -Infinity);
  return { day, out, into, cover, from, to };
}

/** True when the local search can price the problem's coverage (one channel, or at most MAX_CUT_CHANNELS). */
export function canImprove(prepared: PreparedSchedule): boolean {
  return prepared.channels === null || prepared.channels.length <= MAX_CUT_CHANNELS;
}

/**
 * Improves `start` (which must keep every rule) until no move improves it or the deadline passes.
 * Deterministic for a given start.
 */
export function improveSchedule(
  prepared: PreparedSchedule,
  start: readonly PreparedShift[][],
  options: LocalSearchOptions,
): LocalSearchResult {
  const chosen = prepared.agents.map((a) => (start[a.position] ?? []).slice());
  if (!canImprove(prepared)) return { chosen, moves: 0, passes: 0, converged: false, kicks: 0 };
  const termFor = (from: readonly PreparedShift[][]): CoverageTerm =>
    prepared.channels ? multiChannelTerm(prepared, from) : singleChannelTerm(prepared, from);
  let term = termFor(chosen);
  /** Objective of the current schedule minus that of `start`. */
  let value = 0;
  const stop = (): boolean => performance.now() > options.deadline || (options.shouldStop?.() ?? false);

  const agents = prepared.agents.filter((a) => a.usable.length > 0);
  const days = [...new Set(agents.flatMap((a) => a.usable.map((s) => s.dayIndex)))].sort((x, y) => x - y);
  const usableOn = new Map<PreparedAgent, Map<number, PreparedShift[]>>();
  // Timings as numbers: the same for every agent's copy of a shift.
  const timingIds = new Map<string, number>();
  const timingOf = new Map<PreparedShift, number>();
  const byTiming = new Map<PreparedAgent, Map<number, PreparedShift>>();
  for (const agent of agents) {
    const map = new Map<number, PreparedShift[]>();
    const timings = new Map<number, PreparedShift>();
    for (const s of agent.usable) {
      map.set(s.dayIndex, [...(map.get(s.dayIndex) ?? []), s]);
      const key = timingKey(s);
      const id = timingIds.get(key) ?? timingIds.size;
      timingIds.set(key, id);
      timingOf.set(s, id);
      timings.set(id, s);
    }
    usableOn.set(agent, map);
    byTiming.set(agent, timings);
  }
  const agentValue = new Map<PreparedAgent, number>(
    agents.map((a) => [a, agentTerm(prepared, a, chosen[a.position]!)]),
  );
  const onDay = (agent: PreparedAgent, day: number): PreparedShift | null =>
    chosen[agent.position]!.find((s) => s.dayIndex === day) ?? null;

  const wc = prepared.weights.cost;
  const costOf = (s: PreparedShift | null): number => (s ? (wc * s.cost) / prepared.costScale : 0);
  /** The most an agent's wishes (and days-off weeks) can add to the objective. */
  const wishLimit = new Map(
    agents.map((agent) => [
      agent,
      agent.preferences.reduce((sum, p) => sum + p.weight * wc, 0) +
        (prepared.consecutiveDaysOffWeight > 0 && agent.maxWorkDaysPerWeek <= 5
          ? prepared.consecutiveDaysOffWeight * Math.ceil(prepared.dayCount / 7)
          : 0),
    ]),
  );
  const wishesOf = (agent: PreparedAgent): number => wishLimit.get(agent)!;
  /** Paid hours of an agent's week (fixed and chosen). */
  const hoursIn = (agent: PreparedAgent, week: number): number => {
    let sum = 0;
    for (const s of agent.fixed) if (weekOf(s.dayIndex) === week) sum += s.paidHours;
    for (const s of chosen[agent.position]!) if (weekOf(s.dayIndex) === week) sum += s.paidHours;
    return sum;
  };
  /** Coverage change of replacing `out` by `into` (either may be null), for one agent. */
  const coverageChange = (out: readonly PreparedShift[], into: readonly PreparedShift[]): number => {
    let d = 0;
    for (const s of out) {
      d += term.delta(s, -1);
      term.apply(s, -1);
    }
    for (const s of into) {
      d += term.delta(s, 1);
      term.apply(s, 1);
    }
    for (const s of into) term.apply(s, -1);
    for (const s of out) term.apply(s, 1);
    return d;
  };
  const commit = (
    agent: PreparedAgent,
    next: PreparedShift[],
    out: readonly PreparedShift[],
    into: readonly PreparedShift[],
  ): void => {
    for (const s of out) term.apply(s, -1);
    for (const s of into) term.apply(s, 1);
    chosen[agent.position] = next;
    agentValue.set(agent, agentTerm(prepared, agent, next));
  };

  /** Best change of one agent on one day (or two days), applied if it improves. */
  const improveAgent = (agent: PreparedAgent): boolean => {
    const mine = chosen[agent.position]!;
    const before = agentValue.get(agent)!;
    const options = usableOn.get(agent)!;
    // Single-day changes, each with its coverage change (intervals: the span the change touches).
    const single: Change[] = [];
    for (const day of days) {
      const out = onDay(agent, day);
      const base = out ? term.delta(out, -1) : 0;
      if (out) term.apply(out, -1);
      if (out) single.push(change(day, out, null, base));
      for (const into of options.get(day) ?? []) {
        if (into === out) continue;
        single.push(change(day, out, into, base + term.delta(into, 1)));
      }
      if (out) term.apply(out, 1);
    }
    // Upper bound of each change's gain: the cost it saves, the coverage it gains, every wish met.
    // Without wishes the bound is the gain; with them the agent term is computed for the survivors.
    const wishes = wishesOf(agent);
    const bound = single.map((c) => costOf(c.out) - costOf(c.into) - c.cover);
    const build = (
      changes: readonly Change[],
    ): { next: PreparedShift[]; out: PreparedShift[]; into: PreparedShift[] } => {
      const out: PreparedShift[] = [];
      const into: PreparedShift[] = [];
      for (const c of changes) {
        if (c.out) out.push(c.out);
        if (c.into) into.push(c.into);
      }
      return { next: [...mine.filter((s) => !out.includes(s)), ...into], out, into };
    };
    const found: Array<{ i: number; j: number; gain: number }> = [];
    const score = (i: number, j: number, cover: number, costGain: number): void => {
      let gain = costGain - cover;
      if (wishes > 0) {
        const { next } = build(j < 0 ? [single[i]!] : [single[i]!, single[j]!]);
        gain = before - agentTerm(prepared, agent, next) - cover;
      }
      if (gain > EPS) found.push({ i, j, gain });
    };
    single.forEach((c, i) => {
      if (bound[i]! + wishes > EPS) score(i, -1, c.cover, bound[i]! + c.cover);
    });
    // Two days at once. Coverage changes of days whose spans do not meet add up; otherwise recomputed.
    for (let i = 0; i < single.length; i++) {
      const x = single[i]!;
      for (let j = i + 1; j < single.length; j++) {
        const y = single[j]!;
        if (y.day === x.day || bound[i]! + bound[j]! + wishes <= EPS) continue;
        const apart = x.to <= y.from || y.to <= x.from;
        const cover = apart
          ? x.cover + y.cover
          : coverageChange(
              [x.out, y.out].filter((s): s is PreparedShift => s !== null),
              [x.into, y.into].filter((s): s is PreparedShift => s !== null),
            );
        score(i, j, cover, bound[i]! + x.cover + bound[j]! + y.cover);
      }
    }
    found.sort((x, y) => y.gain - x.gain);
    for (const { i, j, gain } of found) {
      const move = build(j < 0 ? [single[i]!] : [single[i]!, single[j]!]);
      if (!feasible(prepared, agent, move.next)) continue;
      commit(agent, move.next, move.out, move.into);
      value -= gain;
      return true;
    }
    return false;
  };

  /** Best exchange of one day's timings between `agent` and another agent, applied if it improves. */
  const swapAgent = (agent: PreparedAgent): boolean => {
    let best: {
      other: PreparedAgent;
      mine: PreparedShift[];
      theirs: PreparedShift[];
      gain: number;
      day: number;
    } | null = null;
    const timings = byTiming.get(agent)!;
    for (const day of days) {
      const a = onDay(agent, day);
      for (const other of agents) {
        if (other === agent) continue;
        const b = onDay(other, day);
        if (!a && !b) continue;
        // a's timing to `other`, b's to `agent`.
        const forOther = a ? byTiming.get(other)!.get(timingOf.get(a)!) : null;
        const forMe = b ? timings.get(timingOf.get(b)!) : null;
        if ((a && !forOther) || (b && !forMe)) continue;
        const sameMasks = agent.channelMask === other.channelMask;
        const costGain = costOf(a) + costOf(b) - costOf(forMe ?? null) - costOf(forOther ?? null);
        const wishes = wishesOf(agent) + wishesOf(other);
        // Only cost and wishes change (or, between masks, coverage can only gain where a channel is
        // short): dismiss the exchange when even meeting every wish could not pay.
        const coverageMayGain = !sameMasks && ((a !== null && term.short(a)) || (b !== null && term.short(b)));
        if (!coverageMayGain && costGain + wishes <= (best?.gain ?? 0) + EPS) continue;
        // Weekly hours (what most exchanges break), before building anything.
        const week = weekOf(day);
        const mineMore = (forMe?.paidHours ?? 0) - (a?.paidHours ?? 0);
        if (mineMore > 0 && hoursIn(agent, week) + mineMore > agent.maxWeeklyHours + HOURS_TOLERANCE) continue;
        if (-mineMore > 0 && hoursIn(other, week) - mineMore > other.maxWeeklyHours + HOURS_TOLERANCE) continue;
        const mine = [...chosen[agent.position]!.filter((s) => s !== a), ...(forMe ? [forMe] : [])];
        const theirs = [...chosen[other.position]!.filter((s) => s !== b), ...(forOther ? [forOther] : [])];
        // Where both timings are worked the supply of each mask stays the same.
        const cover = sameMasks
          ? 0
          : (a
              ? term.maskChange(without(a.coverIntervals, b?.coverIntervals), agent.channelMask, other.channelMask)
              : 0) +
            (b
              ? term.maskChange(without(b.coverIntervals, a?.coverIntervals), other.channelMask, agent.channelMask)
              : 0);
        const gain =
          wishes === 0
            ? costGain - cover
            : agentValue.get(agent)! +
              agentValue.get(other)! -
              agentTerm(prepared, agent, mine) -
              agentTerm(prepared, other, theirs) -
              cover;
        if (gain <= EPS || (best && gain <= best.gain)) continue;
        if (!feasible(prepared, agent, mine) || !feasible(prepared, other, theirs)) continue;
        best = { other, mine, theirs, gain, day };
      }
    }
    if (!best) return false;
    const move = best as { other: PreparedAgent; mine: PreparedShift[]; theirs: PreparedShift[]; gain: number };
    value -= move.gain;
    const mineNow = chosen[agent.position]!;
    const theirsNow = chosen[move.other.position]!;
    commit(
      agent,
      move.mine,
      mineNow.filter((s) => !move.mine.includes(s)),
      move.mine.filter((s) => !mineNow.includes(s)),
    );
    commit(
      move.other,
      move.theirs,
      theirsNow.filter((s) => !move.theirs.includes(s)),
      move.theirs.filter((s) => !theirsNow.includes(s)),
    );
    return true;
  };

  let moves = 0;
  let passes = 0;
  /** Passes of every neighbourhood until none improves (true) or the time is up (false). */
  const descend = (): boolean => {
    while (!stop()) {
      let improved = false;
      for (const agent of agents) {
        if (stop()) break;
        while (improveAgent(agent)) {
          moves++;
          improved = true;
          if (stop()) break;
        }
      }
      if (!improved) {
        for (const agent of agents) {
          if (stop()) break;
          if (swapAgent(agent)) {
            moves++;
            improved = true;
          }
        }
      }
      passes++;
      if (!improved) return !stop();
    }
    return false;
  };
  const converged = descend();
  if (!options.perturb || !converged) return { chosen, moves, passes, converged, kicks: 0 };

  // Iterated local search: ruin part of the schedule (a random share of the shifts starting in a few
  // hours of one day, or every shift of a few agents), descend again, keep the result if it is better.
  let random = 0x2545f491;
  const next = (): number => {
    random ^= random << 13;
    random ^= random >>> 17;
    random ^= random << 5;
    return (random >>> 0) / 4294967296;
  };
  let best = chosen.map((shifts) => shifts.slice());
  let bestValue = value;
  let kicks = 0;
  const remove = (agent: PreparedAgent, shifts: readonly PreparedShift[]): void => {
    if (shifts.length === 0) return;
    const mine = chosen[agent.position]!;
    const kept = mine.filter((s) => !shifts.includes(s));
    const cover = coverageChange(shifts, []);
    const before = agentValue.get(agent)!;
    commit(agent, kept, shifts, []);
    value += cover + agentValue.get(agent)! - before;
  };
  // Small problems run out of new neighbourhoods: stop after this many rounds without a better schedule.
  const patience = Math.max(100, 2 * agents.length);
  let lastBetter = 0;
  while (
    !stop() &&
    -bestValue < (options.enoughGain ?? Infinity) &&
    kicks - lastBetter < (options.maxKicks ?? patience) &&
    kicks < (options.maxKicks ?? Infinity)
  ) {
    kicks++;
    if (next() < 0.5) {
      const day = days[Math.floor(next() * days.length)]!;
      const working = agents.filter((a) => onDay(a, day) !== null);
      if (working.length === 0) continue;
      const pivot = onDay(working[Math.floor(next() * working.length)]!, day)!.startInterval;
      const hours = (2 + 4 * next()) * (60 / prepared.intervalMinutes);
      for (const agent of working) {
        const shift = onDay(agent, day)!;
        if (Math.abs(shift.startInterval - pivot) <= hours && next() < 0.5) remove(agent, [shift]);
      }
    } else {
      for (let k = 0; k < 3; k++) {
        const agent = agents[Math.floor(next() * agents.length)]!;
        remove(agent, chosen[agent.position]!.slice());
      }
    }
    descend();
    if (value < bestValue - EPS) {
      best = chosen.map((shifts) => shifts.slice());
      bestValue = value;
      lastBetter = kicks;
    } else {
      for (const agent of agents) chosen[agent.position] = best[agent.position]!.slice();
      term = termFor(chosen);
      for (const agent of agents) agentValue.set(agent, agentTerm(prepared, agent, chosen[agent.position]!));
      value = bestValue;
    }
  }
  return { chosen: best, moves, passes, converged, kicks };
}
