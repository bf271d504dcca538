/**
 * People's vocabulary without Nest, GraphQL or the database: light enough to load in a worker thread.
 * Everything here is also exported by `@deskforce/people`.
 */
export * from './lib/people-vocabulary';
export type { AgentWorkProfileRow } from './lib/agent.repository';
