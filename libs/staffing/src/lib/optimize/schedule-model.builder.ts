/**
 * The schedule MIP, as sparse arrays for HiGHS.
 *
 * Variables: xᵢ ∈ {0, 1} per usable candidate shift; underₜ, overₜ ≥ 0 per interval t that some
 * candidate covers (elsewhere nothing can change, so those intervals enter as a constant).
 *
 *   minimise   w_u·h·Σ underₜ + w_o·h·Σ overₜ + w_c·Σ costᵢ/c̄·xᵢ            (h = interval hours,
 *                                                                        c̄ = mean hourly cost)
 *   coverage   Σ_{i covers t} xᵢ + underₜ − overₜ = requiredₜ − fixedₜ       for every active t
 *   day        Σ_{i of agent a on day d} xᵢ ≤ 1
 *   rest       clique rows (below): no two shifts of an agent closer than the minimum rest
 *   weekly     Σ_{i of agent a in week w} paidᵢ·xᵢ ≤ maxWeeklyHours − fixed hours of the week
 *   consec.    Σ_{i of agent a on days s…s+M} xᵢ ≤ M − fixed days in the window, every window
 *              of M + 1 days (M = maxConsecutiveDays) that could otherwise be exceeded
 *
 * Rest as cliques rather than pairs: for days d < d′ of one agent whose shifts are ordered
 * (every shift of d starts no later than every shift of d′), shift a (day d) and b (day d′)
 * conflict iff b.start − a.end < rest. For each distinct end e of day d the set
 * {a : a.end ≥ e} ∪ {b : b.start − e < rest} is pairwise conflicting (same day, or too close),
 * so Σ x ≤ 1 over it is valid, and the clique for e = a.end contains every pair (a, b) that
 * conflicts. One row per distinct end time instead of one per pair, and a tighter LP relaxation.
 * Unordered day pairs (unusual: a later day starting earlier) fall back to one row per pair.
 *
 * Coverage rows come in two equivalent forms. 'direct' is the system above (a shift appears in
 * every interval it works: ~30 non-zeros for an 8-hour shift). 'difference' replaces each row by
 * itself minus the previous active row, so a shift appears only where its coverage changes
 * (start, end, each break: ~8 non-zeros), the usual trick for shift-scheduling LPs; the feasible
 * set is the same because the transformation is invertible.
 */
import { PreparedAgent, PreparedSchedule, PreparedShift } from './schedule-preparation';
import { HOURS_TOLERANCE, restConflict, weekOf } from './schedule-rules';

export type CoverageFormulation = 'direct' | 'difference';

export interface ScheduleModel {
  numCols: number;
  numRows: number;
  colCost: number[];
  colLower: number[];
  colUpper: number[];
  /** 1 = integer (the x columns, bounded to [0, 1]), 0 = continuous (under/over). */
  integrality: number[];
  rowLower: number[];
  rowUpper: number[];
  /** Constraint matrix, compressed sparse rows. */
  starts: number[];
  indices: number[];
  values: number[];
  /** Objective constant: shortfall and excess of intervals no candidate covers. */
  offset: number;
  /** Column j < xShifts.length is the candidate xShifts[j]. */
  xShifts: Array<{ agent: number; shift: PreparedShift }>;
  /** Intervals with under/over columns: underₜ is column underStart + k for activeIntervals[k], overₜ the next one. */
  activeIntervals: number[];
  underStart: number;
  rowCounts: { coverage: number; day: number; rest: number; weekly: number; consecutive: number };
}

export interface RowDraft {
  indices: number[];
  values: number[];
  lower: number;
  upper: number;
  /** Which rule a per-agent row states (the two-stage solver aggregates them by kind). */
  kind?: 'day' | 'rest' | 'weekly' | 'consecutive' | 'daysOff' | 'fairness';
  /** The shifts of the row, in index order (per-agent rows only). */
  shifts?: PreparedShift[];
}

