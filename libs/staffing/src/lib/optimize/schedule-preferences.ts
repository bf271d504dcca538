/**
 * Agents' wishes and the week-shape rules that only make sense per named agent, stated in the second
 * stage of the two-stage solver (schedule-aggregation.ts, assignGroup) and judged in every evaluation.
 *
 *  - PREFER / AVOID wishes (SchedulePreference): an unmet wish costs its weight in paid-hour
 *    equivalents (× weights.cost). In the assignment MIP a PREFER wish is a variable m ≤ Σ x(matching),
 *    m ≤ 1, rewarded by its weight; an AVOID wish charges its weight on each matching shift.
 *  - Start-time spread (hard): per agent and week, a binary band choice w(b) over the distinct start
 *    times b, Σ w ≤ 1, and x(i) ≤ Σ_{b ≤ start(i) ≤ b + spread} w(b).
 *  - Consecutive days off (soft, consecutiveDaysOffWeight): per agent and week with at least two days
 *    off, c(d) ≤ 1 − worked(d), c(d) ≤ 1 − worked(d + 1) for each pair of days, and v + Σ c ≥ 1 with
 *    v charged the weight.
 * The aggregated first stage leaves all of these out: they only add non-negative cost or remove
 * schedules, so its bound stays a bound.
 */
import { addColumn, LinearModel } from './highs-model';
import { GroupAssignmentExtras } from './schedule-aggregation';
import type { RowDraft } from './schedule-model.builder';
import { PreparedAgent, PreparedSchedule, PreparedShift } from './schedule-preparation';
import { SchedulePreference } from './schedule-problem.types';
import { weekOf } from './schedule-rules';

export function matches(preference: SchedulePreference, shift: PreparedShift): boolean {
  return (
    (preference.templateId === undefined || preference.templateId === shift.templateId) &&
    (preference.dayIndex === undefined || preference.dayIndex === shift.dayIndex)
  );
}

/** Which of the agent's wishes the shifts meet. */
export function preferenceResults(agent: PreparedAgent, shifts: readonly PreparedShift[]): boolean[] {
  return agent.preferences.map((p) => {
    const any = shifts.some((s) => matches(p, s));
    return p.kind === 'PREFER' ? any : !any;
  });
}

/** Weeks of the agent whose days off (there being at least two) include no two consecutive days. */
export function weeksWithoutConsecutiveDaysOff(
  agent: PreparedAgent,
  shifts: readonly PreparedShift[],
  dayCount: number,
): number {
  if (agent.maxWorkDaysPerWeek > 5) return 0;
  const worked = new Set([...agent.fixed, ...shifts].map((s) => s.dayIndex));
  let weeks = 0;
  for (let first = 0; first < dayCount; first += 7) {
    const days = Array.from({ length: Math.min(7, dayCount - first) }, (_, i) => first + i);
    if (days.length < 7 || !shifts.some((s) => weekOf(s.dayIndex) === weekOf(first))) continue;
    const consecutive = days.some((d) => d + 1 < first + 7 && !worked.has(d) && !worked.has(d + 1));
    if (!consecutive) weeks++;
  }
  return weeks;
}

/** The objective part of the wishes and of non-consecutive days off, in objective units. */
export function preferencePenalty(
  prepared: PreparedSchedule,
  chosen: readonly PreparedShift[][],
  dayCount: number,
): number {
  let penalty = 0;
  for (const agent of prepared.agents) {
    const shifts = chosen[agent.position] ?? [];
    preferenceResults(agent, shifts).forEach((met, i) => {
      if (!met) penalty += agent.preferences[i]!.weight * prepared.weights.cost;
    });
    if (prepared.consecutiveDaysOffWeight > 0)
      penalty += prepared.consecutiveDaysOffWeight * weeksWithoutConsecutiveDaysOff(agent, shifts, dayCount);
  }
  return penalty;
}

/** True when the problem has anything for the assignment stage to weigh beyond cost. */
export function hasAgentWishes(prepared: PreparedSchedule): boolean {
  return (
    prepared.consecutiveDaysOffWeight > 0 ||
    prepared.agents.some((a) => a.preferences.length > 0 || Number.isFinite(a.maxStartSpreadMinutes))
  );
}

