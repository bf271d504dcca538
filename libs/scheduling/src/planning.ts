/**
 * Scheduling's pure planning vocabulary — labor rules and their checks, activity types, template
 * expansion — without Nest, GraphQL or the database: light enough to load in a worker thread (schedule
 * generation maps its problem in one). Everything here is also exported by `@deskforce/scheduling`.
 */
export * from './lib/rules/activity-type';
export * from './lib/rules/labor-rules';
export * from './lib/rules/template-expansion';
export type { ShiftDraft } from './lib/shift.service';
export type { ShiftModel } from './lib/graphql/shift.model';
export type { ShiftTemplateModel } from './lib/graphql/template.model';
