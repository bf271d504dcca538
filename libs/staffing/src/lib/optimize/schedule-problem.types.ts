/**
 * The schedule optimisation problem and its answer, as plain JSON-serialisable objects so that
 * they can cross a worker_threads boundary (HiGHS blocks the thread it runs on).
 *
 * Time is counted in integer interval indexes from the start of the horizon (interval 0) and in
 * day indexes from its first day (day 0); the caller converts to and from wall-clock time, so
 * nothing here knows about time zones. Interval t covers [t, t + 1) × intervalMinutes.
 */

/** When and how long one shift is. */
export interface ShiftTiming {
  /** Day the shift belongs to (day 0 = first day of the horizon; negative for days before it). */
  dayIndex: number;
  /** First interval of the shift (inclusive). */
  startInterval: number;
  /** Interval after the last one of the shift (exclusive); may pass the end of the horizon. */
  endInterval: number;
  /** Intervals inside [start, end) where the agent does not work (breaks, lunch). */
  nonWorkingIntervals?: number[];
  /** Paid hours of the shift (counted against the weekly maximum and priced at the hourly cost). */
  paidHours: number;
}

/** A shift the solver may give an agent. */
export interface CandidateShift extends ShiftTiming {
  /** Caller's id, unique within the agent (e.g. `${templateId}@${date}`). */
  candidateId: string;
  templateId: string;
  /** Local start time in minutes after midnight (for start-time consistency); default: from the interval index. */
  startMinuteOfDay?: number;
  /** Kinds of shift that fairness counts (the caller decides what is a weekend or a night shift). */
  tags?: ShiftTag[];
}

export type ShiftTag = 'WEEKEND' | 'NIGHT';

/**
 * A soft wish of an agent: PREFER is met when the agent works a matching shift in the horizon, AVOID
 * when it works none. A shift matches when it has the template (if given) on the day (if given).
 * An unmet wish costs `weight` paid hours at the mean rate in the objective (weights.cost × weight).
 */
export interface SchedulePreference {
  kind: 'PREFER' | 'AVOID';
  templateId?: string;
  dayIndex?: number;
  weight: number;
}

/** A span of intervals [startInterval, endInterval) in which an agent can work. */
export interface AvailabilitySpan {
  startInterval: number;
  endInterval: number;
}

/**
 * A shift the agent already has (published, or worked just before the horizon). The solver keeps
 * it: it covers demand inside the horizon (pass `required` gross, not net of these shifts), counts
 * toward the weekly hours of its week, occupies its day, and constrains rest and consecutive days.
 */
export interface FixedShift extends ShiftTiming {
  shiftId?: string;
  /** Multi-channel problems: the channel the shift is on; absent = any channel the agent serves. */
  channel?: string | null;
}

export interface ScheduleAgent {
  agentId: string;
  /** Cost of one paid hour, in any currency (only ratios between agents enter the objective). */
  hourlyCost: number;
  /** Most paid hours per week; weeks are blocks of 7 day indexes from day 0 (days 0–6, 7–13, …). */
  maxWeeklyHours: number;
  /** Least hours between the end of one shift and the start of the next. */
  minRestHours: number;
  /** Most consecutive working days (a run of maxConsecutiveDays + 1 worked days is forbidden). */
  maxConsecutiveDays: number;
  /** Shifts the solver may choose from; the caller already removed those that collide with time off or skills. */
  candidates: CandidateShift[];
  fixedShifts?: FixedShift[];
  /** Multi-channel problems: the channels the agent serves (default: every channel of the problem). */
  channels?: string[];
  /**
   * When given, the agent can only work inside these spans (recurring windows and dated exceptions,
   * resolved by the caller): a candidate must lie within one span. Absent = always available.
   */
  availability?: AvailabilitySpan[];
  /** Soft wishes (see SchedulePreference), reported as met or unmet. */
  preferences?: SchedulePreference[];
  /** Hard: latest start − earliest start (time of day) among the agent's shifts of one week, in minutes. */
  maxStartSpreadMinutes?: number;
  /** Hard: days without a shift in every week (blocks of 7 day indexes), e.g. 2. */
  minDaysOffPerWeek?: number;
  /** Weekend and night shifts the agent worked in the weeks before (for fairness). */
  history?: { weekendShifts?: number; nightShifts?: number };
}

