import { and, chunks, GenerateSql, join, keysetPage, raw, SAMPLE, sql, Sql, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { StoredAssignmentStatus, TrainingAssignmentStatus } from './training.enums';

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

/** A quiz attempt, with `passed` judged against the module's passing score now. */
export interface QuizAttemptRow {
  id: string;
  assignmentId: string;
  score: number;
  moduleVersion: number;
  attemptedAt: Date;
  passed: boolean;
}

/** A session of the module booked into the agent's shift. */
export interface TrainingSessionRow {
  id: string;
  shiftActivityId: string;
  startsAt: Date;
  endsAt: Date;
}

/** The select list, each column prefixed with `p` (a table alias and a dot, or nothing): code, never input. */
const columns = (p: '' | 'a.') =>
  raw(`${p}id, ${p}agent_id AS "agentId", ${p}team_id AS "teamId", ${p}module_id AS "moduleId", ${p}path_id AS "pathId",
  ${p}status, ${p}progress_percent AS "progressPercent", ${p}due_at AS "dueAt", ${p}assigned_by AS "assignedBy", ${p}assigned_at AS "assignedAt",
  ${p}started_at AS "startedAt", ${p}completed_at AS "completedAt", ${p}completed_version AS "completedVersion",
  ${p}waived_reason AS "waivedReason", ${p}waived_by AS "waivedBy", ${p}waived_at AS "waivedAt", ${p}updated_at AS "updatedAt"`);
const COLUMNS = columns('');

/**
 * The rule of `effectiveStatus` (assignments/assignment-status.ts) as a condition on the assignment `a`, at
 * `now`, for each status a filter may ask for: open and past due is OVERDUE.
 */
function statusCondition(status: TrainingAssignmentStatus, now: Date): Sql {
  switch (status) {
    case TrainingAssignmentStatus.OVERDUE:
      return sql`(a.status IN ('ASSIGNED', 'IN_PROGRESS') AND a.due_at < ${now}::timestamptz)`;
    case TrainingAssignmentStatus.ASSIGNED:
    case TrainingAssignmentStatus.IN_PROGRESS:
      return sql`(a.status = ${status} AND a.due_at >= ${now}::timestamptz)`;
    case TrainingAssignmentStatus.COMPLETED:
    case TrainingAssignmentStatus.WAIVED:
      return sql`(a.status = ${status})`;
  }
}

export interface NewAssignment {
  id: string;
  agentId: string;
  teamId: string;
  moduleId: string;
  pathId: string | null;
  dueAt: Date;
  assignedBy: string;
}

export interface AssignmentQuery {
  agentIds?: readonly string[];
  teamIds?: readonly string[];
  moduleIds?: readonly string[];
  pathIds?: readonly string[];
  status?: TrainingAssignmentStatus;
  dueBefore?: Date;
  /** Only these teams (the reader's), when set. */
  readableTeamIds?: readonly string[];
  now: Date;
}

@Injectable()
export class TrainingAssignmentRepository {
  constructor(private readonly db: TenantDatabase) {}

  /**
   * Inserts the assignments that do not exist yet (one per agent and module: the unique constraint decides,
   * also between concurrent requests) and returns the ids of those it created. Multi-row VALUES, in batches.
   */
  @GenerateSql({
    params: [
      [
        {
          id: SAMPLE.UUID,
          agentId: SAMPLE.UUID2,
          teamId: SAMPLE.UUID3,
          moduleId: SAMPLE.UUID,
          pathId: null,
          dueAt: SAMPLE.TO,
          assignedBy: SAMPLE.UUID2,
        },
      ],
    ],
  })
  async insertMissing(rows: readonly NewAssignment[]): Promise<Set<string>> {
    const created = new Set<string>();
    const tenantId = this.db.tenantId;
    for (const batch of chunks(rows)) {
      const values = batch.map(
        (r) =>
          sql`(${tenantId}, ${r.id}::uuid, ${r.agentId}::uuid, ${r.teamId}::uuid, ${r.moduleId}::uuid, ${r.pathId}::uuid, ${r.dueAt}::timestamptz, ${r.assignedBy}::uuid)`,
      );
      const inserted = await this.db.many<{ id: string }>(
        sql`INSERT INTO training_assignments (tenant_id, id, agent_id, team_id, module_id, path_id, due_at, assigned_by)
            VALUES ${join(values)}
            ON CONFLICT ON CONSTRAINT training_assignments_agent_module_key DO NOTHING
            RETURNING id`,
      );
      for (const r of inserted) created.add(r.id);
    }
    return created;
  }

  /** The assignments of these (agent, module) pairs, in the order given. */
  @GenerateSql({
    params: [
      [
        { agentId: SAMPLE.UUID, moduleId: SAMPLE.UUID2 },
        { agentId: SAMPLE.UUID3, moduleId: SAMPLE.UUID2 },
      ],
    ],
  })
  async findByPairs(pairs: readonly { agentId: string; moduleId: string }[]): Promise<AssignmentRow[]> {
    if (pairs.length === 0) return [];
    const rows = await this.db.many<AssignmentRow>(
      sql`SELECT ${columns('a.')} FROM training_assignments a
           WHERE a.tenant_id = ${this.db.tenantId}
             AND (a.agent_id, a.module_id) IN (SELECT * FROM unnest(${pairs.map((p) => p.agentId)}::uuid[], ${pairs.map((p) => p.moduleId)}::uuid[]))`,
    );
    const byPair = new Map(rows.map((r) => [`${r.agentId}:${r.moduleId}`, r]));
    return pairs
      .map((p) => byPair.get(`${p.agentId}:${p.moduleId}`))
      .filter((r): r is AssignmentRow => r !== undefined);
  }

  @GenerateSql({ params: [[SAMPLE.UUID, SAMPLE.UUID2]] })
  findByIds(ids: readonly string[]): Promise<AssignmentRow[]> {
    return this.db.many<AssignmentRow>(
      sql`SELECT ${COLUMNS} FROM training_assignments WHERE tenant_id = ${this.db.tenantId} AND id = ANY(${ids}::uuid[])`,
    );
  }

  @GenerateSql({ params: [SAMPLE.UUID] }, { name: 'locked', params: [SAMPLE.UUID, true] })
  findById(id: string, forUpdate = false): Promise<AssignmentRow | undefined> {
    return this.db.maybeOne<AssignmentRow>(
      sql`SELECT ${COLUMNS} FROM training_assignments WHERE tenant_id = ${this.db.tenantId} AND id = ${id} ${forUpdate ? sql`FOR UPDATE` : sql``}`,
    );
  }

  /** Ordered by due date, soonest first. */
  @GenerateSql(
    { name: 'first page, no filter', params: [{ now: SAMPLE.NOW }, SAMPLE.FIRST] },
    {
      name: 'later page, every filter, overdue',
      params: [
        {
          agentIds: [SAMPLE.UUID],
          teamIds: [SAMPLE.UUID2],
          moduleIds: [SAMPLE.UUID3],
          pathIds: [SAMPLE.UUID],
          status: 'OVERDUE',
          dueBefore: SAMPLE.TO,
          readableTeamIds: [SAMPLE.UUID2],
          now: SAMPLE.NOW,
        },
        SAMPLE.FIRST,
        SAMPLE.cursor(SAMPLE.NOW.toISOString(), SAMPLE.UUID2),
      ],
    },
    { name: 'assigned', params: [{ status: 'ASSIGNED', now: SAMPLE.NOW }, SAMPLE.FIRST] },
    { name: 'completed', params: [{ status: 'COMPLETED', now: SAMPLE.NOW }, SAMPLE.FIRST] },
  )
  page(query: AssignmentQuery, first: number, after?: string): Promise<{ rows: AssignmentRow[]; totalCount: number }> {
    return keysetPage<AssignmentRow>(this.db, {
      columns: columns('a.'),
      from: sql`training_assignments a`,
      where: sql`a.tenant_id = ${this.db.tenantId} ${and(
        query.agentIds && sql`a.agent_id = ANY(${query.agentIds}::uuid[])`,
        query.teamIds && sql`a.team_id = ANY(${query.teamIds}::uuid[])`,
        query.moduleIds && sql`a.module_id = ANY(${query.moduleIds}::uuid[])`,
        query.pathIds && sql`a.path_id = ANY(${query.pathIds}::uuid[])`,
        query.dueBefore && sql`a.due_at < ${query.dueBefore}`,
        query.readableTeamIds && sql`a.team_id = ANY(${query.readableTeamIds}::uuid[])`,
        query.status && statusCondition(query.status, query.now),
      )}`,
      keys: [
        { column: 'a.due_at', type: 'timestamptz' },
        { column: 'a.id', type: 'uuid' },
      ],
      first,
      after,
    });
  }

  private async update(id: string, sets: Sql): Promise<AssignmentRow> {
    const row = await this.db.maybeOne<AssignmentRow>(
      sql`UPDATE training_assignments SET ${sets}, updated_at = now() WHERE tenant_id = ${this.db.tenantId} AND id = ${id} RETURNING ${COLUMNS}`,
    );
    return row!;
  }

  @GenerateSql({ params: [SAMPLE.UUID, 50] })
  recordProgress(id: string, progressPercent: number | null): Promise<AssignmentRow> {
    return this.update(
      id,
      sql`status = 'IN_PROGRESS', started_at = coalesce(started_at, now()), progress_percent = coalesce(${progressPercent}::smallint, progress_percent)`,
    );
  }

  @GenerateSql({ params: [SAMPLE.UUID, 2] })
  complete(id: string, version: number): Promise<AssignmentRow> {
    return this.update(
      id,
      sql`status = 'COMPLETED', progress_percent = 100, started_at = coalesce(started_at, now()), completed_at = now(), completed_version = ${version}`,
    );
  }

  @GenerateSql({ params: [SAMPLE.UUID, SAMPLE.TEXT, SAMPLE.UUID2] })
  waive(id: string, reason: string, by: string): Promise<AssignmentRow> {
    return this.update(id, sql`status = 'WAIVED', waived_reason = ${reason}, waived_by = ${by}, waived_at = now()`);
  }

  /** A new version of a POLICY module: every completion of it opens again, due at `dueAt`. Returns the rows before and after. */
  @GenerateSql({ params: [SAMPLE.UUID, SAMPLE.TO], answers: [[{ id: SAMPLE.UUID2 }, { id: SAMPLE.UUID3 }]] })
  async reopenCompleted(moduleId: string, dueAt: Date): Promise<{ before: AssignmentRow; after: AssignmentRow }[]> {
    const tenantId = this.db.tenantId;
    const before = await this.db.many<AssignmentRow>(
      sql`SELECT ${COLUMNS} FROM training_assignments WHERE tenant_id = ${tenantId} AND module_id = ${moduleId} AND status = 'COMPLETED' FOR UPDATE`,
    );
    if (before.length === 0) return [];
    const after = await this.db.many<AssignmentRow>(
      sql`UPDATE training_assignments SET status = 'ASSIGNED', progress_percent = 0, started_at = NULL, completed_at = NULL, completed_version = NULL,
                 due_at = ${dueAt}, updated_at = now()
           WHERE tenant_id = ${tenantId} AND id = ANY(${before.map((b) => b.id)}::uuid[]) RETURNING ${COLUMNS}`,
    );
    const byId = new Map(after.map((a) => [a.id, a]));
    return before.map((b) => ({ before: b, after: byId.get(b.id)! }));
  }

  /**
   * For each assignment, the prerequisites not yet completed or waived by its agent, over every path the agent
   * is enrolled in that holds the module (a prerequisite never assigned counts as not done).
   */
  @GenerateSql({ params: [[SAMPLE.UUID, SAMPLE.UUID2]] })
  async missingPrerequisites(assignmentIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows = await this.db.many<{ assignmentId: string; missing: string[] }>(
      sql`SELECT a.id AS "assignmentId", array_agg(DISTINCT pr.prerequisite_id) AS missing
            FROM training_assignments a
            JOIN learning_path_enrollments e ON e.tenant_id = a.tenant_id AND e.agent_id = a.agent_id
            JOIN learning_path_prerequisites pr ON pr.tenant_id = a.tenant_id AND pr.path_id = e.path_id AND pr.module_id = a.module_id
            LEFT JOIN training_assignments p ON p.tenant_id = a.tenant_id AND p.agent_id = a.agent_id AND p.module_id = pr.prerequisite_id
           WHERE a.tenant_id = ${this.db.tenantId} AND a.id = ANY(${assignmentIds}::uuid[]) AND (p.id IS NULL OR p.status NOT IN ('COMPLETED', 'WAIVED'))
           GROUP BY a.id`,
    );
    return new Map(rows.map((r) => [r.assignmentId, [...r.missing].sort()]));
  }

  @GenerateSql({
    params: [{ id: SAMPLE.UUID, assignmentId: SAMPLE.UUID2, score: 80, moduleVersion: 2, recordedBy: SAMPLE.UUID3 }],
  })
  async insertAttempt(row: {
    id: string;
    assignmentId: string;
    score: number;
    moduleVersion: number;
    recordedBy: string;
  }): Promise<void> {
    await this.db.execute(
      sql`INSERT INTO training_quiz_attempts (tenant_id, id, assignment_id, score, module_version, recorded_by)
          VALUES (${this.db.tenantId}, ${row.id}, ${row.assignmentId}, ${row.score}, ${row.moduleVersion}, ${row.recordedBy})`,
    );
  }

  /** The best score on this version of the module, or null without an attempt. */
  @GenerateSql({ params: [SAMPLE.UUID, 2] })
  async bestScore(assignmentId: string, moduleVersion: number): Promise<number | null> {
    const row = await this.db.maybeOne<{ best: number | null }>(
      sql`SELECT max(score)::float8 AS best FROM training_quiz_attempts
           WHERE tenant_id = ${this.db.tenantId} AND assignment_id = ${assignmentId} AND module_version = ${moduleVersion}`,
    );
    return row?.best ?? null;
  }

  /** Attempts of these assignments, oldest first, with `passed` judged against the module's passing score now. */
  @GenerateSql({ params: [[SAMPLE.UUID, SAMPLE.UUID2]] })
  attemptsOf(assignmentIds: readonly string[]): Promise<QuizAttemptRow[]> {
    return this.db.many<QuizAttemptRow>(
      sql`SELECT q.id, q.assignment_id AS "assignmentId", q.score::float8 AS score, q.module_version AS "moduleVersion", q.attempted_at AS "attemptedAt",
                 (m.passing_score IS NULL OR q.score >= m.passing_score) AS passed
            FROM training_quiz_attempts q
            JOIN training_assignments a ON a.tenant_id = q.tenant_id AND a.id = q.assignment_id
            JOIN training_modules m ON m.tenant_id = a.tenant_id AND m.id = a.module_id
           WHERE q.tenant_id = ${this.db.tenantId} AND q.assignment_id = ANY(${assignmentIds}::uuid[])
           ORDER BY q.attempted_at, q.id`,
    );
  }

  @GenerateSql({ params: [{ agentId: SAMPLE.UUID, moduleId: SAMPLE.UUID2, version: 2, recordedBy: SAMPLE.UUID3 }] })
  async acknowledge(row: { agentId: string; moduleId: string; version: number; recordedBy: string }): Promise<void> {
    await this.db.execute(
      sql`INSERT INTO policy_acknowledgements (tenant_id, agent_id, module_id, version, recorded_by)
          VALUES (${this.db.tenantId}, ${row.agentId}, ${row.moduleId}, ${row.version}, ${row.recordedBy})
          ON CONFLICT DO NOTHING`,
    );
  }

  /** The latest version each assignment's agent acknowledged of its module (absent: never). */
  @GenerateSql({ params: [[SAMPLE.UUID, SAMPLE.UUID2]] })
  async acknowledgedVersions(assignmentIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.db.many<{ assignmentId: string; version: number }>(
      sql`SELECT a.id AS "assignmentId", max(p.version) AS version
            FROM training_assignments a
            JOIN policy_acknowledgements p ON p.tenant_id = a.tenant_id AND p.agent_id = a.agent_id AND p.module_id = a.module_id
           WHERE a.tenant_id = ${this.db.tenantId} AND a.id = ANY(${assignmentIds}::uuid[]) GROUP BY a.id`,
    );
    return new Map(rows.map((r) => [r.assignmentId, r.version]));
  }

  @GenerateSql({
    params: [
      {
        id: SAMPLE.UUID,
        assignmentId: SAMPLE.UUID2,
        shiftActivityId: SAMPLE.UUID3,
        startsAt: SAMPLE.FROM,
        endsAt: SAMPLE.NOW,
        bookedBy: SAMPLE.UUID,
      },
    ],
  })
  async insertSession(row: {
    id: string;
    assignmentId: string;
    shiftActivityId: string;
    startsAt: Date;
    endsAt: Date;
    bookedBy: string;
  }): Promise<TrainingSessionRow> {
    const created = await this.db.maybeOne<TrainingSessionRow>(
      sql`INSERT INTO training_sessions (tenant_id, id, assignment_id, shift_activity_id, starts_at, ends_at, booked_by)
          VALUES (${this.db.tenantId}, ${row.id}, ${row.assignmentId}, ${row.shiftActivityId}, ${row.startsAt}, ${row.endsAt}, ${row.bookedBy})
          RETURNING id, shift_activity_id AS "shiftActivityId", starts_at AS "startsAt", ends_at AS "endsAt"`,
    );
    return created!;
  }

  @GenerateSql({ params: [[SAMPLE.UUID, SAMPLE.UUID2]] })
  sessionsOf(assignmentIds: readonly string[]): Promise<(TrainingSessionRow & { assignmentId: string })[]> {
    return this.db.many(
      sql`SELECT id, assignment_id AS "assignmentId", shift_activity_id AS "shiftActivityId", starts_at AS "startsAt", ends_at AS "endsAt"
            FROM training_sessions WHERE tenant_id = ${this.db.tenantId} AND assignment_id = ANY(${assignmentIds}::uuid[]) ORDER BY starts_at, id`,
    );
  }
}
