import { DateTimeScalar } from '@deskforce/platform';
import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { ForecastSource, SizingMethod } from '../staffing.enums';
import { StaffingForecastModel } from './forecast.model';

@ObjectType('StaffingRequirementInterval')
export class StaffingRequirementIntervalModel {
  @Field(() => DateTimeScalar)
  startsAt!: Date;

  @Field(() => DateTimeScalar)
  endsAt!: Date;

  @Field(() => Float, {
    description:
      'Contacts sized for, after volumeFactor: the point forecast, or its 80% upper bound with forecastBound UPPER_80.',
  })
  contacts!: number;

  @Field(() => Float, { description: 'Forecast AHT in seconds, after ahtFactor.' })
  ahtSeconds!: number;

  @Field(() => ForecastSource)
  forecastSource!: ForecastSource;

  @Field(() => Float, { description: 'Offered traffic (queues) or workload (deferred work), in Erlangs.' })
  trafficErlangs!: number;

  @Field(() => Int, { description: 'Agents needed on the channel, before shrinkage.' })
  netAgents!: number;

  @Field(() => Int, { description: 'Agents to schedule: ceil(netAgents ÷ (1 − shrinkage)).' })
  requiredAgents!: number;

  @Field(() => Float, {
    description:
      'Agents the schedule as it stands has on the channel (coverage: draft and published shifts, breaks, activities and time off subtracted; part-intervals as fractions).',
  })
  scheduledAgents!: number;

  @Field(() => Float, { description: 'scheduledAgents − requiredAgents: negative = short, positive = over.' })
  gap!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Service level the schedule as it stands reaches: Erlang C with ⌊scheduled × (1 − shrinkage)⌋ agents (× concurrency slots for chat); 1 without contacts; null for deferred work.',
  })
  projectedServiceLevel!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'ASA the schedule reaches, in seconds; null when the queue is unstable (agents ≤ traffic) or for deferred work.',
  })
  projectedAsaSeconds!: number | null;
}

@ObjectType('StaffingRequirementsTotals')
export class StaffingRequirementsTotalsModel {
  @Field(() => Float)
  contacts!: number;

  @Field(() => Float, { description: 'Σ requiredAgents × interval hours.' })
  requiredAgentHours!: number;

  @Field(() => Float, { description: 'Σ scheduledAgents × interval hours.' })
  scheduledAgentHours!: number;

  @Field(() => Float, { description: 'Σ max(0, required − scheduled) × interval hours.' })
  shortAgentHours!: number;

  @Field(() => Float, { description: 'Σ max(0, scheduled − required) × interval hours.' })
  overAgentHours!: number;

  @Field(() => Int, { description: 'Intervals with fewer agents scheduled than required.' })
  intervalsShort!: number;

  @Field(() => Int, { description: 'Intervals whose projected service level is below the target (queues only).' })
  intervalsBelowTarget!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Contact-weighted mean of the projected service level (queues only; null without contacts).',
  })
  projectedServiceLevel!: number | null;
}

@ObjectType('StaffingRequirements')
export class StaffingRequirementsModel {
  @Field(() => SizingMethod)
  sizingMethod!: SizingMethod;

  @Field(() => Float, { nullable: true, description: 'DEFERRED_WORK: the deadline used, max(deadline, longest AHT).' })
  effectiveDeadlineSeconds!: number | null;

  @Field(() => StaffingForecastModel, {
    description: 'The forecast the requirements were computed from (before the what-if factors).',
  })
  forecast!: StaffingForecastModel;

  @Field(() => StaffingRequirementsTotalsModel)
  totals!: StaffingRequirementsTotalsModel;

  @Field(() => [StaffingRequirementIntervalModel])
  intervals!: StaffingRequirementIntervalModel[];
}
