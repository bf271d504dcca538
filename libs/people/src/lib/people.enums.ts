import { registerEnumType } from '@nestjs/graphql';

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

registerEnumType(AgentLevel, { name: 'AgentLevel' });
registerEnumType(EmploymentStatus, { name: 'EmploymentStatus' });
