// The integrations library's public face. Everything here is pure (no Nest, no database): the help-desk
// connectors, webhook signing and the CSV writer; the lead wires them into ingest, import, hooks and exports.
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
