import { Actor, AppError, ErrorCode, TimeSlices } from '@deskforce/platform';
import { AgentService, AgentWorkProfileRow } from '@deskforce/people';
import { Injectable } from '@nestjs/common';
import { ShiftModel } from './graphql/shift.model';
import { AvailabilityRepository } from './availability.repository';
import { LaborRuleRepository } from './labor-rule.repository';
import { availableSpans } from './rules/availability';
import { effectiveRules, Enforcement, evaluateAgentRules, PlannedShift, RuleSet, Violation } from './rules/labor-rules';
import { NON_WORK_ACTIVITIES } from './scheduling.enums';
import { ShiftRepository } from './shift.repository';
import { TimeOffRepository } from './time-off.repository';
import { SchedulingErrorRule } from './scheduling.errors';

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** How far around a change the rules look: enough for a week's hours and a run of consecutive days. */
const WINDOW_MS = 15 * 24 * 3_600_000;

export interface ScheduleChange {
  /** New or changed shifts, in their proposed form. */
  upserts: PlannedShift[];
  /** Shifts that go away (deleted, cancelled, or handed to another agent). */
  removals?: readonly string[];
}

export interface RuleCheck {
  hard: Violation[];
  soft: Violation[];
}

export function toPlannedShift(
  shift: Pick<ShiftModel, 'id' | 'agentId' | 'startsAt' | 'endsAt' | 'channel' | 'skill' | 'activities'>,
): PlannedShift {
  return {
    id: shift.id,
    agentId: shift.agentId,
    start: shift.startsAt,
    end: shift.endsAt,
    channel: shift.channel,
    skill: shift.skill,
    nonWork: shift.activities
      .filter((a) => NON_WORK_ACTIVITIES.includes(a.type))
      .map((a) => ({ start: a.startsAt, end: a.endsAt })),
  };
}

/**
 * Judges schedule changes against the labor rules, inside the caller's transaction: it locks the agents
 * concerned (so two concurrent changes cannot each pass alone and break a rule together), reads their
 * shifts, time off and rules around the change in a few set-based queries, and evaluates in memory.
 */
@Injectable()
export class ScheduleRulesService {
  constructor(
    private readonly shifts: ShiftRepository,
    private readonly timeOff: TimeOffRepository,
    private readonly ruleSettings: LaborRuleRepository,
    private readonly agents: AgentService,
    private readonly availability: AvailabilityRepository,
  ) {}

  async rulesByTeam(teamIds: readonly string[]): Promise<Map<string, RuleSet>> {
    const settings = await this.ruleSettings.settings(teamIds);
    const tenant = settings.filter((s) => s.teamId === null);
    return new Map(
      teamIds.map((teamId) => [
        teamId,
        effectiveRules(
          tenant,
          settings.filter((s) => s.teamId === teamId),
        ),
      ]),
    );
  }

  async check(actor: Actor, change: ScheduleChange, profiles?: Map<string, AgentWorkProfileRow>): Promise<RuleCheck> {
    const agentIds = [...new Set(change.upserts.map((s) => s.agentId))];
    if (agentIds.length === 0) return { hard: [], soft: [] };
    await this.shifts.lockAgents(agentIds);
    const known = profiles ?? new Map((await this.agents.workProfiles(actor, agentIds)).map((p) => [p.id, p]));
    const from = new Date(Math.min(...change.upserts.map((s) => s.start.getTime())) - WINDOW_MS);
    const to = new Date(Math.max(...change.upserts.map((s) => s.end.getTime())) + WINDOW_MS);
    const replaced = new Set([...change.upserts.map((s) => s.id), ...(change.removals ?? [])]);
    // One connection per transaction: the queries run one after another.
    const existing = await this.shifts.find({ agentIds, from, to, liveOnly: true });
    const timeOff = await this.timeOff.approvedSpans(agentIds, from, to);
    const rules = await this.rulesByTeam([...new Set([...known.values()].map((p) => p.teamId))]);
    const availability = await this.availability.forAgents(agentIds);
    const existingByAgent = groupBy(existing.filter((s) => !replaced.has(s.id)).map(toPlannedShift), (s) => s.agentId);
    const proposedByAgent = groupBy(change.upserts, (s) => s.agentId);
    const timeOffByAgent = groupBy(timeOff, (t) => t.agentId);
    const violations: Violation[] = [];
    // A generated week of 150 agents is a few hundred milliseconds of checks: other requests get turns.
    const slices = new TimeSlices();
    for (const agentId of agentIds) {
      if (slices.due) await slices.next();
      const profile = known.get(agentId);
      if (!profile) throw AppError.notFound('Agent', agentId, 'input.agentId');
      const proposed = proposedByAgent.get(agentId) ?? [];
      violations.push(
        ...evaluateAgentRules({
          agent: profile,
          shifts: [...(existingByAgent.get(agentId) ?? []), ...proposed],
          timeOff: timeOffByAgent.get(agentId) ?? [],
          rules: rules.get(profile.teamId)!,
          focus: new Set(proposed.map((s) => s.id)),
          availability: availableSpans(availability.get(agentId) ?? null, profile.timeZone, from, to),
        }),
      );
    }
    return {
      hard: violations.filter((v) => v.enforcement === Enforcement.HARD),
      soft: violations.filter((v) => v.enforcement === Enforcement.SOFT),
    };
  }

