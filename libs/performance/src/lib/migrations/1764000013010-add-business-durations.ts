import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Business-time first response and resolution (issue 13): computed when a contact is written, with the
 * calendar of its team in force then (ingest/ingest-sql.ts), and summed into the hourly rollup beside the
 * calendar durations.
 *
 * NULL means "written while the team had no calendar": the team worked around the clock, so the business
 * duration is the calendar one (the KPI expressions read `coalesce(business, calendar)`). Rows written
 * before this migration, and bulk loads that bypass the ingest (the seeds), therefore need no backfill,
 * and the rollup's new sums start as the calendar sums. The database keeps a stored value honest: only
 * where there is a calendar duration, and never longer than it.
 *
 * The two covering indexes are rebuilt to include the new columns, so the business order statistics keep
 * their index-only scans.
 */
export class AddBusinessDurations1764000013010 implements MigrationInterface {
  name = 'AddBusinessDurations1764000013010';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE interactions
        ADD COLUMN first_response_business_ms bigint,
        ADD COLUMN resolution_business_ms bigint,
        ADD CONSTRAINT interactions_first_response_business_within CHECK (
          first_response_business_ms IS NULL OR first_response_business_ms BETWEEN 0 AND first_response_ms),
        ADD CONSTRAINT interactions_resolution_business_within CHECK (
          resolution_business_ms IS NULL OR resolution_business_ms BETWEEN 0 AND resolution_ms)`);
    await queryRunner.query(`
      ALTER TABLE interaction_hourly
        ADD COLUMN first_response_business_ms_sum bigint NOT NULL DEFAULT 0,
        ADD COLUMN resolution_business_ms_sum bigint NOT NULL DEFAULT 0`);
    await queryRunner.query(`
      UPDATE interaction_hourly
         SET first_response_business_ms_sum = first_response_ms_sum, resolution_business_ms_sum = resolution_ms_sum
       WHERE first_response_ms_sum <> 0 OR resolution_ms_sum <> 0`);
    for (const [name, lead, include] of [
      ['interactions_team_time_idx', 'team_id', 'agent_id'],
      ['interactions_agent_time_idx', 'agent_id', 'team_id'],
    ] as const) {
      await queryRunner.query(`DROP INDEX ${name}`);
      await queryRunner.query(`
        CREATE INDEX ${name} ON interactions (tenant_id, ${lead}, created_at)
          INCLUDE (${include}, channel, category, first_response_ms, resolution_ms, wait_ms, answered_at, abandoned_at,
                   first_response_business_ms, resolution_business_ms)`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name, lead, include] of [
      ['interactions_team_time_idx', 'team_id', 'agent_id'],
      ['interactions_agent_time_idx', 'agent_id', 'team_id'],
    ] as const) {
      await queryRunner.query(`DROP INDEX ${name}`);
      await queryRunner.query(`
        CREATE INDEX ${name} ON interactions (tenant_id, ${lead}, created_at)
          INCLUDE (${include}, channel, category, first_response_ms, resolution_ms, wait_ms, answered_at, abandoned_at)`);
    }
    await queryRunner.query(
      `ALTER TABLE interaction_hourly DROP COLUMN first_response_business_ms_sum, DROP COLUMN resolution_business_ms_sum`,
    );
    await queryRunner.query(
      `ALTER TABLE interactions DROP COLUMN first_response_business_ms, DROP COLUMN resolution_business_ms`,
    );
  }
}
