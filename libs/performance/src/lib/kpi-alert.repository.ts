import { chunks, GenerateSql, join, rowsPerStatement, SAMPLE, sql, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';

/** The last status the periodic evaluation saw for a target and team. */
export interface KpiAlertStateRow {
  targetId: string;
  teamId: string;
  status: string;
}

export interface KpiAlertStateChange {
  targetId: string;
  teamId: string;
  status: string;
  value: number | null;
}

/** The SQL of the KPI alert evaluation; every statement but the cross-tenant look-up names its tenant. */
@Injectable()
export class KpiAlertRepository {
  constructor(private readonly db: TenantDatabase) {}

  /** In a system transaction: the tenants with at least one KPI target. */
  @GenerateSql()
  tenantsWithTargets(): Promise<{ tenantId: string }[]> {
    return this.db.many<{ tenantId: string }>(sql`/* tenant-rules-exception: maintenance-across-tenants */
      SELECT DISTINCT tenant_id AS "tenantId" FROM kpi_targets`);
  }

  /** The open tenant's last statuses, held until the end of the transaction. */
  @GenerateSql()
  states(): Promise<KpiAlertStateRow[]> {
    return this.db.many<KpiAlertStateRow>(sql`
      SELECT target_id AS "targetId", team_id AS "teamId", status
        FROM kpi_alert_states WHERE tenant_id = ${this.db.tenantId} FOR UPDATE`);
  }

  /**
   * Stores the statuses in one statement; answers the (target, team) pairs whose status it changed (or
   * stored for the first time). A concurrent evaluation that stored the same status first changes nothing
   * here, so a change is announced once.
   */
  @GenerateSql({
    params: [[{ targetId: SAMPLE.UUID, teamId: SAMPLE.UUID2, status: 'OFF_TRACK', value: 4.1 }], SAMPLE.NOW],
  })
  async store(changes: readonly KpiAlertStateChange[], at: Date): Promise<Set<string>> {
    if (changes.length === 0) return new Set();
    const tenantId = this.db.tenantId;
    const changed = new Set<string>();
    for (const batch of chunks(changes, rowsPerStatement(6))) {
      const rows = await this.db.many<{ targetId: string; teamId: string }>(sql`
        INSERT INTO kpi_alert_states (tenant_id, target_id, team_id, status, value, changed_at)
        VALUES ${join(
          batch.map(
            (c) =>
              sql`(${tenantId}, ${c.targetId}::uuid, ${c.teamId}::uuid, ${c.status}, ${c.value}::float8, ${at}::timestamptz)`,
          ),
        )}
        ON CONFLICT (tenant_id, target_id, team_id) DO UPDATE
          SET status = EXCLUDED.status, value = EXCLUDED.value, changed_at = EXCLUDED.changed_at
          WHERE kpi_alert_states.status <> EXCLUDED.status
        RETURNING target_id AS "targetId", team_id AS "teamId"`);
      for (const r of rows) changed.add(`${r.targetId}|${r.teamId}`);
    }
    return changed;
  }
}
