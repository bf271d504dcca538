/**
 * What a set of assignments achieves (coverage, cost, objective) and which hard rules it breaks.
 * Both work from the problem alone, so they judge the solver, the greedy heuristic and a planner's
 * hand edits the same way.
 */
import { PreparedSchedule, PreparedShift, prepareSchedule } from './schedule-preparation';
import { splitInterval } from './channel-split';
import { preferencePenalty, preferenceResults } from './schedule-preferences';
import {
  ChannelCoverage,
  ScheduleAssignment,
  ScheduleProblem,
  ScheduleSolution,
  ScheduleViolation,
} from './schedule-problem.types';
import { HOURS_TOLERANCE, restConflict, weekOf, withinAvailability } from './schedule-rules';

export interface ScheduleEvaluation {
  coverage: number[];
  /** Multi-channel problems: coverage per channel after the best split of each interval. */
  channelCoverage?: ChannelCoverage[];
  /** Agents with wishes: which were met. */
  preferences?: Array<{ agentId: string; met: number; unmet: number; results: boolean[] }>;
  /** Objective part of unmet wishes and non-consecutive days off. */
  preferencePenalty?: number;
  underCoverageAgentHours: number;
  overCoverageAgentHours: number;
  underCoveredIntervals: number;
  cost: number;
  paidHours: number;
  objective: number;
}

/** Coverage tolerance: requirements may be fractional, sums of 1s are exact. */
const COVERAGE_TOLERANCE = 1e-9;

/** Evaluates chosen shifts given by their prepared form (unknown ids must have been rejected before). */
export function evaluatePrepared(prepared: PreparedSchedule, chosen: readonly PreparedShift[][]): ScheduleEvaluation {
  const coverage = prepared.fixedCoverage.slice();
  let cost = 0;
  let paidHours = 0;
  for (const shifts of chosen) {
    for (const shift of shifts) {
      for (const t of shift.coverIntervals) coverage[t] += 1;
      cost += shift.cost;
      paidHours += shift.paidHours;
    }
  }
  if (prepared.channels)
    return withWishes(prepared, chosen, evaluateChannels(prepared, chosen, coverage, cost, paidHours));
  let under = 0;
  let over = 0;
  let underCoveredIntervals = 0;
  for (let t = 0; t < prepared.intervalCount; t++) {
    const gap = prepared.required[t] - coverage[t];
    if (gap > COVERAGE_TOLERANCE) {
      under += gap;
      underCoveredIntervals++;
    } else if (gap < -COVERAGE_TOLERANCE) {
      over -= gap;
    }
  }
  const h = prepared.intervalHours;
  const { weights } = prepared;
  return withWishes(prepared, chosen, {
    coverage,
    underCoverageAgentHours: under * h,
    overCoverageAgentHours: over * h,
    underCoveredIntervals,
    cost,
    paidHours,
    objective:
      weights.underCoverage * under * h + weights.overCoverage * over * h + (weights.cost * cost) / prepared.costScale,
  });
}

/** Adds the wishes' penalty to the objective and their report (schedule-preferences.ts). */
function withWishes(
  prepared: PreparedSchedule,
  chosen: readonly PreparedShift[][],
  evaluation: ScheduleEvaluation,
): ScheduleEvaluation {
  const wishful = prepared.agents.filter((a) => a.preferences.length > 0);
  if (wishful.length === 0 && prepared.consecutiveDaysOffWeight === 0) return evaluation;
  const penalty = preferencePenalty(prepared, chosen, prepared.dayCount);
  return {
    ...evaluation,
    objective: evaluation.objective + penalty,
    preferencePenalty: penalty,
    preferences: wishful.map((agent) => {
      const results = preferenceResults(agent, chosen[agent.position] ?? []);
      return {
        agentId: agent.agentId,
        met: results.filter(Boolean).length,
        unmet: results.filter((r) => !r).length,
        results,
      };
    }),
  };
}

