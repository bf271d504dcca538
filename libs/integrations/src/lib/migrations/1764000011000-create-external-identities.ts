import { enableTenantRls } from '@deskforce/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How the help desk names our agents and teams, and the help-desk tickets as last seen.
 *
 * `external_identities`: a vendor reference (`zendesk:user:360012`, `freshdesk:agent:42`, `email:ana@x.com`,
 * `zendesk:group:98738`) → an agent or a team. The reference already names its source; `source` (its
 * first part) is kept for filtering. An agent's own email needs no row: it resolves `email:` references
 * and the emails vendors send beside a user id.
 *
 * `external_contacts`: each imported ticket as the connectors normalised it (jsonb), with the vendor's
 * update time as its version: an import or webhook older than the stored version changes nothing, and
 * webhook deliveries are folded into the stored ticket (facts such as the first reply accumulate).
 */
export class CreateExternalIdentities1764000011000 implements MigrationInterface {
  name = 'CreateExternalIdentities1764000011000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE external_identities (
        tenant_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('AGENT', 'TEAM')),
        external_ref text NOT NULL CHECK (length(external_ref) BETWEEN 3 AND 300),
        source text NOT NULL CHECK (length(source) BETWEEN 1 AND 64),
        entity_id uuid NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, kind, external_ref)
      )`);
    await queryRunner.query(`CREATE INDEX external_identities_entity ON external_identities (tenant_id, entity_id)`);
    await enableTenantRls(queryRunner, 'external_identities');
    await queryRunner.query(`
      CREATE TABLE external_contacts (
        tenant_id uuid NOT NULL,
        source text NOT NULL CHECK (length(source) BETWEEN 1 AND 64),
        external_id text NOT NULL CHECK (length(external_id) BETWEEN 1 AND 200),
        external_updated_at timestamptz NOT NULL,
        contact jsonb NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, source, external_id)
      )`);
    await enableTenantRls(queryRunner, 'external_contacts');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE external_contacts`);
    await queryRunner.query(`DROP TABLE external_identities`);
  }
}
