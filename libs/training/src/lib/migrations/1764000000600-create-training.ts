import { APP_ROLE, enableTenantRls } from '@deskforce/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

const CATEGORIES = `'PRODUCT', 'COMMUNICATION', 'TOOLS', 'POLICY', 'SOFT_SKILLS'`;
const LEVELS = `'ENTRY', 'SENIOR', 'TEAM_LEAD', 'SPECIALIST'`;

/** Mentor capacity when none is set (issue 6). Keep in step with DEFAULT_MENTOR_CAPACITY in training.enums.ts. */
const DEFAULT_MENTOR_CAPACITY = 3;

export class CreateTraining1764000000600 implements MigrationInterface {
  name = 'CreateTraining1764000000600';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE training_modules (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
        category text NOT NULL CHECK (category IN (${CATEGORIES})),
        content_url text CHECK (length(content_url) <= 2000),
        content_markdown text CHECK (length(content_markdown) <= 100000),
        estimated_minutes integer NOT NULL CHECK (estimated_minutes BETWEEN 1 AND 10000),
        passing_score numeric(5, 2) CHECK (passing_score BETWEEN 0 AND 100),
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT training_modules_title_key UNIQUE (tenant_id, title),
        CONSTRAINT training_modules_content_check CHECK (content_url IS NOT NULL OR content_markdown IS NOT NULL)
      )`);

    await queryRunner.query(`
      CREATE TABLE learning_paths (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT learning_paths_name_key UNIQUE (tenant_id, name)
      )`);
    await queryRunner.query(`
      CREATE TABLE learning_path_modules (
        tenant_id uuid NOT NULL,
        path_id uuid NOT NULL,
        module_id uuid NOT NULL,
        position smallint NOT NULL CHECK (position >= 0),
        due_after_days integer NOT NULL CHECK (due_after_days BETWEEN 0 AND 3650),
        PRIMARY KEY (tenant_id, path_id, module_id),
        CONSTRAINT learning_path_modules_position_key UNIQUE (tenant_id, path_id, position),
        CONSTRAINT learning_path_modules_path_fkey FOREIGN KEY (tenant_id, path_id) REFERENCES learning_paths (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT learning_path_modules_module_fkey FOREIGN KEY (tenant_id, module_id) REFERENCES training_modules (tenant_id, id)
      )`);
    await queryRunner.query(
      `CREATE INDEX learning_path_modules_module_idx ON learning_path_modules (tenant_id, module_id)`,
    );
    // Prerequisites belong to a path: both ends must be modules of it. Cycles are refused by the service.
    await queryRunner.query(`
      CREATE TABLE learning_path_prerequisites (
        tenant_id uuid NOT NULL,
        path_id uuid NOT NULL,
        module_id uuid NOT NULL,
        prerequisite_id uuid NOT NULL,
        PRIMARY KEY (tenant_id, path_id, module_id, prerequisite_id),
        CONSTRAINT learning_path_prerequisites_not_self CHECK (module_id <> prerequisite_id),
        CONSTRAINT learning_path_prerequisites_module_fkey FOREIGN KEY (tenant_id, path_id, module_id)
          REFERENCES learning_path_modules (tenant_id, path_id, module_id) ON DELETE CASCADE,
        CONSTRAINT learning_path_prerequisites_prerequisite_fkey FOREIGN KEY (tenant_id, path_id, prerequisite_id)
          REFERENCES learning_path_modules (tenant_id, path_id, module_id) ON DELETE CASCADE
      )`);

    await queryRunner.query(`
      CREATE TABLE training_assignment_rules (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        team_id uuid NOT NULL,
        level text NOT NULL CHECK (level IN (${LEVELS})),
        path_id uuid NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT training_assignment_rules_scope_key UNIQUE (tenant_id, team_id, level, path_id),
        CONSTRAINT training_assignment_rules_team_fkey FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id),
        CONSTRAINT training_assignment_rules_path_fkey FOREIGN KEY (tenant_id, path_id) REFERENCES learning_paths (tenant_id, id),
        CONSTRAINT training_assignment_rules_created_by_fkey FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id)
      )`);

    // When an agent started a path (and on which team): the base of its modules' due dates and of time-to-complete.
    await queryRunner.query(`
      CREATE TABLE learning_path_enrollments (
        tenant_id uuid NOT NULL,
        agent_id uuid NOT NULL,
        path_id uuid NOT NULL,
        team_id uuid NOT NULL,
        started_on date NOT NULL,
        started_at timestamptz NOT NULL,
        enrolled_by uuid,
        enrolled_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, agent_id, path_id),
        CONSTRAINT learning_path_enrollments_agent_fkey FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id),
        CONSTRAINT learning_path_enrollments_path_fkey FOREIGN KEY (tenant_id, path_id) REFERENCES learning_paths (tenant_id, id),
        CONSTRAINT learning_path_enrollments_team_fkey FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id),
        CONSTRAINT learning_path_enrollments_enrolled_by_fkey FOREIGN KEY (tenant_id, enrolled_by) REFERENCES users (tenant_id, id)
      )`);
    await queryRunner.query(
      `CREATE INDEX learning_path_enrollments_path_idx ON learning_path_enrollments (tenant_id, path_id, started_on)`,
    );

    // OVERDUE is not a stored status: it is read from due_at (assignments/assignment-status.ts).
    await queryRunner.query(`
      CREATE TABLE training_assignments (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        agent_id uuid NOT NULL,
        team_id uuid NOT NULL,
        module_id uuid NOT NULL,
        path_id uuid,
        status text NOT NULL DEFAULT 'ASSIGNED' CHECK (status IN ('ASSIGNED', 'IN_PROGRESS', 'COMPLETED', 'WAIVED')),
        progress_percent smallint NOT NULL DEFAULT 0 CHECK (progress_percent BETWEEN 0 AND 100),
        due_at timestamptz NOT NULL,
        assigned_by uuid,
        assigned_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        completed_at timestamptz,
        completed_version integer,
        waived_reason text CHECK (length(waived_reason) BETWEEN 1 AND 2000),
        waived_by uuid,
        waived_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        -- One assignment per agent and module, whoever assigns it and however often.
        CONSTRAINT training_assignments_agent_module_key UNIQUE (tenant_id, agent_id, module_id),
        CONSTRAINT training_assignments_completed_check CHECK ((status = 'COMPLETED') = (completed_at IS NOT NULL AND completed_version IS NOT NULL)),
        CONSTRAINT training_assignments_waived_check CHECK ((status = 'WAIVED') = (waived_reason IS NOT NULL)),
        CONSTRAINT training_assignments_agent_fkey FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id),
        CONSTRAINT training_assignments_team_fkey FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id),
        CONSTRAINT training_assignments_module_fkey FOREIGN KEY (tenant_id, module_id) REFERENCES training_modules (tenant_id, id),
        CONSTRAINT training_assignments_path_fkey FOREIGN KEY (tenant_id, path_id) REFERENCES learning_paths (tenant_id, id),
        CONSTRAINT training_assignments_assigned_by_fkey FOREIGN KEY (tenant_id, assigned_by) REFERENCES users (tenant_id, id),
        CONSTRAINT training_assignments_waived_by_fkey FOREIGN KEY (tenant_id, waived_by) REFERENCES users (tenant_id, id)
      )`);
    await queryRunner.query(
      `CREATE INDEX training_assignments_due_idx ON training_assignments (tenant_id, due_at, id)`,
    );
    await queryRunner.query(
      `CREATE INDEX training_assignments_module_idx ON training_assignments (tenant_id, module_id, status)`,
    );
    await queryRunner.query(
      `CREATE INDEX training_assignments_team_idx ON training_assignments (tenant_id, team_id, status)`,
    );

    await queryRunner.query(`
      CREATE TABLE training_quiz_attempts (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        assignment_id uuid NOT NULL,
        score numeric(5, 2) NOT NULL CHECK (score BETWEEN 0 AND 100),
        module_version integer NOT NULL,
        recorded_by uuid,
        attempted_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT training_quiz_attempts_assignment_fkey FOREIGN KEY (tenant_id, assignment_id) REFERENCES training_assignments (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT training_quiz_attempts_recorded_by_fkey FOREIGN KEY (tenant_id, recorded_by) REFERENCES users (tenant_id, id)
      )`);
    await queryRunner.query(
      `CREATE INDEX training_quiz_attempts_assignment_idx ON training_quiz_attempts (tenant_id, assignment_id, attempted_at)`,
    );

    // Which version of a POLICY module each agent acknowledged, kept for every version.
    await queryRunner.query(`
      CREATE TABLE policy_acknowledgements (
        tenant_id uuid NOT NULL,
        agent_id uuid NOT NULL,
        module_id uuid NOT NULL,
        version integer NOT NULL,
        acknowledged_at timestamptz NOT NULL DEFAULT now(),
        recorded_by uuid,
        PRIMARY KEY (tenant_id, agent_id, module_id, version),
        CONSTRAINT policy_acknowledgements_agent_fkey FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id),
        CONSTRAINT policy_acknowledgements_module_fkey FOREIGN KEY (tenant_id, module_id) REFERENCES training_modules (tenant_id, id),
        CONSTRAINT policy_acknowledgements_recorded_by_fkey FOREIGN KEY (tenant_id, recorded_by) REFERENCES users (tenant_id, id)
      )`);

    // A module session booked into the agent's shift (the activity itself belongs to scheduling).
    await queryRunner.query(`
      CREATE TABLE training_sessions (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        assignment_id uuid NOT NULL,
        shift_activity_id uuid NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        booked_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT training_sessions_span_check CHECK (ends_at > starts_at),
        CONSTRAINT training_sessions_assignment_fkey FOREIGN KEY (tenant_id, assignment_id) REFERENCES training_assignments (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT training_sessions_booked_by_fkey FOREIGN KEY (tenant_id, booked_by) REFERENCES users (tenant_id, id)
      )`);
    await queryRunner.query(
      `CREATE INDEX training_sessions_assignment_idx ON training_sessions (tenant_id, assignment_id, starts_at)`,
    );

    await queryRunner.query(`
      CREATE TABLE mentor_capacities (
        tenant_id uuid NOT NULL,
        agent_id uuid NOT NULL,
        capacity smallint NOT NULL CHECK (capacity BETWEEN 0 AND 50),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, agent_id),
        CONSTRAINT mentor_capacities_agent_fkey FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id)
      )`);

    await queryRunner.query(`
      CREATE TABLE mentorships (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        mentor_id uuid NOT NULL,
        mentee_id uuid NOT NULL,
        goals text NOT NULL CHECK (length(goals) BETWEEN 1 AND 5000),
        starts_on date NOT NULL,
        ends_on date,
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'ENDED')),
        end_note text CHECK (length(end_note) <= 2000),
        created_by uuid,
        -- Milliseconds, like the keyset cursors that page through mentorships.
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
        ended_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT mentorships_distinct_agents CHECK (mentor_id <> mentee_id),
        CONSTRAINT mentorships_span_check CHECK (ends_on IS NULL OR ends_on >= starts_on),
        CONSTRAINT mentorships_mentor_fkey FOREIGN KEY (tenant_id, mentor_id) REFERENCES agents (tenant_id, id),
        CONSTRAINT mentorships_mentee_fkey FOREIGN KEY (tenant_id, mentee_id) REFERENCES agents (tenant_id, id),
        CONSTRAINT mentorships_created_by_fkey FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id)
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX mentorships_active_pair_key ON mentorships (tenant_id, mentor_id, mentee_id) WHERE status = 'ACTIVE'`,
    );
    await queryRunner.query(`CREATE INDEX mentorships_mentee_idx ON mentorships (tenant_id, mentee_id)`);

    // Mentor capacity under concurrency: the check takes a per-mentor transaction lock, then counts with a
    // fresh snapshot (a VOLATILE function in READ COMMITTED sees what committed before the lock was
    // granted), so two concurrent inserts cannot both take the last place. The service takes the same lock
    // first to explain a refusal; this trigger holds whatever path writes the row.
    await queryRunner.query(`
      CREATE FUNCTION mentorship_capacity_check() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        allowed integer;
        taken integer;
      BEGIN
        IF NEW.status <> 'ACTIVE' THEN
          RETURN NEW;
        END IF;
        PERFORM pg_advisory_xact_lock(hashtextextended('mentor:' || NEW.tenant_id || ':' || NEW.mentor_id, 0));
        SELECT coalesce((SELECT capacity FROM mentor_capacities WHERE tenant_id = NEW.tenant_id AND agent_id = NEW.mentor_id), ${DEFAULT_MENTOR_CAPACITY})
          INTO allowed;
        SELECT count(*) INTO taken FROM mentorships
         WHERE tenant_id = NEW.tenant_id AND mentor_id = NEW.mentor_id AND status = 'ACTIVE';
        IF taken > allowed THEN
          RAISE EXCEPTION 'mentor % is at capacity (% of %)', NEW.mentor_id, taken - 1, allowed
            USING ERRCODE = '23P01', CONSTRAINT = 'mentorships_mentor_capacity';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER mentorships_mentor_capacity AFTER INSERT OR UPDATE OF status, mentor_id ON mentorships
        DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW EXECUTE FUNCTION mentorship_capacity_check()`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION mentorship_capacity_check() TO ${APP_ROLE}`);

    await queryRunner.query(`
      CREATE TABLE mentoring_sessions (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        mentorship_id uuid NOT NULL,
        held_at timestamptz NOT NULL,
        duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
        notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 10000),
        target_metric text CHECK (length(target_metric) <= 64),
        target_skill text CHECK (length(target_skill) <= 63),
        follow_ups text[] NOT NULL DEFAULT '{}' CHECK (cardinality(follow_ups) <= 20),
        mentor_activity_id uuid,
        mentee_activity_id uuid,
        recorded_by uuid,
        -- Milliseconds, like the keyset cursors that page through sessions.
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT mentoring_sessions_mentorship_fkey FOREIGN KEY (tenant_id, mentorship_id) REFERENCES mentorships (tenant_id, id),
        CONSTRAINT mentoring_sessions_recorded_by_fkey FOREIGN KEY (tenant_id, recorded_by) REFERENCES users (tenant_id, id)
      )`);
    await queryRunner.query(
      `CREATE INDEX mentoring_sessions_mentorship_idx ON mentoring_sessions (tenant_id, mentorship_id, held_at)`,
    );

    for (const table of [
      'training_modules',
      'learning_paths',
      'learning_path_modules',
      'learning_path_prerequisites',
      'training_assignment_rules',
      'learning_path_enrollments',
      'training_assignments',
      'training_quiz_attempts',
      'policy_acknowledgements',
      'training_sessions',
      'mentor_capacities',
      'mentorships',
      'mentoring_sessions',
    ]) {
      await enableTenantRls(queryRunner, table);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE mentoring_sessions, mentorships, mentor_capacities, training_sessions, policy_acknowledgements, training_quiz_attempts,
        training_assignments, learning_path_enrollments, training_assignment_rules, learning_path_prerequisites, learning_path_modules,
        learning_paths, training_modules`);
    await queryRunner.query(`DROP FUNCTION mentorship_capacity_check()`);
  }
}
