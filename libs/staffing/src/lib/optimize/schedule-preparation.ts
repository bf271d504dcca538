/**
 * Checks a ScheduleProblem, puts it in the shape the greedy heuristic and the MIP builder share,
 * and removes the candidates that can never be chosen: those the fixed shifts already rule out,
 * and those that would only add over-coverage and cost.
 */
import { requireInteger, requireNonNegative, requirePositive, StaffingInputError } from '../math/staffing-input.error';
import {
  AvailabilitySpan,
  CandidateShift,
  DEFAULT_SCHEDULE_WEIGHTS,
  SchedulePreference,
  FixedShift,
  ScheduleProblem,
  ScheduleWeights,
  ShiftTiming,
} from './schedule-problem.types';
import { AgentScheduleState } from './schedule-rules';

/** A shift with its working intervals worked out. */
export interface PreparedShift {
  /** Candidate id, or `fixed:<shiftId or position>` for a fixed shift. */
  id: string;
  fixed: boolean;
  dayIndex: number;
  startInterval: number;
  endInterval: number;
  paidHours: number;
  /** Working intervals inside the horizon [0, intervalCount), ascending. */
  coverIntervals: number[];
  /** Multi-channel: the channels (bit mask over PreparedSchedule.channels) its working time can serve. */
  channelMask: number;
  /** Local start time, minutes after midnight. */
  startMinuteOfDay: number;
  /** Tags fairness counts. */
  weekend: boolean;
  night: boolean;
  /** Position of the candidate in the agent's `candidates` (−1 for fixed shifts). */
  candidatePosition: number;
  /** The candidate's template ('' for fixed shifts). */
  templateId: string;
  /** hourlyCost × paidHours, in the caller's currency (0 for fixed shifts: they are already paid for). */
  cost: number;
}

export interface PreparedAgent {
  agentId: string;
  /** Position in problem.agents. */
  position: number;
  hourlyCost: number;
  maxWeeklyHours: number;
  minRestMinutes: number;
  maxConsecutiveDays: number;
  fixed: PreparedShift[];
  /** Multi-channel: the channels the agent serves, as a bit mask (0 in single-channel problems). */
  channelMask: number;
  /** Spans the agent can work in; null = always. */
  availability: AvailabilitySpan[] | null;
  preferences: SchedulePreference[];
  /** Largest spread of start times (time of day) within a week, minutes; Infinity = no rule. */
  maxStartSpreadMinutes: number;
  /** Most days with a shift per week: 7 − minDaysOffPerWeek. */
  maxWorkDaysPerWeek: number;
  /** Most weekend / night shifts in the horizon (fairness); Infinity = no rule. */
  maxWeekendShifts: number;
  maxNightShifts: number;
  /** Every valid candidate, by candidate id. */
  candidatesById: Map<string, PreparedShift>;
  /** Candidates left after pruning: the only ones the heuristic and the MIP consider. */
  usable: PreparedShift[];
}

export interface PreparedSchedule {
  intervalCount: number;
  intervalMinutes: number;
  /** Hours in one interval. */
  intervalHours: number;
  required: number[];
  /** Multi-channel problems: the channel names (bit i of a mask is channels[i]) and their requirements; null otherwise. */
  channels: string[] | null;
  channelRequired: number[][];
  /** Agents working per interval on fixed shifts. */
  fixedCoverage: number[];
  /** required − fixedCoverage: what the chosen shifts should cover (negative = already over). */
  remaining: number[];
  agents: PreparedAgent[];
  weights: ScheduleWeights;
  /** Objective units charged per agent-week without two consecutive days off. */
  consecutiveDaysOffWeight: number;
  /** Days in the horizon (from interval 0, taken to start a day). */
  dayCount: number;
  /** Mean hourly cost of the agents: the objective prices paid hours relative to it. */
  costScale: number;
  candidateCount: number;
  prunedCandidates: number;
}

function checkTiming(field: string, shift: ShiftTiming, isCandidate: boolean): void {
  requireInteger(`${field}.dayIndex`, shift.dayIndex, isCandidate ? 0 : Number.MIN_SAFE_INTEGER);
  requireInteger(`${field}.startInterval`, shift.startInterval, isCandidate ? 0 : Number.MIN_SAFE_INTEGER);
  requireInteger(`${field}.endInterval`, shift.endInterval, shift.startInterval + 1);
  requireNonNegative(`${field}.paidHours`, shift.paidHours);
  const breaks = shift.nonWorkingIntervals ?? [];
  if (!Array.isArray(breaks))
    throw new StaffingInputError(`${field}.nonWorkingIntervals`, 'must be an array of interval indexes.');
  breaks.forEach((t, i) => {
    if (!Number.isInteger(t) || t < shift.startInterval || t >= shift.endInterval) {
      throw new StaffingInputError(
        `${field}.nonWorkingIntervals[${i}]`,
        `must be an interval index inside the shift [${shift.startInterval}, ${shift.endInterval}) (got ${String(t)}).`,
      );
    }
  });
}

