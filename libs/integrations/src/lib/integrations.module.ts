import { PeopleModule } from '@deskforce/people';
import { EventOutbox } from '@deskforce/platform';
import { SchedulingModule } from '@deskforce/scheduling';
import { DynamicModule, Module, ModuleMetadata, OnModuleInit } from '@nestjs/common';
import { ExportController } from './csv-export/export.controller';
import { WebhookDeliveryWorker } from './webhooks/webhook-delivery.worker';
import { WebhookRepository } from './webhooks/webhook.repository';
import { WebhookResolver } from './webhooks/webhook.resolver';
import { WebhookService } from './webhooks/webhook.service';

export interface IntegrationsModuleOptions {
  /** The application's PerformanceModule instance (its KpiService answers the CSV exports). */
  imports?: ModuleMetadata['imports'];
}

/**
 * Integrations with the outside: webhooks out (the EventOutbox's sink, the delivery worker, the GraphQL
 * settings) and the CSV exports. The pure parts (connectors, signing, CSV writer) need no module.
 */
@Module({})
export class IntegrationsModule implements OnModuleInit {
  constructor(
    private readonly outbox: EventOutbox,
    private readonly webhooks: WebhookService,
  ) {}

  static forRoot(options: IntegrationsModuleOptions = {}): DynamicModule {
    return {
      module: IntegrationsModule,
      imports: [PeopleModule, SchedulingModule, ...(options.imports ?? [])],
      controllers: [ExportController],
      providers: [WebhookDeliveryWorker, WebhookRepository, WebhookResolver, WebhookService],
      exports: [WebhookService],
    };
  }

  onModuleInit(): void {
    this.outbox.attach(this.webhooks);
  }
}
