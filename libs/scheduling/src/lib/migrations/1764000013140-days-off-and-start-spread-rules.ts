import { MigrationInterface, QueryRunner } from 'typeorm';

const BEFORE = `'MIN_REST', 'MAX_WEEKLY_HOURS', 'MAX_CONSECUTIVE_DAYS', 'SHIFT_LENGTH', 'TIME_OFF', 'SKILL_MATCH', 'AVAILABILITY'`;

/**
 * Two more labor rules a tenant or a team can set: MIN_DAYS_OFF (days without a shift in every week) and
 * START_TIME_SPREAD (how far an agent's start times may wander within a week). Schedule generation keeps
 * both, and every shift change is judged by them like by the other rules.
 */
export class DaysOffAndStartSpreadRules1764000013140 implements MigrationInterface {
  name = 'DaysOffAndStartSpreadRules1764000013140';

  async up(queryRunner: QueryRunner): Promise<void> {
    await this.check(queryRunner, `${BEFORE}, 'MIN_DAYS_OFF', 'START_TIME_SPREAD'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM labor_rule_settings WHERE rule IN ('MIN_DAYS_OFF', 'START_TIME_SPREAD')`);
    await this.check(queryRunner, BEFORE);
  }

  private async check(queryRunner: QueryRunner, rules: string): Promise<void> {
    await queryRunner.query(`ALTER TABLE labor_rule_settings DROP CONSTRAINT labor_rule_settings_rule_check`);
    await queryRunner.query(
      `ALTER TABLE labor_rule_settings ADD CONSTRAINT labor_rule_settings_rule_check CHECK (rule IN (${rules}))`,
    );
  }
}
