import { PageArgs } from '@deskforce/platform';
import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { ScheduleJobFilter } from './schedule-job.input';

@ArgsType()
export class ScheduleJobsArgs extends PageArgs {
  @Field(() => ScheduleJobFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScheduleJobFilter)
  filter?: ScheduleJobFilter;
}
