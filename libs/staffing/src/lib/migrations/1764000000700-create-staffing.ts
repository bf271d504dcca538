import { enableTenantRls } from '@deskforce/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

const CHANNELS = `'PHONE', 'EMAIL', 'CHAT', 'SOCIAL'`;
const JOB_STATUSES = `'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'`;

export class CreateStaffing1764000000700 implements MigrationInterface {
  name = 'CreateStaffing1764000000700';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Uploaded and overridden forecast values, one row per team, channel and 15-minute interval: the base
    // grain every interval length (15, 30, 60 minutes) is an exact multiple of, so an upload at any of
    // them replaces exactly the rows it covers and a query at any of them sums whole rows.
    await queryRunner.query(`
      CREATE TABLE staffing_forecast_intervals (
        tenant_id uuid NOT NULL,
        team_id uuid NOT NULL,
        channel text NOT NULL CHECK (channel IN (${CHANNELS})),
        starts_at timestamptz NOT NULL,
        contacts double precision NOT NULL CHECK (contacts >= 0),
        aht_seconds double precision NOT NULL CHECK (aht_seconds >= 0),
        source text NOT NULL CHECK (source IN ('UPLOAD', 'OVERRIDE')),
        updated_by uuid NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, team_id, channel, starts_at),
        CONSTRAINT staffing_forecast_quarter_hour CHECK (extract(epoch FROM starts_at) % 900 = 0),
        CONSTRAINT staffing_forecast_team_fkey FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id),
        CONSTRAINT staffing_forecast_updated_by_fkey FOREIGN KEY (tenant_id, updated_by) REFERENCES users (tenant_id, id)
      )`);

    // Schedule generation jobs: the request, its progress while the solver runs (heartbeat_at shows the
    // process running it is alive), and the result.
    await queryRunner.query(`
      CREATE TABLE schedule_generation_jobs (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        team_id uuid NOT NULL,
        channel text NOT NULL CHECK (channel IN (${CHANNELS})),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        interval_minutes integer NOT NULL CHECK (interval_minutes IN (15, 30, 60)),
        time_limit_seconds integer NOT NULL CHECK (time_limit_seconds BETWEEN 1 AND 3600),
        parameters jsonb NOT NULL,
        status text NOT NULL DEFAULT 'QUEUED' CHECK (status IN (${JOB_STATUSES})),
        phase text,
        progress double precision NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
        elapsed_seconds double precision NOT NULL DEFAULT 0,
        objective double precision,
        best_bound double precision,
        mip_gap double precision,
        result jsonb,
        error text,
        error_details jsonb,
        requested_by uuid NOT NULL,
        cancel_requested_at timestamptz,
        heartbeat_at timestamptz NOT NULL DEFAULT now(),
        -- Milliseconds, like the keyset cursors that page through jobs.
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        started_at timestamptz,
        finished_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT schedule_generation_jobs_span_check CHECK (ends_at > starts_at),
        CONSTRAINT schedule_generation_jobs_team_fkey FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id),
        CONSTRAINT schedule_generation_jobs_requested_by_fkey FOREIGN KEY (tenant_id, requested_by) REFERENCES users (tenant_id, id)
      )`);
    // One job at a time per team: two would propose shifts for the same agents and the second would fail.
    await queryRunner.query(`
      CREATE UNIQUE INDEX schedule_generation_jobs_one_active ON schedule_generation_jobs (tenant_id, team_id)
        WHERE status IN ('QUEUED', 'RUNNING')`);
    await queryRunner.query(
      `CREATE INDEX schedule_generation_jobs_team_idx ON schedule_generation_jobs (tenant_id, team_id, created_at)`,
    );
    // The start-up sweep looks for unfinished jobs across tenants.
    await queryRunner.query(`
      CREATE INDEX schedule_generation_jobs_unfinished_idx ON schedule_generation_jobs (heartbeat_at)
        WHERE status IN ('QUEUED', 'RUNNING')`);

    for (const table of ['staffing_forecast_intervals', 'schedule_generation_jobs']) {
      await enableTenantRls(queryRunner, table);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE schedule_generation_jobs, staffing_forecast_intervals`);
  }
}