/**
 * Multi-channel evaluation: per interval, the agents working (fixed and chosen, by channel mask) are
 * split between channels by a maximum flow (channel-split.ts); under- and over-coverage are summed
 * over channels. An interval short on any channel counts once in underCoveredIntervals.
 */
function evaluateChannels(
  prepared: PreparedSchedule,
  chosen: readonly PreparedShift[][],
  coverage: number[],
  cost: number,
  paidHours: number,
): ScheduleEvaluation {
  const channels = prepared.channels!;
  const supply: Array<Map<number, number>> = Array.from({ length: prepared.intervalCount }, () => new Map());
  const add = (shift: PreparedShift): void => {
    for (const t of shift.coverIntervals)
      supply[t]!.set(shift.channelMask, (supply[t]!.get(shift.channelMask) ?? 0) + 1);
  };
  for (const agent of prepared.agents) for (const f of agent.fixed) add(f);
  for (const shifts of chosen) for (const shift of shifts) add(shift);
  const h = prepared.intervalHours;
  const perChannel: ChannelCoverage[] = channels.map((channel) => ({
    channel,
    coverage: new Array<number>(prepared.intervalCount).fill(0),
    underCoverageAgentHours: 0,
    overCoverageAgentHours: 0,
    underCoveredIntervals: 0,
  }));
  let under = 0;
  let over = 0;
  let underCoveredIntervals = 0;
  for (let t = 0; t < prepared.intervalCount; t++) {
    const demand = channels.map((_, c) => prepared.channelRequired[c]![t]!);
    const split = splitInterval(supply[t]!, demand);
    let short = false;
    channels.forEach((_, c) => {
      const gap = demand[c]! - split.served[c]!;
      const entry = perChannel[c]!;
      entry.coverage[t] = split.served[c]! + split.surplus[c]!;
      if (gap > COVERAGE_TOLERANCE) {
        entry.underCoverageAgentHours += gap * h;
        entry.underCoveredIntervals++;
        under += gap;
        short = true;
      }
      if (split.surplus[c]! > COVERAGE_TOLERANCE) {
        entry.overCoverageAgentHours += split.surplus[c]! * h;
        over += split.surplus[c]!;
      }
    });
    if (short) underCoveredIntervals++;
  }
  const { weights } = prepared;
  return {
    coverage,
    channelCoverage: perChannel,
    underCoverageAgentHours: under * h,
    overCoverageAgentHours: over * h,
    underCoveredIntervals,
    cost,
    paidHours,
    objective:
      weights.underCoverage * under * h + weights.overCoverage * over * h + (weights.cost * cost) / prepared.costScale,
  };
}

/** Coverage, cost and objective of `assignments` (unknown agents or candidates are ignored; see validateSchedule). */
export function evaluateSchedule(
  problem: ScheduleProblem,
  assignments: readonly ScheduleAssignment[],
): ScheduleEvaluation {
  const prepared = prepareSchedule(problem);
  const byAgent = new Map(prepared.agents.map((a) => [a.agentId, a]));
  const chosen = assignments.map((assignment) => {
    const agent = byAgent.get(assignment.agentId);
    if (!agent) return [];
    return [...new Set(assignment.candidateIds)]
      .map((id) => agent.candidatesById.get(id))
      .filter((s): s is PreparedShift => s !== undefined);
  });
  return evaluatePrepared(prepared, chosen);
}

/**
 * Every hard rule `assignments` break. Rules broken by fixed shifts among themselves are not
 * reported (the solver did not cause them and cannot undo them); a violation is reported when at
 * least one chosen shift is involved.
 */
export function validateSchedule(
  problem: ScheduleProblem,
  assignments: readonly ScheduleAssignment[],
): ScheduleViolation[] {
  const prepared = prepareSchedule(problem);
  return validatePrepared(prepared, assignments);
}

