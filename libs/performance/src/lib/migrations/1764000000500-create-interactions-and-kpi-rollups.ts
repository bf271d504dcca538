import { enableTenantRls } from '@deskforce/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Interaction data (contacts, survey responses, agent states), the hourly rollups the KPI engine reads
 * its counts and sums from, and KPI targets. Durations are stored in whole milliseconds (timestamps are
 * truncated to milliseconds on ingest), so sums are exact integers and the rollups equal the raw rows.
 */
export class CreateInteractionsAndKpiRollups1764000000500 implements MigrationInterface {
  name = 'CreateInteractionsAndKpiRollups1764000000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE interactions (
        tenant_id uuid NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        source text NOT NULL CHECK (length(source) BETWEEN 1 AND 64),
        external_id text NOT NULL CHECK (length(external_id) BETWEEN 1 AND 200),
        channel text NOT NULL CHECK (channel IN ('PHONE', 'EMAIL', 'CHAT', 'SOCIAL')),
        team_id uuid NOT NULL,
        agent_id uuid,
        customer_ref text CHECK (length(customer_ref) <= 200),
        category text CHECK (length(category) BETWEEN 1 AND 100),
        status text NOT NULL CHECK (status IN ('OPEN', 'RESOLVED', 'ESCALATED')),
        created_at timestamptz NOT NULL,
        first_response_at timestamptz,
        resolved_at timestamptz,
        handle_time_s integer CHECK (handle_time_s BETWEEN 0 AND 604800),
        escalated_to text CHECK (length(escalated_to) BETWEEN 1 AND 100),
        reopen_count integer NOT NULL DEFAULT 0 CHECK (reopen_count BETWEEN 0 AND 1000),
        contacts_to_resolve integer CHECK (contacts_to_resolve BETWEEN 1 AND 1000),
        complaint boolean NOT NULL DEFAULT false,
        answered_at timestamptz,
        abandoned_at timestamptz,
        wait_ms bigint CHECK (wait_ms BETWEEN 0 AND 86400000),
        first_response_ms bigint GENERATED ALWAYS AS ((extract(epoch FROM first_response_at - created_at) * 1000)::bigint) STORED,
        resolution_ms bigint GENERATED ALWAYS AS ((extract(epoch FROM resolved_at - created_at) * 1000)::bigint) STORED,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT interactions_external_key UNIQUE (tenant_id, source, external_id),
        CONSTRAINT interactions_team_fkey FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id),
        CONSTRAINT interactions_agent_fkey FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id),
        CONSTRAINT interactions_first_response_after_created CHECK (first_response_at >= created_at),
        CONSTRAINT interactions_resolved_after_created CHECK (resolved_at >= created_at),
        CONSTRAINT interactions_resolved_has_time CHECK (status <> 'RESOLVED' OR resolved_at IS NOT NULL),
        CONSTRAINT interactions_escalated_has_department CHECK (status <> 'ESCALATED' OR escalated_to IS NOT NULL),
        CONSTRAINT interactions_answered_or_abandoned CHECK (answered_at IS NULL OR abandoned_at IS NULL),
        CONSTRAINT interactions_queue_only_live CHECK (channel IN ('PHONE', 'CHAT') OR (answered_at IS NULL AND abandoned_at IS NULL AND wait_ms IS NULL)),
        CONSTRAINT interactions_answered_after_created CHECK (answered_at >= created_at),
        CONSTRAINT interactions_abandoned_after_created CHECK (abandoned_at >= created_at)
      )`);
    // Percentiles and the service level are computed from raw rows of a slice: these covering indexes let
    // PostgreSQL read a team's (or an agent's) month without touching the table.
    await queryRunner.query(`
      CREATE INDEX interactions_team_time_idx ON interactions (tenant_id, team_id, created_at)
        INCLUDE (agent_id, channel, category, first_response_ms, resolution_ms, wait_ms, answered_at, abandoned_at)`);
    await queryRunner.query(`
      CREATE INDEX interactions_agent_time_idx ON interactions (tenant_id, agent_id, created_at)
        INCLUDE (team_id, channel, category, first_response_ms, resolution_ms, wait_ms, answered_at, abandoned_at)`);

    await queryRunner.query(`
      CREATE TABLE survey_responses (
        tenant_id uuid NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        source text NOT NULL CHECK (length(source) BETWEEN 1 AND 64),
        external_id text NOT NULL CHECK (length(external_id) BETWEEN 1 AND 200),
        interaction_id bigint NOT NULL,
        agent_id uuid,
        csat smallint CHECK (csat BETWEEN 1 AND 5),
        nps smallint CHECK (nps BETWEEN 0 AND 10),
        comment text CHECK (length(comment) <= 5000),
        responded_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT survey_responses_external_key UNIQUE (tenant_id, source, external_id),
        CONSTRAINT survey_responses_interaction_fkey FOREIGN KEY (tenant_id, interaction_id) REFERENCES interactions (tenant_id, id),
        CONSTRAINT survey_responses_agent_fkey FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id),
        CONSTRAINT survey_responses_has_score CHECK (csat IS NOT NULL OR nps IS NOT NULL)
      )`);
    await queryRunner.query(
      `CREATE INDEX survey_responses_interaction_idx ON survey_responses (tenant_id, interaction_id) INCLUDE (csat, nps)`,
    );

    await queryRunner.query(`
      CREATE TABLE agent_state_events (
        tenant_id uuid NOT NULL,
        agent_id uuid NOT NULL,
        started_at timestamptz NOT NULL,
        ended_at timestamptz NOT NULL,
        state text NOT NULL CHECK (state IN ('AVAILABLE', 'BUSY', 'AFTER_CALL_WORK', 'BREAK', 'OFFLINE')),
        team_id uuid NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, agent_id, started_at),
        CONSTRAINT agent_state_events_agent_fkey FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id),
        CONSTRAINT agent_state_events_team_fkey FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id),
        CONSTRAINT agent_state_events_ends_after_start CHECK (ended_at > started_at),
        CONSTRAINT agent_state_events_at_most_a_day CHECK (ended_at - started_at <= interval '24 hours')
      )`);
    await queryRunner.query(
      `CREATE INDEX agent_state_events_team_idx ON agent_state_events (tenant_id, team_id, started_at)`,
    );

    // Rollups: derived data, one row per cell; an unassigned contact has the nil uuid as agent_key and
    // a contact without category the empty string, so the cell key has no NULLs.
    await queryRunner.query(`
      CREATE TABLE interaction_hourly (
        tenant_id uuid NOT NULL,
        team_id uuid NOT NULL,
        hour timestamptz NOT NULL CHECK (date_trunc('hour', hour, 'UTC') = hour),
        agent_key uuid NOT NULL,
        channel text NOT NULL,
        category text NOT NULL,
        contacts bigint NOT NULL DEFAULT 0,
        handled bigint NOT NULL DEFAULT 0,
        handled_by_agent bigint NOT NULL DEFAULT 0,
        first_responses bigint NOT NULL DEFAULT 0,
        first_response_ms_sum bigint NOT NULL DEFAULT 0,
        resolved bigint NOT NULL DEFAULT 0,
        resolution_ms_sum bigint NOT NULL DEFAULT 0,
        fcr_known bigint NOT NULL DEFAULT 0,
        fcr_one_contact bigint NOT NULL DEFAULT 0,
        escalated bigint NOT NULL DEFAULT 0,
        reopened bigint NOT NULL DEFAULT 0,
        handle_timed bigint NOT NULL DEFAULT 0,
        handle_time_s_sum bigint NOT NULL DEFAULT 0,
        complaints bigint NOT NULL DEFAULT 0,
        offered bigint NOT NULL DEFAULT 0,
        answered bigint NOT NULL DEFAULT 0,
        abandoned bigint NOT NULL DEFAULT 0,
        answered_wait_ms_sum bigint NOT NULL DEFAULT 0,
        csat_responses bigint NOT NULL DEFAULT 0,
        csat_satisfied bigint NOT NULL DEFAULT 0,
        nps_responses bigint NOT NULL DEFAULT 0,
        nps_promoters bigint NOT NULL DEFAULT 0,
        nps_detractors bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (tenant_id, team_id, hour, agent_key, channel, category)
      )`);
    await queryRunner.query(
      `CREATE INDEX interaction_hourly_agent_idx ON interaction_hourly (tenant_id, agent_key, hour)`,
    );
    await queryRunner.query(`
      CREATE TABLE agent_state_hourly (
        tenant_id uuid NOT NULL,
        team_id uuid NOT NULL,
        hour timestamptz NOT NULL CHECK (date_trunc('hour', hour, 'UTC') = hour),
        agent_id uuid NOT NULL,
        available_ms bigint NOT NULL DEFAULT 0,
        busy_ms bigint NOT NULL DEFAULT 0,
        after_call_work_ms bigint NOT NULL DEFAULT 0,
        break_ms bigint NOT NULL DEFAULT 0,
        offline_ms bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (tenant_id, team_id, hour, agent_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX agent_state_hourly_agent_idx ON agent_state_hourly (tenant_id, agent_id, hour)`,
    );

    await queryRunner.query(`
      CREATE TABLE kpi_targets (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        team_id uuid,
        metric text NOT NULL CHECK (metric ~ '^[A-Z][A-Z0-9_]{1,62}$'),
        value double precision NOT NULL CHECK (value BETWEEN -1e9 AND 1e9),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT kpi_targets_scope_key UNIQUE NULLS NOT DISTINCT (tenant_id, team_id, metric),
        CONSTRAINT kpi_targets_team_fkey FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id)
      )`);

    for (const table of [
      'interactions',
      'survey_responses',
      'agent_state_events',
      'interaction_hourly',
      'agent_state_hourly',
      'kpi_targets',
    ]) {
      await enableTenantRls(queryRunner, table);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP TABLE kpi_targets, agent_state_hourly, interaction_hourly, agent_state_events, survey_responses, interactions`,
    );
  }
}
