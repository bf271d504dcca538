import { enableTenantRls } from '@deskforce/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two changes for ingest speed (issue 5's import goal):
 *
 * - The staging table of `npm run import` holds rows already checked by the import (ingest-rules.ts), so
 *   its columns are typed: COPY parses them in its own backend, on the other core, while the previous
 *   chunk is being written, and the upsert no longer parses text. `problem` carries a survey rule that
 *   must wait for the interaction lookup. Staging is transient (emptied by every import), so it is
 *   recreated rather than altered.
 * - The foreign keys from interaction data to the people library's agents and teams are dropped. They
 *   were checked row by row (two lookups with a row lock per interaction: about half the cost of writing
 *   one); every ingest now checks the agents and teams a batch names once, set-based, through the people
 *   library, whose agents and teams are never deleted (deactivated at most). The survey → interaction key
 *   stays: both sides are ours.
 */
export class TypeImportStagingAndCheckPeoplePerBatch1764000000520 implements MigrationInterface {
  name = 'TypeImportStagingAndCheckPeoplePerBatch1764000000520';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE import_staging`);
    await queryRunner.query(`
      CREATE UNLOGGED TABLE import_staging (
        tenant_id uuid NOT NULL,
        import_id uuid NOT NULL,
        idx bigint NOT NULL,
        problem text,
        source text,
        external_id text,
        channel text,
        team_id uuid,
        agent_id uuid,
        customer_ref text,
        category text,
        status text,
        created_at timestamptz,
        first_response_at timestamptz,
        resolved_at timestamptz,
        handle_time_s integer,
        escalated_to text,
        reopen_count integer,
        contacts_to_resolve integer,
        complaint boolean,
        answered_at timestamptz,
        abandoned_at timestamptz,
        wait_ms bigint,
        interaction_source text,
        interaction_external_id text,
        csat smallint,
        nps smallint,
        comment text,
        responded_at timestamptz,
        state text,
        started_at timestamptz,
        ended_at timestamptz,
        PRIMARY KEY (tenant_id, import_id, idx)
      )`);
    await enableTenantRls(queryRunner, 'import_staging');
    for (const [table, constraint] of [
      ['interactions', 'interactions_team_fkey'],
      ['interactions', 'interactions_agent_fkey'],
      ['survey_responses', 'survey_responses_agent_fkey'],
      ['agent_state_events', 'agent_state_events_agent_fkey'],
      ['agent_state_events', 'agent_state_events_team_fkey'],
    ]) {
      await queryRunner.query(`ALTER TABLE ${table} DROP CONSTRAINT ${constraint}`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE interactions ADD CONSTRAINT interactions_team_fkey FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id)`,
    );
    await queryRunner.query(
      `ALTER TABLE interactions ADD CONSTRAINT interactions_agent_fkey FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id)`,
    );
    await queryRunner.query(
      `ALTER TABLE survey_responses ADD CONSTRAINT survey_responses_agent_fkey FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id)`,
    );
    await queryRunner.query(
      `ALTER TABLE agent_state_events ADD CONSTRAINT agent_state_events_agent_fkey FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id)`,
    );
    await queryRunner.query(
      `ALTER TABLE agent_state_events ADD CONSTRAINT agent_state_events_team_fkey FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id)`,
    );
    await queryRunner.query(`DROP TABLE import_staging`);
    const fields = [
      'source',
      'external_id',
      'channel',
      'agent_id',
      'team_id',
      'customer_ref',
      'category',
      'status',
      'created_at',
      'first_response_at',
      'resolved_at',
      'handle_time_seconds',
      'escalated_to',
      'reopen_count',
      'contacts_to_resolve',
      'complaint',
      'answered_at',
      'abandoned_at',
      'wait_time_seconds',
      'interaction_source',
      'interaction_external_id',
      'csat',
      'nps',
      'comment',
      'responded_at',
      'state',
      'started_at',
      'ended_at',
    ];
    await queryRunner.query(`
      CREATE UNLOGGED TABLE import_staging (
        tenant_id uuid NOT NULL, import_id uuid NOT NULL, idx bigint NOT NULL,
        ${fields.map((f) => `${f} text`).join(', ')},
        PRIMARY KEY (tenant_id, import_id, idx)
      )`);
    await enableTenantRls(queryRunner, 'import_staging');
  }
}
