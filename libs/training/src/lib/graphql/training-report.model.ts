import { Connection, DateTimeScalar, LocalDateScalar } from '@deskforce/platform';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ImpactVerdict, TrainingMetric } from '../training.enums';

@ObjectType('TrainingCompletionRow')
export class TrainingCompletionRowModel {
  @Field(() => ID, {
    nullable: true,
    description: 'The team, path or module; null for assignments made outside any path (by PATH).',
  })
  groupId!: string | null;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => Int)
  assigned!: number;

  @Field(() => Int)
  completed!: number;

  @Field(() => Int)
  waived!: number;

  @Field(() => Int, { description: 'ASSIGNED or IN_PROGRESS, not yet overdue.' })
  open!: number;

  @Field(() => Int)
  overdue!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'completed ÷ (assigned − waived); null when nothing is left to complete.',
  })
  completionRate!: number | null;
}

@ObjectType('OnboardingProgress', { description: 'One agent’s way through a path.' })
export class OnboardingProgressModel {
  @Field(() => ID)
  agentId!: string;

  @Field(() => LocalDateScalar)
  startedOn!: string;

  @Field(() => Int)
  modulesTotal!: number;

  @Field(() => Int, { description: 'Completed or waived.' })
  modulesDone!: number;

  @Field(() => Int)
  overdueCount!: number;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the last module of the path was completed or waived; null while any is open.',
  })
  completedAt!: Date | null;

  @Field(() => Float, { nullable: true, description: 'Days from the start of the path to completedAt.' })
  daysToComplete!: number | null;
}

@ObjectType('OnboardingProgressConnection')
export class OnboardingProgressConnection extends Connection(OnboardingProgressModel, 'OnboardingProgress') {
  @Field(() => Int, { description: 'Agents of the list (all pages) who finished the path.' })
  completedCount!: number;

  @Field(() => Float, { nullable: true, description: 'Median days to complete among them.' })
  medianDaysToComplete!: number | null;
}

@ObjectType('TrainingImpactPair')
export class TrainingImpactPairModel {
  @Field(() => ID)
  agentId!: string;

  @Field(() => DateTimeScalar)
  completedAt!: Date;

  @Field(() => Float)
  before!: number;

  @Field(() => Float)
  after!: number;

  @Field(() => Float, { description: 'after − before.' })
  difference!: number;
}

@ObjectType('TrainingMetricImpact')
export class TrainingMetricImpactModel {
  @Field(() => TrainingMetric)
  metric!: TrainingMetric;

  @Field()
  higherIsBetter!: boolean;

  @Field(() => Int, { description: 'Agents with a value in both windows.' })
  n!: number;

  @Field(() => Float, { nullable: true })
  meanBefore!: number | null;

  @Field(() => Float, { nullable: true })
  meanAfter!: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean of after − before, per agent.' })
  meanDifference!: number | null;

  @Field(() => Float, { nullable: true, description: 'Sample standard deviation of the differences.' })
  standardDeviation!: number | null;

  @Field(() => Float, { nullable: true, description: 't(0.975, n − 1).' })
  tQuantile!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Lower end of the paired 95% confidence interval of the mean difference (n ≥ 2).',
  })
  ciLow!: number | null;

  @Field(() => Float, { nullable: true })
  ciHigh!: number | null;

  @Field(() => ImpactVerdict)
  verdict!: ImpactVerdict;

  @Field(() => [TrainingImpactPairModel])
  pairs!: TrainingImpactPairModel[];
}

@ObjectType('TrainingImpact')
export class TrainingImpactModel {
  @Field(() => ID)
  moduleId!: string;

  @Field(() => Int)
  windowDays!: number;

  @Field(() => Float)
  confidenceLevel!: number;

  @Field(() => Int, { description: 'Agents who completed the module (that you may see).' })
  completedAgents!: number;

  @Field(() => Int, { description: 'Of them, those whose after-window has ended.' })
  eligibleAgents!: number;

  @Field(() => [TrainingMetricImpactModel])
  metrics!: TrainingMetricImpactModel[];
}
