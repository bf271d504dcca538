import { enableTenantRls } from '@deskforce/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The queue that carries webhook deliveries (pg-boss); each message names a delivery row only. */
export const WEBHOOK_QUEUE = 'webhook-delivery';

/**
 * Webhooks out: the endpoints a tenant registers, one delivery row per event and endpoint (the outbox,
 * written in the transaction of the change), and each attempt of a delivery with its answer. The secret is
 * kept readable because signing needs it (HMAC); it is shown to its admin once, at creation.
 */
export class CreateWebhooks1764000010000 implements MigrationInterface {
  name = 'CreateWebhooks1764000010000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE webhook_endpoints (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        id uuid NOT NULL,
        url text NOT NULL CHECK (length(url) <= 2000),
        description text CHECK (length(description) <= 500),
        events text[] NOT NULL CHECK (cardinality(events) > 0),
        secret text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL,
        created_by uuid NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await queryRunner.query(`
      CREATE TABLE webhook_deliveries (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        endpoint_id uuid NOT NULL,
        event text NOT NULL,
        event_id uuid NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
        attempts int NOT NULL DEFAULT 0,
        last_status_code int,
        last_error text,
        last_attempt_at timestamptz,
        next_attempt_at timestamptz,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL,
        -- A resend is a new delivery of the same event (same event_id), pointing at the one it repeats.
        resent_from uuid,
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT webhook_deliveries_endpoint_fkey FOREIGN KEY (tenant_id, endpoint_id) REFERENCES webhook_endpoints (tenant_id, id) ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (tenant_id, endpoint_id, created_at, id)`,
    );
    await queryRunner.query(`
      CREATE TABLE webhook_delivery_attempts (
        tenant_id uuid NOT NULL,
        delivery_id uuid NOT NULL,
        attempt int NOT NULL,
        at timestamptz NOT NULL,
        status_code int,
        error text,
        duration_ms int NOT NULL,
        PRIMARY KEY (tenant_id, delivery_id, attempt),
        CONSTRAINT webhook_delivery_attempts_delivery_fkey FOREIGN KEY (tenant_id, delivery_id) REFERENCES webhook_deliveries (tenant_id, id) ON DELETE CASCADE
      )`);
    for (const table of ['webhook_endpoints', 'webhook_deliveries', 'webhook_delivery_attempts'])
      await enableTenantRls(queryRunner, table);
    // Retries are ours (next_attempt_at, recorded per attempt); the queue retries only a worker that died mid-job.
    await queryRunner.query(
      `SELECT pgboss.create_queue('${WEBHOOK_QUEUE}', '{"policy":"standard","retryLimit":2,"retryDelay":60,"retentionMinutes":1440}'::json)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`SELECT pgboss.delete_queue('${WEBHOOK_QUEUE}')`);
    await queryRunner.query(`DROP TABLE webhook_delivery_attempts`);
    await queryRunner.query(`DROP TABLE webhook_deliveries`);
    await queryRunner.query(`DROP TABLE webhook_endpoints`);
  }
}
