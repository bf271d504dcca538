import {
  chunks,
  GenerateSql,
  join,
  keysetPage,
  rowsPerStatement,
  SAMPLE,
  sql,
  TenantDatabase,
} from '@deskforce/platform';
import { Injectable } from '@nestjs/common';

export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED';

export interface WebhookEndpointRow {
  id: string;
  url: string;
  description: string | null;
  events: string[];
  active: boolean;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
}

export interface WebhookDeliveryRow {
  id: string;
  endpointId: string;
  event: string;
  eventId: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
  resentFrom: string | null;
}

export interface WebhookAttemptRow {
  deliveryId: string;
  attempt: number;
  at: Date;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** What the worker needs to send a delivery: the row, its payload, and its endpoint's address and secret. */
export interface DeliveryToSend extends WebhookDeliveryRow {
  payload: object;
  url: string;
  secret: string;
  endpointActive: boolean;
}

export interface NewDelivery {
  id: string;
  endpointId: string;
  event: string;
  eventId: string;
  payload: object;
  createdAt: Date;
  resentFrom?: string | null;
}

const ENDPOINT_COLUMNS = sql`id, url, description, events, active, created_at AS "createdAt", created_by AS "createdBy", updated_at AS "updatedAt"`;
const DELIVERY_COLUMNS = sql`id, endpoint_id AS "endpointId", event, event_id AS "eventId", status, attempts, last_status_code AS "lastStatusCode",
  last_error AS "lastError", last_attempt_at AS "lastAttemptAt", next_attempt_at AS "nextAttemptAt", delivered_at AS "deliveredAt",
  created_at AS "createdAt", resent_from AS "resentFrom"`;

/** The SQL of webhooks out; every statement names its tenant. Call inside a tenant transaction. */
@Injectable()
export class WebhookRepository {
  constructor(private readonly db: TenantDatabase) {}

  @GenerateSql({
    params: [
      {
        id: SAMPLE.UUID,
        url: 'https://example.com/hook',
        description: null,
        events: ['schedule.published'],
        secret: 'sample-secret',
        createdBy: SAMPLE.UUID2,
        at: SAMPLE.NOW,
      },
    ],
  })
  async insertEndpoint(row: {
    id: string;
    url: string;
    description: string | null;
    events: string[];
    secret: string;
    createdBy: string;
    at: Date;
  }): Promise<WebhookEndpointRow> {
    return (await this.db.maybeOne<WebhookEndpointRow>(sql`
      INSERT INTO webhook_endpoints (tenant_id, id, url, description, events, secret, active, created_at, created_by, updated_at)
      VALUES (${this.db.tenantId}, ${row.id}, ${row.url}, ${row.description}, ${row.events}::text[], ${row.secret}, true, ${row.at}, ${row.createdBy}, ${row.at})
      RETURNING ${ENDPOINT_COLUMNS}`))!;
  }

  @GenerateSql({ params: [SAMPLE.UUID] }, { name: 'locked', params: [SAMPLE.UUID, true] })
  findEndpoint(id: string, forUpdate = false): Promise<WebhookEndpointRow | undefined> {
    return this.db.maybeOne<WebhookEndpointRow>(
      sql`SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE tenant_id = ${this.db.tenantId} AND id = ${id} ${forUpdate ? sql`FOR UPDATE` : sql``}`,
    );
  }

  @GenerateSql({
    params: [
      SAMPLE.UUID,
      {
        url: 'https://example.com/hook',
        description: SAMPLE.TEXT,
        events: ['schedule.published', 'swap.decided'],
        active: false,
        at: SAMPLE.NOW,
      },
    ],
  })
  async updateEndpoint(
    id: string,
    change: { url: string; description: string | null; events: string[]; active: boolean; at: Date },
  ): Promise<WebhookEndpointRow> {
    return (await this.db.maybeOne<WebhookEndpointRow>(sql`
      UPDATE webhook_endpoints SET url = ${change.url}, description = ${change.description}, events = ${change.events}::text[], active = ${change.active}, updated_at = ${change.at}
       WHERE tenant_id = ${this.db.tenantId} AND id = ${id}
      RETURNING ${ENDPOINT_COLUMNS}`))!;
  }

