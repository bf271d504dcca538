import { Actor, AppError, AuditLog, ConnectionShape, Role, TenantDatabase, toConnection } from '@deskforce/platform';
import { AgentRow, AgentLevel, AgentService, EmploymentStatus } from '@deskforce/people';
import { ActivityType, ShiftService } from '@deskforce/scheduling';
import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { MentoringSessionModel, MentorshipModel, MentorSuggestionModel } from './graphql/mentorship.model';
import {
  CreateMentorshipInput,
  LogMentoringSessionInput,
  MentoringSessionFilter,
  MentorshipFilter,
  SetMentorCapacityInput,
} from './graphql/mentorship.input';
import { rankMentors } from './mentoring/mentor-ranking';
import { AgentMetricsSource } from './metrics/agent-metrics.source';
import { MentorLoad, MentorshipRepository, MentorshipRow } from './mentorship.repository';
import { TrainingAccess } from './training-access.service';
import { HIGHER_IS_BETTER, MentorshipStatus, TrainingMetric } from './training.enums';
import { TrainingErrorRule } from './training.errors';

/** Levels that may mentor: SENIOR or above. */
const MENTOR_LEVELS: readonly AgentLevel[] = [AgentLevel.SENIOR, AgentLevel.TEAM_LEAD, AgentLevel.SPECIALIST];

function assertRealDate(value: string, field: string): void {
  if (!DateTime.fromISO(value, { zone: 'UTC' }).isValid)
    throw AppError.badInput({ field, message: 'must be a real calendar date, YYYY-MM-DD' });
}

