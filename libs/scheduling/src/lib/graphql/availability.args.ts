import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';

@ArgsType()
export class AgentAvailabilityArgs {
  @Field(() => ID, { nullable: true, description: 'The agent (default: the signed-in agent).' })
  @IsOptional()
  @IsUUID()
  agentId?: string;
}