  /** Refuses with CONFLICT listing every hard violation; returns the soft ones as warnings. */
  async enforce(
    actor: Actor,
    change: ScheduleChange,
    profiles?: Map<string, AgentWorkProfileRow>,
  ): Promise<Violation[]> {
    const { hard, soft } = await this.check(actor, change, profiles);
    if (hard.length > 0) throw refusal(hard, new Set(change.upserts.map((s) => s.id)));
    return soft;
  }

  /** Every violation of the team's live shifts in [from, to), e.g. after a rule was tightened. */
  async violations(actor: Actor, teamId: string, from: Date, to: Date): Promise<Violation[]> {
    const inRange = await this.shifts.find({ teamId, from, to, liveOnly: true });
    const agentIds = [...new Set(inRange.map((s) => s.agentId))];
    if (agentIds.length === 0) return [];
    const profiles = new Map((await this.agents.workProfiles(actor, agentIds)).map((p) => [p.id, p]));
    const windowFrom = new Date(from.getTime() - WINDOW_MS);
    const windowTo = new Date(to.getTime() + WINDOW_MS);
    const all = await this.shifts.find({ agentIds, from: windowFrom, to: windowTo, liveOnly: true });
    const timeOff = await this.timeOff.approvedSpans(agentIds, windowFrom, windowTo);
    const rules = await this.rulesByTeam([...new Set([...profiles.values()].map((p) => p.teamId))]);
    const availability = await this.availability.forAgents(agentIds);
    const focus = new Set(inRange.map((s) => s.id));
    const shiftsByAgent = groupBy(all.map(toPlannedShift), (s) => s.agentId);
    const timeOffByAgent = groupBy(timeOff, (t) => t.agentId);
    const violations: Violation[] = [];
    const slices = new TimeSlices();
    for (const agentId of agentIds) {
      if (slices.due) await slices.next();
      const profile = profiles.get(agentId)!;
      violations.push(
        ...evaluateAgentRules({
          agent: profile,
          shifts: shiftsByAgent.get(agentId) ?? [],
          timeOff: timeOffByAgent.get(agentId) ?? [],
          rules: rules.get(profile.teamId)!,
          focus,
          availability: availableSpans(availability.get(agentId) ?? null, profile.timeZone, windowFrom, windowTo),
        }),
      );
    }
    return violations;
  }
}

/**
 * The error for a change that breaks hard rules: CONFLICT listing every violation. An overlap with an
 * existing shift is reported as rule NO_OVERLAP with that shift's id.
 */
export function refusal(hard: Violation[], proposedIds: ReadonlySet<string>): AppError {
  const overlaps = hard.filter((v) => v.rule === SchedulingErrorRule.NO_OVERLAP);
  const summary = hard.map((v) => `${v.rule}: ${v.message}`).join(' ');
  const conflictingShiftIds = [...new Set(overlaps.flatMap((v) => v.shiftIds).filter((id) => !proposedIds.has(id)))];
  return new AppError(ErrorCode.CONFLICT, `The change breaks labor rules. ${summary}`, {
    rule: overlaps.length > 0 ? SchedulingErrorRule.NO_OVERLAP : SchedulingErrorRule.LABOR_RULES,
    ...(overlaps.length > 0 ? { conflictingShiftIds } : {}),
    violations: hard,
  });
}
