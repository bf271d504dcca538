import { MigrationInterface, QueryRunner } from 'typeorm';
import { TENANT_COLUMN_STATISTICS, tenantTables } from '../database/tenant-rls';

/**
 * No planner statistics on tenant_id. With them, a tenant the last ANALYZE did not see (a new
 * organisation, or one whose first import is under way) is estimated at one row: the planner then treats
 * every index that starts with tenant_id as equally good and every join as tiny, and looked a batch's rows
 * up through an index on (tenant_id, agent_id, created_at), filtering the whole tenant for each row (a 20 s
 * statement for 6,000 rows). Without them, `tenant_id = $1` is estimated at a fixed share of the table, so
 * the most selective index wins. Later tenant tables get the same setting from enableTenantRls.
 */
export class PlanWithoutTenantStatistics1764000012000 implements MigrationInterface {
  name = 'PlanWithoutTenantStatistics1764000012000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of await tenantTables(queryRunner)) {
      await queryRunner.query(`ALTER TABLE ${table} ALTER COLUMN tenant_id SET STATISTICS ${TENANT_COLUMN_STATISTICS}`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of await tenantTables(queryRunner))
      await queryRunner.query(`ALTER TABLE ${table} ALTER COLUMN tenant_id SET STATISTICS -1`);
  }
}
