import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Activities of a shift still never overlap, but the check now runs at the end of each statement
 * (DEFERRABLE INITIALLY IMMEDIATE) instead of row by row, so that one UPDATE can move all of a shift's
 * activities, each into a place another just left (a shift moved later carries its breaks with it). It
 * replaces SET CONSTRAINTS … DEFERRED, which Citus does not pass to its workers. Nobody defers it.
 */
export class CheckActivityOverlapPerStatement1764000001420 implements MigrationInterface {
  name = 'CheckActivityOverlapPerStatement1764000001420';

  async up(queryRunner: QueryRunner): Promise<void> {
    await this.recreate(queryRunner, 'DEFERRABLE INITIALLY IMMEDIATE');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await this.recreate(queryRunner, '');
  }

  private async recreate(queryRunner: QueryRunner, timing: string): Promise<void> {
    await queryRunner.query(`ALTER TABLE shift_activities DROP CONSTRAINT shift_activities_no_overlap`);
    await queryRunner.query(`
      ALTER TABLE shift_activities ADD CONSTRAINT shift_activities_no_overlap EXCLUDE USING gist (
        tenant_id WITH =, shift_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&
      ) ${timing}`);
  }
}
