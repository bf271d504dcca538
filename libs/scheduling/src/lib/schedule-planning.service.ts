import { Actor, AppError, AuditLog, TenantDatabase } from '@deskforce/platform';
import { AgentService, TeamAccessService, TeamService } from '@deskforce/people';
import { Injectable } from '@nestjs/common';
import { coverageCurve, subtractSpans } from './coverage';
import { CoverageIntervalModel } from './graphql/coverage.model';
import { CoverageInput, SetLaborRuleInput } from './graphql/coverage.input';
import { LaborRuleSettingModel } from './graphql/rule.model';
import { ShiftModel } from './graphql/shift.model';
import { LaborRuleRepository } from './labor-rule.repository';
import { DEFAULT_RULES, LaborRule, Span, Violation } from './rules/labor-rules';
import { ScheduleRulesService } from './schedule-rules.service';
import { ShiftStatus } from './scheduling.enums';
import { ShiftRepository } from './shift.repository';
import { assertSpan } from './shift.service';
import { TimeOffRepository } from './time-off.repository';

const MAX_INTERVALS = 10_000;

const VALUE_LIMITS: Partial<Record<LaborRule, [number, number]>> = {
  [LaborRule.MIN_REST]: [0, 48],
  [LaborRule.MAX_WEEKLY_HOURS]: [0, 80],
  [LaborRule.MAX_CONSECUTIVE_DAYS]: [1, 14],
  [LaborRule.SHIFT_LENGTH]: [0, 24],
  [LaborRule.MIN_DAYS_OFF]: [0, 6],
  [LaborRule.START_TIME_SPREAD]: [0, 23.5],
};

