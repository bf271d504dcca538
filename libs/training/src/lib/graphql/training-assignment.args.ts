import { PageArgs } from '@deskforce/platform';
import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { TrainingAssignmentFilter, MyTrainingFilter } from './training-assignment.input';

@ArgsType()
export class TrainingAssignmentsArgs extends PageArgs {
  @Field(() => TrainingAssignmentFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => TrainingAssignmentFilter)
  filter?: TrainingAssignmentFilter;
}

@ArgsType()
export class MyTrainingArgs extends PageArgs {
  @Field(() => MyTrainingFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MyTrainingFilter)
  filter?: MyTrainingFilter;
}
