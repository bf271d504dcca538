import { Channel } from '@deskforce/platform';
import { Column, Entity, PrimaryColumn, ValueTransformer } from 'typeorm';
import { AgentLevel, EmploymentStatus } from '../people.enums';

/** numeric columns arrive from pg as strings (exact decimals); our values fit a double. */
const numeric: ValueTransformer = {
  to: (value: number | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

@Entity('agents')
export class AgentEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text')
  email!: string;

  @Column('uuid', { name: 'team_id' })
  teamId!: string;

  @Column('text')
  level!: AgentLevel;

  @Column('text', { name: 'employment_status' })
  employmentStatus!: EmploymentStatus;

  /** A calendar date, YYYY-MM-DD. */
  @Column('date', { name: 'hire_date' })
  hireDate!: string;

  @Column('numeric', { name: 'contracted_weekly_hours', transformer: numeric })
  contractedWeeklyHours!: number;

  @Column('numeric', { name: 'hourly_cost', transformer: numeric })
  hourlyCost!: number;

  @Column('text', { array: true })
  channels!: Channel[];

  @Column('uuid', { name: 'user_id', nullable: true })
  userId!: string | null;

  @Column({ type: 'timestamptz', name: 'terminated_at', nullable: true })
  terminatedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'created_at', insert: false, update: false })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'updated_at', insert: false })
  updatedAt!: Date;
}

@Entity('agent_skills')
export class AgentSkillEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('uuid', { name: 'agent_id' })
  agentId!: string;

  @PrimaryColumn('text')
  skill!: string;

  @Column('smallint')
  proficiency!: number;
}
