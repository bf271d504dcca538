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

// Webhooks out (Nest and SQL, unlike the pure parts above): the module, its migrations and permissions.
export * from './lib/integrations.module';
export * from './lib/integrations.permissions';
export * from './lib/migrations';
export { WEBHOOK_QUEUE } from './lib/migrations/1764000010000-create-webhooks';
export { WebhookEvent, WebhookDeliveryStatus } from './lib/webhooks/graphql/webhook.model';
export { DELIVERY_HEADER, EVENT_HEADER, EVENT_ID_HEADER } from './lib/webhooks/webhook-delivery.worker';
export type { WebhookBody } from './lib/webhooks/webhook.service';
