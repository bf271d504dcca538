import { queryPage, SqlFilter, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { statusSql } from './assignments/assignment-status';
import { TrainingAssignmentFilter, TrainingQuizAttemptModel, TrainingSessionModel } from './graphql/training-assignment.model';
import { StoredAssignmentStatus } from './training.enums';

/** An assignment as stored: `status` never says OVERDUE (see assignments/assignment-status.ts). */
export interface AssignmentRow {
  id: string;
  agentId: string;
  teamId: string;
  moduleId: string;
  pathId: string | null;
  status: StoredAssignmentStatus;
  progressPercent: number;
  dueAt: Date;
  assignedBy: string | null;
  assignedAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  completedVersion: number | null;
  waivedReason: string | null;
  waivedBy: string | null;
  waivedAt: Date | null;
  updatedAt: Date;
}

/** The select list, each column prefixed with `p` (a table alias and a dot, or nothing). */
const columns = (p: string) => `${p}id, ${p}agent_id AS "agentId", ${p}team_id AS "teamId", ${p}module_id AS "moduleId", ${p}path_id AS "pathId",
  ${p}status, ${p}progress_percent AS "progressPercent", ${p}due_at AS "dueAt", ${p}assigned_by AS "assignedBy", ${p}assigned_at AS "assignedAt",
  ${p}started_at AS "startedAt", ${p}completed_at AS "completedAt", ${p}completed_version AS "completedVersion",
  ${p}waived_reason AS "waivedReason", ${p}waived_by AS "waivedBy", ${p}waived_at AS "waivedAt", ${p}updated_at AS "updatedAt"`;
const COLUMNS = columns('');

export interface NewAssignment {
  id: string;
  agentId: string;
  teamId: string;
  moduleId: string;
  pathId: string | null;
  dueAt: Date;
  assignedBy: string;
}

export interface AssignmentQuery extends TrainingAssignmentFilter {
  /** Only these teams (the reader's), when set. */
  readableTeamIds?: readonly string[];
  now: Date;
}

@Injectable()
export class TrainingAssignmentRepository {
  constructor(private readonly db: TenantDatabase) {}

  /**
   * Inserts the assignments that do not exist yet (one per agent and module: the unique constraint decides,
   * also between concurrent requests) and returns the ids of those it created.
   */
  async insertMissing(rows: readonly NewAssignment[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const created = await this.db.query<{ id: string }>(
      `INSERT INTO training_assignments (tenant_id, id, agent_id, team_id, module_id, path_id, due_at, assigned_by)
       SELECT $1, r.id, r.agent_id, r.team_id, r.module_id, r.path_id, r.due_at, r.assigned_by
         FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, agent_id uuid, team_id uuid, module_id uuid, path_id uuid, due_at timestamptz, assigned_by uuid)
       ON CONFLICT ON CONSTRAINT training_assignments_agent_module_key DO NOTHING
       RETURNING id`,
      [
        this.db.tenantId,
        JSON.stringify(rows.map((r) => ({ id: r.id, agent_id: r.agentId, team_id: r.teamId, module_id: r.moduleId, path_id: r.pathId, due_at: r.dueAt, assigned_by: r.assignedBy }))),
      ],
    );
    return new Set(created.map((r) => r.id));
  }

  /** The assignments of these (agent, module) pairs, in the order given. */
  async findByPairs(pairs: readonly { agentId: string; moduleId: string }[]): Promise<AssignmentRow[]> {
    const rows = await this.db.query<AssignmentRow>(
      `SELECT ${columns('a.')} FROM training_assignments a
        WHERE (a.agent_id, a.module_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
      [pairs.map((p) => p.agentId), pairs.map((p) => p.moduleId)],
    );
    const byPair = new Map(rows.map((r) => [`${r.agentId}:${r.moduleId}`, r]));
    return pairs.map((p) => byPair.get(`${p.agentId}:${p.moduleId}`)).filter((r): r is AssignmentRow => r !== undefined);
  }

  findByIds(ids: readonly string[]): Promise<AssignmentRow[]> {
    return this.db.query<AssignmentRow>(`SELECT ${COLUMNS} FROM training_assignments WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async findById(id: string, forUpdate = false): Promise<AssignmentRow | undefined> {
    const [row] = await this.db.query<AssignmentRow>(`SELECT ${COLUMNS} FROM training_assignments WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
    return row;
  }

  /** Ordered by due date, soonest first. */
  page(query: AssignmentQuery, first: number, after?: string) {
    const filter = new SqlFilter()
      .addIf(query.agentIds, 'a.agent_id = ANY(?::uuid[])')
      .addIf(query.teamIds, 'a.team_id = ANY(?::uuid[])')
      .addIf(query.moduleIds, 'a.module_id = ANY(?::uuid[])')
      .addIf(query.pathIds, 'a.path_id = ANY(?::uuid[])')
      .addIf(query.dueBefore, 'a.due_at < ?')
      .addIf(query.readableTeamIds, 'a.team_id = ANY(?::uuid[])');
    if (query.status) filter.add(statusSql(query.status, 'a', '?::timestamptz'), query.now);
    return queryPage<AssignmentRow>(this.db, {
      columns: columns('a.'),
      from: 'training_assignments a',
      filter,
      keys: [{ expression: 'a.due_at', type: 'timestamptz' }, { expression: 'a.id', type: 'uuid' }],
      first,
      after,
    });
  }

  async update(id: string, sets: string, params: unknown[]): Promise<AssignmentRow> {
    const [row] = await this.db.query<AssignmentRow>(`UPDATE training_assignments SET ${sets}, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`, [id, ...params]);
    return row!;
  }

  recordProgress(id: string, progressPercent: number | null): Promise<AssignmentRow> {
    return this.update(id, `status = 'IN_PROGRESS', started_at = coalesce(started_at, now()), progress_percent = coalesce($2, progress_percent)`, [progressPercent]);
  }

  complete(id: string, version: number): Promise<AssignmentRow> {
    return this.update(id, `status = 'COMPLETED', progress_percent = 100, started_at = coalesce(started_at, now()), completed_at = now(), completed_version = $2`, [version]);
  }

  waive(id: string, reason: string, by: string): Promise<AssignmentRow> {
    return this.update(id, `status = 'WAIVED', waived_reason = $2, waived_by = $3, waived_at = now()`, [reason, by]);
  }

  /** A new version of a POLICY module: every completion of it opens again, due at `dueAt`. Returns the rows before and after. */
  async reopenCompleted(moduleId: string, dueAt: Date): Promise<{ before: AssignmentRow; after: AssignmentRow }[]> {
    const before = await this.db.query<AssignmentRow>(`SELECT ${COLUMNS} FROM training_assignments WHERE module_id = $1 AND status = 'COMPLETED' FOR UPDATE`, [moduleId]);
    if (before.length === 0) return [];
    const after = await this.db.query<AssignmentRow>(
      `UPDATE training_assignments SET status = 'ASSIGNED', progress_percent = 0, started_at = NULL, completed_at = NULL, completed_version = NULL,
              due_at = $2, updated_at = now()
        WHERE id = ANY($1::uuid[]) RETURNING ${COLUMNS}`,
      [before.map((b) => b.id), dueAt],
    );
    const byId = new Map(after.map((a) => [a.id, a]));
    return before.map((b) => ({ before: b, after: byId.get(b.id)! }));
  }

  /**
   * For each assignment, the prerequisites not yet completed or waived by its agent, over every path the agent
   * is enrolled in that holds the module (a prerequisite never assigned counts as not done).
   */
  async missingPrerequisites(assignmentIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows = await this.db.query<{ assignmentId: string; missing: string[] }>(
      `SELECT a.id AS "assignmentId", array_agg(DISTINCT pr.prerequisite_id) AS missing
         FROM training_assignments a
         JOIN learning_path_enrollments e ON e.tenant_id = a.tenant_id AND e.agent_id = a.agent_id
         JOIN learning_path_prerequisites pr ON pr.tenant_id = a.tenant_id AND pr.path_id = e.path_id AND pr.module_id = a.module_id
         LEFT JOIN training_assignments p ON p.tenant_id = a.tenant_id AND p.agent_id = a.agent_id AND p.module_id = pr.prerequisite_id
        WHERE a.id = ANY($1::uuid[]) AND (p.id IS NULL OR p.status NOT IN ('COMPLETED', 'WAIVED'))
        GROUP BY a.id`,
      [assignmentIds],
    );
    return new Map(rows.map((r) => [r.assignmentId, [...r.missing].sort()]));
  }

  async insertAttempt(row: { id: string; assignmentId: string; score: number; moduleVersion: number; recordedBy: string }): Promise<void> {
    await this.db.query(
      `INSERT INTO training_quiz_attempts (tenant_id, id, assignment_id, score, module_version, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)`,
      [this.db.tenantId, row.id, row.assignmentId, row.score, row.moduleVersion, row.recordedBy],
    );
  }

  /** The best score on this version of the module, or null without an attempt. */
  async bestScore(assignmentId: string, moduleVersion: number): Promise<number | null> {
    const [row] = await this.db.query<{ best: number | null }>(
      `SELECT max(score)::float8 AS best FROM training_quiz_attempts WHERE assignment_id = $1 AND module_version = $2`,
      [assignmentId, moduleVersion],
    );
    return row?.best ?? null;
  }

  /** Attempts of these assignments, oldest first, with `passed` judged against the module's passing score now. */
  attemptsOf(assignmentIds: readonly string[]): Promise<(TrainingQuizAttemptModel & { assignmentId: string })[]> {
    return this.db.query(
      `SELECT q.id, q.assignment_id AS "assignmentId", q.score::float8 AS score, q.module_version AS "moduleVersion", q.attempted_at AS "attemptedAt",
              (m.passing_score IS NULL OR q.score >= m.passing_score) AS passed
         FROM training_quiz_attempts q
         JOIN training_assignments a ON a.tenant_id = q.tenant_id AND a.id = q.assignment_id
         JOIN training_modules m ON m.tenant_id = a.tenant_id AND m.id = a.module_id
        WHERE q.assignment_id = ANY($1::uuid[])
        ORDER BY q.attempted_at, q.id`,
      [assignmentIds],
    );
  }

  async acknowledge(row: { agentId: string; moduleId: string; version: number; recordedBy: string }): Promise<void> {
    await this.db.query(
      `INSERT INTO policy_acknowledgements (tenant_id, agent_id, module_id, version, recorded_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING`,
      [this.db.tenantId, row.agentId, row.moduleId, row.version, row.recordedBy],
    );
  }

  /** The latest version each assignment's agent acknowledged of its module (absent: never). */
  async acknowledgedVersions(assignmentIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.db.query<{ assignmentId: string; version: number }>(
      `SELECT a.id AS "assignmentId", max(p.version) AS version
         FROM training_assignments a
         JOIN policy_acknowledgements p ON p.tenant_id = a.tenant_id AND p.agent_id = a.agent_id AND p.module_id = a.module_id
        WHERE a.id = ANY($1::uuid[]) GROUP BY a.id`,
      [assignmentIds],
    );
    return new Map(rows.map((r) => [r.assignmentId, r.version]));
  }

  async insertSession(row: { id: string; assignmentId: string; shiftActivityId: string; startsAt: Date; endsAt: Date; bookedBy: string }): Promise<TrainingSessionModel> {
    const [created] = await this.db.query<TrainingSessionModel>(
      `INSERT INTO training_sessions (tenant_id, id, assignment_id, shift_activity_id, starts_at, ends_at, booked_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, shift_activity_id AS "shiftActivityId", starts_at AS "startsAt", ends_at AS "endsAt"`,
      [this.db.tenantId, row.id, row.assignmentId, row.shiftActivityId, row.startsAt, row.endsAt, row.bookedBy],
    );
    return created!;
  }

  sessionsOf(assignmentIds: readonly string[]): Promise<(TrainingSessionModel & { assignmentId: string })[]> {
    return this.db.query(
      `SELECT id, assignment_id AS "assignmentId", shift_activity_id AS "shiftActivityId", starts_at AS "startsAt", ends_at AS "endsAt"
         FROM training_sessions WHERE assignment_id = ANY($1::uuid[]) ORDER BY starts_at, id`,
      [assignmentIds],
    );
  }
}
