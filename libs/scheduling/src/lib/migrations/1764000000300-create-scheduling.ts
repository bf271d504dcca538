import { APP_ROLE, enableTenantRls } from '@deskforce/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

const ACTIVITY_TYPES = `'BREAK', 'LUNCH', 'TRAINING', 'MEETING', 'MENTORING'`;
const CHANNELS = `'PHONE', 'EMAIL', 'CHAT', 'SOCIAL'`;

export class CreateScheduling1764000000300 implements MigrationInterface {
  name = 'CreateScheduling1764000000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    // btree_gist lets one exclusion constraint compare uuids with = and time ranges with &&.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    await queryRunner.query(`
      CREATE TABLE shift_templates (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        team_id uuid,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        start_time time NOT NULL,
        duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 15 AND 1440),
        days_of_week smallint[] NOT NULL CHECK (days_of_week <@ ARRAY[1,2,3,4,5,6,7]::smallint[] AND cardinality(days_of_week) > 0),
        channel text CHECK (channel IN (${CHANNELS})),
        skill text,
        activities jsonb NOT NULL DEFAULT '[]',
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT shift_templates_team_fkey FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id)
      )`);

    await queryRunner.query(`
      CREATE TABLE shifts (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        agent_id uuid NOT NULL,
        team_id uuid NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PUBLISHED', 'CANCELLED')),
        channel text CHECK (channel IN (${CHANNELS})),
        skill text,
        template_id uuid,
        note text CHECK (length(note) <= 2000),
        version integer NOT NULL DEFAULT 1,
        published_at timestamptz,
        cancelled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT shifts_span_check CHECK (ends_at > starts_at AND ends_at - starts_at <= interval '24 hours'),
        CONSTRAINT shifts_agent_fkey FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id),
        CONSTRAINT shifts_team_fkey FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id),
        CONSTRAINT shifts_template_fkey FOREIGN KEY (tenant_id, template_id) REFERENCES shift_templates (tenant_id, id),
        -- Never two live shifts of one agent at the same time, whatever the concurrency. Deferrable so that
        -- a swap can exchange two shifts inside one transaction.
        CONSTRAINT shifts_no_overlap EXCLUDE USING gist (
          tenant_id WITH =, agent_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&
        ) WHERE (status <> 'CANCELLED') DEFERRABLE INITIALLY IMMEDIATE
      )`);
    await queryRunner.query(`CREATE INDEX shifts_team_time_idx ON shifts (tenant_id, team_id, starts_at)`);
    await queryRunner.query(`CREATE INDEX shifts_agent_time_idx ON shifts (tenant_id, agent_id, starts_at)`);

    await queryRunner.query(`
      CREATE TABLE shift_activities (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        shift_id uuid NOT NULL,
        type text NOT NULL CHECK (type IN (${ACTIVITY_TYPES})),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        note text CHECK (length(note) <= 2000),
        reference text CHECK (length(reference) <= 200),
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT shift_activities_span_check CHECK (ends_at > starts_at),
        CONSTRAINT shift_activities_shift_fkey FOREIGN KEY (tenant_id, shift_id) REFERENCES shifts (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT shift_activities_no_overlap EXCLUDE USING gist (
          tenant_id WITH =, shift_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&
        )
      )`);
    await queryRunner.query(`CREATE INDEX shift_activities_shift_idx ON shift_activities (tenant_id, shift_id)`);

    // An activity lies inside its shift, and a shift cannot shrink away from its activities: kept by the
    // database so that no code path can break it.
    await queryRunner.query(`
      CREATE FUNCTION shift_activity_inside_shift() RETURNS trigger LANGUAGE plpgsql AS $$
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
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER shift_activities_inside_shift AFTER INSERT OR UPDATE ON shift_activities
        DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW EXECUTE FUNCTION shift_activity_inside_shift()`);
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER shifts_keep_activities_inside AFTER UPDATE OF starts_at, ends_at ON shifts
        DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW EXECUTE FUNCTION shift_activity_inside_shift()`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION shift_activity_inside_shift() TO ${APP_ROLE}`);

    await queryRunner.query(`
      CREATE TABLE time_off_requests (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        agent_id uuid NOT NULL,
        type text NOT NULL CHECK (type IN ('VACATION', 'SICK', 'PERSONAL', 'TRAINING')),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        note text CHECK (length(note) <= 2000),
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'DENIED', 'CANCELLED')),
        requested_by uuid NOT NULL,
        decided_by uuid,
        decided_at timestamptz,
        decision_reason text CHECK (length(decision_reason) <= 2000),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT time_off_span_check CHECK (ends_at > starts_at AND ends_at - starts_at <= interval '366 days'),
        CONSTRAINT time_off_agent_fkey FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id),
        CONSTRAINT time_off_requested_by_fkey FOREIGN KEY (tenant_id, requested_by) REFERENCES users (tenant_id, id),
        CONSTRAINT time_off_decided_by_fkey FOREIGN KEY (tenant_id, decided_by) REFERENCES users (tenant_id, id)
      )`);
    await queryRunner.query(
      `CREATE INDEX time_off_agent_time_idx ON time_off_requests (tenant_id, agent_id, starts_at)`,
    );

    await queryRunner.query(`
      CREATE TABLE shift_swaps (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        shift_id uuid NOT NULL,
        requester_agent_id uuid NOT NULL,
        target_agent_id uuid NOT NULL,
        target_shift_id uuid,
        note text CHECK (length(note) <= 2000),
        status text NOT NULL DEFAULT 'PROPOSED' CHECK (status IN ('PROPOSED', 'ACCEPTED', 'DECLINED', 'APPROVED', 'DENIED', 'CANCELLED')),
        decided_by uuid,
        decision_reason text CHECK (length(decision_reason) <= 2000),
        version integer NOT NULL DEFAULT 1,
        -- Milliseconds, like the keyset cursors that page through swaps.
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT shift_swaps_distinct_agents CHECK (requester_agent_id <> target_agent_id),
        CONSTRAINT shift_swaps_shift_fkey FOREIGN KEY (tenant_id, shift_id) REFERENCES shifts (tenant_id, id),
        CONSTRAINT shift_swaps_target_shift_fkey FOREIGN KEY (tenant_id, target_shift_id) REFERENCES shifts (tenant_id, id),
        CONSTRAINT shift_swaps_requester_fkey FOREIGN KEY (tenant_id, requester_agent_id) REFERENCES agents (tenant_id, id),
        CONSTRAINT shift_swaps_target_fkey FOREIGN KEY (tenant_id, target_agent_id) REFERENCES agents (tenant_id, id),
        CONSTRAINT shift_swaps_decided_by_fkey FOREIGN KEY (tenant_id, decided_by) REFERENCES users (tenant_id, id)
      )`);

    await queryRunner.query(`
      CREATE TABLE labor_rule_settings (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        team_id uuid,
        rule text NOT NULL CHECK (rule IN ('MIN_REST', 'MAX_WEEKLY_HOURS', 'MAX_CONSECUTIVE_DAYS', 'SHIFT_LENGTH', 'TIME_OFF', 'SKILL_MATCH')),
        enforcement text NOT NULL CHECK (enforcement IN ('HARD', 'SOFT', 'OFF')),
        value numeric(8, 2),
        max_value numeric(8, 2),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT labor_rule_settings_scope_key UNIQUE NULLS NOT DISTINCT (tenant_id, team_id, rule),
        CONSTRAINT labor_rule_settings_team_fkey FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id)
      )`);

    for (const table of [
      'shift_templates',
      'shifts',
      'shift_activities',
      'time_off_requests',
      'shift_swaps',
      'labor_rule_settings',
    ]) {
      await enableTenantRls(queryRunner, table);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP TABLE labor_rule_settings, shift_swaps, time_off_requests, shift_activities, shifts, shift_templates`,
    );
    await queryRunner.query(`DROP FUNCTION shift_activity_inside_shift()`);
  }
}
