import { PageArgs } from '@deskforce/platform';
import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { TrainingAssignmentRuleFilter } from './learning-path.input';

@ArgsType()
export class TrainingAssignmentRulesArgs extends PageArgs {
  @Field(() => TrainingAssignmentRuleFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => TrainingAssignmentRuleFilter)
  filter?: TrainingAssignmentRuleFilter;
}

@ArgsType()
export class LearningPathsArgs extends PageArgs {}
