import {
  Actor,
  AppError,
  AuditLog,
  ConnectionShape,
  EventOutbox,
  TenantDatabase,
  toConnection,
} from '@deskforce/platform';
import { AgentService, AgentWorkProfileRow, EmploymentStatus, TeamAccessService, TeamService } from '@deskforce/people';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ShiftModel } from './graphql/shift.model';
import {
  AddShiftActivityInput,
  CreateShiftInput,
  ShiftActivityInput,
  ShiftFilter,
  UpdateShiftInput,
} from './graphql/shift.input';
import { Enforcement, Violation } from './rules/labor-rules';
import { subtractSpans } from './coverage';
import { ScheduleRulesService, toPlannedShift } from './schedule-rules.service';
import { ActivityType, ShiftStatus } from './scheduling.enums';
import { schedulePublished } from './scheduling.events';
import { NewActivity, NewShift, ShiftRepository } from './shift.repository';
import { SchedulingErrorRule } from './scheduling.errors';

export interface ShiftDraft {
  agentId: string;
  startsAt: Date;
  endsAt: Date;
  channel?: NewShift['channel'];
  skill?: string | null;
  note?: string | null;
  templateId?: string | null;
  activities: Omit<NewActivity, 'id' | 'shiftId'>[];
}

export interface ShiftChangeResult {
  shift: ShiftModel;
  warnings: Violation[];
}

/** Refuses a span that does not end after it starts; `endField` is the input path of its end. */
export function assertSpan(startsAt: Date, endsAt: Date, endField: string): void {
  if (!(endsAt > startsAt)) throw AppError.badInput({ field: endField, message: 'must be after the start' });
}

/**
 * Where a shift's activities go when it moves to [startsAt, endsAt): each keeps its offset from the
 * shift's start (a move carries them along); one that would end past the new end is pulled earlier, as
 * late as fits after the activity before it. Refused (CONFLICT, rule ACTIVITIES_DO_NOT_FIT) only when
 * they cannot all fit in order inside the new span. Returned in the order of `shift.activities`.
 */
export function carryActivities<T extends { id: string; startsAt: Date; endsAt: Date }>(
  shift: { startsAt: Date; activities: readonly T[] },
  startsAt: Date,
  endsAt: Date,
): T[] {
  const delta = startsAt.getTime() - shift.startsAt.getTime();
  const order = shift.activities
    .map((a, i) => i)
    .sort((x, y) => shift.activities[x]!.startsAt.getTime() - shift.activities[y]!.startsAt.getTime());
  const placed = new Array<T>(shift.activities.length);
  // Latest end each activity may have so that the ones after it still fit before the shift's end.
  const latestEnd = new Array<number>(order.length);
  let limit = endsAt.getTime();
  for (let k = order.length - 1; k >= 0; k--) {
    const a = shift.activities[order[k]!]!;
    latestEnd[k] = limit;
    limit -= a.endsAt.getTime() - a.startsAt.getTime();
  }
  let earliest = startsAt.getTime();
  order.forEach((i, k) => {
    const a = shift.activities[i]!;
    const length = a.endsAt.getTime() - a.startsAt.getTime();
    const start = Math.max(earliest, Math.min(a.startsAt.getTime() + delta, latestEnd[k]! - length));
    if (start + length > latestEnd[k]!) {
      throw AppError.conflict(
        'The shift’s breaks and other activities do not fit in its new times; shorten or remove one first.',
        { rule: SchedulingErrorRule.ACTIVITIES_DO_NOT_FIT },
      );
    }
    placed[i] = { ...a, startsAt: new Date(start), endsAt: new Date(start + length) };
    earliest = start + length;
  });
  return placed;
}

function assertActivitiesInside(
  startsAt: Date,
  endsAt: Date,
  activities: readonly ShiftActivityInput[],
  field: string,
): void {
  activities.forEach((a, i) => {
    assertSpan(a.startsAt, a.endsAt, `${field}.${i}.endsAt`);
    if (a.startsAt < startsAt || a.endsAt > endsAt)
      throw AppError.badInput({ field: `${field}.${i}`, message: 'must lie inside the shift' });
  });
}

/**
 * Shifts and their activities. Every change is one transaction: the labor rules are judged with the
 * agents locked, the rows written, and an audit entry recorded.
 */
