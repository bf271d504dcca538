import { TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Enforcement, LaborRule, RuleSetting } from './rules/labor-rules';

export interface StoredRuleSetting extends RuleSetting {
  teamId: string | null;
}

@Injectable()
export class LaborRuleRepository {
  constructor(private readonly db: TenantDatabase) {}

  /** Tenant-wide settings (teamId null) and those of the given teams. */
  settings(teamIds: readonly string[]): Promise<StoredRuleSetting[]> {
    return this.db.query<StoredRuleSetting>(
      `SELECT team_id AS "teamId", rule, enforcement, value::float8 AS value, max_value::float8 AS "maxValue"
         FROM labor_rule_settings WHERE team_id IS NULL OR team_id = ANY($1::uuid[])`,
      [teamIds],
    );
  }

  async upsert(teamId: string | null, rule: LaborRule, enforcement: Enforcement, value: number | null, maxValue: number | null): Promise<void> {
    await this.db.query(
      `INSERT INTO labor_rule_settings (tenant_id, id, team_id, rule, enforcement, value, max_value)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant_id, team_id, rule) DO UPDATE
         SET enforcement = EXCLUDED.enforcement, value = EXCLUDED.value, max_value = EXCLUDED.max_value, updated_at = now()`,
      [this.db.tenantId, randomUUID(), teamId, rule, enforcement, value, maxValue],
    );
  }

  async remove(teamId: string, rule: LaborRule): Promise<void> {
    await this.db.query(`DELETE FROM labor_rule_settings WHERE team_id = $1 AND rule = $2`, [teamId, rule]);
  }
}
