import { enableTenantRls } from '@deskforce/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where `npm run import` COPYs a file before upserting it in chunks: every field as text, keyed by the
 * import and the file's line number. UNLOGGED (a crash loses only what a re-run restages) and emptied by
 * each import when it ends or when the next import of the tenant starts.
 */
export class CreateImportStaging1764000000510 implements MigrationInterface {
  name = 'CreateImportStaging1764000000510';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Every field of the three kinds of rows (ingest/ingest-sql.ts), as written when this migration was.
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
        tenant_id uuid NOT NULL,
        import_id uuid NOT NULL,
        idx bigint NOT NULL,
        ${fields.map((f) => `${f} text`).join(',\n        ')},
        PRIMARY KEY (tenant_id, import_id, idx)
      )`);
    await enableTenantRls(queryRunner, 'import_staging');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE import_staging`);
  }
}
