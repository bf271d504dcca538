import { MigrationInterface, QueryRunner } from 'typeorm';
import { distributeAll } from '../database/citus';

/**
 * On a Citus cluster: tenants as a reference table, every tenant table distributed by tenant_id and
 * colocated (see database/citus.ts). On plain PostgreSQL it does nothing. Later migrations that create a
 * tenant table distribute it as they enable its row-level security (enableTenantRls).
 */
export class DistributeOnCitus1764000009000 implements MigrationInterface {
  name = 'DistributeOnCitus1764000009000';
  // create_distributed_table copies the rows to the shards; it may not run inside the migration's transaction block on every version.
  transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    await distributeAll(queryRunner);
  }

  async down(): Promise<void> {
    // Undistributing (undistribute_table) is a deliberate operator task, not a rollback.
  }
}
