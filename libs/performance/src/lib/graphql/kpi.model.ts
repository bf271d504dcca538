import { Channel, Connection, DateTimeScalar } from '@deskforce/platform';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { KpiMetric, KpiUnit, TargetStatus } from '../kpi/metrics';
import { KpiCountsSource } from '../performance.enums';

@ObjectType('KpiPeriod')
export class KpiPeriodModel {
  @Field(() => DateTimeScalar)
  start!: Date;

  @Field(() => DateTimeScalar, { description: 'Exclusive.' })
  end!: Date;

  @Field({ description: '2026-03-02, 2026-W10 or 2026-03, in the requested zone.' })
  label!: string;
}

/** The group of a KPI row; `agent` and `team` are resolved by field resolvers from the ids. */
@ObjectType('KpiGroup', { description: 'The values of the requested groupBy dimensions; the others are null.' })
export class KpiGroupModel {
  agentId!: string | null;
  teamId!: string | null;

  @Field(() => Channel, { nullable: true })
  channel!: Channel | null;

  @Field(() => KpiPeriodModel, { nullable: true })
  period!: KpiPeriodModel | null;
}

@ObjectType('KpiValue')
export class KpiValueModel {
  @Field(() => KpiMetric)
  metric!: KpiMetric;

  @Field(() => Float, {
    nullable: true,
    description: 'null when the slice has nothing to measure (sampleSize 0): never a made-up zero.',
  })
  value!: number | null;

  @Field(() => Int, {
    description: 'How many contacts, responses, agent-hours or shifts the value rests on (see the README).',
  })
  sampleSize!: number;

  @Field(() => KpiUnit)
  unit!: KpiUnit;
}

@ObjectType('KpiRow')
export class KpiRowModel {
  @Field(() => KpiGroupModel)
  group!: KpiGroupModel;

  @Field(() => [KpiValueModel])
  values!: KpiValueModel[];
}

@ObjectType('KpiReport')
export class KpiReportModel {
  @Field(() => DateTimeScalar)
  from!: Date;

  @Field(() => DateTimeScalar)
  to!: Date;

  @Field()
  timeZone!: string;

  @Field(() => KpiCountsSource, {
    description: 'Where the counts and sums came from; percentiles and the service level always come from raw rows.',
  })
  countsSource!: KpiCountsSource;

  @Field(() => [KpiRowModel], {
    description:
      'One row per group, ordered by period, team, agent, channel. Periods without data appear when grouping by period alone.',
  })
  rows!: KpiRowModel[];
}

@ObjectType('KpiTrendPoint')
export class KpiTrendPointModel {
  @Field(() => KpiPeriodModel)
  period!: KpiPeriodModel;

  @Field(() => Float, { nullable: true })
  value!: number | null;

  @Field(() => Int)
  sampleSize!: number;

  @Field(() => Float, { nullable: true, description: 'The value of the period before.' })
  previousValue!: number | null;

  @Field(() => Float, { nullable: true, description: 'value − previousValue, in the metric unit.' })
  change!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'change ÷ |previousValue| × 100; null when the previous value is null or 0.',
  })
  changePercent!: number | null;
}

@ObjectType('KpiTrend')
export class KpiTrendModel {
  @Field(() => KpiMetric)
  metric!: KpiMetric;

  @Field(() => KpiUnit)
  unit!: KpiUnit;

  @Field(() => [KpiTrendPointModel], { description: 'Whole periods from the one containing `from` up to `to`.' })
  points!: KpiTrendPointModel[];
}

@ObjectType('KpiTarget')
export class KpiTargetModel {
  @Field(() => ID)
  id!: string;

  @Field(() => KpiMetric)
  metric!: KpiMetric;

  teamId!: string | null;

  @Field(() => Float)
  value!: number;

  @Field(() => KpiUnit)
  unit!: KpiUnit;

  @Field({ description: 'AT_MOST when lower is better (the target is a ceiling), AT_LEAST otherwise.' })
  comparison!: string;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

@ObjectType('KpiTargetConnection')
export class KpiTargetConnection extends Connection(KpiTargetModel, 'KpiTarget') {}

@ObjectType('ScorecardMetric')
export class ScorecardMetricModel {
  @Field(() => KpiMetric)
  metric!: KpiMetric;

  @Field(() => KpiUnit)
  unit!: KpiUnit;

  @Field(() => Float, { nullable: true })
  value!: number | null;

  @Field(() => Int)
  sampleSize!: number;

  @Field(() => Float, {
    nullable: true,
    description: "The team's value over the same window (all its contacts pooled).",
  })
  teamValue!: number | null;

  @Field(() => Int)
  teamSampleSize!: number;

  @Field(() => Float, { nullable: true, description: "The team's target, else the organisation's." })
  target!: number | null;

  @Field(() => TargetStatus, { nullable: true, description: 'null when there is no target.' })
  status!: TargetStatus | null;

  @Field(() => Int, {
    nullable: true,
    description: '1 = best in the team, among agents with a value; null when this agent has none.',
  })
  rank!: number | null;

  @Field(() => Int, { description: 'Agents of the team with a value.' })
  rankedAgents!: number;
}

@ObjectType('AgentScorecard')
export class AgentScorecardModel {
  agentId!: string;
  teamId!: string;

  @Field(() => DateTimeScalar)
  from!: Date;

  @Field(() => DateTimeScalar)
  to!: Date;

  @Field(() => [ScorecardMetricModel])
  metrics!: ScorecardMetricModel[];
}

@ObjectType('KpiSlice', { description: 'A part of a team that contributes to a breach: an agent or a channel.' })
export class KpiSliceModel {
  agentId!: string | null;

  @Field(() => Channel, { nullable: true })
  channel!: Channel | null;

  @Field(() => Float, { nullable: true })
  value!: number | null;

  @Field(() => Int)
  sampleSize!: number;
}

@ObjectType('KpiTargetEvaluation')
export class KpiTargetEvaluationModel {
  @Field(() => KpiTargetModel)
  target!: KpiTargetModel;

  teamId!: string;

  @Field(() => KpiMetric)
  metric!: KpiMetric;

  @Field(() => Float, { nullable: true })
  value!: number | null;

  @Field(() => Int)
  sampleSize!: number;

  @Field(() => TargetStatus)
  status!: TargetStatus;

  @Field(() => [KpiSliceModel], {
    description:
      'Kpi alerts only: the agents and channels of the team that miss the target themselves, worst first (at most 5 of each).',
  })
  causes!: KpiSliceModel[];
}
