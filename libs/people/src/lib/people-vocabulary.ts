/** People's enums as plain TypeScript (registered with GraphQL in people.enums.ts), light enough for worker threads. */
export enum AgentLevel {
  ENTRY = 'ENTRY',
  SENIOR = 'SENIOR',
  TEAM_LEAD = 'TEAM_LEAD',
  SPECIALIST = 'SPECIALIST',
}

export enum EmploymentStatus {
  ACTIVE = 'ACTIVE',
  ON_LEAVE = 'ON_LEAVE',
  TERMINATED = 'TERMINATED',
}
