import { APP_ROLE, enableTenantRls } from '@deskforce/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions (one per sign-in, with a rotating refresh token), API tokens for integrations, deactivated
 * users, a per-user language, and the login throttle's counters.
 */
export class CreateSessionsAndApiTokens1764000001000 implements MigrationInterface {
  name = 'CreateSessionsAndApiTokens1764000001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE users
        ADD COLUMN deactivated_at timestamptz,
        ADD COLUMN locale text CHECK (locale IN ('en', 'tr', 'az', 'pl'))`);
    // GRANT on the table covers new columns; the request role may update its own user's locale.

    await queryRunner.query(`
      CREATE TABLE sessions (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        user_id uuid NOT NULL,
        -- SHA-256 of the current refresh token's secret, and of the one it replaced (a replayed old token
        -- means it was stolen: the session ends).
        refresh_token_hash bytea NOT NULL CHECK (length(refresh_token_hash) = 32),
        previous_refresh_token_hash bytea CHECK (length(previous_refresh_token_hash) = 32),
        created_at timestamptz NOT NULL,
        refreshed_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        ended_at timestamptz,
        end_reason text CHECK (end_reason IN ('SIGN_OUT', 'SIGN_OUT_EVERYWHERE', 'PASSWORD_CHANGED', 'ROLE_CHANGED', 'USER_DEACTIVATED', 'REFRESH_TOKEN_REUSED')),
        user_agent text CHECK (length(user_agent) <= 500),
        client_address text CHECK (length(client_address) <= 100),
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT sessions_user_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
        CHECK ((ended_at IS NULL) = (end_reason IS NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX sessions_live_user_idx ON sessions (tenant_id, user_id) WHERE ended_at IS NULL`,
    );
    await enableTenantRls(queryRunner, 'sessions');

    await queryRunner.query(`
      CREATE TABLE api_tokens (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        role text NOT NULL CHECK (role IN ('ADMIN', 'DIRECTOR', 'COORDINATOR', 'TRAINER')),
        token_hash bytea NOT NULL CHECK (length(token_hash) = 32),
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz,
        last_used_at timestamptz,
        revoked_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT api_tokens_created_by_fkey FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id)
      )`);
    // One live token per name, so that "the Zendesk token" means one thing.
    await queryRunner.query(
      `CREATE UNIQUE INDEX api_tokens_live_name_key ON api_tokens (tenant_id, name) WHERE revoked_at IS NULL`,
    );
    await enableTenantRls(queryRunner, 'api_tokens');

    await queryRunner.query(`ALTER TABLE audit_log ADD COLUMN actor_api_token_id uuid`);

    // Counters of rate-limiter-flexible's PostgreSQL store (its own table shape): sign-in attempts by
    // account and by client address, before any tenant is known. Only the connecting role touches it.
    await queryRunner.query(`
      CREATE TABLE login_throttle (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`);
    await queryRunner.query(`REVOKE ALL ON login_throttle FROM ${APP_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE login_throttle`);
    await queryRunner.query(`ALTER TABLE audit_log DROP COLUMN actor_api_token_id`);
    await queryRunner.query(`DROP TABLE api_tokens`);
    await queryRunner.query(`DROP TABLE sessions`);
    await queryRunner.query(`ALTER TABLE users DROP COLUMN locale, DROP COLUMN deactivated_at`);
  }
}