export function validatePrepared(
  prepared: PreparedSchedule,
  assignments: readonly ScheduleAssignment[],
): ScheduleViolation[] {
  const violations: ScheduleViolation[] = [];
  const byAgent = new Map(prepared.agents.map((a) => [a.agentId, a]));
  const seenAgents = new Set<string>();
  for (const assignment of assignments) {
    const agent = byAgent.get(assignment.agentId);
    if (!agent) {
      violations.push({
        rule: 'UNKNOWN_AGENT',
        agentId: assignment.agentId,
        shiftIds: [...assignment.candidateIds],
        message: `Agent ${assignment.agentId} is not in the problem.`,
      });
      continue;
    }
    if (seenAgents.has(agent.agentId)) {
      violations.push({
        rule: 'DUPLICATE_CANDIDATE',
        agentId: agent.agentId,
        shiftIds: [...assignment.candidateIds],
        message: `Agent ${agent.agentId} appears in more than one assignment.`,
      });
    }
    seenAgents.add(agent.agentId);

    const chosen: PreparedShift[] = [];
    const seenIds = new Set<string>();
    for (const id of assignment.candidateIds) {
      const shift = agent.candidatesById.get(id);
      if (!shift) {
        violations.push({
          rule: 'UNKNOWN_CANDIDATE',
          agentId: agent.agentId,
          shiftIds: [id],
          message: `Agent ${agent.agentId} has no candidate ${id}.`,
        });
        continue;
      }
      if (seenIds.has(id)) {
        violations.push({
          rule: 'DUPLICATE_CANDIDATE',
          agentId: agent.agentId,
          shiftIds: [id],
          message: `Candidate ${id} is chosen twice.`,
        });
        continue;
      }
      seenIds.add(id);
      chosen.push(shift);
    }
    const all = [...agent.fixed, ...chosen];

    // One shift per day, and rest between every pair involving a chosen shift.
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        const a = all[i];
        const b = all[j];
        if (a.fixed && b.fixed) continue;
        if (a.dayIndex === b.dayIndex) {
          violations.push({
            rule: 'ONE_SHIFT_PER_DAY',
            agentId: agent.agentId,
            shiftIds: [a.id, b.id],
            message: `Agent ${agent.agentId} has two shifts on day ${a.dayIndex}.`,
          });
        } else if (restConflict(a, b, agent.minRestMinutes, prepared.intervalMinutes)) {
          violations.push({
            rule: 'MIN_REST',
            agentId: agent.agentId,
            shiftIds: [a.id, b.id],
            message: `Agent ${agent.agentId} rests less than ${agent.minRestMinutes / 60} h between ${a.id} and ${b.id}.`,
          });
        }
      }
    }

    // Weekly hours, for weeks that contain a chosen shift.
    const weeks = new Map<number, { hours: number; ids: string[]; hasChosen: boolean }>();
    for (const shift of all) {
      const week = weeks.get(weekOf(shift.dayIndex)) ?? { hours: 0, ids: [], hasChosen: false };
      week.hours += shift.paidHours;
      week.ids.push(shift.id);
      week.hasChosen ||= !shift.fixed;
      weeks.set(weekOf(shift.dayIndex), week);
    }
    for (const [week, { hours, ids, hasChosen }] of weeks) {
      if (hasChosen && hours > agent.maxWeeklyHours + HOURS_TOLERANCE) {
        violations.push({
          rule: 'MAX_WEEKLY_HOURS',
          agentId: agent.agentId,
          shiftIds: ids,
          message: `Agent ${agent.agentId} is paid ${hours} h in week ${week}, above ${agent.maxWeeklyHours} h.`,
        });
      }
    }

    // Days off per week, start-time spread per week, availability, fairness caps.
    const byWeek = new Map<number, PreparedShift[]>();
    for (const shift of all) byWeek.set(weekOf(shift.dayIndex), [...(byWeek.get(weekOf(shift.dayIndex)) ?? []), shift]);
    for (const [week, shifts] of byWeek) {
      const mine = shifts.filter((x) => !x.fixed);
      if (mine.length === 0) continue;
      const days = new Set(shifts.map((x) => x.dayIndex)).size;
      if (days > agent.maxWorkDaysPerWeek) {
        violations.push({
          rule: 'MIN_DAYS_OFF',
          agentId: agent.agentId,
          shiftIds: shifts.map((x) => x.id),
          message: `Agent ${agent.agentId} works ${days} days in week ${week}, leaving fewer than ${7 - agent.maxWorkDaysPerWeek} days off.`,
        });
      }
      const starts = mine.map((x) => x.startMinuteOfDay);
      if (Math.max(...starts) - Math.min(...starts) > agent.maxStartSpreadMinutes) {
        violations.push({
          rule: 'START_TIME_SPREAD',
          agentId: agent.agentId,
          shiftIds: mine.map((x) => x.id),
          message: `Agent ${agent.agentId}'s start times in week ${week} spread over more than ${agent.maxStartSpreadMinutes} minutes.`,
        });
      }
    }
    for (const shift of chosen) {
      if (!withinAvailability(shift, agent.availability)) {
        violations.push({
          rule: 'AVAILABILITY',
          agentId: agent.agentId,
          shiftIds: [shift.id],
          message: `Agent ${agent.agentId} is not available for ${shift.id}.`,
        });
      }
    }
    const weekend = chosen.filter((x) => x.weekend);
    const night = chosen.filter((x) => x.night);
    if (weekend.length > agent.maxWeekendShifts) {
      violations.push({
        rule: 'FAIRNESS',
        agentId: agent.agentId,
        shiftIds: weekend.map((x) => x.id),
        message: `Agent ${agent.agentId} gets ${weekend.length} weekend shifts, above the fair share bound ${agent.maxWeekendShifts}.`,
      });
    }
    if (night.length > agent.maxNightShifts) {
      violations.push({
        rule: 'FAIRNESS',
        agentId: agent.agentId,
        shiftIds: night.map((x) => x.id),
        message: `Agent ${agent.agentId} gets ${night.length} night shifts, above the fair share bound ${agent.maxNightShifts}.`,
      });
    }

    // Runs of consecutive worked days longer than allowed, when they contain a chosen day.
    const chosenDays = new Set(chosen.map((s) => s.dayIndex));
    const days = [...new Set(all.map((s) => s.dayIndex))].sort((x, y) => x - y);
    let runStart = 0;
    for (let i = 1; i <= days.length; i++) {
      if (i < days.length && days[i] === days[i - 1] + 1) continue;
      const run = days.slice(runStart, i);
      if (run.length > agent.maxConsecutiveDays && run.some((d) => chosenDays.has(d))) {
        violations.push({
          rule: 'MAX_CONSECUTIVE_DAYS',
          agentId: agent.agentId,
          shiftIds: all.filter((s) => run.includes(s.dayIndex)).map((s) => s.id),
          message: `Agent ${agent.agentId} works ${run.length} consecutive days (days ${run[0]}–${run[run.length - 1]}), above ${agent.maxConsecutiveDays}.`,
        });
      }
      runStart = i;
    }
  }
  return violations;
}

/** Everything a ScheduleSolution reports besides the assignments and what they achieve. */
export type SolutionDetails = Pick<
  ScheduleSolution,
  'status' | 'source' | 'bestBound' | 'mipGap' | 'buildSeconds' | 'solveSeconds' | 'model' | 'messages'
>;

/** Assembles the JSON answer: assignments in problem order plus their evaluation. */
export function toScheduleSolution(
  prepared: PreparedSchedule,
  chosen: readonly PreparedShift[][],
  details: SolutionDetails,
): ScheduleSolution {
  const evaluation = evaluatePrepared(prepared, chosen);
  return {
    ...details,
    assignments: prepared.agents.map((agent) => ({
      agentId: agent.agentId,
      candidateIds: [...(chosen[agent.position] ?? [])]
        .sort((x, y) => x.startInterval - y.startInterval)
        .map((s) => s.id),
    })),
    ...evaluation,
  };
}
