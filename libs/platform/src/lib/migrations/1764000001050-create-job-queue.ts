import PgBoss from 'pg-boss';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../database/tenant-rls';
import { JOB_QUEUE_SCHEMA } from '../jobs/job-queue';

/**
 * pg-boss's schema (its own tables and functions, as its construction plan for this version says), so that
 * the application never changes the schema at run time. The request role may queue jobs (inside the
 * transaction of the change that asks for them) and read them, nothing else; payloads hold ids only. A later pg-boss version is
 * adopted by a migration running PgBoss.getMigrationPlans.
 */
export class CreateJobQueue1764000001050 implements MigrationInterface {
  name = 'CreateJobQueue1764000001050';
  // The plan brings its own BEGIN/COMMIT and advisory lock.
  transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(PgBoss.getConstructionPlans(JOB_QUEUE_SCHEMA));
    await queryRunner.query(`GRANT USAGE ON SCHEMA ${JOB_QUEUE_SCHEMA} TO ${APP_ROLE}`);
    await queryRunner.query(`GRANT SELECT ON ${JOB_QUEUE_SCHEMA}.queue TO ${APP_ROLE}`);
    // SELECT because pg-boss's insert answers with the job's id (RETURNING). Job payloads name only ids.
    await queryRunner.query(`GRANT SELECT, INSERT ON ${JOB_QUEUE_SCHEMA}.job TO ${APP_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SCHEMA ${JOB_QUEUE_SCHEMA} CASCADE`);
  }
}
