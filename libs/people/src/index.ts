export * from './lib/agent-lifecycle';
export * from './lib/agent.service';
export * from './lib/agent-row';
export * from './lib/team-row';
export * from './lib/graphql/agent.model';
export * from './lib/graphql/team.model';
export * from './lib/migrations';
export * from './lib/people.enums';
export * from './lib/people.module';
export * from './lib/people-loaders';
export * from './lib/people.permissions';
export * from './lib/team-access.service';
export * from './lib/team.service';

export type { AgentWorkProfileRow } from './lib/agent.repository';
