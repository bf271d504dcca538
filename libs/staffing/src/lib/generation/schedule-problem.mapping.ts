/**
 * Turns a team's week (agents, templates, existing shifts, time off, labor rules) into the core's
 * ScheduleProblem, whose times are interval indexes from the window's start and whose days are day
 * indexes. Pure: the service gathers the data, this maps it, a unit test checks it.
 *
 * Conventions (libs/staffing/METHODS.md): interval t covers [from + t·I, from + (t + 1)·I). Day indexes
 * count local calendar days in the team's time zone from the Monday of the window's first (ISO) week,
 * so the core's weeks (day indexes 0–6, 7–13, …) are the ISO weeks the MAX_WEEKLY_HOURS rule counts in.
 * A shift's start and end are rounded outward to whole intervals (rest between shifts only looks
 * shorter, never longer, so the core stays on the safe side), and an interval counts as worked only
 * when the agent works all of it.
 *
 * Fairness counts WEEKEND shifts (starting on a local Saturday or Sunday) and NIGHT shifts (at least
 * three hours, or half the shift when it is shorter, between 22:00 and 06:00 local: the EU working-time
 * directive's night worker), over the agent's live shifts of the weeks before the window and those
 * already fixed inside it, plus what the solver adds.
 */
// The light entry points: this file also runs in worker threads (schedule-problem.worker.ts), where the
// libraries' main entries would load Nest, GraphQL and TypeORM first (about 2 s from TypeScript sources).
import { AgentWorkProfileRow, EmploymentStatus } from '@deskforce/people/vocabulary';
import type { Channel } from '@deskforce/platform';
import {
  Enforcement,
  placeActivities,
  LaborRule,
  NON_WORK_ACTIVITIES,
  RuleSetting,
  ShiftDraft,
  ShiftModel,
  ShiftTemplateModel,
  Span,
  templateDraft,
  templateStarts,
  workHours,
} from '@deskforce/scheduling/planning';
import { DateTime } from 'luxon';
import {
  CandidateShift,
  FixedShift,
  ScheduleAgent,
  ScheduleAssignment,
  SchedulePreference,
  ScheduleProblem,
  ScheduleWeights,
  ShiftTag,
  ShiftTiming,
} from '../optimize/schedule-problem.types';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Local night, for NIGHT shifts: from 22:00 to 06:00 the next morning. */
const NIGHT_START_HOUR = 22;
const NIGHT_END_HOUR = 6;
/** A shift is a NIGHT shift when this much of it (or half of it, when shorter) falls in the local night. */
const NIGHT_MIN_MS = 3 * HOUR_MS;

export interface ProblemSources {
  from: Date;
  to: Date;
  intervalMinutes: number;
  timeZone: string;
  channel: Channel;
  /** Agents to schedule per interval (gross: existing shifts count toward it). */
  required: number[];
  /** The team's agents (not terminated); only ACTIVE ones serving the channel get candidates. */
  agents: readonly AgentWorkProfileRow[];
  templates: readonly ShiftTemplateModel[];
  rules: readonly RuleSetting[];
  /** The agents' live shifts around the window (enough before and after for rest, weeks and runs of days). */
  shifts: readonly ShiftModel[];
  /** Approved time off of the agents around the window. */
  timeOff: readonly (Span & { agentId: string })[];
  weights?: Partial<ScheduleWeights>;
  /** Note written on each generated shift. */
  note: string;
  /**
   * Each agent's available spans around the window (scheduling's availableSpans; null = nothing entered,
   * always available). Candidates outside them are never offered unless the AVAILABILITY rule is OFF.
   */
  availability?: ReadonlyMap<string, Span[] | null>;
  /**
   * Several channels in one problem, each with its own requirement (the first is `channel`): agents
   * serving any of them get candidates, their time is split between channels by the optimiser, and
   * `required` is ignored.
   */
  channelDemands?: ReadonlyArray<{ channel: Channel; required: number[] }>;
  /** The agents' live shifts in the weeks before the window: the history fairness counts. */
  pastShifts?: readonly ShiftModel[];
  /** Fairness rules of WEEKEND and NIGHT shifts (see the file's comment). */
  fairness?: ReadonlyArray<{ tag: ShiftTag; maxAboveFairShare: number }>;
  /** Paid-hour equivalents charged per agent and week whose days off are not two consecutive days. */
  consecutiveDaysOffWeight?: number;
  /** Each agent's shift wishes (weekday and/or template, weight in paid-hour equivalents). */
  preferences?: ReadonlyMap<
    string,
    ReadonlyArray<{ kind: 'PREFER' | 'AVOID'; weekday: number | null; templateId: string | null; weight: number }>
  >;
}

