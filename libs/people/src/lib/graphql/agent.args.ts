import { PageArgs } from '@deskforce/platform';
import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { AgentFilter } from './agent.input';

@ArgsType()
export class AgentsArgs extends PageArgs {
  @Field(() => AgentFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AgentFilter)
  filter?: AgentFilter;
}
