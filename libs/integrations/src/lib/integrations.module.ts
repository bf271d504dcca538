import { EventOutbox } from '@deskforce/platform';
import { Module, OnModuleInit } from '@nestjs/common';
import { WebhookDeliveryWorker } from './webhooks/webhook-delivery.worker';
import { WebhookRepository } from './webhooks/webhook.repository';
import { WebhookResolver } from './webhooks/webhook.resolver';
import { WebhookService } from './webhooks/webhook.service';

/**
 * Integrations with the outside: webhooks out (the EventOutbox's sink, the delivery worker, the GraphQL
 * settings). The pure parts (connectors, signing, CSV) need no module.
 */
@Module({
  providers: [WebhookDeliveryWorker, WebhookRepository, WebhookResolver, WebhookService],
  exports: [WebhookService],
})
export class IntegrationsModule implements OnModuleInit {
  constructor(
    private readonly outbox: EventOutbox,
    private readonly webhooks: WebhookService,
  ) {}

  onModuleInit(): void {
    this.outbox.attach(this.webhooks);
  }
}