export function buildScheduleModel(
  prepared: PreparedSchedule,
  formulation: CoverageFormulation = 'difference',
): ScheduleModel {
  const { weights, intervalHours: h, costScale, intervalMinutes } = prepared;
  const xShifts: Array<{ agent: number; shift: PreparedShift }> = [];
  prepared.agents.forEach((agent, a) => agent.usable.forEach((shift) => xShifts.push({ agent: a, shift })));
  const columnOf = new Map<PreparedShift, number>();
  xShifts.forEach(({ shift }, j) => columnOf.set(shift, j));

  const covered = new Array<boolean>(prepared.intervalCount).fill(false);
  for (const { shift } of xShifts) for (const t of shift.coverIntervals) covered[t] = true;
  const activeIntervals: number[] = [];
  const activeIndex = new Array<number>(prepared.intervalCount).fill(-1);
  let offset = 0;
  for (let t = 0; t < prepared.intervalCount; t++) {
    if (covered[t]) {
      activeIndex[t] = activeIntervals.length;
      activeIntervals.push(t);
    } else {
      const gap = prepared.remaining[t];
      offset += gap > 0 ? weights.underCoverage * h * gap : weights.overCoverage * h * -gap;
    }
  }

  const numX = xShifts.length;
  const underStart = numX;
  const numCols = numX + 2 * activeIntervals.length;
  const colCost: number[] = [];
  const colLower: number[] = [];
  const colUpper: number[] = [];
  const integrality: number[] = [];
  for (const { shift } of xShifts) {
    colCost.push((weights.cost * shift.cost) / costScale);
    colLower.push(0);
    colUpper.push(1);
    integrality.push(1);
  }
  for (let k = 0; k < activeIntervals.length; k++) {
    colCost.push(weights.underCoverage * h, weights.overCoverage * h);
    colLower.push(0, 0);
    colUpper.push(Infinity, Infinity);
    integrality.push(0, 0);
  }

  const rows: RowDraft[] = [];
  const counts = { coverage: 0, day: 0, rest: 0, weekly: 0, consecutive: 0 };

  // Coverage.
  const K = activeIntervals.length;
  const coverageRows: RowDraft[] = activeIntervals.map(() => ({ indices: [], values: [], lower: 0, upper: 0 }));
  for (let j = 0; j < numX; j++) {
    const cover = xShifts[j].shift.coverIntervals;
    if (formulation === 'direct') {
      for (const t of cover) {
        coverageRows[activeIndex[t]].indices.push(j);
        coverageRows[activeIndex[t]].values.push(1);
      }
    } else {
      // Row k − 1 is subtracted from row k: +1 where the shift starts covering, −1 after it stops.
      const inCover = new Set(cover);
      for (const t of cover) {
        const k = activeIndex[t];
        if (k === 0 || !inCover.has(activeIntervals[k - 1])) {
          coverageRows[k].indices.push(j);
          coverageRows[k].values.push(1);
        }
        if (k + 1 < K && !inCover.has(activeIntervals[k + 1])) {
          coverageRows[k + 1].indices.push(j);
          coverageRows[k + 1].values.push(-1);
        }
      }
    }
  }
  for (let k = 0; k < K; k++) {
    const row = coverageRows[k];
    const under = underStart + 2 * k;
    const rhs = prepared.remaining[activeIntervals[k]];
    if (formulation === 'direct' || k === 0) {
      row.indices.push(under, under + 1);
      row.values.push(1, -1);
      row.lower = row.upper = rhs;
    } else {
      row.indices.push(under - 2, under - 1, under, under + 1);
      row.values.push(-1, 1, 1, -1);
      row.lower = row.upper = rhs - prepared.remaining[activeIntervals[k - 1]];
    }
    rows.push(row);
  }
  counts.coverage = K;

  // Per-agent rules.
  for (const agent of prepared.agents) {
    rows.push(...agentRuleRows(agent, agent.usable, (shift) => columnOf.get(shift) as number, intervalMinutes, counts));
  }

  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  for (const row of rows) {
    for (let i = 0; i < row.indices.length; i++) {
      indices.push(row.indices[i]);
      values.push(row.values[i]);
    }
    starts.push(indices.length);
    rowLower.push(row.lower);
    rowUpper.push(row.upper);
  }
  return {
    numCols,
    numRows: rows.length,
    colCost,
    colLower,
    colUpper,
    integrality,
    rowLower,
    rowUpper,
    starts,
    indices,
    values,
    offset,
    xShifts,
    activeIntervals,
    underStart,
    rowCounts: counts,
  };
}

