import { and, GenerateSql, keysetPage, SAMPLE, sql, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { KpiMetric } from './kpi/metrics';

/** A row of kpi_targets. */
export interface KpiTargetRow {
  id: string;
  /** null: the organisation-wide target, for teams without one of their own. */
  teamId: string | null;
  metric: string;
  value: number;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = sql`id, team_id AS "teamId", metric, value, created_at AS "createdAt", updated_at AS "updatedAt"`;

@Injectable()
export class TargetRepository {
  constructor(private readonly db: TenantDatabase) {}

  @GenerateSql({ params: [SAMPLE.UUID] })
  async findById(id: string): Promise<KpiTargetRow | null> {
    return (
      (await this.db.maybeOne<KpiTargetRow>(
        sql`SELECT ${COLUMNS} FROM kpi_targets WHERE tenant_id = ${this.db.tenantId} AND id = ${id}`,
      )) ?? null
    );
  }

  /** The target of (team, metric); team null: the organisation's. */
  @GenerateSql({ name: 'a team', params: [SAMPLE.UUID, 'CSAT'] }, { name: 'the organisation', params: [null, 'CSAT'] })
  async findFor(teamId: string | null, metric: KpiMetric): Promise<KpiTargetRow | null> {
    return (
      (await this.db.maybeOne<KpiTargetRow>(
        sql`SELECT ${COLUMNS} FROM kpi_targets WHERE tenant_id = ${this.db.tenantId} AND metric = ${metric}
              AND team_id IS NOT DISTINCT FROM ${teamId}::uuid`,
      )) ?? null
    );
  }

  /** Ordered by metric then id. `teamIds` null: every target; else the organisation's and those teams'. */
  @GenerateSql(
    { name: 'first page, every target', params: [null, SAMPLE.FIRST] },
    { name: 'later page, some teams', params: [[SAMPLE.UUID], SAMPLE.FIRST, SAMPLE.cursor('CONTACTS', SAMPLE.UUID2)] },
  )
  page(
    teamIds: readonly string[] | null,
    first: number,
    after?: string,
  ): Promise<{ rows: KpiTargetRow[]; totalCount: number }> {
    return keysetPage<KpiTargetRow>(this.db, {
      columns: COLUMNS,
      from: sql`kpi_targets`,
      where: sql`tenant_id = ${this.db.tenantId} ${and(teamIds !== null && sql`(team_id IS NULL OR team_id = ANY(${teamIds}::uuid[]))`)}`,
      keys: [
        { column: 'metric', type: 'text' },
        { column: 'id', type: 'uuid' },
      ],
      first,
      after,
    });
  }

  @GenerateSql({})
  all(): Promise<KpiTargetRow[]> {
    return this.db.many<KpiTargetRow>(
      sql`SELECT ${COLUMNS} FROM kpi_targets WHERE tenant_id = ${this.db.tenantId} ORDER BY metric`,
    );
  }

  /** The target of each metric for a team: its own, else the organisation's. */
  @GenerateSql({ params: [SAMPLE.UUID] })
  async effectiveFor(teamId: string): Promise<Map<KpiMetric, number>> {
    const rows = await this.db.many<{ metric: KpiMetric; value: number }>(
      sql`SELECT DISTINCT ON (metric) metric, value FROM kpi_targets
           WHERE tenant_id = ${this.db.tenantId} AND (team_id IS NULL OR team_id = ${teamId})
           ORDER BY metric, team_id NULLS LAST`,
    );
    return new Map(rows.map((r) => [r.metric, r.value]));
  }

  /** Insert or replace the target of (team, metric); returns its id. */
  @GenerateSql({ params: [SAMPLE.UUID, SAMPLE.UUID2, 'CONTACTS', 120, SAMPLE.NOW], answers: [[{ id: SAMPLE.UUID }]] })
  async upsert(id: string, teamId: string | null, metric: KpiMetric, value: number, now: Date): Promise<string> {
    const row = await this.db.maybeOne<{ id: string }>(
      sql`INSERT INTO kpi_targets (tenant_id, id, team_id, metric, value) VALUES (${this.db.tenantId}, ${id}, ${teamId}, ${metric}, ${value})
          ON CONFLICT (tenant_id, team_id, metric) DO UPDATE SET value = EXCLUDED.value, updated_at = ${now}
          RETURNING id`,
    );
    return row!.id;
  }

  @GenerateSql({ params: [SAMPLE.UUID] })
  async remove(id: string): Promise<void> {
    await this.db.execute(sql`DELETE FROM kpi_targets WHERE tenant_id = ${this.db.tenantId} AND id = ${id}`);
  }
}