  @GenerateSql({ params: [SAMPLE.UUID] })
  async deleteEndpoint(id: string): Promise<void> {
    await this.db.execute(sql`DELETE FROM webhook_endpoints WHERE tenant_id = ${this.db.tenantId} AND id = ${id}`);
  }

  @GenerateSql(
    { name: 'first page', params: [SAMPLE.FIRST] },
    { name: 'later page', params: [SAMPLE.FIRST, SAMPLE.cursor(SAMPLE.NOW.toISOString(), SAMPLE.UUID2)] },
  )
  pageEndpoints(first: number, after?: string) {
    return keysetPage<WebhookEndpointRow>(this.db, {
      columns: ENDPOINT_COLUMNS,
      from: sql`webhook_endpoints`,
      where: sql`tenant_id = ${this.db.tenantId}`,
      keys: [
        { column: 'created_at', type: 'timestamptz' },
        { column: 'id', type: 'uuid' },
      ],
      first,
      after,
    });
  }

  /** The active endpoints subscribed to an event, with nothing else read. */
  @GenerateSql({ params: ['schedule.published'] })
  subscribedEndpointIds(event: string): Promise<{ id: string }[]> {
    return this.db.many<{ id: string }>(
      sql`SELECT id FROM webhook_endpoints WHERE tenant_id = ${this.db.tenantId} AND active AND ${event} = ANY (events) ORDER BY id`,
    );
  }

  /** Writes deliveries in one statement (multi-row VALUES), PENDING and due at once. */
  @GenerateSql({
    params: [
      [
        {
          id: SAMPLE.UUID,
          endpointId: SAMPLE.UUID2,
          event: 'schedule.published',
          eventId: SAMPLE.UUID3,
          payload: { teamId: SAMPLE.UUID },
          createdAt: SAMPLE.NOW,
        },
        {
          id: SAMPLE.UUID2,
          endpointId: SAMPLE.UUID2,
          event: 'schedule.published',
          eventId: SAMPLE.UUID3,
          payload: { teamId: SAMPLE.UUID },
          createdAt: SAMPLE.NOW,
          resentFrom: SAMPLE.UUID,
        },
      ],
    ],
  })
  async insertDeliveries(rows: readonly NewDelivery[]): Promise<void> {
    if (rows.length === 0) return;
    const tenantId = this.db.tenantId;
    for (const batch of chunks(rows, rowsPerStatement(9))) {
      const values = batch.map(
        (r) =>
          sql`(${tenantId}, ${r.id}, ${r.endpointId}, ${r.event}, ${r.eventId}, ${JSON.stringify(r.payload)}::jsonb, 'PENDING', 0, ${r.createdAt}, ${r.createdAt}, ${r.resentFrom ?? null}::uuid)`,
      );
      await this.db.execute(sql`
        INSERT INTO webhook_deliveries (tenant_id, id, endpoint_id, event, event_id, payload, status, attempts, next_attempt_at, created_at, resent_from)
        VALUES ${join(values)}`);
    }
  }

  @GenerateSql({ params: [SAMPLE.UUID] })
  findDelivery(id: string): Promise<(WebhookDeliveryRow & { payload: object }) | undefined> {
    return this.db.maybeOne(
      sql`SELECT ${DELIVERY_COLUMNS}, payload FROM webhook_deliveries WHERE tenant_id = ${this.db.tenantId} AND id = ${id}`,
    );
  }

  /** A delivery with its endpoint's address and secret. */
  @GenerateSql({ params: [SAMPLE.UUID] })
  toSend(id: string): Promise<DeliveryToSend | undefined> {
    return this.db.maybeOne<DeliveryToSend>(sql`
      SELECT d.id, d.endpoint_id AS "endpointId", d.event, d.event_id AS "eventId", d.status, d.attempts, d.last_status_code AS "lastStatusCode",
             d.last_error AS "lastError", d.last_attempt_at AS "lastAttemptAt", d.next_attempt_at AS "nextAttemptAt", d.delivered_at AS "deliveredAt",
             d.created_at AS "createdAt", d.resent_from AS "resentFrom", d.payload, e.url, e.secret, e.active AS "endpointActive"
        FROM webhook_deliveries d
        JOIN webhook_endpoints e ON e.tenant_id = d.tenant_id AND e.id = d.endpoint_id
       WHERE d.tenant_id = ${this.db.tenantId} AND e.tenant_id = ${this.db.tenantId} AND d.id = ${id}`);
  }