function prepareShift(
  shift: ShiftTiming,
  id: string,
  fixed: boolean,
  candidatePosition: number,
  intervalCount: number,
  hourlyCost: number,
  templateId = '',
  channelMask = 0,
  intervalMinutes = 15,
): PreparedShift {
  const tags = (shift as Partial<CandidateShift>).tags ?? [];
  const given = (shift as Partial<CandidateShift>).startMinuteOfDay;
  const breaks = new Set(shift.nonWorkingIntervals ?? []);
  const coverIntervals: number[] = [];
  for (let t = Math.max(0, shift.startInterval); t < Math.min(intervalCount, shift.endInterval); t++) {
    if (!breaks.has(t)) coverIntervals.push(t);
  }
  return {
    id,
    fixed,
    dayIndex: shift.dayIndex,
    startInterval: shift.startInterval,
    endInterval: shift.endInterval,
    paidHours: shift.paidHours,
    coverIntervals,
    candidatePosition,
    templateId,
    channelMask,
    startMinuteOfDay: given ?? (((shift.startInterval * intervalMinutes) % 1440) + 1440) % 1440,
    weekend: tags.includes('WEEKEND'),
    night: tags.includes('NIGHT'),
    cost: fixed ? 0 : hourlyCost * shift.paidHours,
  };
}

export function fixedShiftId(shift: FixedShift, position: number): string {
  return `fixed:${shift.shiftId ?? position}`;
}

