import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Schedule generation runs from the PostgreSQL job queue (pg-boss, queue `schedule-generation`) in any API
 * process, under a lease: the process running a job renews `lease_expires_at` every few seconds, and only
 * a job whose lease lapsed is taken for interrupted (its process died or stalled past the lease), so a
 * slow process never has its live job failed by another. INTERRUPTED says so, apart from FAILED.
 */
export class LeaseScheduleJobs1764000001060 implements MigrationInterface {
  name = 'LeaseScheduleJobs1764000001060';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE schedule_generation_jobs DROP CONSTRAINT schedule_generation_jobs_status_check`,
    );
    await queryRunner.query(`
      ALTER TABLE schedule_generation_jobs
        ADD CONSTRAINT schedule_generation_jobs_status_check CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'INTERRUPTED')),
        ADD COLUMN lease_owner text,
        ADD COLUMN lease_expires_at timestamptz,
        ADD CONSTRAINT schedule_generation_jobs_lease_check CHECK (status <> 'RUNNING' OR (lease_owner IS NOT NULL AND lease_expires_at IS NOT NULL))`);
    await queryRunner.query(
      `CREATE INDEX schedule_generation_jobs_running_idx ON schedule_generation_jobs (lease_expires_at) WHERE status = 'RUNNING'`,
    );
    // Solver jobs are not retried by the queue: a lost one is reported INTERRUPTED for its user to start again.
    await queryRunner.query(
      `SELECT pgboss.create_queue('schedule-generation', '{"policy":"standard","retryLimit":0,"retentionMinutes":1440}'::json)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`SELECT pgboss.delete_queue('schedule-generation')`);
    await queryRunner.query(`DROP INDEX schedule_generation_jobs_running_idx`);
    await queryRunner.query(`
      ALTER TABLE schedule_generation_jobs DROP CONSTRAINT schedule_generation_jobs_lease_check, DROP COLUMN lease_expires_at, DROP COLUMN lease_owner,
        DROP CONSTRAINT schedule_generation_jobs_status_check,
        ADD CONSTRAINT schedule_generation_jobs_status_check CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'))`);
  }
}