/**
 * Fairness of weekend and night shifts, counted over the history and this horizon: no agent gets more
 * than `maxAboveFairShare` tagged shifts beyond the fair share (the team's history plus the tagged
 * shifts of the greedy schedule, divided by the agents who can work such shifts). A hard rule.
 */
export interface FairnessRule {
  tag: ShiftTag;
  maxAboveFairShare: number;
}

/** One channel of a multi-channel problem and its own requirement. */
export interface ChannelDemand {
  channel: string;
  /** Agents required on this channel per interval, length intervalCount. */
  required: number[];
}

/**
 * Objective weights: minimise underCoverage·(agent-hours short) + overCoverage·(agent-hours over)
 * + cost·(paid hours, each weighted by hourlyCost ÷ the agents' mean hourlyCost).
 * Normalising cost by the mean rate makes the weights independent of the currency: with the
 * defaults one agent-hour short weighs as much as 100 paid hours at the average rate.
 */
export interface ScheduleWeights {
  underCoverage: number;
  overCoverage: number;
  cost: number;
}

export const DEFAULT_SCHEDULE_WEIGHTS: Readonly<ScheduleWeights> = { underCoverage: 100, overCoverage: 2, cost: 1 };

export interface ScheduleProblem {
  /** Intervals in the horizon. */
  intervalCount: number;
  /** Length of one interval in minutes. */
  intervalMinutes: number;
  /**
   * Agents required per interval (e.g. Erlang C scheduled agents), length intervalCount, ≥ 0. With
   * `channels`, ignored (the channels' sum is used).
   */
  required: number[];
  /**
   * Several channels in one problem (phone, chat, email, social), each with its own requirement. An
   * agent working an interval serves one of its channels in it; the model splits the agents' time
   * between channels (per interval, as a flow), and coverage is reported per channel.
   */
  channels?: ChannelDemand[];
  agents: ScheduleAgent[];
  weights?: Partial<ScheduleWeights>;
  fairness?: FairnessRule[];
  /**
   * Soft: paid-hour equivalents charged per agent and week whose days off (at least two) are not two
   * consecutive days (default 0: no preference).
   */
  consecutiveDaysOffWeight?: number;
}

export interface ScheduleSolveOptions {
  /** Wall-clock limit for model building plus HiGHS, in seconds (default 60). */
  timeLimitSeconds?: number;
  /** Stop when the relative MIP gap is at most this (default 0.005 = 0.5%). */
  mipRelativeGap?: number;
  /** Give HiGHS the greedy schedule as its first incumbent (default true). */
  warmStart?: boolean;
  /** HiGHS random seed, for reproducible runs (default 0). */
  randomSeed?: number;
  /**
   * A schedule to start from (e.g. last week's shifts moved to this week's candidates): used as the
   * first incumbent when it keeps every rule and beats the greedy one, and as the aggregated MIP's
   * starting point. Unknown ids are ignored.
   */
  startFrom?: ScheduleAssignment[];
}

/** The shifts chosen for one agent. */
export interface ScheduleAssignment {
  agentId: string;
  candidateIds: string[];
}

export type ScheduleStatus =
  /** HiGHS proved the schedule optimal (within mipRelativeGap). */
  | 'OPTIMAL'
  /** HiGHS stopped on the time limit; the best schedule found so far is returned. */
  | 'TIME_LIMIT'
  /** Stopped by the caller (cancellation); the best schedule found so far is returned. */
  | 'INTERRUPTED'
  /** HiGHS proved the model infeasible (cannot happen with the slack variables; kept for safety). */
  | 'INFEASIBLE'
  /** Nothing to decide: no candidate survived the hard rules, or the horizon is empty. */
  | 'NO_CANDIDATES'
  /** The greedy heuristic's answer (greedySchedule). */
  | 'HEURISTIC'
  /** HiGHS failed or stopped without a usable answer; the greedy schedule is returned. */
  | 'SOLVER_ERROR';

