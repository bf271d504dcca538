import { decodeCursor, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { KpiTargetEntity } from './entities/kpi-target.entity';
import { KpiMetric } from './kpi/metrics';

@Injectable()
export class TargetRepository {
  constructor(private readonly db: TenantDatabase) {}

  findById(id: string): Promise<KpiTargetEntity | null> {
    return this.db.manager.findOneBy(KpiTargetEntity, { id });
  }

  /** Ordered by metric then id. `teamIds` null: every target; else the organisation's and those teams'. */
  async page(teamIds: readonly string[] | null, first: number, after?: string): Promise<{ rows: KpiTargetEntity[]; totalCount: number }> {
    const qb = this.db.manager.createQueryBuilder(KpiTargetEntity, 't');
    if (teamIds) qb.andWhere('(t.team_id IS NULL OR t.team_id = ANY(:teamIds))', { teamIds });
    const totalCount = await qb.getCount();
    if (after) {
      const [metric, id] = decodeCursor(after, ['string', 'string']);
      qb.andWhere('(t.metric, t.id) > (:metric, CAST(:id AS uuid))', { metric, id });
    }
    const rows = await qb.orderBy('t.metric').addOrderBy('t.id').limit(first + 1).getMany();
    return { rows, totalCount };
  }

  all(): Promise<KpiTargetEntity[]> {
    return this.db.manager.find(KpiTargetEntity, { order: { metric: 'ASC' } });
  }

  /** The target of each metric for a team: its own, else the organisation's. */
  async effectiveFor(teamId: string): Promise<Map<KpiMetric, number>> {
    const rows = await this.db.query<{ metric: KpiMetric; value: number }>(
      `SELECT DISTINCT ON (metric) metric, value FROM kpi_targets
        WHERE tenant_id = app_current_tenant_id() AND (team_id IS NULL OR team_id = $1)
        ORDER BY metric, team_id NULLS LAST`,
      [teamId],
    );
    return new Map(rows.map((r) => [r.metric, r.value]));
  }

  /** Insert or replace the target of (team, metric); returns its id. */
  async upsert(id: string, tenantId: string, teamId: string | null, metric: KpiMetric, value: number): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO kpi_targets (tenant_id, id, team_id, metric, value) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id, team_id, metric) DO UPDATE SET value = EXCLUDED.value, updated_at = now()
       RETURNING id`,
      [tenantId, id, teamId, metric, value],
    );
    return row!.id;
  }

  async remove(id: string): Promise<void> {
    await this.db.manager.delete(KpiTargetEntity, { id });
  }
}
