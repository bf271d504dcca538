import { DateTime } from 'luxon';
import { SchedulingErrorRule } from './scheduling-error-rule';

/** The configurable labor rules. NO_OVERLAP is not among them: it always holds (a database constraint). */
export enum LaborRule {
  MIN_REST = 'MIN_REST',
  MAX_WEEKLY_HOURS = 'MAX_WEEKLY_HOURS',
  MAX_CONSECUTIVE_DAYS = 'MAX_CONSECUTIVE_DAYS',
  SHIFT_LENGTH = 'SHIFT_LENGTH',
  TIME_OFF = 'TIME_OFF',
  SKILL_MATCH = 'SKILL_MATCH',
  /** Work only inside the agent's availability (weekly windows and dated exceptions, rules/availability.ts). */
  AVAILABILITY = 'AVAILABILITY',
  /** Days without a shift in every ISO week of the team's calendar (a shift belongs to the day it starts). */
  MIN_DAYS_OFF = 'MIN_DAYS_OFF',
  /** Latest minus earliest start time of day among an agent's shifts of one ISO week, in hours. */
  START_TIME_SPREAD = 'START_TIME_SPREAD',
}

/** HARD refuses the change, SOFT accepts it with a warning, OFF ignores the rule. */
export enum Enforcement {
  HARD = 'HARD',
  SOFT = 'SOFT',
  OFF = 'OFF',
}

export interface RuleSetting {
  rule: LaborRule;
  enforcement: Enforcement;
  /**
   * MIN_REST: hours; MAX_WEEKLY_HOURS: hours allowed over the contract; MAX_CONSECUTIVE_DAYS: days; SHIFT_LENGTH:
   * minimum hours; MIN_DAYS_OFF: days off per week; START_TIME_SPREAD: hours.
   */
  value: number | null;
  /** SHIFT_LENGTH: maximum hours. */
  maxValue: number | null;
}

export type RuleSet = Record<LaborRule, RuleSetting>;

/** Defaults that match common labor law (EU working-time directive rest) and WFM practice. */
export const DEFAULT_RULES: RuleSet = {
  [LaborRule.MIN_REST]: { rule: LaborRule.MIN_REST, enforcement: Enforcement.HARD, value: 11, maxValue: null },
  [LaborRule.MAX_WEEKLY_HOURS]: {
    rule: LaborRule.MAX_WEEKLY_HOURS,
    enforcement: Enforcement.HARD,
    value: 8,
    maxValue: null,
  },
  [LaborRule.MAX_CONSECUTIVE_DAYS]: {
    rule: LaborRule.MAX_CONSECUTIVE_DAYS,
    enforcement: Enforcement.HARD,
    value: 6,
    maxValue: null,
  },
  [LaborRule.SHIFT_LENGTH]: { rule: LaborRule.SHIFT_LENGTH, enforcement: Enforcement.HARD, value: 2, maxValue: 12 },
  [LaborRule.TIME_OFF]: { rule: LaborRule.TIME_OFF, enforcement: Enforcement.HARD, value: null, maxValue: null },
  [LaborRule.SKILL_MATCH]: { rule: LaborRule.SKILL_MATCH, enforcement: Enforcement.HARD, value: null, maxValue: null },
  [LaborRule.AVAILABILITY]: {
    rule: LaborRule.AVAILABILITY,
    enforcement: Enforcement.HARD,
    value: null,
    maxValue: null,
  },
  // Two days off a week is the norm of full-time contact-centre contracts (and what WFM suites default to).
  [LaborRule.MIN_DAYS_OFF]: { rule: LaborRule.MIN_DAYS_OFF, enforcement: Enforcement.HARD, value: 2, maxValue: null },
  // Start times that wander by more than two hours in a week are what agents complain about; a coordinator
  // moving one shift is warned, generation keeps within it.
  [LaborRule.START_TIME_SPREAD]: {
    rule: LaborRule.START_TIME_SPREAD,
    enforcement: Enforcement.SOFT,
    value: 2,
    maxValue: null,
  },
};

export interface Span {
  start: Date;
  end: Date;
}

export interface PlannedShift extends Span {
  id: string;
  agentId: string;
  channel: string | null;
  skill: string | null;
  /** Unpaid, non-working parts of the shift (breaks, lunch): subtracted from working hours. */
  nonWork: Span[];
}

export interface AgentWorkProfile {
  id: string;
  timeZone: string;
  contractedWeeklyHours: number;
  channels: string[];
  skills: string[];
}

