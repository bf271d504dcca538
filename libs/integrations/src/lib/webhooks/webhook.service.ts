import {
  Actor,
  APP_CONFIG,
  AppConfig,
  AppError,
  AuditLog,
  ConnectionShape,
  EventSink,
  JobQueue,
  OutboxEvent,
  TenantDatabase,
  toConnection,
} from '@deskforce/platform';
import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { WEBHOOK_QUEUE } from '../migrations/1764000010000-create-webhooks';
import { CreateWebhookEndpointInput, UpdateWebhookEndpointInput } from './graphql/webhook.input';
import {
  CreateWebhookEndpointPayload,
  WebhookDeliveryModel,
  WebhookDeliveryStatus,
  WebhookEndpointModel,
  WebhookEvent,
} from './graphql/webhook.model';
import { refusedAddress } from './webhook-address';
import {
  NewDelivery,
  WebhookAttemptRow,
  WebhookDeliveryRow,
  WebhookEndpointRow,
  WebhookRepository,
} from './webhook.repository';

/** What the queue carries: where to find the delivery; everything else is in its row. */
export interface WebhookQueueMessage {
  tenantId: string;
  deliveryId: string;
}

/** The body of every delivery: the event's id (stable across resends), its name, when it happened, its data. */
export interface WebhookBody {
  id: string;
  event: string;
  occurredAt: string;
  data: object;
}

export function toEndpointModel(row: WebhookEndpointRow): WebhookEndpointModel {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events as WebhookEvent[],
    active: row.active,
    createdAt: row.createdAt,
    createdByUserId: row.createdBy,
    updatedAt: row.updatedAt,
  };
}

function toDeliveryModel(
  row: WebhookDeliveryRow & { payload?: object },
  attempts: WebhookAttemptRow[],
): WebhookDeliveryModel {
  return {
    id: row.id,
    endpointId: row.endpointId,
    event: row.event as WebhookEvent,
    eventId: row.eventId,
    status: row.status as WebhookDeliveryStatus,
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    lastAttemptAt: row.lastAttemptAt,
    nextAttemptAt: row.nextAttemptAt,
    deliveredAt: row.deliveredAt,
    createdAt: row.createdAt,
    resentFromId: row.resentFrom,
    payload: row.payload ?? null,
    attemptLog: attempts.map((a) => ({
      attempt: a.attempt,
      at: a.at,
      statusCode: a.statusCode,
      error: a.error,
      durationMs: a.durationMs,
    })),
  };
}

/** The audit view of an endpoint: everything but its secret. */
function audited(row: WebhookEndpointRow): Record<string, unknown> {
  return { url: row.url, description: row.description, events: row.events, active: row.active };
}

/**
 * Webhooks out: admins register endpoints; domain events reach them through the EventOutbox port (this
 * service is its sink), one delivery row per subscribed active endpoint plus one queued job, both in the
 * transaction of the change. The WebhookDeliveryWorker sends them.
 */
@Injectable()
export class WebhookService implements EventSink {
  constructor(
    private readonly db: TenantDatabase,
    private readonly webhooks: WebhookRepository,
    private readonly queue: JobQueue,
    private readonly audit: AuditLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, input: CreateWebhookEndpointInput): Promise<CreateWebhookEndpointPayload> {
    await this.checkUrl(input.url, 'input.url');
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    return this.db.transaction(actor.tenantId, async () => {
      const row = await this.webhooks.insertEndpoint({
        id: randomUUID(),
        url: input.url,
        description: input.description ?? null,
        events: input.events,
        secret,
        createdBy: actor.userId,
        at: new Date(),
      });
      await this.audit.record(actor, [
        { entityType: 'WEBHOOK_ENDPOINT', entityId: row.id, action: 'CREATE', after: audited(row) },
      ]);
      return { endpoint: toEndpointModel(row), secret };
    });
  }

  async update(actor: Actor, input: UpdateWebhookEndpointInput): Promise<WebhookEndpointModel> {
    if (input.url !== undefined) await this.checkUrl(input.url, 'input.url');
    return this.db.transaction(actor.tenantId, async () => {
      const before = await this.webhooks.findEndpoint(input.id, true);
      if (!before) throw AppError.notFound('Webhook endpoint', input.id);
      const row = await this.webhooks.updateEndpoint(input.id, {
        url: input.url ?? before.url,
        description: input.description === undefined ? before.description : input.description,
        events: input.events ?? before.events,
        active: input.active ?? before.active,
        at: new Date(),
      });
      await this.audit.record(actor, [
        {
          entityType: 'WEBHOOK_ENDPOINT',
          entityId: row.id,
          action: 'UPDATE',
          before: audited(before),
          after: audited(row),
        },
      ]);
      return toEndpointModel(row);
    });
  }