@Injectable()
export class ShiftService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly shifts: ShiftRepository,
    private readonly rules: ScheduleRulesService,
    private readonly agents: AgentService,
    private readonly access: TeamAccessService,
    private readonly teams: TeamService,
    private readonly audit: AuditLog,
    private readonly events: EventOutbox,
  ) {}

  list(actor: Actor, filter: ShiftFilter = {}, first: number, after?: string): Promise<ConnectionShape<ShiftModel>> {
    if (filter.from && filter.to && filter.to <= filter.from)
      throw AppError.badInput({ field: 'filter.to', message: 'must be after from' });
    return this.db.transaction(actor.tenantId, async () => {
      const { rows, totalCount } = await this.shifts.page(filter, first, after);
      return toConnection(
        rows,
        first,
        totalCount,
        (s) => [s.startsAt.toISOString(), s.id],
        (s) => s,
      );
    });
  }

  byIds(actor: Actor, ids: readonly string[]): Promise<(ShiftModel | null)[]> {
    return this.db.transaction(actor.tenantId, async () => {
      const found = new Map((await this.shifts.findByIds(ids)).map((s) => [s.id, s]));
      return ids.map((id) => found.get(id) ?? null);
    });
  }

  /**
   * Time agents are scheduled to be available for contacts: published shifts starting in [from, to)
   * minus every activity in them (breaks, lunch, training, meetings, mentoring). For schedule adherence.
   */
  publishedWork(
    tenantId: string,
    agentIds: readonly string[] | null,
    from: Date,
    to: Date,
  ): Promise<{ agentId: string; start: Date; end: Date }[]> {
    return this.db.transaction(tenantId, async () => {
      const published = await this.shifts.find({
        agentIds: agentIds ?? undefined,
        status: ShiftStatus.PUBLISHED,
        startsFrom: from,
        startsBefore: to,
      });
      return published.flatMap((shift) =>
        subtractSpans(
          { start: shift.startsAt, end: shift.endsAt },
          shift.activities.map((a) => ({ start: a.startsAt, end: a.endsAt })),
        ).map((span) => ({
          agentId: shift.agentId,
          ...span,
        })),
      );
    });
  }

  /** The signed-in agent's published shifts. */
  mySchedule(actor: Actor, from: Date, to: Date): Promise<ShiftModel[]> {
    assertSpan(from, to, 'to');
    return this.db.transaction(actor.tenantId, async () => {
      const agent = await this.agents.agentOfActor(actor);
      if (!agent) throw AppError.notFound('An agent record linked to your account');
      return this.shifts.find({ agentIds: [agent.id], from, to, status: ShiftStatus.PUBLISHED });
    });
  }

  create(actor: Actor, input: CreateShiftInput): Promise<ShiftChangeResult> {
    assertSpan(input.startsAt, input.endsAt, 'input.endsAt');
    assertActivitiesInside(input.startsAt, input.endsAt, input.activities, 'input.activities');
    return this.db.transaction(actor.tenantId, async () => {
      const [result] = await this.createDrafts(
        actor,
        [
          {
            ...input,
            activities: input.activities.map((a) => ({ ...a, note: a.note ?? null, reference: a.reference ?? null })),
          },
        ],
        'CREATE',
      );
      return result!;
    });
  }

  /**
   * Creates draft shifts for many agents at once (templates, generated schedules): all or nothing, with
   * every hard violation listed when it refuses. Call inside a tenant transaction.
   */
  async createDrafts(actor: Actor, drafts: readonly ShiftDraft[], action = 'CREATE'): Promise<ShiftChangeResult[]> {
    const profiles = await this.manageableAgents(
      actor,
      drafts.map((d) => d.agentId),
    );
    const rows: NewShift[] = [];
    const activities: NewActivity[] = [];
    for (const draft of drafts) {
      const profile = profiles.get(draft.agentId)!;
      const id = randomUUID();
      rows.push({
        id,
        agentId: draft.agentId,
        teamId: profile.teamId,
        startsAt: draft.startsAt,
        endsAt: draft.endsAt,
        status: ShiftStatus.DRAFT,
        channel: draft.channel ?? null,
        skill: draft.skill ?? null,
        templateId: draft.templateId ?? null,
        note: draft.note ?? null,
      });
      for (const activity of draft.activities) activities.push({ ...activity, id: randomUUID(), shiftId: id });
    }
    const activitiesByShift = new Map<string, NewActivity[]>();
    for (const activity of activities)
      activitiesByShift.set(activity.shiftId, [...(activitiesByShift.get(activity.shiftId) ?? []), activity]);
    const planned = rows.map((row) => toPlannedShift({ ...row, activities: activitiesByShift.get(row.id) ?? [] }));
    const warnings = await this.rules.enforce(actor, { upserts: planned }, profiles);
    await this.shifts.insert(rows, activities);
    const created = await this.shifts.findByIds(rows.map((r) => r.id));
    await this.audit.record(
      actor,
      created.map((shift) => ({
        entityType: 'SHIFT',
        entityId: shift.id,
        agentId: shift.agentId,
        action,
        after: shift,
      })),
    );
    const byId = new Map(created.map((s) => [s.id, s]));
    const warningsByShift = new Map<string, Violation[]>();
    for (const warning of warnings)
      for (const id of warning.shiftIds) warningsByShift.set(id, [...(warningsByShift.get(id) ?? []), warning]);
    return rows.map((row) => ({ shift: byId.get(row.id)!, warnings: warningsByShift.get(row.id) ?? [] }));
  }

  update(actor: Actor, input: UpdateShiftInput): Promise<ShiftChangeResult> {
    return this.db.transaction(actor.tenantId, async () => {
      const before = await this.editable(actor, input.id, input.version);
      const agentId = input.agentId ?? before.agentId;
      if (agentId !== before.agentId) {
        const [profile] = (await this.manageableAgents(actor, [agentId])).values();
        if (profile!.teamId !== before.teamId)
          throw AppError.badInput({ field: 'input.agentId', message: 'must be an agent of the shift’s team' });
      }
      const proposed = {
        ...before,
        agentId,
        startsAt: input.startsAt ?? before.startsAt,
        endsAt: input.endsAt ?? before.endsAt,
        channel: input.channel === undefined ? before.channel : input.channel,
        skill: input.skill === undefined ? before.skill : input.skill,
      };
      assertSpan(proposed.startsAt, proposed.endsAt, 'input.endsAt');
      // Breaks, lunch and the other activities move with the shift (or are re-placed inside it).
      const moved = carryActivities(before, proposed.startsAt, proposed.endsAt);
      const withActivities = { ...proposed, activities: moved };
      const warnings = await this.rules.enforce(actor, {
        upserts: [toPlannedShift(withActivities)],
        removals: [before.id],
      });
      const applied = await this.shifts.update(
        before.id,
        input.version,
        {
          agentId: input.agentId,
          startsAt: input.startsAt,
          endsAt: input.endsAt,
          channel: input.channel,
          skill: input.skill,
          note: input.note,
        },
        moved.filter((a, i) => a.startsAt.getTime() !== before.activities[i]!.startsAt.getTime()),
      );
      if (!applied) throw this.stale(before.id);
      return this.recordChange(actor, before, 'UPDATE', warnings);
    });
  }

  /** A draft is deleted; a published shift is cancelled and kept, so its history stays. */
  delete(actor: Actor, id: string, version: number): Promise<{ shiftId: string; cancelled: boolean }> {
    return this.db.transaction(actor.tenantId, async () => {
      const before = await this.editable(actor, id, version);
      if (before.status === ShiftStatus.DRAFT) {
        await this.shifts.delete(id);
        await this.audit.record(actor, [
          { entityType: 'SHIFT', entityId: id, agentId: before.agentId, action: 'DELETE', before },
        ]);
        return { shiftId: id, cancelled: false };
      }
      await this.cancelShifts(actor, [before], 'CANCEL');
      return { shiftId: id, cancelled: true };
    });
  }

  /** Cancels live shifts (kept with status CANCELLED) and records why. Call inside a tenant transaction. */
  async cancelShifts(actor: Actor, shifts: readonly ShiftModel[], action: string): Promise<void> {
    if (shifts.length === 0) return;
    await this.shifts.cancel(shifts.map((s) => s.id));
    const after = new Map((await this.shifts.findByIds(shifts.map((s) => s.id))).map((s) => [s.id, s]));
    await this.audit.record(
      actor,
      shifts.map((before) => ({
        entityType: 'SHIFT',
        entityId: before.id,
        agentId: before.agentId,
        action,
        before,
        after: after.get(before.id),
      })),
    );
  }

  addActivity(actor: Actor, input: AddShiftActivityInput): Promise<ShiftChangeResult & { activityId: string }> {
    assertSpan(input.startsAt, input.endsAt, 'input.endsAt');
    return this.db.transaction(actor.tenantId, async () => {
      const before = await this.editable(actor, input.shiftId, input.version);
      const result = await this.insertActivity(
        actor,
        before,
        {
          type: input.type,
          startsAt: input.startsAt,
          endsAt: input.endsAt,
          note: input.note ?? null,
          reference: input.reference ?? null,
        },
        input.version,
      );
      return result;
    });
  }

  /**
   * Books an activity (training, mentoring…) into the agent's live shift that covers the span, checked like
   * any other activity. Used by other domains; call inside a tenant transaction after authorising.
   */
  async bookActivity(
    actor: Actor,
    agentId: string,
    activity: Omit<NewActivity, 'id' | 'shiftId'>,
  ): Promise<ShiftChangeResult & { activityId: string }> {
    const [shift] = (
      await this.shifts.find({ agentIds: [agentId], from: activity.startsAt, to: activity.endsAt, liveOnly: true })
    ).filter((s) => s.startsAt <= activity.startsAt && s.endsAt >= activity.endsAt);
    if (!shift)
      throw AppError.conflict('The agent has no shift covering that time; schedule a shift first.', {
        rule: SchedulingErrorRule.NO_COVERING_SHIFT,
      });
    return this.insertActivity(actor, shift, activity, shift.version);
  }

  removeActivity(actor: Actor, activityId: string, version: number): Promise<ShiftChangeResult> {
    return this.db.transaction(actor.tenantId, async () => {
      const shiftId = await this.shifts.shiftIdOfActivity(activityId);
      if (!shiftId) throw AppError.notFound('Shift activity', activityId);
      const before = await this.editable(actor, shiftId, version);
      const proposed = { ...before, activities: before.activities.filter((a) => a.id !== activityId) };
      const warnings = await this.rules.enforce(actor, { upserts: [toPlannedShift(proposed)], removals: [before.id] });
      await this.shifts.deleteActivity(activityId);
      if (!(await this.shifts.touch(before.id, version))) throw this.stale(before.id);
      return this.recordChange(actor, before, 'REMOVE_ACTIVITY', warnings);
    });
  }

  /**
   * Publishes the team's drafts that start in [from, to). Refused (CONFLICT, rule LABOR_RULES, with every
   * violation) while any of those drafts breaks a HARD rule, e.g. after a rule was tightened since they were
   * made: agents must never be handed a schedule the organisation's rules forbid.
   */
  publish(actor: Actor, teamId: string, from: Date, to: Date): Promise<ShiftModel[]> {
    assertSpan(from, to, 'input.to');
    return this.db.transaction(actor.tenantId, async () => {
      await this.teams.get(actor, teamId);
      await this.access.assertManages(actor, [teamId]);
      const drafts = await this.shifts.find({ teamId, status: ShiftStatus.DRAFT, startsFrom: from, startsBefore: to });
      if (drafts.length > 0) {
        // The agents stay locked until commit, so no change slips in between this check and the publish.
        await this.shifts.lockAgents(drafts.map((d) => d.agentId));
        const draftIds = new Set(drafts.map((d) => d.id));
        const hard = (await this.rules.violations(actor, teamId, from, to)).filter(
          (v) => v.enforcement === Enforcement.HARD && v.shiftIds.some((id) => draftIds.has(id)),
        );
        if (hard.length > 0) {
          throw AppError.conflict(
            `Publishing refused: ${hard.length} draft shift(s) break hard labor rules. ${hard.map((v) => `${v.rule}: ${v.message}`).join(' ')}`,
            {
              rule: SchedulingErrorRule.LABOR_RULES,
              violations: hard,
            },
          );
        }
      }
      const ids = await this.shifts.publish(teamId, from, to);
      const published = await this.shifts.findByIds(ids);
      await this.audit.record(
        actor,
        published.map((s) => ({
          entityType: 'SHIFT',
          entityId: s.id,
          agentId: s.agentId,
          action: 'PUBLISH',
          before: { status: ShiftStatus.DRAFT },
          after: { status: s.status, version: s.version },
        })),
      );
      if (published.length > 0)
        await this.events.publish('schedule.published', schedulePublished(teamId, from, to, published, actor.userId));
      return published.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    });
  }

  /** Deletes the team's drafts that start in [from, to) in one transaction (before regenerating, say). */
  clearDrafts(actor: Actor, input: { teamId: string; from: Date; to: Date; agentIds?: string[] }): Promise<string[]> {
    assertSpan(input.from, input.to, 'input.to');
    return this.db.transaction(actor.tenantId, async () => {
      await this.teams.get(actor, input.teamId);
      await this.access.assertManages(actor, [input.teamId]);
      const before = await this.shifts.find({
        teamId: input.teamId,
        status: ShiftStatus.DRAFT,
        startsFrom: input.from,
        startsBefore: input.to,
        agentIds: input.agentIds,
      });
      if (before.length === 0) return [];
      const deleted = new Set(await this.shifts.deleteDrafts(input.teamId, input.from, input.to, input.agentIds));
      await this.audit.record(
        actor,
        before
          .filter((s) => deleted.has(s.id))
          .map((s) => ({ entityType: 'SHIFT', entityId: s.id, agentId: s.agentId, action: 'DELETE', before: s })),
      );
      return [...deleted];
    });
  }

  private async insertActivity(
    actor: Actor,
    before: ShiftModel,
    activity: Omit<NewActivity, 'id' | 'shiftId'>,
    version: number,
  ): Promise<ShiftChangeResult & { activityId: string }> {
    if (activity.startsAt < before.startsAt || activity.endsAt > before.endsAt)
      throw AppError.badInput({ field: 'input', message: 'the activity must lie inside the shift' });
    const id = randomUUID();
    const proposed = {
      ...before,
      activities: [...before.activities, { ...activity, id, type: activity.type as ActivityType }],
    };
    const warnings = await this.rules.enforce(actor, { upserts: [toPlannedShift(proposed)], removals: [before.id] });
    await this.shifts.insertActivities([{ ...activity, id, shiftId: before.id }]);
    if (!(await this.shifts.touch(before.id, version))) throw this.stale(before.id);
    return { ...(await this.recordChange(actor, before, 'ADD_ACTIVITY', warnings)), activityId: id };
  }

  private async recordChange(
    actor: Actor,
    before: ShiftModel,
    action: string,
    warnings: Violation[],
  ): Promise<ShiftChangeResult> {
    const after = (await this.shifts.findById(before.id))!;
    await this.audit.record(actor, [
      { entityType: 'SHIFT', entityId: before.id, agentId: after.agentId, action, before, after },
    ]);
    return { shift: after, warnings };
  }

  /** A live shift the actor may edit, at the version they read. */
  private async editable(actor: Actor, id: string, version: number): Promise<ShiftModel> {
    const shift = await this.shifts.findById(id);
    if (!shift) throw AppError.notFound('Shift', id);
    await this.access.assertManages(actor, [shift.teamId]);
    if (shift.status === ShiftStatus.CANCELLED)
      throw AppError.conflict('The shift is cancelled.', { currentVersion: shift.version });
    if (shift.version !== version) throw this.stale(id, shift.version);
    return shift;
  }

  private stale(id: string, currentVersion?: number): AppError {
    return AppError.conflict(`Shift ${id} was changed by someone else; read it again and retry.`, {
      rule: SchedulingErrorRule.STALE_VERSION,
      ...(currentVersion ? { currentVersion } : {}),
    });
  }

  /** Work profiles of agents the actor manages; unknown ids are NOT_FOUND, terminated agents refused. */
  private async manageableAgents(actor: Actor, agentIds: readonly string[]): Promise<Map<string, AgentWorkProfileRow>> {
    const unique = [...new Set(agentIds)];
    const profiles = new Map((await this.agents.workProfiles(actor, unique)).map((p) => [p.id, p]));
    const missing = unique.find((id) => !profiles.has(id));
    if (missing) throw AppError.notFound('Agent', missing, 'input.agentId');
    const terminated = [...profiles.values()].find((p) => p.employmentStatus === EmploymentStatus.TERMINATED);
    if (terminated)
      throw AppError.badInput({ field: 'input.agentId', message: `agent ${terminated.id} has been deactivated` });
    await this.access.assertManages(actor, [...new Set([...profiles.values()].map((p) => p.teamId))]);
    return profiles;
  }
}
