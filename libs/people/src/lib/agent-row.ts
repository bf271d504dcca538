import { Channel } from '@deskforce/platform';
import { AgentLevel, EmploymentStatus } from './people.enums';

/**
 * A row of `agents` as AgentRepository returns it (typed rows, not TypeORM entities: our SQL is written
 * by hand with tagged templates). Numeric columns arrive as numbers (`::float8`), dates as YYYY-MM-DD.
 */
export interface AgentRow {
  tenantId: string;
  id: string;
  name: string;
  email: string;
  teamId: string;
  level: AgentLevel;
  employmentStatus: EmploymentStatus;
  /** A calendar date, YYYY-MM-DD. */
  hireDate: string;
  contractedWeeklyHours: number;
  hourlyCost: number;
  channels: Channel[];
  userId: string | null;
  terminatedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A row of `agent_skills`. */
export interface AgentSkillRow {
  tenantId: string;
  agentId: string;
  skill: string;
  /** 1 (novice) to 5 (expert). */
  proficiency: number;
}