  /** Deletes an endpoint with its deliveries (their queued jobs then find nothing to send). */
  delete(actor: Actor, id: string): Promise<string> {
    return this.db.transaction(actor.tenantId, async () => {
      const before = await this.webhooks.findEndpoint(id, true);
      if (!before) throw AppError.notFound('Webhook endpoint', id);
      await this.webhooks.deleteEndpoint(id);
      await this.audit.record(actor, [
        { entityType: 'WEBHOOK_ENDPOINT', entityId: id, action: 'DELETE', before: audited(before) },
      ]);
      return id;
    });
  }

  list(actor: Actor, first: number, after?: string): Promise<ConnectionShape<WebhookEndpointModel>> {
    return this.db.transaction(actor.tenantId, async () => {
      const { rows, totalCount } = await this.webhooks.pageEndpoints(first, after);
      return toConnection(rows, first, totalCount, (r) => [r.createdAt.toISOString(), r.id], toEndpointModel);
    });
  }

  deliveries(
    actor: Actor,
    endpointId: string,
    first: number,
    after?: string,
  ): Promise<ConnectionShape<WebhookDeliveryModel>> {
    return this.db.transaction(actor.tenantId, async () => {
      if (!(await this.webhooks.findEndpoint(endpointId)))
        throw AppError.notFound('Webhook endpoint', endpointId, 'endpointId');
      const { rows, totalCount } = await this.webhooks.pageDeliveries(endpointId, first, after);
      const attempts = await this.webhooks.attemptsOf(rows.slice(0, first).map((r) => r.id));
      const byDelivery = new Map<string, WebhookAttemptRow[]>();
      for (const a of attempts) byDelivery.set(a.deliveryId, [...(byDelivery.get(a.deliveryId) ?? []), a]);
      return toConnection(
        rows,
        first,
        totalCount,
        (r) => [r.createdAt.toISOString(), r.id],
        (r) => toDeliveryModel(r, byDelivery.get(r.id) ?? []),
      );
    });
  }

  /** Sends a delivery's event again as a new delivery (same event id) to the same endpoint, whatever became of the first. */
  resend(actor: Actor, deliveryId: string): Promise<WebhookDeliveryModel> {
    return this.db.transaction(actor.tenantId, async () => {
      const original = await this.webhooks.findDelivery(deliveryId);
      if (!original) throw AppError.notFound('Webhook delivery', deliveryId, 'input.deliveryId');
      const endpoint = await this.webhooks.findEndpoint(original.endpointId);
      if (!endpoint?.active)
        throw AppError.conflict('The endpoint is inactive: activate it before re-sending.', {
          field: 'input.deliveryId',
        });
      const delivery: NewDelivery = {
        id: randomUUID(),
        endpointId: original.endpointId,
        event: original.event,
        eventId: original.eventId,
        payload: original.payload,
        createdAt: new Date(),
        resentFrom: original.id,
      };
      await this.webhooks.insertDeliveries([delivery]);
      await this.enqueue(delivery.id, delivery.createdAt);
      await this.audit.record(actor, [
        {
          entityType: 'WEBHOOK_DELIVERY',
          entityId: delivery.id,
          action: 'RESEND',
          before: { deliveryId: original.id },
          after: { eventId: original.eventId },
        },
      ]);
      return toDeliveryModel((await this.webhooks.findDelivery(delivery.id))!, []);
    });
  }

  /** EventSink: one delivery per subscribed active endpoint, each queued, in the change's transaction. */
  async accept(event: OutboxEvent): Promise<void> {
    const endpoints = await this.webhooks.subscribedEndpointIds(event.event);
    if (endpoints.length === 0) return;
    const body: WebhookBody = {
      id: event.id,
      event: event.event,
      occurredAt: event.occurredAt.toISOString(),
      data: event.data,
    };
    const deliveries: NewDelivery[] = endpoints.map((e) => ({
      id: randomUUID(),
      endpointId: e.id,
      event: event.event,
      eventId: event.id,
      payload: body,
      createdAt: event.occurredAt,
    }));
    await this.webhooks.insertDeliveries(deliveries);
    for (const d of deliveries) await this.enqueue(d.id, d.createdAt);
  }

  /** Queues an attempt of a delivery in the open transaction, to start at `at`. */
  async enqueue(deliveryId: string, at: Date): Promise<void> {
    const message: WebhookQueueMessage = { tenantId: this.db.tenantId, deliveryId };
    await this.queue.send(WEBHOOK_QUEUE, message, {
      startAfter: at,
      // The queue's own retries cover only a worker that died mid-attempt; failed answers are retried by us.
      retryLimit: 2,
      retryDelay: 60,
      expireInSeconds: Math.ceil(this.config.webhookTimeoutMs / 1000) + 60,
    });
  }

  private async checkUrl(url: string, field: string): Promise<void> {
    const refused = await refusedAddress(url, this.config.webhookAllowPrivate);
    if (refused) throw AppError.badInput({ field, message: refused });
  }
}