/** Validates the problem (StaffingInputError names the field, e.g. `agents[2].candidates[5].endInterval`). */
export function prepareSchedule(problem: ScheduleProblem): PreparedSchedule {
  requireInteger('intervalCount', problem.intervalCount, 0);
  requirePositive('intervalMinutes', problem.intervalMinutes);
  const T = problem.intervalCount;
  let channels: string[] | null = null;
  let channelRequired: number[][] = [];
  let pooledRequired = problem.required;
  if (problem.channels !== undefined) {
    if (!Array.isArray(problem.channels) || problem.channels.length === 0 || problem.channels.length > 16) {
      throw new StaffingInputError('channels', 'channels must list 1 to 16 channels.');
    }
    channels = problem.channels.map((c, i) => {
      if (typeof c.channel !== 'string' || c.channel === '')
        throw new StaffingInputError(`channels[${i}].channel`, 'must be a non-empty string.');
      if (!Array.isArray(c.required) || c.required.length !== T)
        throw new StaffingInputError(`channels[${i}].required`, `must have one value per interval (${T}).`);
      c.required.forEach((r, t) => requireNonNegative(`channels[${i}].required[${t}]`, r));
      return c.channel;
    });
    if (new Set(channels).size !== channels.length)
      throw new StaffingInputError('channels', 'each channel may appear once.');
    channelRequired = problem.channels.map((c) => c.required.slice());
    pooledRequired = new Array<number>(T).fill(0).map((_, t) => channelRequired.reduce((sum, r) => sum + r[t]!, 0));
  } else {
    if (!Array.isArray(problem.required) || problem.required.length !== T) {
      throw new StaffingInputError('required', `required must have one value per interval (${T}).`);
    }
    problem.required.forEach((r, t) => requireNonNegative(`required[${t}]`, r));
  }
  const maskOf = (names: readonly string[] | undefined, field: string): number => {
    if (channels === null) return 0;
    if (names === undefined) return (1 << channels.length) - 1;
    let mask = 0;
    names.forEach((name, i) => {
      const bit = channels!.indexOf(name);
      if (bit < 0) throw new StaffingInputError(`${field}[${i}]`, `${String(name)} is not a channel of the problem.`);
      mask |= 1 << bit;
    });
    return mask;
  };
  const weights: ScheduleWeights = { ...DEFAULT_SCHEDULE_WEIGHTS, ...(problem.weights ?? {}) };
  requireNonNegative('weights.underCoverage', weights.underCoverage);
  requireNonNegative('weights.overCoverage', weights.overCoverage);
  requireNonNegative('weights.cost', weights.cost);
  if (!Array.isArray(problem.agents)) throw new StaffingInputError('agents', 'agents must be an array.');

  const seenAgents = new Set<string>();
  problem.agents.forEach((agent, a) => {
    const field = `agents[${a}]`;
    if (typeof agent.agentId !== 'string' || agent.agentId === '') {
      throw new StaffingInputError(`${field}.agentId`, 'agentId must be a non-empty string.');
    }
    if (seenAgents.has(agent.agentId))
      throw new StaffingInputError(`${field}.agentId`, `Duplicate agentId ${agent.agentId}.`);
    seenAgents.add(agent.agentId);
    requireNonNegative(`${field}.hourlyCost`, agent.hourlyCost);
    requireNonNegative(`${field}.maxWeeklyHours`, agent.maxWeeklyHours);
    requireNonNegative(`${field}.minRestHours`, agent.minRestHours);
    requireInteger(`${field}.maxConsecutiveDays`, agent.maxConsecutiveDays, 0);
    if (!Array.isArray(agent.candidates))
      throw new StaffingInputError(`${field}.candidates`, 'candidates must be an array.');
    const seenCandidates = new Set<string>();
    agent.candidates.forEach((c: CandidateShift, i) => {
      const cField = `${field}.candidates[${i}]`;
      if (typeof c.candidateId !== 'string' || c.candidateId === '') {
        throw new StaffingInputError(`${cField}.candidateId`, 'candidateId must be a non-empty string.');
      }
      if (seenCandidates.has(c.candidateId)) {
        throw new StaffingInputError(
          `${cField}.candidateId`,
          `Duplicate candidateId ${c.candidateId} for agent ${agent.agentId}.`,
        );
      }
      seenCandidates.add(c.candidateId);
      checkTiming(cField, c, true);
    });
    (agent.fixedShifts ?? []).forEach((f, i) => checkTiming(`${field}.fixedShifts[${i}]`, f, false));
    (agent.availability ?? []).forEach((span, i) => {
      requireInteger(`${field}.availability[${i}].startInterval`, span.startInterval, Number.MIN_SAFE_INTEGER);
      requireInteger(`${field}.availability[${i}].endInterval`, span.endInterval, span.startInterval + 1);
    });
    (agent.preferences ?? []).forEach((pref, i) => {
      if (pref.kind !== 'PREFER' && pref.kind !== 'AVOID')
        throw new StaffingInputError(`${field}.preferences[${i}].kind`, 'must be PREFER or AVOID.');
      requireNonNegative(`${field}.preferences[${i}].weight`, pref.weight);
    });
    if (agent.maxStartSpreadMinutes !== undefined)
      requireNonNegative(`${field}.maxStartSpreadMinutes`, agent.maxStartSpreadMinutes);
    if (agent.minDaysOffPerWeek !== undefined) requireInteger(`${field}.minDaysOffPerWeek`, agent.minDaysOffPerWeek, 0);
  });
  for (const [i, rule] of (problem.fairness ?? []).entries()) {
    if (rule.tag !== 'WEEKEND' && rule.tag !== 'NIGHT')
      throw new StaffingInputError(`fairness[${i}].tag`, 'must be WEEKEND or NIGHT.');
    requireNonNegative(`fairness[${i}].maxAboveFairShare`, rule.maxAboveFairShare);
  }
  if (problem.consecutiveDaysOffWeight !== undefined)
    requireNonNegative('consecutiveDaysOffWeight', problem.consecutiveDaysOffWeight);

  const costScale =
    problem.agents.length === 0 ? 1 : problem.agents.reduce((s, a) => s + a.hourlyCost, 0) / problem.agents.length || 1;
  const fixedCoverage = new Array<number>(T).fill(0);
  const agents: PreparedAgent[] = problem.agents.map((agent, position) => {
    const channelMask = maskOf(agent.channels, `agents[${position}].channels`);
    const fixed = (agent.fixedShifts ?? []).map((f, i) =>
      prepareShift(
        f,
        fixedShiftId(f, i),
        true,
        -1,
        T,
        agent.hourlyCost,
        '',
        f.channel === undefined || f.channel === null
          ? channelMask
          : maskOf([f.channel], `agents[${position}].fixedShifts[${i}].channel`),
        problem.intervalMinutes,
      ),
    );
    for (const f of fixed) for (const t of f.coverIntervals) fixedCoverage[t] += 1;
    const candidatesById = new Map<string, PreparedShift>();
    agent.candidates.forEach((c, i) =>
      candidatesById.set(
        c.candidateId,
        prepareShift(
          c,
          c.candidateId,
          false,
          i,
          T,
          agent.hourlyCost,
          c.templateId,
          channelMask,
          problem.intervalMinutes,
        ),
      ),
    );
    return {
      agentId: agent.agentId,
      position,
      hourlyCost: agent.hourlyCost,
      maxWeeklyHours: agent.maxWeeklyHours,
      minRestMinutes: agent.minRestHours * 60,
      maxConsecutiveDays: agent.maxConsecutiveDays,
      fixed,
      channelMask,
      availability: agent.availability ? agent.availability.map((span) => ({ ...span })) : null,
      preferences: agent.preferences ?? [],
      maxStartSpreadMinutes: agent.maxStartSpreadMinutes ?? Infinity,
      maxWorkDaysPerWeek: 7 - (agent.minDaysOffPerWeek ?? 0),
      maxWeekendShifts: Infinity,
      maxNightShifts: Infinity,
      candidatesById,
      usable: [],
    };
  });
  const remaining = pooledRequired.map((r, t) => r - fixedCoverage[t]);

  // Fairness caps: the fair share of tagged shifts is the team's history plus an estimate of the tagged
  // shifts this horizon needs (the requirement over the intervals tagged candidates cover, in shifts of
  // their mean length), over the agents who can take such shifts; nobody goes beyond it by more than
  // the rule allows. Computed from the problem alone, so every check of a schedule agrees.
  for (const rule of problem.fairness ?? []) {
    const tagged = (shift: PreparedShift): boolean => (rule.tag === 'WEEKEND' ? shift.weekend : shift.night);
    const eligible = agents.filter((a) => [...a.candidatesById.values()].some(tagged));
    if (eligible.length === 0) continue;
    const intervals = new Set<number>();
    let hours = 0;
    let count = 0;
    for (const agent of eligible) {
      for (const shift of agent.candidatesById.values()) {
        if (!tagged(shift)) continue;
        shift.coverIntervals.forEach((t) => intervals.add(t));
        hours += shift.paidHours;
        count++;
      }
    }
    const needed =
      ([...intervals].reduce((sum, t) => sum + pooledRequired[t]!, 0) * (problem.intervalMinutes / 60)) /
      Math.max(1e-9, hours / count);
    const history = (a: PreparedAgent): number => {
      const h = problem.agents[a.position]!.history;
      return (rule.tag === 'WEEKEND' ? h?.weekendShifts : h?.nightShifts) ?? 0;
    };
    const fairShare = (eligible.reduce((sum, a) => sum + history(a), 0) + needed) / eligible.length;
    for (const agent of eligible) {
      const cap = Math.max(0, Math.floor(fairShare + rule.maxAboveFairShare + 1e-9) - history(agent));
      if (rule.tag === 'WEEKEND') agent.maxWeekendShifts = cap;
      else agent.maxNightShifts = cap;
    }
  }

  let candidateCount = 0;
  let pruned = 0;
  for (const agent of agents) {
    const state = new AgentScheduleState(agent, problem.intervalMinutes);
    // Identical shifts (same start, end and working intervals) differ only in paid hours: keep the cheapest.
    const bySignature = new Map<string, PreparedShift>();
    for (const candidate of agent.candidatesById.values()) {
      candidateCount++;
      // Ruled out by the fixed shifts alone (day taken, rest, weekly hours, consecutive days), or outside availability.
      if (!state.canAdd(candidate)) continue;
      // Covers no interval still short of agents: it could only add over-coverage and cost.
      // (With several channels a surplus of fixed shifts on one channel does not cover another: there,
      // only intervals without any demand count as covered.)
      if (!candidate.coverIntervals.some((t) => (channels ? pooledRequired[t]! > 0 : remaining[t]! > 0))) continue;
      const signature = `${candidate.dayIndex}|${candidate.startInterval}|${candidate.endInterval}|${candidate.coverIntervals.join(',')}`;
      const twin = bySignature.get(signature);
      if (!twin || candidate.paidHours < twin.paidHours) bySignature.set(signature, candidate);
    }
    agent.usable = [...bySignature.values()].sort((x, y) => x.candidatePosition - y.candidatePosition);
    pruned += agent.candidatesById.size - agent.usable.length;
  }

  return {
    intervalCount: T,
    intervalMinutes: problem.intervalMinutes,
    intervalHours: problem.intervalMinutes / 60,
    required: pooledRequired.slice(),
    channels,
    channelRequired,
    fixedCoverage,
    remaining,
    agents,
    weights,
    consecutiveDaysOffWeight: (problem.consecutiveDaysOffWeight ?? 0) * weights.cost,
    dayCount: Math.ceil((T * problem.intervalMinutes) / 1440),
    costScale,
    candidateCount,
    prunedCandidates: pruned,
  };
}
