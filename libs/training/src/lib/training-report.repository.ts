import { queryPage, SqlFilter, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { OnboardingProgressModel } from './graphql/training-report.model';
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

const COUNTS = `count(*)::int AS assigned,
  count(*) FILTER (WHERE a.status = 'COMPLETED')::int AS completed,
  count(*) FILTER (WHERE a.status = 'WAIVED')::int AS waived,
  count(*) FILTER (WHERE a.status IN ('ASSIGNED', 'IN_PROGRESS') AND a.due_at >= $1)::int AS open,
  count(*) FILTER (WHERE a.status IN ('ASSIGNED', 'IN_PROGRESS') AND a.due_at < $1)::int AS overdue`;

/**
 * One agent's progress through one path: the modules of the path, their assignments to the agent, and when
 * the last one was done. A subquery, so that pages and totals filter the same rows.
 */
const ONBOARDING = `(
  SELECT e.tenant_id, e.path_id AS "pathId", e.team_id AS "teamId", e.agent_id AS "agentId", e.started_on AS "startedOnDate",
         e.started_on::text AS "startedOn", e.started_at AS "startedAt",
         count(pm.module_id)::int AS "modulesTotal",
         count(a.id) FILTER (WHERE a.status IN ('COMPLETED', 'WAIVED'))::int AS "modulesDone",
         count(a.id) FILTER (WHERE a.status IN ('ASSIGNED', 'IN_PROGRESS') AND a.due_at < now())::int AS "overdueCount",
         CASE WHEN count(a.id) FILTER (WHERE a.status IN ('COMPLETED', 'WAIVED')) = count(pm.module_id)
              THEN max(coalesce(a.completed_at, a.waived_at)) END AS "completedAt"
    FROM learning_path_enrollments e
    JOIN learning_path_modules pm ON pm.tenant_id = e.tenant_id AND pm.path_id = e.path_id
    LEFT JOIN training_assignments a ON a.tenant_id = e.tenant_id AND a.agent_id = e.agent_id AND a.module_id = pm.module_id
   GROUP BY e.tenant_id, e.path_id, e.team_id, e.agent_id, e.started_on, e.started_at
) r`;

@Injectable()
export class TrainingReportRepository {
  constructor(private readonly db: TenantDatabase) {}

  /**
   * Assignment counts by the assignment's team, by module, or by path (the modules of each path for the
   * agents enrolled on it), with OVERDUE derived at `now`.
   */
  completion(groupBy: TrainingReportGroupBy, filter: { teamIds?: readonly string[]; pathIds?: readonly string[]; moduleIds?: readonly string[] }, now: Date): Promise<CompletionCounts[]> {
    const params: unknown[] = [now];
    const where: string[] = [];
    const add = (condition: string, value: unknown) => {
      params.push(value);
      where.push(condition.replace('?', `$${params.length}`));
    };
    if (filter.teamIds) add('a.team_id = ANY(?::uuid[])', filter.teamIds);
    if (filter.moduleIds) add('a.module_id = ANY(?::uuid[])', filter.moduleIds);
    if (groupBy === TrainingReportGroupBy.PATH) {
      if (filter.pathIds) add('e.path_id = ANY(?::uuid[])', filter.pathIds);
      return this.db.query<CompletionCounts>(
        `SELECT e.path_id AS "groupId", p.name, ${COUNTS}
           FROM learning_path_enrollments e
           JOIN learning_paths p ON p.tenant_id = e.tenant_id AND p.id = e.path_id
           JOIN learning_path_modules pm ON pm.tenant_id = e.tenant_id AND pm.path_id = e.path_id
           JOIN training_assignments a ON a.tenant_id = e.tenant_id AND a.agent_id = e.agent_id AND a.module_id = pm.module_id
          ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
          GROUP BY e.path_id, p.name ORDER BY p.name`,
        params,
      );
    }
    if (filter.pathIds) add('a.module_id IN (SELECT module_id FROM learning_path_modules WHERE path_id = ANY(?::uuid[]))', filter.pathIds);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    if (groupBy === TrainingReportGroupBy.MODULE) {
      return this.db.query<CompletionCounts>(
        `SELECT a.module_id AS "groupId", m.title AS name, ${COUNTS}
           FROM training_assignments a JOIN training_modules m ON m.tenant_id = a.tenant_id AND m.id = a.module_id
          ${whereSql} GROUP BY a.module_id, m.title ORDER BY m.title`,
        params,
      );
    }
    // Team names belong to people: the service adds them.
    return this.db.query<CompletionCounts>(`SELECT a.team_id AS "groupId", NULL AS name, ${COUNTS} FROM training_assignments a ${whereSql} GROUP BY a.team_id`, params);
  }

  /** Agents on the path, by start date. */
  onboardingPage(pathId: string, teamIds: readonly string[] | undefined, first: number, after?: string) {
    return queryPage<OnboardingProgressModel>(this.db, {
      columns: `r."agentId", r."startedOn", r."modulesTotal", r."modulesDone", r."overdueCount", r."completedAt",
                CASE WHEN r."completedAt" IS NOT NULL THEN extract(epoch FROM r."completedAt" - r."startedAt")::float8 / 86400 END AS "daysToComplete"`,
      from: ONBOARDING,
      filter: this.onboardingFilter(pathId, teamIds),
      keys: [{ expression: 'r."startedOnDate"', type: 'date' }, { expression: 'r."agentId"', type: 'uuid' }],
      first,
      after,
    });
  }

  /** Over every agent of the list (all pages): how many finished, and the median days it took them. */
  async onboardingSummary(pathId: string, teamIds: readonly string[] | undefined): Promise<{ completedCount: number; medianDaysToComplete: number | null }> {
    const filter = this.onboardingFilter(pathId, teamIds).add('r."completedAt" IS NOT NULL');
    const [row] = await this.db.query<{ completedCount: number; medianDaysToComplete: number | null }>(
      `SELECT count(*)::int AS "completedCount",
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r."completedAt" - r."startedAt") / 86400)::float8 AS "medianDaysToComplete"
         FROM ${ONBOARDING} ${filter.where}`,
      filter.params,
    );
    return row!;
  }

  private onboardingFilter(pathId: string, teamIds: readonly string[] | undefined): SqlFilter {
    return new SqlFilter().add('r."pathId" = ?::uuid', pathId).addIf(teamIds, 'r."teamId" = ANY(?::uuid[])');
  }

  /** Agents who completed the module (optionally only on these teams), with when. */
  completions(moduleId: string, teamIds: readonly string[] | undefined): Promise<{ agentId: string; completedAt: Date }[]> {
    const filter = new SqlFilter().add(`module_id = ?::uuid`, moduleId).add(`status = 'COMPLETED'`).addIf(teamIds, 'team_id = ANY(?::uuid[])');
    return this.db.query(`SELECT agent_id AS "agentId", completed_at AS "completedAt" FROM training_assignments ${filter.where} ORDER BY completed_at, agent_id`, filter.params);
  }
}
