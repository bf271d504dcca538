import { PermissionTable, Role } from '@deskforce/platform';

/** Webhooks are an admin's setting; directors may look at them and at what was delivered. */
export const integrationsPermissions: PermissionTable = {
  'Query.webhookEndpoints': [Role.ADMIN, Role.DIRECTOR],
  'Query.webhookDeliveries': [Role.ADMIN, Role.DIRECTOR],
  'Mutation.createWebhookEndpoint': [Role.ADMIN],
  'Mutation.updateWebhookEndpoint': [Role.ADMIN],
  'Mutation.deleteWebhookEndpoint': [Role.ADMIN],
  'Mutation.resendWebhookDelivery': [Role.ADMIN],
};