@Injectable()
export class MentorshipService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly mentorships: MentorshipRepository,
    private readonly agents: AgentService,
    private readonly shifts: ShiftService,
    private readonly access: TrainingAccess,
    private readonly metrics: AgentMetricsSource,
    private readonly audit: AuditLog,
  ) {}

  /** Managers see every mentorship; an agent those they mentor or are mentored in. */
  list(
    actor: Actor,
    filter: MentorshipFilter = {},
    first: number,
    after?: string,
  ): Promise<ConnectionShape<MentorshipModel>> {
    return this.db.transaction(actor.tenantId, async () => {
      const agentIds = actor.role === Role.AGENT ? [await this.access.ownAgentId(actor)] : undefined;
      const { rows, totalCount } = await this.mentorships.page({ ...filter, agentIds }, first, after);
      return toConnection(
        rows,
        first,
        totalCount,
        (m) => [m.createdAt.toISOString(), m.id],
        (m) => m,
      );
    });
  }

  sessions(
    actor: Actor,
    filter: MentoringSessionFilter = {},
    first: number,
    after?: string,
  ): Promise<ConnectionShape<MentoringSessionModel>> {
    return this.db.transaction(actor.tenantId, async () => {
      let agentId = filter.agentId;
      if (actor.role === Role.AGENT) {
        const own = await this.access.ownAgentId(actor);
        if (agentId && agentId !== own) throw AppError.forbidden('Agents see only their own mentoring sessions.');
        agentId = own;
      }
      const { rows, totalCount } = await this.mentorships.sessionsPage(
        { mentorshipId: filter.mentorshipId, agentId },
        first,
        after,
      );
      return toConnection(
        rows,
        first,
        totalCount,
        (s) => [s.heldAt.toISOString(), s.id],
        (s) => s,
      );
    });
  }

  /**
   * A mentor of level SENIOR or above takes a mentee while they have a free place. The mentor is locked
   * while places are counted, and a database trigger counts again under the same lock, so concurrent
   * requests cannot overfill a mentor.
   */
  create(actor: Actor, input: CreateMentorshipInput): Promise<MentorshipModel> {
    assertRealDate(input.startsOn, 'input.startsOn');
    if (input.endsOn) {
      assertRealDate(input.endsOn, 'input.endsOn');
      if (input.endsOn < input.startsOn)
        throw AppError.badInput({ field: 'input.endsOn', message: 'must not be before startsOn' });
    }
    return this.db.transaction(actor.tenantId, async () => {
      const [mentor, mentee] = await this.agents.byIds(actor, [input.mentorId, input.menteeId]);
      if (!mentor) throw AppError.notFound('Agent', input.mentorId, 'input.mentorId');
      if (!mentee) throw AppError.notFound('Agent', input.menteeId, 'input.menteeId');
      if (mentor.id === mentee.id)
        throw AppError.badInput({ field: 'input.menteeId', message: 'must be someone other than the mentor' });
      await this.access.assertMayTrain(actor, [mentee.teamId]);
      if (mentor.employmentStatus !== EmploymentStatus.ACTIVE)
        throw AppError.badInput({ field: 'input.mentorId', message: 'must be an active agent' });
      if (mentee.employmentStatus === EmploymentStatus.TERMINATED)
        throw AppError.badInput({ field: 'input.menteeId', message: 'is no longer employed' });
      if (!MENTOR_LEVELS.includes(mentor.level))
        throw AppError.badInput({
          field: 'input.mentorId',
          message: `must be of level SENIOR or above (is ${mentor.level})`,
        });
      await this.mentorships.lockMentor(mentor.id);
      const [load] = await this.mentorships.loads([mentor.id]);
      if (load!.activeMentees >= load!.capacity) throw this.atCapacity(load!);
      const mentorship = await this.mentorships.insert({
        id: randomUUID(),
        mentorId: mentor.id,
        menteeId: mentee.id,
        goals: input.goals.trim(),
        startsOn: input.startsOn,
        endsOn: input.endsOn ?? null,
        createdBy: actor.userId,
      });
      await this.audit.record(actor, [
        { entityType: 'MENTORSHIP', entityId: mentorship.id, agentId: mentee.id, action: 'CREATE', after: mentorship },
      ]);
      return mentorship;
    });
  }

  end(actor: Actor, mentorshipId: string, note: string | undefined): Promise<MentorshipModel> {
    return this.db.transaction(actor.tenantId, async () => {
      const before = await this.mentorships.findById(mentorshipId, true);
      if (!before) throw AppError.notFound('Mentorship', mentorshipId, 'input.mentorshipId');
      await this.assertMayManage(actor, before);
      if (before.status === MentorshipStatus.ENDED) throw AppError.conflict('The mentorship has already ended.');
      const after = await this.mentorships.end(before.id, note?.trim() || null);
      await this.audit.record(actor, [
        { entityType: 'MENTORSHIP', entityId: before.id, agentId: before.menteeId, action: 'END', before, after },
      ]);
      return after;
    });
  }

  setCapacity(actor: Actor, input: SetMentorCapacityInput): Promise<MentorLoad> {
    return this.db.transaction(actor.tenantId, async () => {
      const [profile] = await this.access.activeProfiles(actor, [input.agentId], 'input.agentId');
      await this.access.assertMayTrain(actor, [profile!.teamId]);
      await this.mentorships.lockMentor(input.agentId);
      const [before] = await this.mentorships.loads([input.agentId]);
      if (input.capacity < before!.activeMentees) {
        throw AppError.conflict(
          `The mentor has ${before!.activeMentees} active mentees; end some mentorships before lowering the capacity to ${input.capacity}.`,
          {
            rule: TrainingErrorRule.CAPACITY_BELOW_ACTIVE,
            activeMentees: before!.activeMentees,
          },
        );
      }
      await this.mentorships.setCapacity(input.agentId, input.capacity);
      const after = { ...before!, capacity: input.capacity };
      await this.audit.record(actor, [
        {
          entityType: 'MENTOR_CAPACITY',
          entityId: input.agentId,
          agentId: input.agentId,
          action: 'SET',
          before,
          after,
        },
      ]);
      return after;
    });
  }

  /**
   * Logs a session; with `bookInSchedules` it is also booked as a MENTORING activity into the mentor's and
   * the mentee's shifts (both must cover it, or nothing is written). The mentor may log their own sessions.
   */
  logSession(actor: Actor, input: LogMentoringSessionInput): Promise<MentoringSessionModel> {
    return this.db.transaction(actor.tenantId, async () => {
      const mentorship = await this.mentorships.findById(input.mentorshipId);
      if (!mentorship) throw AppError.notFound('Mentorship', input.mentorshipId, 'input.mentorshipId');
      if (actor.role === Role.AGENT) {
        if ((await this.access.ownAgentId(actor)) !== mentorship.mentorId)
          throw AppError.forbidden('Only the mentor logs their mentoring sessions.');
        if (input.bookInSchedules)
          throw AppError.forbidden('Ask a coordinator or trainer to book sessions into schedules.');
      } else {
        await this.assertMayManage(actor, mentorship);
      }
      if (mentorship.status === MentorshipStatus.ENDED) throw AppError.conflict('The mentorship has ended.');
      const id = randomUUID();
      let mentorActivityId: string | null = null;
      let menteeActivityId: string | null = null;
      if (input.bookInSchedules) {
        const endsAt = new Date(input.heldAt.getTime() + input.durationMinutes * 60_000);
        mentorActivityId = await this.book(actor, mentorship.mentorId, 'mentor', input.heldAt, endsAt, id);
        menteeActivityId = await this.book(actor, mentorship.menteeId, 'mentee', input.heldAt, endsAt, id);
      }
      const session = await this.mentorships.insertSession({
        id,
        mentorshipId: mentorship.id,
        heldAt: input.heldAt,
        durationMinutes: input.durationMinutes,
        notes: input.notes,
        targetMetric: input.targetMetric ?? null,
        targetSkill: input.targetSkill ?? null,
        followUps: input.followUps,
        mentorActivityId,
        menteeActivityId,
        recordedBy: actor.userId,
      });
      await this.audit.record(actor, [
        { entityType: 'MENTORING_SESSION', entityId: id, agentId: mentorship.menteeId, action: 'LOG', after: session },
      ]);
      return session;
    });
  }

  /**
   * Mentors for a mentee, best first, with the reasons: strength on the mentee's weakest KPIs over the last
   * `windowDays` (when the KPI source has values), shared skills, same team and free places. Mentors at
   * capacity and those already mentoring the mentee are left out.
   */
  suggest(actor: Actor, menteeId: string, first: number, windowDays: number): Promise<MentorSuggestionModel[]> {
    return this.db.transaction(actor.tenantId, async () => {
      const [mentee] = await this.agents.byIds(actor, [menteeId]);
      if (!mentee) throw AppError.notFound('Agent', menteeId, 'menteeId');
      await this.access.assertMayTrain(actor, [mentee.teamId]);
      const already = new Set(await this.mentorships.activeMentorsOf(mentee.id));
      const pool = (
        await this.agents.list(
          actor,
          { levels: [...MENTOR_LEVELS], employmentStatuses: [EmploymentStatus.ACTIVE] },
          10_000,
        )
      ).edges
        .map((e) => e.node)
        .filter((a) => a.id !== mentee.id && !already.has(a.id));
      const ids = [mentee.id, ...pool.map((a) => a.id)];
      const [skills, loads] = await Promise.all([
        this.agents.skillsOf(actor, ids),
        this.mentorships.loads(pool.map((a) => a.id)),
      ]);
      const skillMap = (i: number) => new Map(skills[i]!.map((s) => [s.skill, s.proficiency]));
      const to = new Date();
      const from = new Date(to.getTime() - windowDays * 86_400_000);
      const readings = await this.metrics.agentMetrics(actor, {
        agentIds: ids,
        metrics: Object.values(TrainingMetric),
        from,
        to,
      });
      const byId = new Map<string, AgentRow>(pool.map((a) => [a.id, a]));
      const ranked = rankMentors(
        { id: mentee.id, teamId: mentee.teamId, skills: skillMap(0) },
        pool.map((a, i) => ({
          id: a.id,
          teamId: a.teamId,
          skills: skillMap(i + 1),
          capacity: loads[i]!.capacity,
          activeMentees: loads[i]!.activeMentees,
        })),
        readings,
        (metric) => HIGHER_IS_BETTER[metric as TrainingMetric] ?? true,
      );
      return ranked.slice(0, first).map((r) => ({
        mentor: byId.get(r.mentorId)!,
        score: r.score,
        reason: r.reasons.join(' '),
        reasons: r.reasons,
        sameTeam: r.sameTeam,
        sharedSkills: r.sharedSkills,
        freeCapacity: r.freeCapacity,
        kpiStrengths: r.kpiStrengths.map((k) => ({ ...k, metric: k.metric as TrainingMetric })),
      }));
    });
  }

  private async book(
    actor: Actor,
    agentId: string,
    who: 'mentor' | 'mentee',
    startsAt: Date,
    endsAt: Date,
    sessionId: string,
  ): Promise<string> {
    try {
      const booked = await this.shifts.bookActivity(actor, agentId, {
        type: ActivityType.MENTORING,
        startsAt,
        endsAt,
        note: 'Mentoring session',
        reference: `mentoring-session:${sessionId}`,
      });
      return booked.activityId;
    } catch (error) {
      // Say whose schedule refused: both are booked in one go.
      if (error instanceof AppError)
        throw new AppError(error.code, `The ${who}'s schedule: ${error.message}`, { ...error.details, agentId });
      throw error;
    }
  }

  private async assertMayManage(actor: Actor, mentorship: MentorshipRow): Promise<void> {
    const [mentee] = await this.agents.workProfiles(actor, [mentorship.menteeId]);
    await this.access.assertMayTrain(actor, [mentee!.teamId]);
  }

  private atCapacity(load: MentorLoad): AppError {
    return AppError.conflict(`The mentor already has ${load.activeMentees} mentees, their capacity.`, {
      rule: TrainingErrorRule.MENTOR_AT_CAPACITY,
      mentorId: load.agentId,
      capacity: load.capacity,
      activeMentees: load.activeMentees,
    });
  }
}
