import { CHANNEL_ARRAY_CHECK, enableTenantRls } from '@deskforce/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The channels as they were when this migration was written (1764000013100 widened them). */
const CHANNELS = ['PHONE', 'EMAIL', 'CHAT', 'SOCIAL'];

export class CreateTeamsAndAgents1764000000200 implements MigrationInterface {
  name = 'CreateTeamsAndAgents1764000000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE teams (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        time_zone text NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 64),
        channels text[] NOT NULL DEFAULT '{}' CHECK (${CHANNEL_ARRAY_CHECK('channels', CHANNELS)}),
        lead_agent_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT teams_name_key UNIQUE (tenant_id, name)
      )`);
    await queryRunner.query(`
      CREATE TABLE agents (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        email text NOT NULL CHECK (email = lower(email) AND length(email) <= 254),
        team_id uuid NOT NULL,
        level text NOT NULL CHECK (level IN ('ENTRY', 'SENIOR', 'TEAM_LEAD', 'SPECIALIST')),
        employment_status text NOT NULL DEFAULT 'ACTIVE' CHECK (employment_status IN ('ACTIVE', 'ON_LEAVE', 'TERMINATED')),
        hire_date date NOT NULL,
        contracted_weekly_hours numeric(5, 2) NOT NULL CHECK (contracted_weekly_hours BETWEEN 0 AND 80),
        hourly_cost numeric(10, 2) NOT NULL DEFAULT 0 CHECK (hourly_cost >= 0),
        channels text[] NOT NULL DEFAULT '{}' CHECK (${CHANNEL_ARRAY_CHECK('channels', CHANNELS)}),
        user_id uuid,
        terminated_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT agents_email_key UNIQUE (tenant_id, email),
        CONSTRAINT agents_user_key UNIQUE (tenant_id, user_id),
        CONSTRAINT agents_team_fkey FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id),
        CONSTRAINT agents_user_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
      )`);
    await queryRunner.query(`CREATE INDEX agents_team_idx ON agents (tenant_id, team_id, name, id)`);
    await queryRunner.query(`CREATE INDEX agents_name_idx ON agents (tenant_id, name, id)`);
    await queryRunner.query(`
      ALTER TABLE teams ADD CONSTRAINT teams_lead_agent_fkey
        FOREIGN KEY (tenant_id, lead_agent_id) REFERENCES agents (tenant_id, id)`);
    await queryRunner.query(`
      CREATE TABLE team_coordinators (
        tenant_id uuid NOT NULL,
        team_id uuid NOT NULL,
        user_id uuid NOT NULL,
        PRIMARY KEY (tenant_id, team_id, user_id),
        CONSTRAINT team_coordinators_team_fkey FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT team_coordinators_user_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
      )`);
    await queryRunner.query(`CREATE INDEX team_coordinators_user_idx ON team_coordinators (tenant_id, user_id)`);
    await queryRunner.query(`
      CREATE TABLE agent_skills (
        tenant_id uuid NOT NULL,
        agent_id uuid NOT NULL,
        skill text NOT NULL CHECK (skill ~ '^[a-z0-9][a-z0-9_ -]{0,62}$'),
        proficiency smallint NOT NULL CHECK (proficiency BETWEEN 1 AND 5),
        PRIMARY KEY (tenant_id, agent_id, skill),
        CONSTRAINT agent_skills_agent_fkey FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id) ON DELETE CASCADE
      )`);
    for (const table of ['teams', 'agents', 'team_coordinators', 'agent_skills'])
      await enableTenantRls(queryRunner, table);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE teams DROP CONSTRAINT teams_lead_agent_fkey`);
    await queryRunner.query(`DROP TABLE agent_skills, team_coordinators, agents, teams`);
  }
}
