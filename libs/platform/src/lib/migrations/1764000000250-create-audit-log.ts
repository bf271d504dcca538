import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRls } from '../database/tenant-rls';

/** One append-only history for every domain: who changed what, when, with the row before and after. */
export class CreateAuditLog1764000000250 implements MigrationInterface {
  name = 'CreateAuditLog1764000000250';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_log (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        entity_type text NOT NULL,
        entity_id uuid NOT NULL,
        agent_id uuid,
        action text NOT NULL,
        actor_user_id uuid,
        -- Milliseconds, like the keyset cursors that page through it.
        at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
        before jsonb,
        after jsonb,
        PRIMARY KEY (tenant_id, id)
      )`);
    await queryRunner.query(`CREATE INDEX audit_log_entity_idx ON audit_log (tenant_id, entity_type, entity_id, at)`);
    await queryRunner.query(`CREATE INDEX audit_log_agent_idx ON audit_log (tenant_id, agent_id, at)`);
    await queryRunner.query(`CREATE INDEX audit_log_time_idx ON audit_log (tenant_id, at, id)`);
    await enableTenantRls(queryRunner, 'audit_log');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_log`);
  }
}
