import { PageArgs } from '@deskforce/platform';
import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { TrainingModuleFilter } from './training-module.input';

@ArgsType()
export class TrainingModulesArgs extends PageArgs {
  @Field(() => TrainingModuleFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => TrainingModuleFilter)
  filter?: TrainingModuleFilter;
}
