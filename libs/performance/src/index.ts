export * from './lib/performance.module';
export * from './lib/performance.permissions';
export * from './lib/performance.enums';
export * from './lib/migrations';
export * from './lib/scheduled-work.port';
export * from './lib/ingest.service';
export * from './lib/import/interaction-importer';
export * from './lib/import/binary-copy';
export * from './lib/kpi.service';
export * from './lib/target.service';
export * from './lib/kpi-alert.sweep';
export * from './lib/kpi/kpi-engine';
export * from './lib/kpi/metrics';
export * from './lib/kpi/periods';
export * from './lib/kpi/kpi-sql';
export * from './lib/ingest/ingest-sql';
export * from './lib/ingest/ingest-rules';

export * from './lib/interaction-history.service';
export * from './lib/ingest/text-values';
// The KPI questions' work estimate, for the CSV exports that ask the same questions over HTTP.
export { kpiWork } from './lib/graphql/kpi.work';
export type { FileRow, FileRows } from './lib/import/file-rows';
export * from './lib/business-hours';
export * from './lib/team-calendar.service';
