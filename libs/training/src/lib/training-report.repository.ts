import { and, GenerateSql, keysetPage, SAMPLE, sql, Sql, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { TrainingReportGroupBy } from './training.enums';

export interface CompletionCounts {
  groupId: string | null;
  name: string | null;
  assigned: number;
  completed: number;
  waived: number;
  open: number;
  overdue: number;
}

/** One agent's progress through one path. */
export interface OnboardingRow {
  agentId: string;
  startedOn: string;
  modulesTotal: number;
  modulesDone: number;
  overdueCount: number;
  completedAt: Date | null;
  daysToComplete: number | null;
}

/** Assignment counts of the group, with OVERDUE derived at `now`. */
const counts = (now: Date) => sql`count(*)::int AS assigned,
  count(*) FILTER (WHERE a.status = 'COMPLETED')::int AS completed,
  count(*) FILTER (WHERE a.status = 'WAIVED')::int AS waived,
  count(*) FILTER (WHERE a.status IN ('ASSIGNED', 'IN_PROGRESS') AND a.due_at >= ${now}::timestamptz)::int AS open,
  count(*) FILTER (WHERE a.status IN ('ASSIGNED', 'IN_PROGRESS') AND a.due_at < ${now}::timestamptz)::int AS overdue`;

/**
 * Each agent's progress through the path: the modules of the path, their assignments to the agent, and when
 * the last one was done. A subquery, so that pages and totals filter the same rows.
 */
const onboarding = (tenantId: string, pathId: string) => sql`(
  SELECT e.path_id AS "pathId", e.team_id AS "teamId", e.agent_id AS "agentId", e.started_on AS "startedOnDate",
         e.started_on::text AS "startedOn", e.started_at AS "startedAt",
         count(pm.module_id)::int AS "modulesTotal",
         count(a.id) FILTER (WHERE a.status IN ('COMPLETED', 'WAIVED'))::int AS "modulesDone",
         count(a.id) FILTER (WHERE a.status IN ('ASSIGNED', 'IN_PROGRESS') AND a.due_at < now())::int AS "overdueCount",
         CASE WHEN count(a.id) FILTER (WHERE a.status IN ('COMPLETED', 'WAIVED')) = count(pm.module_id)
              THEN max(coalesce(a.completed_at, a.waived_at)) END AS "completedAt"
    FROM learning_path_enrollments e
    JOIN learning_path_modules pm ON pm.tenant_id = e.tenant_id AND pm.path_id = e.path_id
    LEFT JOIN training_assignments a ON a.tenant_id = e.tenant_id AND a.agent_id = e.agent_id AND a.module_id = pm.module_id
   WHERE e.tenant_id = ${tenantId} AND e.path_id = ${pathId}::uuid
   GROUP BY e.path_id, e.team_id, e.agent_id, e.started_on, e.started_at
) r`;

@Injectable()
export class TrainingReportRepository {
  constructor(private readonly db: TenantDatabase) {}

  /**
   * Assignment counts by the assignment's team, by module, or by path (the modules of each path for the
   * agents enrolled on it), with OVERDUE derived at `now`.
   */
  @GenerateSql(
    {
      name: 'by team, every filter',
      params: ['TEAM', { teamIds: [SAMPLE.UUID], pathIds: [SAMPLE.UUID2], moduleIds: [SAMPLE.UUID3] }, SAMPLE.NOW],
    },
    { name: 'by module', params: ['MODULE', {}, SAMPLE.NOW] },
    {
      name: 'by path, every filter',
      params: ['PATH', { teamIds: [SAMPLE.UUID], pathIds: [SAMPLE.UUID2], moduleIds: [SAMPLE.UUID3] }, SAMPLE.NOW],
    },
  )
  completion(
    groupBy: TrainingReportGroupBy,
    filter: { teamIds?: readonly string[]; pathIds?: readonly string[]; moduleIds?: readonly string[] },
    now: Date,
  ): Promise<CompletionCounts[]> {
    const tenantId = this.db.tenantId;
    const common: (Sql | undefined)[] = [
      filter.teamIds && sql`a.team_id = ANY(${filter.teamIds}::uuid[])`,
      filter.moduleIds && sql`a.module_id = ANY(${filter.moduleIds}::uuid[])`,
    ];
    if (groupBy === TrainingReportGroupBy.PATH) {
      return this.db.many<CompletionCounts>(
        sql`SELECT e.path_id AS "groupId", p.name, ${counts(now)}
              FROM learning_path_enrollments e
              JOIN learning_paths p ON p.tenant_id = e.tenant_id AND p.id = e.path_id
              JOIN learning_path_modules pm ON pm.tenant_id = e.tenant_id AND pm.path_id = e.path_id
              JOIN training_assignments a ON a.tenant_id = e.tenant_id AND a.agent_id = e.agent_id AND a.module_id = pm.module_id
             WHERE e.tenant_id = ${tenantId} ${and(...common, filter.pathIds && sql`e.path_id = ANY(${filter.pathIds}::uuid[])`)}
             GROUP BY e.path_id, p.name ORDER BY p.name`,
      );
    }
    const where = sql`a.tenant_id = ${tenantId} ${and(
      ...common,
      filter.pathIds &&
        sql`a.module_id IN (SELECT module_id FROM learning_path_modules WHERE tenant_id = ${tenantId} AND path_id = ANY(${filter.pathIds}::uuid[]))`,
    )}`;
    if (groupBy === TrainingReportGroupBy.MODULE) {
      return this.db.many<CompletionCounts>(
        sql`SELECT a.module_id AS "groupId", m.title AS name, ${counts(now)}
              FROM training_assignments a JOIN training_modules m ON m.tenant_id = a.tenant_id AND m.id = a.module_id
             WHERE ${where} GROUP BY a.module_id, m.title ORDER BY m.title`,
      );
    }
    // Team names belong to people: the service adds them.
    return this.db.many<CompletionCounts>(
      sql`SELECT a.team_id AS "groupId", NULL AS name, ${counts(now)} FROM training_assignments a WHERE ${where} GROUP BY a.team_id`,
    );
  }

  /** Agents on the path, by start date. */
  @GenerateSql(
    { name: 'first page, every team', params: [SAMPLE.UUID, undefined, SAMPLE.FIRST] },
    {
      name: 'later page, some teams',
      params: [SAMPLE.UUID, [SAMPLE.UUID2], SAMPLE.FIRST, SAMPLE.cursor(SAMPLE.DAY, SAMPLE.UUID3)],
    },
  )
  onboardingPage(
    pathId: string,
    teamIds: readonly string[] | undefined,
    first: number,
    after?: string,
  ): Promise<{ rows: OnboardingRow[]; totalCount: number }> {
    return keysetPage<OnboardingRow>(this.db, {
      columns: sql`r."agentId", r."startedOn", r."modulesTotal", r."modulesDone", r."overdueCount", r."completedAt",
                   CASE WHEN r."completedAt" IS NOT NULL THEN extract(epoch FROM r."completedAt" - r."startedAt")::float8 / 86400 END AS "daysToComplete"`,
      from: onboarding(this.db.tenantId, pathId),
      where: this.teamCondition(teamIds),
      keys: [
        { column: 'r."startedOnDate"', type: 'date' },
        { column: 'r."agentId"', type: 'uuid' },
      ],
      first,
      after,
    });
  }

  /** Over every agent of the list (all pages): how many finished, and the median days it took them. */
  @GenerateSql(
    { name: 'every team', params: [SAMPLE.UUID, undefined] },
    { name: 'some teams', params: [SAMPLE.UUID, [SAMPLE.UUID2]] },
  )
  async onboardingSummary(
    pathId: string,
    teamIds: readonly string[] | undefined,
  ): Promise<{ completedCount: number; medianDaysToComplete: number | null }> {
    const row = await this.db.maybeOne<{ completedCount: number; medianDaysToComplete: number | null }>(
      sql`SELECT count(*)::int AS "completedCount",
                 percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r."completedAt" - r."startedAt") / 86400)::float8 AS "medianDaysToComplete"
            FROM ${onboarding(this.db.tenantId, pathId)}
           WHERE ${this.teamCondition(teamIds)} AND r."completedAt" IS NOT NULL`,
    );
    return row!;
  }

  /** The rows of these teams (all when undefined). */
  private teamCondition(teamIds: readonly string[] | undefined): Sql {
    return teamIds ? sql`r."teamId" = ANY(${teamIds}::uuid[])` : sql`TRUE`;
  }

  /** Agents who completed the module (optionally only on these teams), with when. */
  @GenerateSql(
    { name: 'every team', params: [SAMPLE.UUID, undefined] },
    { name: 'some teams', params: [SAMPLE.UUID, [SAMPLE.UUID2]] },
  )
  completions(
    moduleId: string,
    teamIds: readonly string[] | undefined,
  ): Promise<{ agentId: string; completedAt: Date }[]> {
    return this.db.many<{ agentId: string; completedAt: Date }>(
      sql`SELECT agent_id AS "agentId", completed_at AS "completedAt" FROM training_assignments
           WHERE tenant_id = ${this.db.tenantId} AND module_id = ${moduleId}::uuid AND status = 'COMPLETED'
                 ${and(teamIds && sql`team_id = ANY(${teamIds}::uuid[])`)}
           ORDER BY completed_at, agent_id`,
    );
  }
}
