import { QueryRunner } from 'typeorm';
import { distributeIfCitus } from './citus';

/**
 * The role every request runs as (SET LOCAL ROLE at the start of each tenant transaction). It owns nothing
 * and has no BYPASSRLS, so row-level security applies to it whether the pool connects as a superuser or as
 * the tables' owner. The connecting role itself is used only for migrations and the few explicit system
 * transactions (sign-in lookup, tenant provisioning), which is why the policies are not FORCEd on the owner.
 */
export const APP_ROLE = 'deskforce_app';

/** The per-transaction setting that carries the request's tenant; the RLS policies read it. */
export const TENANT_SETTING = 'app.tenant_id';

/**
 * Puts a tenant-owned table under row-level security: rows are visible and writable only when their
 * `tenant_id` equals the transaction's tenant setting.
 * Use it in every migration that creates a tenant-owned table.
 */
export async function enableTenantRls(queryRunner: QueryRunner, table: string): Promise<void> {
  await queryRunner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
  await queryRunner.query(`ALTER TABLE ${table} ALTER COLUMN tenant_id SET STATISTICS ${TENANT_COLUMN_STATISTICS}`);
  await queryRunner.query(
    `CREATE POLICY tenant_isolation ON ${table} USING (tenant_id = app_current_tenant_id()) WITH CHECK (tenant_id = app_current_tenant_id())`,
  );
  await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO ${APP_ROLE}`);
  await distributeIfCitus(queryRunner, table);
}

/**
 * No planner statistics on tenant_id (see the migration PlanWithoutTenantStatistics): a tenant the last
 * ANALYZE did not see would be estimated at one row, and its statements planned as if it had none.
 */
export const TENANT_COLUMN_STATISTICS = 0;

/** The tables that have a tenant_id column (every tenant table), by name. */
export async function tenantTables(queryRunner: QueryRunner): Promise<string[]> {
  const rows = (await queryRunner.query(
    `SELECT c.table_name AS name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE' ORDER BY 1`,
  )) as { name: string }[];
  return rows.map((r) => r.name);
}
