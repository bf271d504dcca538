import { Channel, Connection, DateTimeScalar, LocalDateScalar } from '@deskforce/platform';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { AgentLevel, EmploymentStatus } from '../people.enums';

@ObjectType('AgentSkill')
export class AgentSkillModel {
  @Field({ description: 'Lowercase skill name, e.g. "billing".' })
  skill!: string;

  @Field(() => Int, { description: '1 (novice) to 5 (expert).' })
  proficiency!: number;
}

@ObjectType('Agent', { description: 'A customer-service representative.' })
export class AgentModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  email!: string;

  @Field(() => ID)
  teamId!: string;

  @Field(() => AgentLevel)
  level!: AgentLevel;

  @Field(() => EmploymentStatus)
  employmentStatus!: EmploymentStatus;

  @Field(() => LocalDateScalar)
  hireDate!: string;

  @Field(() => Float)
  contractedWeeklyHours!: number;

  @Field(() => Float, { description: 'Cost of one paid hour, in the tenant currency.' })
  hourlyCost!: number;

  @Field(() => [Channel], { description: 'Channels the agent may serve.' })
  channels!: Channel[];

  @Field(() => ID, { nullable: true })
  userId!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  terminatedAt!: Date | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

@ObjectType('AgentConnection')
export class AgentConnection extends Connection(AgentModel, 'Agent') {}

@ObjectType()
export class CreateAgentPayload {
  @Field(() => AgentModel)
  agent!: AgentModel;
}

@ObjectType()
export class UpdateAgentPayload {
  @Field(() => AgentModel)
  agent!: AgentModel;
}

@ObjectType()
export class SetAgentSkillsPayload {
  @Field(() => AgentModel)
  agent!: AgentModel;
}

@ObjectType()
export class DeactivateAgentPayload {
  @Field(() => AgentModel)
  agent!: AgentModel;
}