/** Column values for a given choice of shifts (x), with under/over set to the resulting slack. */
export function columnValuesFor(
  model: ScheduleModel,
  prepared: PreparedSchedule,
  chosen: ReadonlySet<PreparedShift>,
): number[] {
  const values = new Array<number>(model.numCols).fill(0);
  const coverage = new Array<number>(prepared.intervalCount).fill(0);
  model.xShifts.forEach(({ shift }, j) => {
    if (!chosen.has(shift)) return;
    values[j] = 1;
    for (const t of shift.coverIntervals) coverage[t] += 1;
  });
  model.activeIntervals.forEach((t, k) => {
    const gap = prepared.remaining[t] - coverage[t];
    values[model.underStart + 2 * k] = Math.max(0, gap);
    values[model.underStart + 2 * k + 1] = Math.max(0, -gap);
  });
  return values;
}

export type RuleRowCounts = Pick<ScheduleModel['rowCounts'], 'day' | 'rest' | 'weekly' | 'consecutive'>;

/** The rule limits of one agent that the rows need (a PreparedAgent has them all). */
export type RuleAgent = Pick<PreparedAgent, 'fixed' | 'maxWeeklyHours' | 'minRestMinutes' | 'maxConsecutiveDays'> &
  Partial<Pick<PreparedAgent, 'maxWorkDaysPerWeek' | 'maxWeekendShifts' | 'maxNightShifts'>>;

/**
 * The hard-rule rows of one agent over the shifts `usable` (one per day, rest cliques, weekly hours,
 * consecutive days), with `column` giving each shift's column. Shared by the full model and the
 * second stage of the two-stage solver, which assigns counts to named agents.
 */
