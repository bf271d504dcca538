import { CreateWebhooks1764000010000 } from './1764000010000-create-webhooks';
import { CreateExternalIdentities1764000011000 } from './1764000011000-create-external-identities';
import { CreateHelpDeskHooks1764000013110 } from './1764000013110-create-help-desk-hooks';

export const integrationsMigrations = [
  CreateWebhooks1764000010000,
  CreateExternalIdentities1764000011000,
  CreateHelpDeskHooks1764000013110,
];
