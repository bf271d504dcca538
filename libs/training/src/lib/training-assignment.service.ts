import {
  Actor,
  AppError,
  AuditLog,
  ConnectionShape,
  ErrorCode,
  TenantDatabase,
  toConnection,
} from '@deskforce/platform';
import { AgentRow, AgentService, AgentWorkProfileRow, TeamService } from '@deskforce/people';
import { ActivityType, ShiftModel, ShiftService } from '@deskforce/scheduling';
import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { effectiveStatus } from './assignments/assignment-status';
import {
  TrainingAssignmentModel,
  TrainingQuizAttemptModel,
  TrainingSessionModel,
} from './graphql/training-assignment.model';
import {
  AssignTrainingInput,
  BookTrainingSessionInput,
  CompleteTrainingInput,
  RecordTrainingProgressInput,
  TrainingAssignmentFilter,
  WaiveTrainingInput,
} from './graphql/training-assignment.input';
import { LearningPathRepository, LearningPathRow } from './learning-path.repository';
import { TrainingAccess } from './training-access.service';
import { AssignmentRow, NewAssignment, TrainingAssignmentRepository } from './training-assignment.repository';
import { TrainingModuleRepository } from './training-module.repository';
import { StoredAssignmentStatus, TrainingAssignmentStatus, TrainingCategory } from './training.enums';
import { TrainingErrorRule } from './training.errors';

/** The stored row as clients see it: OVERDUE derived from the due date at `now`. */
export function toAssignmentModel(row: AssignmentRow, now: Date): TrainingAssignmentModel {
  return { ...row, status: effectiveStatus(row.status, row.dueAt, now) };
}

const FINISHED: readonly StoredAssignmentStatus[] = [StoredAssignmentStatus.COMPLETED, StoredAssignmentStatus.WAIVED];

function assertRealDate(value: string, field: string): void {
  if (!DateTime.fromISO(value, { zone: 'UTC' }).isValid)
    throw AppError.badInput({ field, message: 'must be a real calendar date, YYYY-MM-DD' });
}

/**
 * Assignments: who must learn what by when, and everything that happens to it. Every change is one
 * transaction with its audit entry ("history of every change"); OVERDUE is never stored.
 */
