/**
 * Greedy schedule: repeatedly give the shift that covers the most remaining under-coverage per
 * unit of cost to its agent, as long as the hard rules allow it and it lowers the objective.
 * The benchmark baseline, the MIP's warm start, and its fallback when HiGHS fails.
 *
 * Lazy evaluation (Minoux's accelerated greedy): a shift's coverage gain can only shrink as other
 * shifts are added, and a shift that breaks a rule now breaks it for good (rules only tighten as
 * shifts are added), so stale scores in a max-heap are upper bounds. The popped shift is rescored;
 * if it is still at least the next stored score it is the true best. The result is the same as
 * rescoring every shift at every step, at a fraction of the cost.
 */
import { PreparedSchedule, PreparedShift, prepareSchedule } from './schedule-preparation';
import { ScheduleProblem, ScheduleSolution } from './schedule-problem.types';
import { AgentScheduleState } from './schedule-rules';
import { toScheduleSolution } from './schedule-evaluation';

interface HeapEntry {
  score: number;
  agent: number;
  shift: PreparedShift;
}

/** Max-heap on score, ties broken by agent then candidate position so runs are reproducible. */
class ScoreHeap {
  private readonly items: HeapEntry[] = [];

  get size(): number {
    return this.items.length;
  }

  peekScore(): number {
    return this.items.length > 0 ? this.items[0].score : -Infinity;
  }

  push(entry: HeapEntry): void {
    const items = this.items;
    items.push(entry);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(items[i], items[parent])) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  pop(): HeapEntry | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    const top = items[0];
    const last = items.pop() as HeapEntry;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < items.length && this.before(items[l], items[best])) best = l;
        if (r < items.length && this.before(items[r], items[best])) best = r;
        if (best === i) break;
        [items[i], items[best]] = [items[best], items[i]];
        i = best;
      }
    }
    return top;
  }

  private before(x: HeapEntry, y: HeapEntry): boolean {
    if (x.score !== y.score) return x.score > y.score;
    if (x.agent !== y.agent) return x.agent < y.agent;
    return x.shift.candidatePosition < y.shift.candidatePosition;
  }
}

/**
 * Chosen shifts per agent position, by the lazy greedy described above. With `initial` (a partial
 * schedule that keeps every rule, e.g. the named shifts of the two-stage solver) it only adds to it.
 */
export function greedyAssign(prepared: PreparedSchedule, initial?: readonly PreparedShift[][]): PreparedShift[][] {
  const { weights, intervalHours: h, costScale } = prepared;
  const remaining = prepared.remaining.slice();
  const states = prepared.agents.map((a) => new AgentScheduleState(a, prepared.intervalMinutes));
  const chosen: PreparedShift[][] = prepared.agents.map(() => []);
  initial?.forEach((shifts, a) => {
    for (const shift of shifts) {
      chosen[a]!.push(shift);
      states[a]!.add(shift);
      for (const t of shift.coverIntervals) remaining[t] -= 1;
    }
  });

  // Agent-intervals of shortfall the shift would cover (fractional requirements count partly).
  const gainOf = (shift: PreparedShift): number => {
    let gain = 0;
    for (const t of shift.coverIntervals) gain += Math.min(1, Math.max(0, remaining[t]));
    return gain;
  };
  // Cost in paid hours at the mean rate, the unit the objective prices shifts in.
  const costOf = (shift: PreparedShift): number => Math.max(shift.cost / costScale, 1e-6);
  // Objective change if the shift were added now: cost + new over-coverage − shortfall covered.
  const deltaOf = (shift: PreparedShift, gain: number): number =>
    (weights.cost * shift.cost) / costScale +
    weights.overCoverage * h * (shift.coverIntervals.length - gain) -
    weights.underCoverage * h * gain;

  const heap = new ScoreHeap();
  prepared.agents.forEach((agent, a) => {
    for (const shift of agent.usable) {
      const gain = gainOf(shift);
      if (gain > 0 && deltaOf(shift, gain) < 0) heap.push({ score: gain / costOf(shift), agent: a, shift });
    }
  });

  while (heap.size > 0) {
    const entry = heap.pop() as HeapEntry;
    if (!states[entry.agent].canAdd(entry.shift)) continue;
    const gain = gainOf(entry.shift);
    // Gains only shrink, so a shift that no longer pays for itself never will again.
    if (gain <= 0 || deltaOf(entry.shift, gain) >= 0) continue;
    const score = gain / costOf(entry.shift);
    if (score < heap.peekScore()) {
      heap.push({ ...entry, score });
      continue;
    }
    chosen[entry.agent].push(entry.shift);
    states[entry.agent].add(entry.shift);
    for (const t of entry.shift.coverIntervals) remaining[t] -= 1;
  }
  return chosen;
}

/** The greedy baseline as a full ScheduleSolution (status HEURISTIC, no bound, no gap). */
export function greedySchedule(problem: ScheduleProblem): ScheduleSolution {
  const started = performance.now();
  const prepared = prepareSchedule(problem);
  const chosen = greedyAssign(prepared);
  const seconds = (performance.now() - started) / 1000;
  return toScheduleSolution(prepared, chosen, {
    status: 'HEURISTIC',
    source: 'GREEDY',
    bestBound: null,
    mipGap: null,
    buildSeconds: 0,
    solveSeconds: seconds,
    model: {
      columns: 0,
      rows: 0,
      nonzeros: 0,
      candidates: prepared.candidateCount,
      prunedCandidates: prepared.prunedCandidates,
      restrictedCandidates: null,
    },
    messages: [],
  });
}
