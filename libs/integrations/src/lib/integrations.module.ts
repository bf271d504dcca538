import { IdentityModule } from '@deskforce/identity';
import { PeopleModule } from '@deskforce/people';
import { DynamicModule, Module } from '@nestjs/common';
import { ExternalContactRepository } from './contacts/external-contact.repository';
import { HelpDeskContactsService } from './contacts/help-desk-contacts.service';
import { HelpDeskHooksController } from './hooks/help-desk-hooks.controller';
import { HelpDeskHooksService } from './hooks/help-desk-hooks.service';
import { ExternalIdentityRepository } from './identities/external-identity.repository';
import { ExternalIdentityResolver } from './identities/external-identity.resolver';
import { ExternalIdentityService } from './identities/external-identity.service';
import { VendorImporter } from './import/vendor-importer';

export interface IntegrationsModuleOptions {
  /** The module that provides the performance library's IngestService and InteractionImporter (the app's one instance). */
  imports: DynamicModule['imports'];
}

/** Help-desk data in: external identities (GraphQL), the vendor import command and the webhook endpoints. */
@Module({})
export class IntegrationsModule {
  static forRoot(options: IntegrationsModuleOptions): DynamicModule {
    return {
      module: IntegrationsModule,
      imports: [IdentityModule, PeopleModule, ...(options.imports ?? [])],
      controllers: [HelpDeskHooksController],
      providers: [HelpDeskHooksService, ExternalContactRepository, ExternalIdentityRepository, ExternalIdentityResolver, ExternalIdentityService, HelpDeskContactsService, VendorImporter],
      exports: [ExternalIdentityService, HelpDeskContactsService, VendorImporter],
    };
  }
}