@Injectable()
export class TrainingAssignmentService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly assignments: TrainingAssignmentRepository,
    private readonly modules: TrainingModuleRepository,
    private readonly paths: LearningPathRepository,
    private readonly agents: AgentService,
    private readonly teams: TeamService,
    private readonly shifts: ShiftService,
    private readonly access: TrainingAccess,
    private readonly audit: AuditLog,
  ) {}

  list(
    actor: Actor,
    filter: TrainingAssignmentFilter = {},
    first: number,
    after?: string,
  ): Promise<ConnectionShape<TrainingAssignmentModel>> {
    return this.db.transaction(actor.tenantId, async () => {
      const readableTeamIds = await this.access.readableTeamIds(actor);
      return this.page({ ...filter, readableTeamIds }, first, after);
    });
  }

  /** The signed-in agent's own assignments. */
  mine(
    actor: Actor,
    status: TrainingAssignmentStatus | undefined,
    first: number,
    after?: string,
  ): Promise<ConnectionShape<TrainingAssignmentModel>> {
    return this.db.transaction(actor.tenantId, async () => {
      const agentId = await this.access.ownAgentId(actor);
      return this.page({ agentIds: [agentId], status }, first, after);
    });
  }

  private async page(
    filter: TrainingAssignmentFilter & { readableTeamIds?: readonly string[] },
    first: number,
    after?: string,
  ): Promise<ConnectionShape<TrainingAssignmentModel>> {
    const now = new Date();
    const { rows, totalCount } = await this.assignments.page({ ...filter, now }, first, after);
    return toConnection(
      rows,
      first,
      totalCount,
      (r) => [r.dueAt.toISOString(), r.id],
      (r) => toAssignmentModel(r, now),
    );
  }

  /** For DataLoaders and other domains; not narrowed by role (callers authorise). */
  byIds(actor: Actor, ids: readonly string[]): Promise<(TrainingAssignmentModel | null)[]> {
    return this.db.transaction(actor.tenantId, async () => {
      const now = new Date();
      const found = new Map((await this.assignments.findByIds(ids)).map((r) => [r.id, toAssignmentModel(r, now)]));
      return ids.map((id) => found.get(id) ?? null);
    });
  }

  /**
   * Assigns a module or a whole path to agents or to a team's active agents. Idempotent: an agent keeps the
   * one assignment they have of a module (its due date included); the answer lists new and existing ones.
   */
  assign(
    actor: Actor,
    input: AssignTrainingInput,
  ): Promise<{ assignments: TrainingAssignmentModel[]; createdCount: number; alreadyAssignedCount: number }> {
    if (input.startsOn) assertRealDate(input.startsOn, 'input.startsOn');
    return this.db.transaction(actor.tenantId, async () => {
      // Unknown ids first (NOT_FOUND, also for another tenant's), then how the input combines them.
      const module = input.moduleId ? await this.modules.findById(input.moduleId) : undefined;
      if (input.moduleId && !module) throw AppError.notFound('Training module', input.moduleId, 'input.moduleId');
      const path = input.pathId ? await this.paths.findById(input.pathId) : undefined;
      if (input.pathId && !path) throw AppError.notFound('Learning path', input.pathId, 'input.pathId');
      if (input.teamId && !(await this.teams.byIds(actor, [input.teamId]))[0])
        throw AppError.notFound('Team', input.teamId, 'input.teamId');
      const listed = input.agentIds
        ? await this.access.activeProfiles(actor, input.agentIds, 'input.agentIds')
        : undefined;
      if (!module === !path)
        throw AppError.badInput({ field: 'input.moduleId', message: 'give exactly one of moduleId and pathId' });
      if (!listed === !input.teamId)
        throw AppError.badInput({ field: 'input.agentIds', message: 'give exactly one of agentIds and teamId' });
      if (module && !input.dueAt)
        throw AppError.badInput({ field: 'input.dueAt', message: 'is required when assigning a module' });
      if (module && input.startsOn)
        throw AppError.badInput({ field: 'input.startsOn', message: 'applies only to a path' });

      let profiles: AgentWorkProfileRow[];
      if (input.teamId) {
        await this.access.assertMayTrain(actor, [input.teamId]);
        profiles = await this.agents.workProfiles(actor, await this.agents.activeAgentIds(actor, input.teamId));
      } else {
        profiles = listed!;
        await this.access.assertMayTrain(actor, [...new Set(profiles.map((p) => p.teamId))]);
      }
      const rows = module
        ? profiles.map((p) => ({
            id: randomUUID(),
            agentId: p.id,
            teamId: p.teamId,
            moduleId: module.id,
            pathId: null,
            dueAt: input.dueAt!,
            assignedBy: actor.userId,
          }))
        : await this.enroll(
            actor,
            path!,
            profiles,
            (p) => input.startsOn ?? DateTime.now().setZone(p.timeZone).toISODate()!,
            input.dueAt,
          );
      return this.insert(actor, rows, 'ASSIGN');
    });
  }

  /**
   * The assignment rules' side of agent creation (people's AgentLifecycle): a new agent whose team and level
   * match a rule starts its path on the hire date. Runs inside the creating transaction.
   */
  async assignByRules(actor: Actor, agent: AgentRow): Promise<void> {
    const rules = await this.paths.rulesFor(agent.teamId, agent.level);
    if (rules.length === 0) return;
    const [profile] = await this.agents.workProfiles(actor, [agent.id]);
    for (const rule of rules) {
      const path = (await this.paths.findById(rule.pathId))!;
      const rows = await this.enroll(actor, path, [profile!], () => agent.hireDate);
      await this.insert(actor, rows, 'ASSIGN_BY_RULE');
    }
  }

  /**
   * Starts the path for each agent (one who already started keeps their start) and makes its assignments:
   * each module due at the end of the day `dueAfterDays` after the start, in the agent's team time zone,
   * and never later than `latest`.
   */
  private async enroll(
    actor: Actor,
    path: LearningPathRow,
    profiles: readonly AgentWorkProfileRow[],
    startsOn: (p: AgentWorkProfileRow) => string,
    latest?: Date,
  ): Promise<NewAssignment[]> {
    const rows: NewAssignment[] = [];
    for (const profile of profiles) {
      const start = DateTime.fromISO(startsOn(profile), { zone: profile.timeZone }).startOf('day');
      const enrollment = await this.paths.enroll({
        agentId: profile.id,
        pathId: path.id,
        teamId: profile.teamId,
        startedOn: start.toISODate()!,
        startedAt: start.toJSDate(),
        enrolledBy: actor.userId,
      });
      const base = DateTime.fromISO(enrollment.startedOn, { zone: profile.timeZone }).startOf('day');
      for (const module of path.modules) {
        const due = base.plus({ days: module.dueAfterDays + 1 }).toJSDate();
        rows.push({
          id: randomUUID(),
          agentId: profile.id,
          teamId: profile.teamId,
          moduleId: module.moduleId,
          pathId: path.id,
          dueAt: latest && latest < due ? latest : due,
          assignedBy: actor.userId,
        });
      }
    }
    return rows;
  }

  private async insert(actor: Actor, rows: readonly NewAssignment[], action: string) {
    const created = await this.assignments.insertMissing(rows);
    const all = await this.assignments.findByPairs(rows);
    const now = new Date();
    await this.audit.record(
      actor,
      all
        .filter((r) => created.has(r.id))
        .map((r) => ({ entityType: 'TRAINING_ASSIGNMENT', entityId: r.id, agentId: r.agentId, action, after: r })),
    );
    return {
      assignments: all.map((r) => toAssignmentModel(r, now)),
      createdCount: created.size,
      alreadyAssignedCount: all.length - created.size,
    };
  }

  /** Progress and quiz attempts: the module must not be waiting for its prerequisites. */
  recordProgress(actor: Actor, input: RecordTrainingProgressInput): Promise<TrainingAssignmentModel> {
    return this.db.transaction(actor.tenantId, async () => {
      const before = await this.open(actor, input.assignmentId);
      if (input.progressPercent === undefined && input.quizScore === undefined) {
        throw AppError.badInput({ field: 'input.progressPercent', message: 'give progressPercent, quizScore or both' });
      }
      await this.assertPrerequisitesDone(before);
      const module = (await this.modules.findById(before.moduleId))!;
      if (input.quizScore !== undefined) {
        await this.assignments.insertAttempt({
          id: randomUUID(),
          assignmentId: before.id,
          score: input.quizScore,
          moduleVersion: module.version,
          recordedBy: actor.userId,
        });
      }
      const after = await this.assignments.recordProgress(before.id, input.progressPercent ?? null);
      await this.audit.record(actor, [
        {
          entityType: 'TRAINING_ASSIGNMENT',
          entityId: before.id,
          agentId: before.agentId,
          action: input.quizScore === undefined ? 'PROGRESS' : 'QUIZ_ATTEMPT',
          before,
          after: { ...after, quizScore: input.quizScore ?? null },
        },
      ]);
      return toAssignmentModel(after, new Date());
    });
  }

  /**
   * Completes an assignment: prerequisites done, the passing score reached on the current version when the
   * module has one, and for a POLICY module the acknowledgement of its current version (recorded).
   */
  complete(actor: Actor, input: CompleteTrainingInput): Promise<TrainingAssignmentModel> {
    return this.db.transaction(actor.tenantId, async () => {
      const before = await this.open(actor, input.assignmentId);
      await this.assertPrerequisitesDone(before);
      const module = (await this.modules.findById(before.moduleId, 'SHARE'))!;
      if (module.category === TrainingCategory.POLICY) {
        if (input.acknowledgedVersion === undefined)
          throw AppError.badInput({
            field: 'input.acknowledgedVersion',
            message: 'is required to complete a POLICY module',
          });
        if (input.acknowledgedVersion !== module.version) {
          throw AppError.conflict(
            `Version ${module.version} of this policy is current; read it and acknowledge that version.`,
            { rule: TrainingErrorRule.STALE_VERSION, currentVersion: module.version },
          );
        }
      }
      if (module.passingScore !== null) {
        const best = await this.assignments.bestScore(before.id, module.version);
        if (best === null || best < module.passingScore) {
          throw AppError.conflict(
            `Completing needs a quiz score of at least ${module.passingScore} on version ${module.version}.`,
            {
              rule: TrainingErrorRule.PASSING_SCORE_NOT_MET,
              passingScore: module.passingScore,
              bestScore: best,
            },
          );
        }
      }
      const after = await this.assignments.complete(before.id, module.version);
      if (module.category === TrainingCategory.POLICY) {
        await this.assignments.acknowledge({
          agentId: before.agentId,
          moduleId: module.id,
          version: module.version,
          recordedBy: actor.userId,
        });
      }
      await this.audit.record(actor, [
        {
          entityType: 'TRAINING_ASSIGNMENT',
          entityId: before.id,
          agentId: before.agentId,
          action: 'COMPLETE',
          before,
          after,
        },
      ]);
      return toAssignmentModel(after, new Date());
    });
  }

  waive(actor: Actor, input: WaiveTrainingInput): Promise<TrainingAssignmentModel> {
    return this.db.transaction(actor.tenantId, async () => {
      const before = await this.open(actor, input.assignmentId);
      await this.access.assertMayTrain(actor, [before.teamId]);
      const after = await this.assignments.waive(before.id, input.reason.trim(), actor.userId);
      await this.audit.record(actor, [
        {
          entityType: 'TRAINING_ASSIGNMENT',
          entityId: before.id,
          agentId: before.agentId,
          action: 'WAIVE',
          before,
          after,
        },
      ]);
      return toAssignmentModel(after, new Date());
    });
  }

  /** Books a session of the module into the agent's shift as a TRAINING activity, checked like any activity. */
  bookSession(
    actor: Actor,
    input: BookTrainingSessionInput,
  ): Promise<{
    assignment: TrainingAssignmentModel;
    session: TrainingSessionModel;
    shift: ShiftModel;
    warnings: string[];
  }> {
    return this.db.transaction(actor.tenantId, async () => {
      const assignment = await this.open(actor, input.assignmentId);
      if (!(input.endsAt > input.startsAt))
        throw AppError.badInput({ field: 'input.endsAt', message: 'must be after the start' });
      await this.access.assertMayTrain(actor, [assignment.teamId]);
      const module = (await this.modules.findById(assignment.moduleId))!;
      const sessionId = randomUUID();
      const booked = await this.shifts.bookActivity(actor, assignment.agentId, {
        type: ActivityType.TRAINING,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        note: `Training: ${module.title}`,
        reference: `training-session:${sessionId}`,
      });
      const session = await this.assignments.insertSession({
        id: sessionId,
        assignmentId: assignment.id,
        shiftActivityId: booked.activityId,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        bookedBy: actor.userId,
      });
      await this.audit.record(actor, [
        {
          entityType: 'TRAINING_ASSIGNMENT',
          entityId: assignment.id,
          agentId: assignment.agentId,
          action: 'BOOK_SESSION',
          after: { ...session, shiftId: booked.shift.id },
        },
      ]);
      return {
        assignment: toAssignmentModel(assignment, new Date()),
        session,
        shift: booked.shift,
        warnings: booked.warnings.map((w) => `${w.rule}: ${w.message}`),
      };
    });
  }

  attempts(actor: Actor, assignmentIds: readonly string[]): Promise<TrainingQuizAttemptModel[][]> {
    return this.db.transaction(actor.tenantId, async () => {
      const rows = await this.assignments.attemptsOf(assignmentIds);
      return assignmentIds.map((id) => rows.filter((r) => r.assignmentId === id));
    });
  }

  sessions(actor: Actor, assignmentIds: readonly string[]): Promise<TrainingSessionModel[][]> {
    return this.db.transaction(actor.tenantId, async () => {
      const rows = await this.assignments.sessionsOf(assignmentIds);
      return assignmentIds.map((id) => rows.filter((r) => r.assignmentId === id));
    });
  }

  missingPrerequisites(actor: Actor, assignmentIds: readonly string[]): Promise<string[][]> {
    return this.db.transaction(actor.tenantId, async () => {
      const missing = await this.assignments.missingPrerequisites(assignmentIds);
      return assignmentIds.map((id) => missing.get(id) ?? []);
    });
  }

  acknowledgedVersions(actor: Actor, assignmentIds: readonly string[]): Promise<(number | null)[]> {
    return this.db.transaction(actor.tenantId, async () => {
      const versions = await this.assignments.acknowledgedVersions(assignmentIds);
      return assignmentIds.map((id) => versions.get(id) ?? null);
    });
  }

  /** An assignment the actor may act on, locked, and not yet completed or waived. */
  private async open(actor: Actor, id: string): Promise<AssignmentRow> {
    const assignment = await this.assignments.findById(id, true);
    if (!assignment) throw AppError.notFound('Training assignment', id, 'input.assignmentId');
    await this.access.assertMayActOn(actor, assignment);
    if (FINISHED.includes(assignment.status)) {
      throw AppError.conflict(`The assignment is already ${assignment.status.toLowerCase()}.`, {
        rule: TrainingErrorRule.ASSIGNMENT_FINISHED,
        status: assignment.status,
      });
    }
    return assignment;
  }

  private async assertPrerequisitesDone(assignment: AssignmentRow): Promise<void> {
    const missing = (await this.assignments.missingPrerequisites([assignment.id])).get(assignment.id);
    if (missing?.length) {
      const titles = (await this.modules.findByIds(missing)).map((m) => `"${m.title}"`).sort();
      throw new AppError(
        ErrorCode.CONFLICT,
        `This module cannot start before its prerequisites are complete: ${titles.join(', ')}.`,
        {
          rule: TrainingErrorRule.PREREQUISITES_INCOMPLETE,
          missingModuleIds: missing,
        },
      );
    }
  }
}
