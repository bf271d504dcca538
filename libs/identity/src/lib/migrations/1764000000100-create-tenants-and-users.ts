import { APP_ROLE, enableTenantRls } from '@deskforce/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTenantsAndUsers1764000000100 implements MigrationInterface {
  name = 'CreateTenantsAndUsers1764000000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE tenants (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        slug text NOT NULL CONSTRAINT tenants_slug_key UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The tenants table is keyed by the tenant itself: a request sees only its own row.
    await queryRunner.query(`ALTER TABLE tenants ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`CREATE POLICY tenant_isolation ON tenants USING (id = app_current_tenant_id())`);
    await queryRunner.query(`GRANT SELECT ON tenants TO ${APP_ROLE}`);

    await queryRunner.query(`
      CREATE TABLE users (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL,
        email text NOT NULL CHECK (email = lower(email) AND length(email) <= 254),
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('ADMIN', 'DIRECTOR', 'COORDINATOR', 'TRAINER', 'AGENT')),
        display_name text CHECK (length(display_name) <= 200),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT users_email_key UNIQUE (tenant_id, email)
      )`);
    // Sign-in finds a user by email before any tenant is known.
    await queryRunner.query(`CREATE INDEX users_email_idx ON users (email)`);
    await enableTenantRls(queryRunner, 'users');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE users`);
    await queryRunner.query(`DROP TABLE tenants`);
  }
}