export interface ScheduleSolution {
  status: ScheduleStatus;
  /**
   * Who produced `assignments`: HiGHS, the greedy heuristic (baseline or fallback), or the schedule given
   * to start from (`startFrom`) when nothing found later beat it.
   */
  source: 'SOLVER' | 'GREEDY' | 'START' | 'NONE';
  /** One entry per agent of the problem, in problem order (empty candidateIds when not scheduled). */
  assignments: ScheduleAssignment[];
  /** Agents working per interval (chosen and fixed shifts), length intervalCount. */
  coverage: number[];
  /** Σ max(0, required − coverage) × interval hours: agent-hours short. */
  underCoverageAgentHours: number;
  /** Σ max(0, coverage − required) × interval hours: agent-hours over. */
  overCoverageAgentHours: number;
  /** Intervals where coverage < required. */
  underCoveredIntervals: number;
  /** Σ hourlyCost × paidHours over the chosen shifts (fixed shifts excluded), in the caller's currency. */
  cost: number;
  /** Σ paidHours over the chosen shifts. */
  paidHours: number;
  /** The objective (see ScheduleWeights) recomputed from the assignments. */
  objective: number;
  /**
   * Best proven lower bound on the objective of any schedule: the larger of the LP relaxation's
   * optimum and HiGHS's MIP dual bound; null when HiGHS proved nothing.
   */
  bestBound: number | null;
  /** Relative gap (objective − bestBound) ÷ objective; 0 = proven optimal, null without a bound. */
  mipGap: number | null;
  /** Seconds spent building the model (incl. the greedy warm start) and inside HiGHS. */
  buildSeconds: number;
  solveSeconds: number;
  /**
   * Size of the full model handed to HiGHS; `restrictedCandidates` is the number of candidates in
   * the LP-guided restricted MIP (null when that phase did not run).
   */
  model: {
    columns: number;
    rows: number;
    nonzeros: number;
    candidates: number;
    prunedCandidates: number;
    restrictedCandidates: number | null;
    /** Two-stage solver: groups of interchangeable agents in the aggregated model (null otherwise). */
    agentGroups?: number | null;
  };
  /** Human-readable notes (e.g. why the greedy fallback was used). */
  messages: string[];
  /** Multi-channel problems: coverage per channel (absent otherwise). */
  channelCoverage?: ChannelCoverage[];
  /** Per agent with wishes: which were met (in the order given). */
  preferences?: Array<{ agentId: string; met: number; unmet: number; results: boolean[] }>;
  /** Objective part from unmet wishes and non-consecutive days off (included in `objective`). */
  preferencePenalty?: number;
}

/** What a schedule gives one channel: agents serving it per interval after the split, and the gaps. */
export interface ChannelCoverage {
  channel: string;
  coverage: number[];
  underCoverageAgentHours: number;
  overCoverageAgentHours: number;
  underCoveredIntervals: number;
}

export type ScheduleProgressPhase = 'building model' | 'warm start' | 'solving' | 'done';

/** The three HiGHS runs of solveSchedule, in order (see schedule.solver.ts). */
export type ScheduleSolveStep =
  | 'LP relaxation'
  | 'restricted MIP'
  | 'full MIP'
  /** Two-stage solver: the integer counts per group and shift type. */
  | 'aggregated MIP'
  /** Two-stage solver: the counts given to named agents. */
  | 'assignment'
  /** Two-stage solver: moves and exchanges of named agents' shifts (schedule-local-search.ts). */
  | 'local search';

export interface ScheduleProgress {
  phase: ScheduleProgressPhase;
  /** During 'solving': which HiGHS run is going on. */
  step?: ScheduleSolveStep;
  /** Seconds since solveSchedule started. */
  elapsedSeconds: number;
  /** Best objective found so far, when known. */
  objective?: number;
  /** Best proven bound so far, when known. */
  bestBound?: number;
  /** Relative gap so far, when known. */
  mipGap?: number;
}

export type ScheduleRule =
  | 'UNKNOWN_AGENT'
  | 'UNKNOWN_CANDIDATE'
  | 'DUPLICATE_CANDIDATE'
  | 'ONE_SHIFT_PER_DAY'
  | 'MIN_REST'
  | 'MAX_WEEKLY_HOURS'
  | 'MAX_CONSECUTIVE_DAYS'
  | 'MIN_DAYS_OFF'
  | 'START_TIME_SPREAD'
  | 'FAIRNESS'
  | 'AVAILABILITY';

export interface ScheduleViolation {
  rule: ScheduleRule;
  agentId: string;
  /** Candidate ids (and `fixed:<shiftId or index>` for fixed shifts) involved. */
  shiftIds: string[];
  message: string;
}
