import { enableTenantRls } from '@deskforce/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agents' availability and shift wishes, in scheduling: the labor rule that refuses work outside
 * availability (AVAILABILITY) and schedule generation both read them beside shifts and time off, so
 * they live with them rather than in people (which would make scheduling read another domain's tables).
 *  - agent_availability_windows: recurring weekly windows, local time of the agent's team
 *    (ISO weekday 1 = Monday; minutes after midnight, end exclusive, 1440 = midnight).
 *  - agent_availability_exceptions: dated exceptions: unavailable all day or in a span, or available
 *    in an extra span.
 *  - agent_shift_preferences: weighted PREFER / AVOID wishes by weekday and/or shift template.
 * An agent with no window and no exception has not entered availability: always available.
 */
export class CreateAgentAvailability1764000000800 implements MigrationInterface {
  name = 'CreateAgentAvailability1764000000800';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE agent_availability_windows (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        agent_id uuid NOT NULL,
        weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
        start_minute smallint NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
        end_minute smallint NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT agent_availability_window_order CHECK (end_minute > start_minute),
        CONSTRAINT agent_availability_window_unique UNIQUE (tenant_id, agent_id, weekday, start_minute),
        CONSTRAINT agent_availability_window_agent_fkey FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id)
      )`);
    await queryRunner.query(`
      CREATE TABLE agent_availability_exceptions (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        agent_id uuid NOT NULL,
        day date NOT NULL,
        available boolean NOT NULL,
        start_minute smallint CHECK (start_minute BETWEEN 0 AND 1439),
        end_minute smallint CHECK (end_minute BETWEEN 1 AND 1440),
        note text CHECK (char_length(note) <= 500),
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT agent_availability_exception_span CHECK ((start_minute IS NULL) = (end_minute IS NULL) AND (end_minute IS NULL OR end_minute > start_minute)),
        CONSTRAINT agent_availability_exception_extra_needs_span CHECK (NOT available OR start_minute IS NOT NULL),
        CONSTRAINT agent_availability_exception_agent_fkey FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id)
      )`);
    await queryRunner.query(
      `CREATE INDEX agent_availability_exception_day_idx ON agent_availability_exceptions (tenant_id, agent_id, day)`,
    );
    await queryRunner.query(`
      CREATE TABLE agent_shift_preferences (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        agent_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('PREFER', 'AVOID')),
        weekday smallint CHECK (weekday BETWEEN 1 AND 7),
        template_id uuid,
        weight numeric(6, 2) NOT NULL CHECK (weight > 0 AND weight <= 100),
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT agent_shift_preference_target CHECK (weekday IS NOT NULL OR template_id IS NOT NULL),
        CONSTRAINT agent_shift_preference_agent_fkey FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id),
        CONSTRAINT agent_shift_preference_template_fkey FOREIGN KEY (tenant_id, template_id) REFERENCES shift_templates (tenant_id, id) ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX agent_shift_preference_agent_idx ON agent_shift_preferences (tenant_id, agent_id)`,
    );
    for (const table of ['agent_availability_windows', 'agent_availability_exceptions', 'agent_shift_preferences']) {
      await enableTenantRls(queryRunner, table);
    }
    // The new labor rule can be configured like the others.
    await queryRunner.query(`ALTER TABLE labor_rule_settings DROP CONSTRAINT labor_rule_settings_rule_check`);
    await queryRunner.query(
      `ALTER TABLE labor_rule_settings ADD CONSTRAINT labor_rule_settings_rule_check
         CHECK (rule IN ('MIN_REST', 'MAX_WEEKLY_HOURS', 'MAX_CONSECUTIVE_DAYS', 'SHIFT_LENGTH', 'TIME_OFF', 'SKILL_MATCH', 'AVAILABILITY'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM labor_rule_settings WHERE rule = 'AVAILABILITY'`);
    await queryRunner.query(`ALTER TABLE labor_rule_settings DROP CONSTRAINT labor_rule_settings_rule_check`);
    await queryRunner.query(
      `ALTER TABLE labor_rule_settings ADD CONSTRAINT labor_rule_settings_rule_check
         CHECK (rule IN ('MIN_REST', 'MAX_WEEKLY_HOURS', 'MAX_CONSECUTIVE_DAYS', 'SHIFT_LENGTH', 'TIME_OFF', 'SKILL_MATCH'))`,
    );
    await queryRunner.query(
      `DROP TABLE agent_shift_preferences, agent_availability_exceptions, agent_availability_windows`,
    );
  }
}
