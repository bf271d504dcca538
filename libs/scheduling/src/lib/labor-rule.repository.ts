import { GenerateSql, SAMPLE, sql, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Enforcement, LaborRule, RuleSetting } from './rules/labor-rules';

export interface StoredRuleSetting extends RuleSetting {
  id: string;
  teamId: string | null;
}

@Injectable()
export class LaborRuleRepository {
  constructor(private readonly db: TenantDatabase) {}

  /** Tenant-wide settings (teamId null) and those of the given teams. */
  @GenerateSql({ params: [[SAMPLE.UUID, SAMPLE.UUID2]] })
  settings(teamIds: readonly string[]): Promise<StoredRuleSetting[]> {
    return this.db.many<StoredRuleSetting>(
      sql`SELECT id, team_id AS "teamId", rule, enforcement, value::float8 AS value, max_value::float8 AS "maxValue"
            FROM labor_rule_settings WHERE tenant_id = ${this.db.tenantId} AND (team_id IS NULL OR team_id = ANY(${teamIds}::uuid[]))`,
    );
  }

  /** Inserts or replaces the setting of (team, rule); returns its id. */
  @GenerateSql({ params: [SAMPLE.UUID, 'MIN_REST', 'HARD', 11, null], answers: [[{ id: SAMPLE.UUID2 }]] })
  async upsert(
    teamId: string | null,
    rule: LaborRule,
    enforcement: Enforcement,
    value: number | null,
    maxValue: number | null,
  ): Promise<string> {
    // The time is a parameter: Citus evaluates ON CONFLICT … SET on the worker and needs it fixed.
    const row = await this.db.maybeOne<{ id: string }>(
      sql`INSERT INTO labor_rule_settings (tenant_id, id, team_id, rule, enforcement, value, max_value)
          VALUES (${this.db.tenantId}, ${randomUUID()}, ${teamId}, ${rule}, ${enforcement}, ${value}, ${maxValue})
          ON CONFLICT (tenant_id, team_id, rule) DO UPDATE
            SET enforcement = EXCLUDED.enforcement, value = EXCLUDED.value, max_value = EXCLUDED.max_value, updated_at = ${new Date()}
          RETURNING id`,
    );
    return row!.id;
  }

  @GenerateSql({ params: [SAMPLE.UUID, 'MIN_REST'] })
  async remove(teamId: string, rule: LaborRule): Promise<void> {
    await this.db.execute(
      sql`DELETE FROM labor_rule_settings WHERE tenant_id = ${this.db.tenantId} AND team_id = ${teamId} AND rule = ${rule}`,
    );
  }
}
