import { Channel, DateTimeScalar, OptionalIdsField } from '@deskforce/platform';
import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { KpiMetric } from '../kpi/metrics';
import { KpiGroupBy } from '../kpi/periods';
import { KpiPeriodUnit } from '../performance.enums';

@InputType()
export class KpiFilter {
  @OptionalIdsField({ max: 500, description: 'Only these teams (a coordinator may name only teams they coordinate).' })
  teamIds?: string[];

  @OptionalIdsField({ max: 1000 })
  agentIds?: string[];

  @Field(() => [Channel], { nullable: true, description: 'Contacts of these channels (staff-time metrics ignore it).' })
  @IsOptional()
  @IsArray()
  @IsEnum(Channel, { each: true })
  channels?: Channel[];

  @Field(() => [String], {
    nullable: true,
    description: 'Contacts of these categories (staff-time metrics ignore it).',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  categories?: string[];
}

@InputType({ isAbstract: true })
export abstract class KpiWindowInput {
  @Field(() => DateTimeScalar, {
    description: 'Start of the window (inclusive); contacts count by their creation time.',
  })
  @IsDate()
  from!: Date;

  @Field(() => DateTimeScalar, { description: 'End of the window (exclusive), at most 732 days after from.' })
  @IsDate()
  to!: Date;

  @Field(() => String, {
    defaultValue: 'UTC',
    description: 'IANA zone in which days, weeks (Monday) and months are cut, e.g. Europe/Warsaw.',
  })
  @IsString()
  @MaxLength(64)
  timeZone = 'UTC';

  @Field(() => Int, { defaultValue: 20, description: 'SERVICE_LEVEL: answered within this many seconds of waiting.' })
  @IsInt()
  @Min(1)
  @Max(3600)
  serviceLevelTargetSeconds = 20;
}

@InputType()
export class KpisInput extends KpiWindowInput {
  @Field(() => [KpiMetric])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(KpiMetric, { each: true })
  metrics!: KpiMetric[];

  @Field(() => [KpiGroupBy], { defaultValue: [] })
  @IsArray()
  @ArrayUnique()
  @IsEnum(KpiGroupBy, { each: true })
  groupBy: KpiGroupBy[] = [];

  @Field(() => KpiFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => KpiFilter)
  filter?: KpiFilter;
}

@InputType()
export class KpiTrendInput extends KpiWindowInput {
  @Field(() => KpiMetric)
  @IsEnum(KpiMetric)
  metric!: KpiMetric;

  @Field(() => KpiPeriodUnit, { defaultValue: KpiPeriodUnit.WEEK })
  @IsEnum(KpiPeriodUnit)
  granularity: KpiPeriodUnit = KpiPeriodUnit.WEEK;

  @Field(() => KpiFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => KpiFilter)
  filter?: KpiFilter;
}

@InputType()
export class AgentScorecardInput extends KpiWindowInput {
  @Field(() => ID)
  @IsUUID()
  agentId!: string;
}

@InputType()
export class KpiAlertsInput extends KpiWindowInput {
  @OptionalIdsField({ max: 500, description: 'Only these teams.' })
  teamIds?: string[];

  @Field(() => Boolean, {
    defaultValue: false,
    description: 'Also list targets that are AT_RISK, not only OFF_TRACK ones.',
  })
  @IsBoolean()
  includeAtRisk = false;
}

@InputType()
export class SetKpiTargetInput {
  @Field(() => KpiMetric)
  @IsEnum(KpiMetric)
  metric!: KpiMetric;

  @Field(() => ID, {
    nullable: true,
    description: 'The team it applies to; none: every team without a target of its own.',
  })
  @IsOptional()
  @IsUUID()
  teamId?: string | null;

  @Field(() => Float, {
    description:
      "In the metric's unit: seconds, percent (90 for 90%), count, NPS points or contacts per hour. A ceiling for metrics where lower is better, a floor otherwise.",
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-1e9)
  @Max(1e9)
  value!: number;
}

@InputType()
export class RemoveKpiTargetInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}
