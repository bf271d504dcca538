// The integrations library's public face. The help-desk connectors, webhook signing and the CSV writer are
// pure (no Nest, no database); the lead wires them into ingest, import, hooks and exports.
export * from './lib/connectors/contact';
export * from './lib/connectors/zendesk';
export * from './lib/connectors/zendesk-webhook';
export * from './lib/connectors/freshdesk';
export * from './lib/connectors/mapping-file';
export * from './lib/connectors/ingest-rows';
export * from './lib/connectors/generator';
export { isoInstant } from './lib/connectors/values';
export * from './lib/signing/webhook-signature';
export * from './lib/export/csv-writer';

// The Nest side (unlike the pure parts above): one module, its migrations and permissions.
export * from './lib/integrations.module';
export * from './lib/integrations.permissions';
export * from './lib/migrations';
// Webhooks out.
export { WEBHOOK_QUEUE } from './lib/migrations/1764000010000-create-webhooks';
export { WebhookEvent, WebhookDeliveryStatus } from './lib/webhooks/graphql/webhook.model';
export { DELIVERY_HEADER, EVENT_HEADER, EVENT_ID_HEADER } from './lib/webhooks/webhook-delivery.worker';
export type { WebhookBody } from './lib/webhooks/webhook.service';
// Help-desk data in: external identities, the vendor import command and the webhook endpoints.
export * from './lib/identities/external-identity.service';
export * from './lib/identities/graphql/external-identity.model';
export * from './lib/contacts/help-desk-contacts.service';
export * from './lib/import/vendor-importer';
export * from './lib/import/vendor-files';