/** The mapping's answer that can cross threads (plain data). */
export interface MappedProblemData {
  problem: ScheduleProblem;
  candidateCount: number;
  /**
   * The week before the window repeated: each agent's candidates with the template and weekday of a shift
   * they had in the seven days before it (the solver's warm start, used when it keeps every rule).
   */
  previousWeek: ScheduleAssignment[];
}

export interface MappedProblem extends MappedProblemData {
  /** The draft shift to write when the solver gives the agent that candidate. */
  draftFor(agentId: string, candidateId: string): ShiftDraft;
}

/** True when the template's length is allowed by the SHIFT_LENGTH rule. */
export function templateFitsShiftLength(template: ShiftTemplateModel, rules: readonly RuleSetting[]): boolean {
  const rule = rules.find((r) => r.rule === LaborRule.SHIFT_LENGTH);
  if (!rule || rule.enforcement === Enforcement.OFF) return true;
  const hours = template.durationMinutes / 60;
  return (rule.value === null || hours >= rule.value) && (rule.maxValue === null || hours <= rule.maxValue);
}

/** True when a template can cover the channel: it is for the channel, or for none in particular. */
export function templateServesChannel(template: ShiftTemplateModel, channel: Channel): boolean {
  return template.channel === null || template.channel === channel;
}

function setting(rules: readonly RuleSetting[], rule: LaborRule): RuleSetting | null {
  const found = rules.find((r) => r.rule === rule);
  return found && found.enforcement !== Enforcement.OFF && found.value !== null ? found : null;
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && a.end > b.start;
}

/** WEEKEND and NIGHT, as fairness counts them (see the file's comment), in the team's time zone. */
export function shiftTags(start: Date, end: Date, timeZone: string): ShiftTag[] {
  const tags: ShiftTag[] = [];
  const local = DateTime.fromJSDate(start, { zone: timeZone });
  if (local.weekday >= 6) tags.push('WEEKEND');
  let night = 0;
  // Nights that can touch the shift: from the one that began the evening before it started.
  for (let day = local.startOf('day').minus({ days: 1 }); day.toMillis() < end.getTime(); day = day.plus({ days: 1 })) {
    const nightStart = day.set({ hour: NIGHT_START_HOUR }).toMillis();
    const nightEnd = day.plus({ days: 1 }).set({ hour: NIGHT_END_HOUR }).toMillis();
    night += Math.max(0, Math.min(end.getTime(), nightEnd) - Math.max(start.getTime(), nightStart));
  }
  if (night > 0 && night >= Math.min(NIGHT_MIN_MS, (end.getTime() - start.getTime()) / 2)) tags.push('NIGHT');
  return tags;
}

/** Local start time of day in minutes (for the START_TIME_SPREAD rule). */
function startMinuteOf(start: Date, timeZone: string): number {
  const local = DateTime.fromJSDate(start, { zone: timeZone });
  return local.hour * 60 + local.minute;
}

