import { Channel, DateTimeScalar, IsValidDate } from '@deskforce/platform';
import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ForecastSource, StaffingForecastMethod } from '../staffing.enums';
import { MAX_SERIES_INTERVALS } from './erlang.model';

const FINITE = { allowNaN: false, allowInfinity: false } as const;

/** A team, a channel and a window of whole intervals: what a forecast or a requirement is about. */
@InputType({ isAbstract: true })
export abstract class StaffingWindowFields {
  @Field(() => ID)
  @IsUUID()
  teamId!: string;

  @Field(() => Channel)
  @IsEnum(Channel)
  channel!: Channel;

  @Field(() => DateTimeScalar, { description: 'Start of the first interval, on a quarter hour.' })
  @IsValidDate()
  from!: Date;

  @Field(() => DateTimeScalar, { description: 'End of the last interval: a whole number of intervals after from, at most 31 days.' })
  @IsValidDate()
  to!: Date;

  @Field(() => Int, { defaultValue: 15, description: '15, 30 or 60.' })
  @IsIn([15, 30, 60], { message: 'must be 15, 30 or 60' })
  intervalMinutes: number = 15;

  @Field(() => Int, { defaultValue: 8, description: 'Weeks of interaction history the forecast learns from (0 = uploads and overrides only).' })
  @IsInt()
  @Min(0)
  @Max(52)
  historyWeeks: number = 8;

  @Field(() => Float, { defaultValue: 300, description: 'AHT in seconds where neither an upload nor the history gives one.' })
  @IsNumber(FINITE)
  @Min(1)
  @Max(86_400)
  defaultAhtSeconds: number = 300;
}

@InputType()
export class StaffingForecastInput extends StaffingWindowFields {}

@ObjectType('ForecastInterval')
export class ForecastIntervalModel {
  @Field(() => DateTimeScalar)
  startsAt!: Date;

  @Field(() => DateTimeScalar)
  endsAt!: Date;

  @Field(() => Float, { description: 'Contacts expected in the interval.' })
  contacts!: number;

  @Field(() => Float, { description: 'Average handle time expected, in seconds.' })
  ahtSeconds!: number;

  @Field(() => ForecastSource)
  source!: ForecastSource;
}

@ObjectType('ForecastMethodScore', { description: 'One method compared on the held-out weeks.' })
export class ForecastMethodScoreModel {
  @Field(() => StaffingForecastMethod)
  method!: StaffingForecastMethod;

  @Field(() => Float, { nullable: true, description: 'WAPE on the holdout: Σ|actual − forecast| ÷ Σ actual (0.1 = 10%); null when the holdout had no volume.' })
  wape!: number | null;
}

@ObjectType('StaffingForecast')
export class StaffingForecastModel {
  @Field(() => StaffingForecastMethod, {
    nullable: true,
    description: 'The method the history forecast uses (the best on the holdout); null when every interval was uploaded or overridden, so no history forecast was needed.',
  })
  method!: StaffingForecastMethod | null;

  @Field(() => Float, { nullable: true, description: 'The chosen method’s WAPE on the last held-out weeks: how far to trust it. Null without a holdout (under two weeks of history).' })
  wape!: number | null;

  @Field(() => Int, { description: 'Weeks held out to score the methods.' })
  holdoutWeeks!: number;

  @Field(() => Int, { description: 'Weeks of history used (leading weeks without any contact are dropped).' })
  historyWeeks!: number;

  @Field(() => [ForecastMethodScoreModel], { description: 'Every method compared, best first.' })
  methodScores!: ForecastMethodScoreModel[];

  @Field(() => Float)
  totalContacts!: number;

  @Field(() => [ForecastIntervalModel])
  intervals!: ForecastIntervalModel[];
}

@InputType()
export class UploadForecastInput {
  @Field(() => ID)
  @IsUUID()
  teamId!: string;

  @Field(() => Channel)
  @IsEnum(Channel)
  channel!: Channel;

  @Field(() => DateTimeScalar, { description: 'Start of the first interval, on a quarter hour.' })
  @IsValidDate()
  from!: Date;

  @Field(() => Int, { defaultValue: 15, description: '15, 30 or 60. Longer intervals are stored as quarter hours, contacts split evenly.' })
  @IsIn([15, 30, 60], { message: 'must be 15, 30 or 60' })
  intervalMinutes: number = 15;

  @Field(() => [Float], { description: 'Contacts per interval from `from`, at most 31 days.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SERIES_INTERVALS)
  @IsNumber(FINITE, { each: true })
  @Min(0, { each: true })
  @Max(10_000_000, { each: true })
  contacts!: number[];

  @Field(() => [Float], { description: 'AHT per interval in seconds, one per contacts value (> 0 where there are contacts).' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SERIES_INTERVALS)
  @IsNumber(FINITE, { each: true })
  @Min(0, { each: true })
  @Max(86_400, { each: true })
  ahtSeconds!: number[];
}

@ObjectType()
export class UploadForecastPayload {
  @Field(() => Int, { description: 'Intervals stored (of the input’s length).' })
  intervalCount!: number;

  @Field(() => DateTimeScalar)
  from!: Date;

  @Field(() => DateTimeScalar)
  to!: Date;

  @Field(() => Float)
  totalContacts!: number;
}

@InputType()
export class ForecastOverrideIntervalInput {
  @Field(() => DateTimeScalar, { description: 'Start of the interval, on a quarter hour.' })
  @IsValidDate()
  startsAt!: Date;

  @Field(() => Float, { nullable: true, description: 'Contacts for the interval; null clears what was stored there (the history forecast applies again).' })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(10_000_000)
  contacts?: number | null;

  @Field(() => Float, { nullable: true, description: 'AHT in seconds; required when contacts > 0.' })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(86_400)
  ahtSeconds?: number | null;
}

@InputType()
export class SetForecastOverrideInput {
  @Field(() => ID)
  @IsUUID()
  teamId!: string;

  @Field(() => Channel)
  @IsEnum(Channel)
  channel!: Channel;

  @Field(() => Int, { defaultValue: 15, description: 'Length of each overridden interval: 15, 30 or 60.' })
  @IsIn([15, 30, 60], { message: 'must be 15, 30 or 60' })
  intervalMinutes: number = 15;

  @Field(() => [ForecastOverrideIntervalInput])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SERIES_INTERVALS)
  @ValidateNested({ each: true })
  @Type(() => ForecastOverrideIntervalInput)
  intervals!: ForecastOverrideIntervalInput[];
}

@ObjectType()
export class SetForecastOverridePayload {
  @Field(() => Int, { description: 'Intervals set.' })
  setCount!: number;

  @Field(() => Int, { description: 'Intervals cleared (contacts: null).' })
  clearedCount!: number;
}
