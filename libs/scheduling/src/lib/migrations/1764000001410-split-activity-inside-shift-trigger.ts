import { APP_ROLE } from '@deskforce/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The trigger function that keeps activities inside their shift told its two tables apart by
 * `TG_TABLE_NAME = 'shift_activities'`, which on a Citus shard is `shift_activities_<shard id>`: there the
 * activity check never ran, and an activity was checked as if it were a shift. Now each table has a
 * function of its own, and no name is compared. Same checks, same constraint name in the errors.
 */
export class SplitActivityInsideShiftTrigger1764000001410 implements MigrationInterface {
  name = 'SplitActivityInsideShiftTrigger1764000001410';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION shift_keeps_activities_inside() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM shift_activities a WHERE a.tenant_id = NEW.tenant_id AND a.shift_id = NEW.id
                     AND (a.starts_at < NEW.starts_at OR a.ends_at > NEW.ends_at)) THEN
          RAISE EXCEPTION 'shift would leave an activity outside' USING ERRCODE = '23514', CONSTRAINT = 'shift_activities_inside_shift';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION shift_keeps_activities_inside() TO ${APP_ROLE}`);
    await queryRunner.query(`DROP TRIGGER shifts_keep_activities_inside ON shifts`);
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER shifts_keep_activities_inside AFTER UPDATE OF starts_at, ends_at ON shifts
        DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW EXECUTE FUNCTION shift_keeps_activities_inside()`);
    // Now called by the shift_activities trigger only.
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION shift_activity_inside_shift() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM shifts s WHERE s.tenant_id = NEW.tenant_id AND s.id = NEW.shift_id
                        AND NEW.starts_at >= s.starts_at AND NEW.ends_at <= s.ends_at) THEN
          RAISE EXCEPTION 'activity outside its shift' USING ERRCODE = '23514', CONSTRAINT = 'shift_activities_inside_shift';
        END IF;
        RETURN NEW;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION shift_activity_inside_shift() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'shift_activities' THEN
          IF NOT EXISTS (SELECT 1 FROM shifts s WHERE s.tenant_id = NEW.tenant_id AND s.id = NEW.shift_id
                          AND NEW.starts_at >= s.starts_at AND NEW.ends_at <= s.ends_at) THEN
            RAISE EXCEPTION 'activity outside its shift' USING ERRCODE = '23514', CONSTRAINT = 'shift_activities_inside_shift';
          END IF;
        ELSIF EXISTS (SELECT 1 FROM shift_activities a WHERE a.tenant_id = NEW.tenant_id AND a.shift_id = NEW.id
                        AND (a.starts_at < NEW.starts_at OR a.ends_at > NEW.ends_at)) THEN
          RAISE EXCEPTION 'shift would leave an activity outside' USING ERRCODE = '23514', CONSTRAINT = 'shift_activities_inside_shift';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`DROP TRIGGER shifts_keep_activities_inside ON shifts`);
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER shifts_keep_activities_inside AFTER UPDATE OF starts_at, ends_at ON shifts
        DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW EXECUTE FUNCTION shift_activity_inside_shift()`);
    await queryRunner.query(`DROP FUNCTION shift_keeps_activities_inside()`);
  }
}
