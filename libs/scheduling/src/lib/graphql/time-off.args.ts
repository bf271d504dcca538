import { PageArgs } from '@deskforce/platform';
import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { TimeOffFilter } from './time-off.input';

@ArgsType()
export class TimeOffRequestsArgs extends PageArgs {
  @Field(() => TimeOffFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => TimeOffFilter)
  filter?: TimeOffFilter;
}
