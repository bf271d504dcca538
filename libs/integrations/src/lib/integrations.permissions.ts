import { PermissionTable, Role } from '@deskforce/platform';

/** Help-desk mappings are set up by whoever connects the help desk: the same roles that feed interactions. */
const CONNECTORS = [Role.ADMIN, Role.DIRECTOR] as const;

export const integrationsPermissions: PermissionTable = {
  'Query.externalIdentities': CONNECTORS,
  'Mutation.mapExternalIdentity': CONNECTORS,
  'Mutation.unmapExternalIdentity': CONNECTORS,
  // Webhooks are an admin's setting; directors may look at them and at what was delivered.
  'Query.webhookEndpoints': [Role.ADMIN, Role.DIRECTOR],
  'Query.webhookDeliveries': [Role.ADMIN, Role.DIRECTOR],
  'Mutation.createWebhookEndpoint': [Role.ADMIN],
  'Mutation.updateWebhookEndpoint': [Role.ADMIN],
  'Mutation.deleteWebhookEndpoint': [Role.ADMIN],
  'Mutation.resendWebhookDelivery': [Role.ADMIN],
  // A signed hook holds a secret that lets deliveries in without a token: an admin's setting.
  'Query.helpDeskHooks': [Role.ADMIN, Role.DIRECTOR],
  'Mutation.createHelpDeskHook': [Role.ADMIN],
  'Mutation.deleteHelpDeskHook': [Role.ADMIN],
};