export function mapScheduleProblem(sources: ProblemSources): MappedProblem {
  const { from, to, intervalMinutes, timeZone, channel } = sources;
  const intervalMs = intervalMinutes * MINUTE_MS;
  const fromMs = from.getTime();
  const intervalCount = sources.channelDemands ? sources.channelDemands[0]!.required.length : sources.required.length;
  const problemChannels = sources.channelDemands ? sources.channelDemands.map((c) => c.channel) : [channel];
  const multi = sources.channelDemands !== undefined;

  // Day indexes: local calendar days from the Monday of the window's first ISO week.
  // Luxon finds a zone's offset through Intl for every DateTime: remembered per instant, as every agent's
  // candidates share their templates' starts.
  const dayNumbers = new Map<number, number>();
  const dayNumber = (ms: number): number => {
    let day = dayNumbers.get(ms);
    if (day === undefined) {
      const local = DateTime.fromMillis(ms, { zone: timeZone });
      day = Date.UTC(local.year, local.month - 1, local.day) / DAY_MS;
      dayNumbers.set(ms, day);
    }
    return day;
  };
  const monday = DateTime.fromMillis(fromMs, { zone: timeZone }).startOf('week');
  const anchorDay = Date.UTC(monday.year, monday.month - 1, monday.day) / DAY_MS;
  const dayIndexOf = (ms: number): number => dayNumber(ms) - anchorDay;

  const availabilityRule = sources.rules.find((r) => r.rule === LaborRule.AVAILABILITY);
  const honourAvailability = !availabilityRule || availabilityRule.enforcement !== Enforcement.OFF;
  const rest = setting(sources.rules, LaborRule.MIN_REST);
  const weekly = setting(sources.rules, LaborRule.MAX_WEEKLY_HOURS);
  const consecutive = setting(sources.rules, LaborRule.MAX_CONSECUTIVE_DAYS);
  const daysOff = setting(sources.rules, LaborRule.MIN_DAYS_OFF);
  const spread = setting(sources.rules, LaborRule.START_TIME_SPREAD);
  const spreadMinutes = spread ? spread.value! * 60 : Infinity;
  // "No limit" as a limit the horizon (with the shifts read around it) can never reach.
  const unlimitedDays = Math.ceil((to.getTime() - fromMs) / DAY_MS) + 62;

  /** Interval span, working intervals and paid hours of a shift. */
  const timing = (start: Date, end: Date, away: readonly Span[], counts: boolean, paidHours: number): ShiftTiming => {
    const startInterval = Math.floor((start.getTime() - fromMs) / intervalMs);
    const endInterval = Math.ceil((end.getTime() - fromMs) / intervalMs);
    const nonWorkingIntervals: number[] = [];
    const startMs = start.getTime();
    const endMs = end.getTime();
    const awayMs = away.map((span) => [span.start.getTime(), span.end.getTime()] as const);
    for (let t = Math.max(startInterval, 0); t < Math.min(endInterval, intervalCount); t++) {
      const slotStart = fromMs + t * intervalMs;
      const slotEnd = slotStart + intervalMs;
      const worked =
        counts && slotStart >= startMs && slotEnd <= endMs && !awayMs.some(([a, b]) => a < slotEnd && b > slotStart);
      if (!worked) nonWorkingIntervals.push(t);
    }
    return { dayIndex: dayIndexOf(start.getTime()), startInterval, endInterval, nonWorkingIntervals, paidHours };
  };
  const paidHoursOf = (
    start: Date,
    end: Date,
    activities: readonly { type: string; startsAt: Date; endsAt: Date }[],
  ): number =>
    workHours({
      id: '',
      agentId: '',
      start,
      end,
      channel: null,
      skill: null,
      nonWork: activities
        .filter((a) => (NON_WORK_ACTIVITIES as readonly string[]).includes(a.type))
        .map((a) => ({ start: a.startsAt, end: a.endsAt })),
    });

  const shiftsByAgent = new Map<string, ShiftModel[]>();
  for (const shift of sources.shifts)
    shiftsByAgent.set(shift.agentId, [...(shiftsByAgent.get(shift.agentId) ?? []), shift]);
  const timeOffByAgent = new Map<string, Span[]>();
  for (const span of sources.timeOff)
    timeOffByAgent.set(span.agentId, [...(timeOffByAgent.get(span.agentId) ?? []), span]);

  const firstDate = DateTime.fromMillis(fromMs, { zone: timeZone }).toISODate()!;
  const lastDate = DateTime.fromMillis(to.getTime() - 1, { zone: timeZone }).toISODate()!;

  /**
   * A template's candidate shifts depend on the agent only through where its activities are staggered
   * (placeActivities by agent index), so they are expanded, timed and priced once per template and
   * placement, and shared by the agents with that placement: on a team of 150 agents and 30 templates
   * this is the difference between seconds and tens of milliseconds of the API's event loop.
   */
  interface TemplateDay {
    candidate: CandidateShift;
    span: Span;
    draft: Omit<ShiftDraft, 'agentId'>;
  }
  const expansions = new Map<string, TemplateDay[]>();
  /**
   * What the agents' shifts of a template on one day share, found once with luxon (which asks Intl for
   * the zone's offset at every DateTime): when it starts, its local date, start time of day and tags.
   */
  interface TemplateStart {
    startsAt: Date;
    date: string;
    startMinuteOfDay: number;
    tags: ShiftTag[];
  }
  const startsByTemplate = new Map<string, TemplateStart[]>();
  const startsOf = (template: ShiftTemplateModel): TemplateStart[] => {
    let starts = startsByTemplate.get(template.id);
    if (!starts) {
      starts = templateStarts(template, timeZone, firstDate, lastDate)
        .filter((startsAt) => startsAt >= from && startsAt < to)
        .map((startsAt) => ({
          startsAt,
          date: DateTime.fromJSDate(startsAt, { zone: timeZone }).toISODate()!,
          startMinuteOfDay: startMinuteOf(startsAt, timeZone),
          tags: shiftTags(startsAt, new Date(startsAt.getTime() + template.durationMinutes * MINUTE_MS), timeZone),
        }));
      startsByTemplate.set(template.id, starts);
    }
    return starts;
  };
  const expand = (template: ShiftTemplateModel, agentIndex: number): TemplateDay[] => {
    const key = `${template.id}|${JSON.stringify(placeActivities(template.activities, agentIndex))}`;
    let days = expansions.get(key);
    if (!days) {
      days = startsOf(template).map((start) => {
        const draft = templateDraft(template, start.startsAt, agentIndex);
        const away = draft.activities.map((a) => ({ start: a.startsAt, end: a.endsAt }));
        const candidate: CandidateShift = {
          candidateId: `${template.id}@${start.date}`,
          templateId: template.id,
          startMinuteOfDay: start.startMinuteOfDay,
          ...(start.tags.length > 0 ? { tags: start.tags } : {}),
          ...timing(
            draft.startsAt,
            draft.endsAt,
            away,
            true,
            paidHoursOf(draft.startsAt, draft.endsAt, draft.activities),
          ),
        };
        return {
          candidate,
          span: { start: draft.startsAt, end: draft.endsAt },
          draft: { ...draft, channel: template.channel ?? (multi ? null : channel), note: sources.note },
        };
      });
      expansions.set(key, days);
    }
    return days;
  };

  const choices = new Map<string, Map<string, Omit<ShiftDraft, 'agentId'>>>();
  let candidateCount = 0;
  const previousWeek: ScheduleAssignment[] = [];
  const firstDayIndex = dayIndexOf(fromMs);
  /** The same weekday in the seven days before the window. */
  const weekBefore = (dayIndex: number): number => dayIndex - 7 * (Math.floor((dayIndex - firstDayIndex) / 7) + 1);

  // Fairness history: tagged shifts of the weeks before, and those already fixed inside the window.
  const counted = [
    ...(sources.pastShifts ?? []),
    ...sources.shifts.filter((s) => s.startsAt >= from && s.startsAt < to),
  ];
  const history = new Map<string, { weekendShifts: number; nightShifts: number }>();
  for (const shift of sources.fairness?.length ? counted : []) {
    const tags = shiftTags(shift.startsAt, shift.endsAt, timeZone);
    const entry = history.get(shift.agentId) ?? { weekendShifts: 0, nightShifts: 0 };
    if (tags.includes('WEEKEND')) entry.weekendShifts++;
    if (tags.includes('NIGHT')) entry.nightShifts++;
    history.set(shift.agentId, entry);
  }

  const agents: ScheduleAgent[] = sources.agents.map((agent, agentIndex) => {
    const timeOff = timeOffByAgent.get(agent.id) ?? [];
    const served = agent.channels.filter((c) => problemChannels.includes(c));
    const fixedShifts: FixedShift[] = (shiftsByAgent.get(agent.id) ?? []).map((shift) => {
      // Several channels: a shift counts wherever its channel is planned (any of the agent's when it has none).
      const counts = multi
        ? shift.channel === null
          ? served.length > 0
          : problemChannels.includes(shift.channel)
        : shift.channel === channel || (shift.channel === null && agent.channels.includes(channel));
      const away = [...shift.activities.map((a) => ({ start: a.startsAt, end: a.endsAt })), ...timeOff];
      const fixed: FixedShift = {
        shiftId: shift.id,
        ...timing(
          shift.startsAt,
          shift.endsAt,
          away,
          counts,
          paidHoursOf(shift.startsAt, shift.endsAt, shift.activities),
        ),
      };
      if (multi && shift.channel !== null && problemChannels.includes(shift.channel)) fixed.channel = shift.channel;
      return fixed;
    });

    // START_TIME_SPREAD counts the shifts the agent already has in a week: a candidate must start within the
    // spread of each of them (the core then keeps the chosen ones within the spread of each other).
    const fixedStarts = new Map<number, { min: number; max: number }>();
    if (Number.isFinite(spreadMinutes)) {
      for (const shift of shiftsByAgent.get(agent.id) ?? []) {
        const week = Math.floor(dayIndexOf(shift.startsAt.getTime()) / 7);
        const minute = startMinuteOf(shift.startsAt, timeZone);
        const known = fixedStarts.get(week);
        fixedStarts.set(week, {
          min: Math.min(known?.min ?? minute, minute),
          max: Math.max(known?.max ?? minute, minute),
        });
      }
    }
    const withinFixedSpread = (candidate: CandidateShift): boolean => {
      const fixed = fixedStarts.get(Math.floor(candidate.dayIndex / 7));
      return (
        !fixed ||
        (candidate.startMinuteOfDay! >= fixed.max - spreadMinutes &&
          candidate.startMinuteOfDay! <= fixed.min + spreadMinutes)
      );
    };

    const candidates: CandidateShift[] = [];
    const agentChoices = new Map<string, Omit<ShiftDraft, 'agentId'>>();
    const schedulable = agent.employmentStatus === EmploymentStatus.ACTIVE && served.length > 0;
    if (schedulable) {
      for (const template of sources.templates) {
        if (
          template.channel !== null &&
          !(agent.channels.includes(template.channel) && problemChannels.includes(template.channel))
        )
          continue;
        if (template.skill !== null && !agent.skills.includes(template.skill)) continue;
        const spans = honourAvailability ? (sources.availability?.get(agent.id) ?? null) : null;
        for (const day of expand(template, agentIndex)) {
          if (timeOff.some((t) => overlaps(t, day.span)) || !withinFixedSpread(day.candidate)) continue;
          if (
            spans &&
            !spans.some(
              (s) => s.start.getTime() <= day.span.start.getTime() && s.end.getTime() >= day.span.end.getTime(),
            )
          )
            continue;
          candidates.push(day.candidate);
          agentChoices.set(day.candidate.candidateId, day.draft);
        }
      }
    }
    candidateCount += candidates.length;
    choices.set(agent.id, agentChoices);
    // Only shifts of the seven days before can match: weekBefore lands there.
    const before = new Set(
      (shiftsByAgent.get(agent.id) ?? [])
        .filter((shift) => shift.templateId !== null && shift.startsAt < from)
        .map((shift) => `${shift.templateId}@${dayIndexOf(shift.startsAt.getTime())}`),
    );
    const repeated = candidates
      .filter((c) => before.has(`${c.templateId}@${weekBefore(c.dayIndex)}`))
      .map((c) => c.candidateId);
    if (repeated.length > 0) previousWeek.push({ agentId: agent.id, candidateIds: repeated });
    // Wishes by weekday become one wish per such day of the window (by template: one for the window).
    const preferences: SchedulePreference[] = [];
    for (const wish of sources.preferences?.get(agent.id) ?? []) {
      const base = {
        kind: wish.kind,
        weight: wish.weight,
        ...(wish.templateId ? { templateId: wish.templateId } : {}),
      };
      if (wish.weekday === null) {
        preferences.push(base);
        continue;
      }
      for (
        let date = DateTime.fromISO(firstDate, { zone: timeZone });
        date.toISODate()! <= lastDate;
        date = date.plus({ days: 1 })
      ) {
        if (date.weekday === wish.weekday) preferences.push({ ...base, dayIndex: dayIndexOf(date.toMillis()) });
      }
    }
    return {
      agentId: agent.id,
      ...(preferences.length > 0 ? { preferences } : {}),
      ...(multi ? { channels: served.length > 0 ? served : [...problemChannels] } : {}),
      hourlyCost: agent.hourlyCost,
      maxWeeklyHours: weekly ? agent.contractedWeeklyHours + weekly.value! : 7 * 24,
      minRestHours: rest ? rest.value! : 0,
      maxConsecutiveDays: consecutive ? Math.min(consecutive.value!, unlimitedDays) : unlimitedDays,
      ...(daysOff ? { minDaysOffPerWeek: daysOff.value! } : {}),
      ...(Number.isFinite(spreadMinutes) ? { maxStartSpreadMinutes: spreadMinutes } : {}),
      ...(history.has(agent.id) ? { history: history.get(agent.id)! } : {}),
      candidates,
      fixedShifts,
    };
  });

  const draftFor = (agentId: string, candidateId: string): ShiftDraft => {
    const draft = choices.get(agentId)?.get(candidateId);
    if (!draft) throw new Error(`No candidate ${candidateId} for agent ${agentId}.`);
    return { ...draft, agentId };
  };

  return {
    problem: {
      intervalCount,
      intervalMinutes,
      required: multi ? [] : sources.required.slice(),
      ...(multi
        ? { channels: sources.channelDemands!.map((c) => ({ channel: c.channel, required: c.required.slice() })) }
        : {}),
      agents,
      ...(sources.weights ? { weights: sources.weights } : {}),
      ...(sources.fairness?.length ? { fairness: sources.fairness.map((rule) => ({ ...rule })) } : {}),
      ...(sources.consecutiveDaysOffWeight ? { consecutiveDaysOffWeight: sources.consecutiveDaysOffWeight } : {}),
    },
    draftFor,
    candidateCount,
    previousWeek,
  };
}

/** Σ required × interval hours. */
export function requiredAgentHours(required: readonly number[], intervalMinutes: number): number {
  return (required.reduce((s, r) => s + r, 0) * intervalMinutes * MINUTE_MS) / HOUR_MS;
}
