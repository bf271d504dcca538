import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, TENANT_SETTING } from '../database/tenant-rls';

/**
 * The request role and the tenant function that every RLS policy calls.
 * Roles are cluster-wide, so creating one tolerates its existence (several databases on one server).
 */
export class CreateAppRole1764000000000 implements MigrationInterface {
  name = 'CreateAppRole1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
          CREATE ROLE ${APP_ROLE} NOLOGIN NOBYPASSRLS;
        END IF;
      EXCEPTION WHEN duplicate_object THEN NULL; -- created concurrently by another database's migration
      END $$`);
    // The connecting user must be able to SET ROLE to it (implicit for superusers).
    await queryRunner.query(`
      DO $$
      BEGIN
        IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
          EXECUTE format('GRANT ${APP_ROLE} TO %I', current_user);
        END IF;
      END $$`);
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
    // NULL (no tenant chosen) matches no row: a transaction that never set its tenant sees nothing.
    await queryRunner.query(`
      CREATE FUNCTION app_current_tenant_id() RETURNS uuid
      LANGUAGE sql STABLE PARALLEL SAFE
      AS $$ SELECT nullif(current_setting('${TENANT_SETTING}', true), '')::uuid $$`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION app_current_tenant_id() TO ${APP_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION app_current_tenant_id()`);
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM ${APP_ROLE}`);
  }
}