export function agentExtras(prepared: PreparedSchedule, dayCount: number): GroupAssignmentExtras {
  const wc = prepared.weights.cost;
  return {
    optimise: hasAgentWishes(prepared),
    penalty: (a, shift) => {
      const agent = prepared.agents[a]!;
      let penalty = 0;
      for (const p of agent.preferences) if (p.kind === 'AVOID' && matches(p, shift)) penalty += p.weight * wc;
      return penalty;
    },
    agentRows: (a, usable, column, model) => {
      const agent = prepared.agents[a]!;
      const rows: RowDraft[] = [];
      if (Number.isFinite(agent.maxStartSpreadMinutes)) rows.push(...spreadRows(agent, usable, column, model));
      for (const p of agent.preferences) {
        if (p.kind !== 'PREFER') continue;
        const matching = usable.filter((s) => matches(p, s));
        if (matching.length === 0) continue;
        const m = addColumn(model, -p.weight * wc, 0, 1, false);
        rows.push({
          indices: [m, ...matching.map(column)],
          values: [1, ...matching.map(() => -1)],
          lower: -Infinity,
          upper: 0,
        });
      }
      if (prepared.consecutiveDaysOffWeight > 0 && agent.maxWorkDaysPerWeek <= 5)
        rows.push(...daysOffRows(agent, usable, column, model, prepared.consecutiveDaysOffWeight, dayCount));
      return rows;
    },
  };
}

function spreadRows(
  agent: PreparedAgent,
  usable: readonly PreparedShift[],
  column: (s: PreparedShift) => number,
  model: LinearModel,
): RowDraft[] {
  const rows: RowDraft[] = [];
  const byWeek = new Map<number, PreparedShift[]>();
  for (const s of usable) byWeek.set(weekOf(s.dayIndex), [...(byWeek.get(weekOf(s.dayIndex)) ?? []), s]);
  for (const shifts of byWeek.values()) {
    const starts = [...new Set(shifts.map((s) => s.startMinuteOfDay))].sort((x, y) => x - y);
    if (starts[starts.length - 1]! - starts[0]! <= agent.maxStartSpreadMinutes) continue;
    const bands = starts.map((b) => ({ b, column: addColumn(model, 0, 0, 1, true) }));
    rows.push({ indices: bands.map((x) => x.column), values: bands.map(() => 1), lower: -Infinity, upper: 1 });
    for (const s of shifts) {
      const covering = bands.filter(
        (x) => x.b <= s.startMinuteOfDay && s.startMinuteOfDay <= x.b + agent.maxStartSpreadMinutes,
      );
      rows.push({
        indices: [column(s), ...covering.map((x) => x.column)],
        values: [1, ...covering.map(() => -1)],
        lower: -Infinity,
        upper: 0,
      });
    }
  }
  return rows;
}

function daysOffRows(
  agent: PreparedAgent,
  usable: readonly PreparedShift[],
  column: (s: PreparedShift) => number,
  model: LinearModel,
  weight: number,
  dayCount: number,
): RowDraft[] {
  const rows: RowDraft[] = [];
  const fixedDays = new Set(agent.fixed.map((f) => f.dayIndex));
  for (let first = 0; first + 7 <= dayCount; first += 7) {
    const onDay = (d: number): PreparedShift[] => usable.filter((s) => s.dayIndex === d);
    if (!usable.some((s) => s.dayIndex >= first && s.dayIndex < first + 7)) continue;
    const pairs: number[] = [];
    for (let d = first; d + 1 < first + 7; d++) {
      if (fixedDays.has(d) || fixedDays.has(d + 1)) continue;
      const c = addColumn(model, 0, 0, 1, false);
      pairs.push(c);
      for (const day of [d, d + 1]) {
        const shifts = onDay(day);
        rows.push({
          indices: [c, ...shifts.map(column)],
          values: [1, ...shifts.map(() => 1)],
          lower: -Infinity,
          upper: 1,
        });
      }
    }
    const v = addColumn(model, weight, 0, 1, false);
    rows.push({ indices: [v, ...pairs], values: [1, ...pairs.map(() => 1)], lower: 1, upper: Infinity });
  }
  return rows;
}
