import { QueryRunner } from 'typeorm';
import { APP_ROLE, tenantTables } from './tenant-rls';

/**
 * Scale-out on Citus (https://docs.citusdata.com): `tenants` becomes a reference table (a copy on every
 * node) and every table with a tenant_id is distributed by it, colocated, so every statement that names its
 * tenant runs on one shard. Without the citus extension nothing here does anything.
 */
export async function hasCitus(queryRunner: QueryRunner): Promise<boolean> {
  const rows = (await queryRunner.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`)) as unknown[];
  return rows.length > 0;
}

/** Whether the tables of this database were distributed already (the catch-up migration ran). */
async function distributed(queryRunner: QueryRunner): Promise<boolean> {
  const rows = (await queryRunner.query(
    `SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'tenants'::regclass`,
  )) as unknown[];
  return rows.length > 0;
}

/**
 * For a tenant table created by a migration after the catch-up: distribute it at once, colocated with
 * the others (its foreign keys point at tables distributed already). Called by enableTenantRls.
 */
export async function distributeIfCitus(queryRunner: QueryRunner, table: string): Promise<void> {
  if (!(await hasCitus(queryRunner)) || !(await distributed(queryRunner))) return;
  await queryRunner.query(`SELECT create_distributed_table($1, 'tenant_id', colocate_with => 'users')`, [table]);
}

/**
 * The catch-up, once, on a database that has Citus: the app role may log in (the workers connect as it),
 * SET LOCAL of the tenant reaches the workers, `tenants` is a reference table, and every tenant table is
 * distributed by tenant_id, colocated. Foreign keys between tenant tables form cycles (teams ↔ agents), so
 * they are dropped, the tables distributed, and the keys put back as they were.
 */
export async function distributeAll(queryRunner: QueryRunner): Promise<void> {
  if (!(await hasCitus(queryRunner))) return;
  await queryRunner.query(`ALTER ROLE ${APP_ROLE} LOGIN`);
  await queryRunner.query(`SELECT run_command_on_workers($$ALTER ROLE ${APP_ROLE} LOGIN$$)`);
  const [{ db }] = (await queryRunner.query(`SELECT current_database() AS db`)) as [{ db: string }];
  await queryRunner.query(`ALTER DATABASE "${db.replace(/"/g, '')}" SET citus.propagate_set_commands = 'local'`);
  const tables = await tenantTables(queryRunner);
  const keys = (await queryRunner.query(
    `SELECT conrelid::regclass::text AS "table", conname AS name, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace AND conrelid::regclass::text = ANY($1)`,
    [tables],
  )) as { table: string; name: string; definition: string }[];
  for (const key of keys) await queryRunner.query(`ALTER TABLE ${key.table} DROP CONSTRAINT ${key.name}`);
  await queryRunner.query(`SELECT create_reference_table('tenants')`);
  // users first: the others are colocated with it.
  for (const table of ['users', ...tables.filter((t) => t !== 'users')]) {
    await queryRunner.query(`SELECT create_distributed_table($1, 'tenant_id', colocate_with => $2)`, [
      table,
      table === 'users' ? 'default' : 'users',
    ]);
  }
  for (const key of keys)
    await queryRunner.query(`ALTER TABLE ${key.table} ADD CONSTRAINT ${key.name} ${key.definition}`);
}