export function agentRuleRows(
  agent: RuleAgent,
  usable: readonly PreparedShift[],
  column: (shift: PreparedShift) => number,
  intervalMinutes: number,
  counts: RuleRowCounts = { day: 0, rest: 0, weekly: 0, consecutive: 0 },
): RowDraft[] {
  const rows: RowDraft[] = [];
  const byDay = new Map<number, PreparedShift[]>();
  for (const shift of usable) {
    const list = byDay.get(shift.dayIndex) ?? [];
    list.push(shift);
    byDay.set(shift.dayIndex, list);
  }
  const days = [...byDay.keys()].sort((x, y) => x - y);
  const cols = (shifts: readonly PreparedShift[]): number[] => shifts.map(column);
  const packRow = (
    shifts: readonly PreparedShift[],
    upper: number,
    kind: NonNullable<RowDraft['kind']>,
    coefficient?: (s: PreparedShift) => number,
  ): RowDraft => ({
    indices: cols(shifts),
    values: shifts.map((s) => (coefficient ? coefficient(s) : 1)),
    lower: -Infinity,
    upper,
    kind,
    shifts: [...shifts],
  });

  // One shift per day.
  for (const d of days) {
    const shifts = byDay.get(d) as PreparedShift[];
    if (shifts.length > 1) {
      rows.push(packRow(shifts, 1, 'day'));
      counts.day++;
    }
  }

  // Rest between days.
  for (let p = 0; p < days.length; p++) {
    for (let q = p + 1; q < days.length; q++) {
      const early = byDay.get(days[p]) as PreparedShift[];
      const late = byDay.get(days[q]) as PreparedShift[];
      const latestEarlyStart = Math.max(...early.map((s) => s.startInterval));
      const earliestLateStart = Math.min(...late.map((s) => s.startInterval));
      const latestEarlyEnd = Math.max(...early.map((s) => s.endInterval));
      const ordered = latestEarlyStart <= earliestLateStart;
      if (ordered && (earliestLateStart - latestEarlyEnd) * intervalMinutes >= agent.minRestMinutes) continue;
      if (!ordered) {
        for (const a of early) {
          for (const b of late) {
            if (restConflict(a, b, agent.minRestMinutes, intervalMinutes)) {
              rows.push(packRow([a, b], 1, 'rest'));
              counts.rest++;
            }
          }
        }
        continue;
      }
      const lateByStart = [...late].sort((x, y) => x.startInterval - y.startInterval);
      const ends = [...new Set(early.map((s) => s.endInterval))].sort((x, y) => x - y);
      let previousSize = 0;
      for (const e of ends) {
        // b conflicts with every a ending at or after e iff (b.start − e)·minutes < rest.
        let size = 0;
        while (
          size < lateByStart.length &&
          (lateByStart[size].startInterval - e) * intervalMinutes < agent.minRestMinutes
        )
          size++;
        if (size === 0 || size === previousSize) continue; // none, or a subset of the previous clique
        previousSize = size;
        rows.push(packRow([...early.filter((s) => s.endInterval >= e), ...lateByStart.slice(0, size)], 1, 'rest'));
        counts.rest++;
      }
    }
  }

  // Weekly paid hours.
  const fixedHours = new Map<number, number>();
  for (const f of agent.fixed)
    fixedHours.set(weekOf(f.dayIndex), (fixedHours.get(weekOf(f.dayIndex)) ?? 0) + f.paidHours);
  const weeks = new Map<number, number[]>();
  for (const d of days) weeks.set(weekOf(d), [...(weeks.get(weekOf(d)) ?? []), d]);
  for (const [week, weekDays] of weeks) {
    const budget = agent.maxWeeklyHours - (fixedHours.get(week) ?? 0);
    const shifts = weekDays.flatMap((d) => byDay.get(d) as PreparedShift[]);
    const mostPossible = weekDays.reduce(
      (s, d) => s + Math.max(...(byDay.get(d) as PreparedShift[]).map((x) => x.paidHours)),
      0,
    );
    if (mostPossible <= budget + HOURS_TOLERANCE) continue;
    rows.push(packRow(shifts, budget + HOURS_TOLERANCE, 'weekly', (s) => s.paidHours));
    counts.weekly++;
  }

  // Consecutive days: every window of M + 1 days that candidates and fixed days could fill.
  const M = agent.maxConsecutiveDays;
  const fixedDays = new Set(agent.fixed.map((f) => f.dayIndex));
  if (days.length > 0) {
    for (let s = days[0] - M; s <= days[days.length - 1]; s++) {
      const windowDays = days.filter((d) => d >= s && d <= s + M);
      if (windowDays.length === 0) continue;
      let fixedInWindow = 0;
      for (let d = s; d <= s + M; d++) if (fixedDays.has(d)) fixedInWindow++;
      if (windowDays.length + fixedInWindow <= M) continue;
      rows.push(
        packRow(
          windowDays.flatMap((d) => byDay.get(d) as PreparedShift[]),
          M - fixedInWindow,
          'consecutive',
        ),
      );
      counts.consecutive++;
    }
  }
  // Days off: at most maxWorkDaysPerWeek days with a shift in each week (fixed days count).
  const workDays = agent.maxWorkDaysPerWeek ?? 7;
  if (workDays < 7) {
    const fixedDaysOf = (week: number): number =>
      new Set(agent.fixed.filter((f) => weekOf(f.dayIndex) === week).map((f) => f.dayIndex)).size;
    for (const [week, weekDays] of weeks) {
      if (weekDays.length + fixedDaysOf(week) <= workDays) continue;
      rows.push(
        packRow(
          weekDays.flatMap((d) => byDay.get(d) as PreparedShift[]),
          workDays - fixedDaysOf(week),
          'daysOff',
        ),
      );
    }
  }
  // Fairness: at most so many weekend and night shifts in the horizon.
  for (const [tagged, cap] of [
    [usable.filter((x) => x.weekend), agent.maxWeekendShifts ?? Infinity],
    [usable.filter((x) => x.night), agent.maxNightShifts ?? Infinity],
  ] as const) {
    if (tagged.length > cap) rows.push(packRow(tagged, cap, 'fairness'));
  }
  return rows;
}
