import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One pending time-off request per agent and time: a second request over the same time while the first
 * waits for a decision is a duplicate (a double click, a retry). The service refuses it first with the
 * existing request's id; this constraint holds under concurrent requests too. Requests that were decided
 * or cancelled do not count, so asking again after a denial or a cancellation is fine.
 */
export class ExcludeOverlappingPendingTimeOff1764000001400 implements MigrationInterface {
  name = 'ExcludeOverlappingPendingTimeOff1764000001400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE time_off_requests ADD CONSTRAINT time_off_no_overlapping_pending EXCLUDE USING gist (
        tenant_id WITH =, agent_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&
      ) WHERE (status = 'PENDING')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE time_off_requests DROP CONSTRAINT time_off_no_overlapping_pending`);
  }
}
