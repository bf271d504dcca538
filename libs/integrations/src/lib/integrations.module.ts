import { IdentityModule } from '@deskforce/identity';
import { PeopleModule } from '@deskforce/people';
import { EventOutbox } from '@deskforce/platform';
import { SchedulingModule } from '@deskforce/scheduling';
import { DynamicModule, Module, ModuleMetadata, OnModuleInit } from '@nestjs/common';
import { ExternalContactRepository } from './contacts/external-contact.repository';
import { HelpDeskContactsService } from './contacts/help-desk-contacts.service';
import { ExportController } from './csv-export/export.controller';
import { HelpDeskHookRepository } from './hooks/help-desk-hook.repository';
import { HelpDeskHookResolver } from './hooks/help-desk-hook.resolver';
import { HelpDeskHookService } from './hooks/help-desk-hook.service';
import { HelpDeskHooksController } from './hooks/help-desk-hooks.controller';
import { HelpDeskHooksService } from './hooks/help-desk-hooks.service';
import { ExternalIdentityRepository } from './identities/external-identity.repository';
import { ExternalIdentityResolver } from './identities/external-identity.resolver';
import { ExternalIdentityService } from './identities/external-identity.service';
import { VendorImporter } from './import/vendor-importer';
import { WebhookDeliveryWorker } from './webhooks/webhook-delivery.worker';
import { WebhookRepository } from './webhooks/webhook.repository';
import { WebhookResolver } from './webhooks/webhook.resolver';
import { WebhookService } from './webhooks/webhook.service';

export interface IntegrationsModuleOptions {
  /** The application's PerformanceModule instance: its IngestService and InteractionImporter take help-desk data, its KpiService answers the CSV exports. */
  imports?: ModuleMetadata['imports'];
}

/**
 * Integrations with the outside. In: external identities (GraphQL), the vendor import command and the
 * help-desk webhook endpoints. Out: webhooks (the EventOutbox's sink, the delivery worker, the GraphQL
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
      imports: [IdentityModule, PeopleModule, SchedulingModule, ...(options.imports ?? [])],
      controllers: [ExportController, HelpDeskHooksController],
      providers: [
        ExternalContactRepository,
        ExternalIdentityRepository,
        ExternalIdentityResolver,
        ExternalIdentityService,
        HelpDeskContactsService,
        HelpDeskHookRepository,
        HelpDeskHookResolver,
        HelpDeskHookService,
        HelpDeskHooksService,
        VendorImporter,
        WebhookDeliveryWorker,
        WebhookRepository,
        WebhookResolver,
        WebhookService,
      ],
      exports: [ExternalIdentityService, HelpDeskContactsService, VendorImporter, WebhookService],
    };
  }

  onModuleInit(): void {
    this.outbox.attach(this.webhooks);
  }
}
