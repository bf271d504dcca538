import { GenerateSql, join, SAMPLE, sql, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';

/** An assignment past its due date, not completed or waived, whose passing was not announced yet. */
export interface OverdueAssignmentRow {
  id: string;
  agentId: string;
  teamId: string;
  moduleId: string;
  pathId: string | null;
  status: string;
  progressPercent: number;
  dueAt: Date;
}

const UNFINISHED = sql`a.status IN ('ASSIGNED', 'IN_PROGRESS')`;

/** The SQL of the overdue sweep; every statement but the cross-tenant look-up names its tenant. */
@Injectable()
export class TrainingOverdueRepository {
  constructor(private readonly db: TenantDatabase) {}

  /** In a system transaction: the tenants with at least one overdue assignment not announced yet. */
  @GenerateSql({ params: [SAMPLE.NOW] })
  tenantsWithOverdue(now: Date): Promise<{ tenantId: string }[]> {
    return this.db.many<{ tenantId: string }>(sql`/* tenant-rules-exception: maintenance-across-tenants */
      SELECT DISTINCT a.tenant_id AS "tenantId"
        FROM training_assignments a
       WHERE ${UNFINISHED} AND a.due_at < ${now}
         AND NOT EXISTS (SELECT 1 FROM training_overdue_notices n
                          WHERE n.tenant_id = a.tenant_id AND n.assignment_id = a.id AND n.due_at = a.due_at)`);
  }

  /** The next `limit` overdue assignments of the open tenant not announced yet, oldest due first. */
  @GenerateSql({ params: [SAMPLE.NOW, 100] })
  overdue(now: Date, limit: number): Promise<OverdueAssignmentRow[]> {
    const tenantId = this.db.tenantId;
    return this.db.many<OverdueAssignmentRow>(sql`
      SELECT a.id, a.agent_id AS "agentId", a.team_id AS "teamId", a.module_id AS "moduleId", a.path_id AS "pathId",
             a.status, a.progress_percent AS "progressPercent", a.due_at AS "dueAt"
        FROM training_assignments a
       WHERE a.tenant_id = ${tenantId} AND ${UNFINISHED} AND a.due_at < ${now}
         AND NOT EXISTS (SELECT 1 FROM training_overdue_notices n
                          WHERE n.tenant_id = ${tenantId} AND n.assignment_id = a.id AND n.due_at = a.due_at)
       ORDER BY a.due_at, a.id
       LIMIT ${limit}`);
  }

  /**
   * Records the announcements in one statement; answers the assignments recorded now (one recorded by a
   * concurrent sweep is not answered, so it is announced once).
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
          status: 'ASSIGNED',
          progressPercent: 0,
          dueAt: SAMPLE.FROM,
        },
      ],
      SAMPLE.NOW,
    ],
  })
  async record(rows: readonly OverdueAssignmentRow[], now: Date): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const tenantId = this.db.tenantId;
    const recorded = await this.db.many<{ assignmentId: string }>(sql`
      INSERT INTO training_overdue_notices (tenant_id, assignment_id, due_at, notified_at)
      VALUES ${join(rows.map((r) => sql`(${tenantId}, ${r.id}::uuid, ${r.dueAt}::timestamptz, ${now}::timestamptz)`))}
      ON CONFLICT DO NOTHING
      RETURNING assignment_id AS "assignmentId"`);
    return new Set(recorded.map((r) => r.assignmentId));
  }
}