  /**
   * Records one attempt and the delivery's state after it, only if the delivery is still PENDING at the
   * attempt before (another worker did not record this attempt first); answers whether it did.
   */
  @GenerateSql(
    {
      name: 'delivered',
      params: [
        SAMPLE.UUID,
        { number: 1, at: SAMPLE.NOW, statusCode: 200, error: null, durationMs: 120 },
        { status: 'DELIVERED', nextAttemptAt: null },
      ],
      answers: [[{ id: SAMPLE.UUID }]],
    },
    {
      name: 'another worker recorded it first',
      params: [
        SAMPLE.UUID,
        { number: 2, at: SAMPLE.NOW, statusCode: 500, error: SAMPLE.TEXT, durationMs: 80 },
        { status: 'PENDING', nextAttemptAt: SAMPLE.TO },
      ],
    },
  )
  async recordAttempt(
    id: string,
    attempt: { number: number; at: Date; statusCode: number | null; error: string | null; durationMs: number },
    after: { status: DeliveryStatus; nextAttemptAt: Date | null },
  ): Promise<boolean> {
    const tenantId = this.db.tenantId;
    const updated = await this.db.many(sql`
      UPDATE webhook_deliveries
         SET attempts = ${attempt.number}, last_status_code = ${attempt.statusCode}, last_error = ${attempt.error}, last_attempt_at = ${attempt.at},
             status = ${after.status}, next_attempt_at = ${after.nextAttemptAt}, delivered_at = ${after.status === 'DELIVERED' ? attempt.at : null}
       WHERE tenant_id = ${tenantId} AND id = ${id} AND status = 'PENDING' AND attempts = ${attempt.number - 1}
      RETURNING id`);
    if (updated.length === 0) return false;
    await this.db.execute(sql`
      INSERT INTO webhook_delivery_attempts (tenant_id, delivery_id, attempt, at, status_code, error, duration_ms)
      VALUES (${tenantId}, ${id}, ${attempt.number}, ${attempt.at}, ${attempt.statusCode}, ${attempt.error}, ${attempt.durationMs})`);
    return true;
  }

  /** Gives a delivery up without an attempt (its endpoint was switched off). */
  @GenerateSql({ params: [SAMPLE.UUID, SAMPLE.TEXT] })
  async fail(id: string, error: string): Promise<void> {
    await this.db.execute(
      sql`UPDATE webhook_deliveries SET status = 'FAILED', last_error = ${error}, next_attempt_at = NULL WHERE tenant_id = ${this.db.tenantId} AND id = ${id}`,
    );
  }

  /** Newest first. */
  @GenerateSql(
    { name: 'first page', params: [SAMPLE.UUID, SAMPLE.FIRST] },
    { name: 'later page', params: [SAMPLE.UUID, SAMPLE.FIRST, SAMPLE.cursor(SAMPLE.NOW.toISOString(), SAMPLE.UUID2)] },
  )
  pageDeliveries(endpointId: string, first: number, after?: string) {
    return keysetPage<WebhookDeliveryRow & { payload: object }>(this.db, {
      columns: sql`${DELIVERY_COLUMNS}, payload`,
      from: sql`webhook_deliveries`,
      where: sql`tenant_id = ${this.db.tenantId} AND endpoint_id = ${endpointId}`,
      keys: [
        { column: 'created_at', type: 'timestamptz' },
        { column: 'id', type: 'uuid' },
      ],
      descending: true,
      first,
      after,
    });
  }

  @GenerateSql({ params: [[SAMPLE.UUID, SAMPLE.UUID2]] })
  attemptsOf(deliveryIds: readonly string[]): Promise<WebhookAttemptRow[]> {
    if (deliveryIds.length === 0) return Promise.resolve([]);
    return this.db.many<WebhookAttemptRow>(sql`
      SELECT delivery_id AS "deliveryId", attempt, at, status_code AS "statusCode", error, duration_ms AS "durationMs"
        FROM webhook_delivery_attempts
       WHERE tenant_id = ${this.db.tenantId} AND delivery_id = ANY (${deliveryIds}::uuid[])
       ORDER BY delivery_id, attempt`);
  }
}