export interface Violation {
  rule: LaborRule | SchedulingErrorRule.NO_OVERLAP;
  enforcement: Enforcement;
  agentId: string;
  shiftIds: string[];
  message: string;
}

const HOUR = 3_600_000;

function overlapMs(a: Span, b: Span): number {
  return Math.max(0, Math.min(a.end.getTime(), b.end.getTime()) - Math.max(a.start.getTime(), b.start.getTime()));
}

/** Paid working time of a shift in hours: its length minus breaks and lunch. */
export function workHours(shift: PlannedShift): number {
  const gross = shift.end.getTime() - shift.start.getTime();
  return (gross - shift.nonWork.reduce((sum, span) => sum + overlapMs(span, shift), 0)) / HOUR;
}

/** The calendar date after an ISO date (YYYY-MM-DD). */
const nextDate = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

const fmt = (hours: number) => `${Math.round(hours * 100) / 100} h`;

/**
 * Checks one agent's live shifts against the rules. With `focus`, only violations that involve one of
 * those shifts are reported (a change is judged by what it breaks, not by older violations elsewhere);
 * without it, every violation is. Days and weeks are the agent's team's local calendar (ISO weeks).
 */
export function evaluateAgentRules(input: {
  agent: AgentWorkProfile;
  shifts: PlannedShift[];
  timeOff: Span[];
  rules: RuleSet;
  focus?: ReadonlySet<string>;
  /** The agent's available spans around the shifts (rules/availability.ts); null or absent = always available. */
  availability?: Span[] | null;
}): Violation[] {
  const { agent, rules, focus } = input;
  const shifts = [...input.shifts].sort((a, b) => a.start.getTime() - b.start.getTime());
  const involves = (ids: string[]) => !focus || ids.some((id) => focus.has(id));
  const violations: Violation[] = [];
  const add = (
    rule: LaborRule | SchedulingErrorRule.NO_OVERLAP,
    enforcement: Enforcement,
    ids: string[],
    message: string,
  ) => {
    if (enforcement !== Enforcement.OFF && involves(ids))
      violations.push({ rule, enforcement, agentId: agent.id, shiftIds: ids, message });
  };

  for (let i = 1; i < shifts.length; i++) {
    const [a, b] = [shifts[i - 1]!, shifts[i]!];
    if (b.start < a.end)
      add(
        SchedulingErrorRule.NO_OVERLAP,
        Enforcement.HARD,
        [a.id, b.id],
        'The agent already has a shift at that time.',
      );
  }

  const rest = rules[LaborRule.MIN_REST];
  if (rest.value !== null) {
    for (let i = 1; i < shifts.length; i++) {
      const [a, b] = [shifts[i - 1]!, shifts[i]!];
      const gap = (b.start.getTime() - a.end.getTime()) / HOUR;
      if (gap >= 0 && gap < rest.value)
        add(
          LaborRule.MIN_REST,
          rest.enforcement,
          [a.id, b.id],
          `Only ${fmt(gap)} of rest between shifts; at least ${fmt(rest.value)} required.`,
        );
    }
  }

  // Each shift's local week, date and start time of day, read once: luxon asks Intl for the zone's
  // offset at every DateTime, the costliest step of a check.
  const starts = new Map<PlannedShift, { week: string; date: string; minute: number }>();
  for (const shift of shifts) {
    const start = DateTime.fromJSDate(shift.start, { zone: agent.timeZone });
    starts.set(shift, {
      week: `${start.weekYear}-W${start.weekNumber}`,
      date: start.toISODate()!,
      minute: start.hour * 60 + start.minute,
    });
  }
  const local = (shift: PlannedShift) => starts.get(shift)!;

  // ISO weeks of the team's calendar, each with its shifts (a shift belongs to the week and day it starts in).
  const weeks = new Map<string, PlannedShift[]>();
  for (const shift of shifts) {
    const key = local(shift).week;
    weeks.set(key, [...(weeks.get(key) ?? []), shift]);
  }

  const weekly = rules[LaborRule.MAX_WEEKLY_HOURS];
  if (weekly.value !== null) {
    const limit = agent.contractedWeeklyHours + weekly.value;
    for (const [week, inWeek] of weeks) {
      const hours = inWeek.reduce((sum, s) => sum + workHours(s), 0);
      if (hours > limit + 1e-9) {
        add(
          LaborRule.MAX_WEEKLY_HOURS,
          weekly.enforcement,
          inWeek.map((s) => s.id),
          `${fmt(hours)} of work in week ${week}; the limit is ${fmt(limit)} (contract + ${fmt(weekly.value)}).`,
        );
      }
    }
  }

  const daysOff = rules[LaborRule.MIN_DAYS_OFF];
  if (daysOff.value !== null) {
    for (const [week, inWeek] of weeks) {
      const off = 7 - new Set(inWeek.map((s) => local(s).date)).size;
      if (off < daysOff.value)
        add(
          LaborRule.MIN_DAYS_OFF,
          daysOff.enforcement,
          inWeek.map((s) => s.id),
          `${off} day${off === 1 ? '' : 's'} off in week ${week}; at least ${daysOff.value} required.`,
        );
    }
  }

  const spread = rules[LaborRule.START_TIME_SPREAD];
  if (spread.value !== null) {
    for (const [week, inWeek] of weeks) {
      const minutes = Math.max(...inWeek.map((s) => local(s).minute)) - Math.min(...inWeek.map((s) => local(s).minute));
      if (minutes > spread.value * 60 + 1e-9)
        add(
          LaborRule.START_TIME_SPREAD,
          spread.enforcement,
          inWeek.map((s) => s.id),
          `Start times in week ${week} spread over ${fmt(minutes / 60)}; at most ${fmt(spread.value)} allowed.`,
        );
    }
  }

  const consecutive = rules[LaborRule.MAX_CONSECUTIVE_DAYS];
  if (consecutive.value !== null) {
    const byDay = new Map<string, PlannedShift[]>();
    for (const shift of shifts) {
      const day = local(shift).date;
      byDay.set(day, [...(byDay.get(day) ?? []), shift]);
    }
    const days = [...byDay.keys()].sort();
    let run: string[] = [];
    const closeRun = () => {
      if (run.length > consecutive.value!) {
        const ids = run.flatMap((d) => byDay.get(d)!.map((s) => s.id));
        add(
          LaborRule.MAX_CONSECUTIVE_DAYS,
          consecutive.enforcement,
          ids,
          `${run.length} working days in a row (${run[0]} to ${run.at(-1)}); at most ${consecutive.value} allowed.`,
        );
      }
    };
    for (const day of days) {
      const previous = run.at(-1);
      if (previous && nextDate(previous) === day) run.push(day);
      else {
        closeRun();
        run = [day];
      }
    }
    closeRun();
  }

  const length = rules[LaborRule.SHIFT_LENGTH];
  const timeOff = rules[LaborRule.TIME_OFF];
  const skill = rules[LaborRule.SKILL_MATCH];
  const available = rules[LaborRule.AVAILABILITY];
  for (const shift of shifts) {
    if (
      input.availability &&
      !input.availability.some(
        (s) => s.start.getTime() <= shift.start.getTime() && s.end.getTime() >= shift.end.getTime(),
      )
    ) {
      add(LaborRule.AVAILABILITY, available.enforcement, [shift.id], 'The shift is outside the agent’s availability.');
    }
    const hours = (shift.end.getTime() - shift.start.getTime()) / HOUR;
    if (length.value !== null && hours < length.value)
      add(
        LaborRule.SHIFT_LENGTH,
        length.enforcement,
        [shift.id],
        `The shift lasts ${fmt(hours)}; at least ${fmt(length.value)} required.`,
      );
    if (length.maxValue !== null && hours > length.maxValue)
      add(
        LaborRule.SHIFT_LENGTH,
        length.enforcement,
        [shift.id],
        `The shift lasts ${fmt(hours)}; at most ${fmt(length.maxValue)} allowed.`,
      );
    if (input.timeOff.some((span) => overlapMs(span, shift) > 0))
      add(LaborRule.TIME_OFF, timeOff.enforcement, [shift.id], 'The shift falls in approved time off.');
    if (shift.channel && !agent.channels.includes(shift.channel))
      add(
        LaborRule.SKILL_MATCH,
        skill.enforcement,
        [shift.id],
        `The agent does not serve the ${shift.channel} channel.`,
      );
    if (shift.skill && !agent.skills.includes(shift.skill))
      add(LaborRule.SKILL_MATCH, skill.enforcement, [shift.id], `The agent does not hold the skill "${shift.skill}".`);
  }
  return violations;
}

/** Tenant defaults, overridden by the tenant's settings, overridden by the team's. */
export function effectiveRules(tenantSettings: RuleSetting[], teamSettings: RuleSetting[]): RuleSet {
  const rules = { ...DEFAULT_RULES };
  for (const setting of [...tenantSettings, ...teamSettings]) rules[setting.rule] = setting;
  return rules;
}
