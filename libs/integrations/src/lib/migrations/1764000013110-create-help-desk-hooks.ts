import { enableTenantRls } from '@deskforce/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed help-desk hooks: a Zendesk webhook's signing secret, so that its deliveries are authenticated by
 * Zendesk's signature (base64 HMAC-SHA256 of timestamp + body) instead of an API token. The hook's address
 * names the tenant and this row (`/hooks/zendesk/<tenant>/<id>`). The secret is kept readable because
 * verifying an HMAC needs it (as webhook_endpoints.secret is); it is never answered through the API.
 */
export class CreateHelpDeskHooks1764000013110 implements MigrationInterface {
  name = 'CreateHelpDeskHooks1764000013110';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE help_desk_hooks (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL,
        vendor text NOT NULL CHECK (vendor IN ('ZENDESK')),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        signing_secret text NOT NULL CHECK (length(signing_secret) BETWEEN 16 AND 500),
        created_at timestamptz NOT NULL,
        created_by uuid NOT NULL,
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT help_desk_hooks_created_by_fkey FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id)
      )`);
    await enableTenantRls(queryRunner, 'help_desk_hooks');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE help_desk_hooks`);
  }
}