/** Coverage (the supply side of staffing), rule settings and schedule-wide violations. */
@Injectable()
export class SchedulePlanningService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly shifts: ShiftRepository,
    private readonly timeOff: TimeOffRepository,
    private readonly ruleSettings: LaborRuleRepository,
    private readonly rules: ScheduleRulesService,
    private readonly agents: AgentService,
    private readonly teams: TeamService,
    private readonly access: TeamAccessService,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Per interval, the agents scheduled to work: each live shift minus its activities (breaks, lunch,
   * training, meetings, mentoring) and minus approved time off, counted as the fraction of the interval
   * it covers.
   */
  coverage(actor: Actor, input: CoverageInput): Promise<CoverageIntervalModel[]> {
    assertSpan(input.from, input.to, 'input.to');
    const intervalMs = input.intervalMinutes * 60_000;
    const count = Math.ceil((input.to.getTime() - input.from.getTime()) / intervalMs);
    if (count > MAX_INTERVALS)
      throw AppError.badInput({ field: 'input.to', message: `at most ${MAX_INTERVALS} intervals at once` });
    return this.db.transaction(actor.tenantId, async () => {
      await this.teams.get(actor, input.teamId);
      await this.access.assertManages(actor, [input.teamId]);
      const statuses = input.statuses ?? [ShiftStatus.DRAFT, ShiftStatus.PUBLISHED];
      const shifts = (
        await this.shifts.find({ teamId: input.teamId, from: input.from, to: input.to, liveOnly: true })
      ).filter((s) => statuses.includes(s.status));
      let counted = shifts;
      if (input.channel) {
        const profiles = new Map(
          (await this.agents.workProfiles(actor, [...new Set(shifts.map((s) => s.agentId))])).map((p) => [p.id, p]),
        );
        counted = shifts.filter(
          (s) =>
            s.channel === input.channel ||
            (s.channel === null && profiles.get(s.agentId)?.channels.includes(input.channel!)),
        );
      }
      const timeOff = await this.timeOff.approvedSpans(
        [...new Set(counted.map((s) => s.agentId))],
        input.from,
        input.to,
      );
      const available: Span[] = counted.flatMap((shift) =>
        subtractSpans({ start: shift.startsAt, end: shift.endsAt }, [
          ...shift.activities.map((a) => ({ start: a.startsAt, end: a.endsAt })),
          ...timeOff.filter((t) => t.agentId === shift.agentId),
        ]),
      );
      const curve = coverageCurve(input.from, intervalMs, count, available);
      return curve.map((scheduledAgents, i) => ({
        startsAt: new Date(input.from.getTime() + i * intervalMs),
        endsAt: new Date(Math.min(input.from.getTime() + (i + 1) * intervalMs, input.to.getTime())),
        scheduledAgents: Math.round(scheduledAgents * 1e6) / 1e6,
      }));
    });
  }

  /**
   * What a schedule generator must build around: the agents' live shifts (draft and published, with their
   * activities) and approved time off that touch [from, to). Read-only; the caller authorises.
   */
  commitments(
    actor: Actor,
    agentIds: readonly string[],
    from: Date,
    to: Date,
  ): Promise<{ shifts: ShiftModel[]; timeOff: (Span & { agentId: string })[] }> {
    return this.db.transaction(actor.tenantId, async () => {
      if (agentIds.length === 0) return { shifts: [], timeOff: [] };
      const shifts = await this.shifts.find({ agentIds, from, to, liveOnly: true });
      const timeOff = await this.timeOff.approvedSpans(agentIds, from, to);
      return { shifts, timeOff: timeOff.map((t) => ({ agentId: t.agentId, start: t.start, end: t.end })) };
    });
  }

  violations(actor: Actor, teamId: string, from: Date, to: Date): Promise<Violation[]> {
    assertSpan(from, to, 'input.to');
    return this.db.transaction(actor.tenantId, async () => {
      await this.teams.get(actor, teamId);
      await this.access.assertManages(actor, [teamId]);
      return this.rules.violations(actor, teamId, from, to);
    });
  }

  /** The effective rules of a team (for whoever manages it) or of the tenant, saying where each comes from. */
  effectiveRules(actor: Actor, teamId?: string): Promise<LaborRuleSettingModel[]> {
    return this.db.transaction(actor.tenantId, async () => {
      if (teamId) {
        await this.teams.get(actor, teamId);
        await this.access.assertManages(actor, [teamId]);
      }
      const settings = await this.ruleSettings.settings(teamId ? [teamId] : []);
      return Object.values(LaborRule).map((rule) => {
        const team = settings.find((s) => s.rule === rule && s.teamId !== null);
        const tenant = settings.find((s) => s.rule === rule && s.teamId === null);
        const chosen = team ?? tenant ?? DEFAULT_RULES[rule];
        return {
          rule,
          enforcement: chosen.enforcement,
          value: chosen.value,
          maxValue: chosen.maxValue,
          source: team ? 'TEAM' : tenant ? 'TENANT' : 'DEFAULT',
        };
      });
    });
  }

  /** Tenant-wide rules: admins and directors; a team's override: whoever manages the team. */
  setRule(actor: Actor, input: SetLaborRuleInput): Promise<LaborRuleSettingModel[]> {
    const limits = VALUE_LIMITS[input.rule];
    const value = limits ? (input.value ?? DEFAULT_RULES[input.rule].value) : null;
    const maxValue =
      input.rule === LaborRule.SHIFT_LENGTH ? (input.maxValue ?? DEFAULT_RULES[input.rule].maxValue) : null;
    if (limits && value !== null && (value < limits[0] || value > limits[1]))
      throw AppError.badInput({
        field: 'input.value',
        message: `must be between ${limits[0]} and ${limits[1]} for ${input.rule}`,
      });
    if (maxValue !== null && value !== null && maxValue < value)
      throw AppError.badInput({ field: 'input.maxValue', message: 'must not be below value' });
    return this.db.transaction(actor.tenantId, async () => {
      if (input.teamId) {
        await this.teams.get(actor, input.teamId);
        await this.access.assertManages(actor, [input.teamId]);
      } else {
        this.access.assertManagesEveryTeam(
          actor,
          'Only admins and directors set tenant-wide rules; give a teamId to override them for your team.',
        );
      }
      const teamId = input.teamId ?? null;
      const stored = await this.ruleSettings.settings(teamId ? [teamId] : []);
      const previous = stored.find((s) => s.rule === input.rule && s.teamId === teamId);
      const id = await this.ruleSettings.upsert(teamId, input.rule, input.enforcement, value, maxValue);
      const setting = (s: { enforcement: string; value: number | null; maxValue: number | null }) => ({
        teamId,
        rule: input.rule,
        enforcement: s.enforcement,
        value: s.value,
        maxValue: s.maxValue,
      });
      await this.audit.record(actor, [
        {
          entityType: 'LABOR_RULE_SETTING',
          entityId: id,
          action: previous ? 'UPDATE' : 'CREATE',
          before: previous ? setting(previous) : null,
          after: setting({ enforcement: input.enforcement, value, maxValue }),
        },
      ]);
      return this.effectiveRules(actor, input.teamId);
    });
  }
}
