import { OptionalIdsField } from '@deskforce/platform';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEnum, IsInt, IsUUID, Max, Min } from 'class-validator';
import { TrainingMetric, TrainingReportGroupBy } from '../training.enums';

@InputType()
export class TrainingCompletionReportInput {
  @Field(() => TrainingReportGroupBy)
  @IsEnum(TrainingReportGroupBy)
  groupBy!: TrainingReportGroupBy;

  @OptionalIdsField({ max: 500 })
  teamIds?: string[];

  @OptionalIdsField({ max: 500 })
  pathIds?: string[];

  @OptionalIdsField({ max: 500 })
  moduleIds?: string[];
}

@InputType()
export class OnboardingReportInput {
  @Field(() => ID)
  @IsUUID()
  pathId!: string;

  @OptionalIdsField({ max: 500, description: 'Agents whose path modules were assigned on these teams.' })
  teamIds?: string[];
}

@InputType()
export class TrainingImpactInput {
  @Field(() => ID)
  @IsUUID()
  moduleId!: string;

  @Field(() => [TrainingMetric])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(9)
  @ArrayUnique()
  @IsEnum(TrainingMetric, { each: true })
  metrics!: TrainingMetric[];

  @Field(() => Int, { description: 'Length of the window before and of the window after completion, in days (7–180).' })
  @IsInt()
  @Min(7)
  @Max(180)
  windowDays!: number;
}
