import { PageArgs } from '@deskforce/platform';
import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { OnboardingReportInput } from './training-report.input';

@ArgsType()
export class OnboardingReportArgs extends PageArgs {
  @Field(() => OnboardingReportInput)
  @ValidateNested()
  @Type(() => OnboardingReportInput)
  input!: OnboardingReportInput;
}
