import { APP_CONFIG, AppConfig, JobQueue, TenantDatabase } from '@deskforce/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DESKFORCE_SIGNATURE_HEADER, signDelivery } from '../signing/webhook-signature';
import { WEBHOOK_QUEUE } from '../migrations/1764000010000-create-webhooks';
import { refusedAddress, retryDelayMs } from './webhook-address';
import { DeliveryStatus, DeliveryToSend, WebhookRepository } from './webhook.repository';
import { WebhookQueueMessage, WebhookService } from './webhook.service';

/** The headers of a delivery besides the signature. */
export const EVENT_HEADER = 'deskforce-event';
export const DELIVERY_HEADER = 'deskforce-delivery';
export const EVENT_ID_HEADER = 'deskforce-event-id';

interface AttemptOutcome {
  statusCode: number | null;
  error: string | null;
}

/**
 * Sends webhook deliveries from the PostgreSQL job queue (the queue schedule generation uses), one attempt
 * per job: POST the stored body, signed (`Deskforce-Signature: t=…,v1=…`), with a timeout
 * (WEBHOOK_TIMEOUT_MS), no redirects followed. A 2xx answer delivers it; anything else is recorded as an
 * attempt and, until WEBHOOK_MAX_ATTEMPTS, the next attempt is queued after an exponential backoff
 * (WEBHOOK_RETRY_BASE_MS, doubling) in the same transaction that records this one; then it is FAILED.
 * The network call runs outside any transaction, so no connection is held while a receiver is slow.
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('WebhookDelivery');

  constructor(
    private readonly db: TenantDatabase,
    private readonly webhooks: WebhookRepository,
    private readonly service: WebhookService,
    private readonly queue: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.webhookConcurrency > 0) {
      await this.queue.work<WebhookQueueMessage>(WEBHOOK_QUEUE, this.config.webhookConcurrency, (job) =>
        this.attempt(job.data),
      );
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.stopWorking(WEBHOOK_QUEUE);
  }

  /** One attempt of one delivery (a job of the queue). */
  async attempt(message: WebhookQueueMessage): Promise<void> {
    const delivery = await this.db.transaction(message.tenantId, () => this.webhooks.toSend(message.deliveryId));
    if (!delivery || delivery.status !== 'PENDING') return; // deleted with its endpoint, or done already
    if (!delivery.endpointActive) {
      await this.db.transaction(message.tenantId, () =>
        this.webhooks.fail(delivery.id, 'The endpoint was deactivated.'),
      );
      return;
    }
    const started = new Date();
    const outcome = await this.send(delivery);
    const durationMs = Date.now() - started.getTime();
    const number = delivery.attempts + 1;
    const delivered = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
    const status: DeliveryStatus = delivered
      ? 'DELIVERED'
      : number >= this.config.webhookMaxAttempts
        ? 'FAILED'
        : 'PENDING';
    const nextAttemptAt =
      status === 'PENDING' ? new Date(Date.now() + retryDelayMs(this.config.webhookRetryBaseMs, number + 1)) : null;
    await this.db.transaction(message.tenantId, async () => {
      const recorded = await this.webhooks.recordAttempt(
        delivery.id,
        { number, at: started, durationMs, ...outcome },
        { status, nextAttemptAt },
      );
      if (recorded && nextAttemptAt) await this.service.enqueue(delivery.id, nextAttemptAt);
    });
    if (status === 'FAILED')
      this.logger.warn(`Webhook delivery ${delivery.id} failed after ${number} attempt(s): ${outcome.error}`);
  }

  private async send(delivery: DeliveryToSend): Promise<AttemptOutcome> {
    const refused = await refusedAddress(delivery.url, this.config.webhookAllowPrivate);
    if (refused) return { statusCode: null, error: `Not sent: the URL ${refused}.` };
    const body = JSON.stringify(delivery.payload);
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.webhookTimeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Deskforce-Webhooks/1',
          [DESKFORCE_SIGNATURE_HEADER]: signDelivery(delivery.secret, body, Date.now()),
          [EVENT_HEADER]: delivery.event,
          [DELIVERY_HEADER]: delivery.id,
          [EVENT_ID_HEADER]: delivery.eventId,
        },
        body,
      });
      await response.body?.cancel().catch(() => undefined);
      const ok = response.status >= 200 && response.status < 300;
      return { statusCode: response.status, error: ok ? null : `The receiver answered HTTP ${response.status}.` };
    } catch (error) {
      return { statusCode: null, error: describe(error, this.config.webhookTimeoutMs) };
    }
  }
}

/** A network failure in words for the admin, without internals. */
function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `No answer within ${timeoutMs} ms.`;
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  return `The request failed${cause?.code ? ` (${cause.code})` : ''}.`;
}
