import { enableTenantRls } from '@deskforce/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The queue of the periodic sweep that sends `training.overdue` (pg-boss, the queue schedule generation runs on). */
export const TRAINING_OVERDUE_QUEUE = 'training-overdue-sweep';

/**
 * `training.overdue` out: one row per assignment and due date whose passing was announced, so that the
 * periodic sweep announces each overdue assignment once (an assignment given a new due date, e.g. a new
 * version of a POLICY module, is announced again when that one passes). Written in the transaction that
 * publishes the event.
 */
export class CreateTrainingOverdueNotices1764000013120 implements MigrationInterface {
  name = 'CreateTrainingOverdueNotices1764000013120';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE training_overdue_notices (
        tenant_id uuid NOT NULL,
        assignment_id uuid NOT NULL,
        due_at timestamptz NOT NULL,
        notified_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, assignment_id, due_at),
        CONSTRAINT training_overdue_notices_assignment_fkey FOREIGN KEY (tenant_id, assignment_id) REFERENCES training_assignments (tenant_id, id) ON DELETE CASCADE
      )`);
    await enableTenantRls(queryRunner, 'training_overdue_notices');
    // The sweep is throttled to one per period (singleton key); a sweep that dies is simply run by the next one.
    await queryRunner.query(
      `SELECT pgboss.create_queue('${TRAINING_OVERDUE_QUEUE}', '{"policy":"standard","retryLimit":0,"retentionMinutes":1440}'::json)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`SELECT pgboss.delete_queue('${TRAINING_OVERDUE_QUEUE}')`);
    await queryRunner.query(`DROP TABLE training_overdue_notices`);
  }
}
