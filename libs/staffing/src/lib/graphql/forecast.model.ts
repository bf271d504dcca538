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

  @Field(() => DateTimeScalar, {
    description: 'End of the last interval: a whole number of intervals after from, at most 31 days.',
  })
  @IsValidDate()
  to!: Date;

  @Field(() => Int, { defaultValue: 15, description: '15, 30 or 60.' })
  @IsIn([15, 30, 60], { message: 'must be 15, 30 or 60' })
  intervalMinutes: number = 15;

  @Field(() => Int, {
    defaultValue: 8,
    description: 'Weeks of interaction history the forecast learns from (0 = uploads and overrides only).',
  })
  @IsInt()
  @Min(0)
  @Max(52)
  historyWeeks: number = 8;

  @Field(() => Float, {
    defaultValue: 300,
    description: 'AHT in seconds where neither an upload nor the history gives one.',
  })
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

  @Field(() => Float, {
    description:
      'Lower end of the 80% prediction interval of the contacts (the history part; stored values count as exact).',
  })
  lowerContacts!: number;

  @Field(() => Float, { description: 'Upper end of the 80% prediction interval of the contacts.' })
  upperContacts!: number;
}

@ObjectType('ForecastSanity', { description: 'The forecast week beside the recent weeks with contacts.' })
export class ForecastSanityModel {
  @Field(() => Float, {
    nullable: true,
    description: 'Mean contacts of the last (up to four) weeks of history with contacts; null without a whole week.',
  })
  recentWeeklyContacts!: number | null;

  @Field(() => Float, { description: 'Contacts the history model forecasts for the week after its history.' })
  forecastWeeklyContacts!: number;

  @Field(() => Boolean, { description: 'True when the forecast week leaves [0.5×, 2×] the recent weekly volume.' })
  flagged!: boolean;

  @Field(() => String, { nullable: true, description: 'Why the forecast was flagged.' })
  reason!: string | null;
}

@ObjectType('ForecastMethodScore', { description: 'One method compared on the held-out weeks.' })
export class ForecastMethodScoreModel {
  @Field(() => StaffingForecastMethod)
  method!: StaffingForecastMethod;

  @Field(() => Float, {
    nullable: true,
    description:
      'Pooled WAPE on the held-out weeks at the fitted (hourly) resolution: Σ|actual − forecast| ÷ Σ actual (0.1 = 10%); null when the method was excluded.',
  })
  wape!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the method was not run (e.g. a multiplicative season on a series with zeros).',
  })
  excluded!: string | null;
}

@ObjectType('StaffingForecast')
export class StaffingForecastModel {
  @Field(() => StaffingForecastMethod, {
    nullable: true,
    description:
      'The method the history forecast uses (the best on the holdout); null when every interval was uploaded or overridden, so no history forecast was needed.',
  })
  method!: StaffingForecastMethod | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'The chosen method’s pooled WAPE on the held-out weeks (hourly resolution, weeks with contacts only): how far to trust it. Null without a held-out week.',
  })
  wape!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'SEASONAL_NAIVE’s WAPE on the same weeks: a method is chosen only if it beats this.',
  })
  baselineWape!: number | null;

  @Field(() => Int, {
    description: 'Weeks held out to score the methods (rolling origin: each forecast from the history before it).',
  })
  holdoutWeeks!: number;

  @Field(() => [DateTimeScalar], { description: 'Start of each held-out week, newest first.' })
  heldOutWeeks!: Date[];

  @Field(() => Int, {
    nullable: true,
    description:
      'Resolution the history model is fitted at (60): every requested resolution is split down from it, so totals agree.',
  })
  fittedIntervalMinutes!: number | null;

  @Field(() => [DateTimeScalar], {
    description: 'Start of each history day replaced as an outlier (e.g. a holiday) before fitting.',
  })
  cleanedDays!: Date[];

  @Field(() => Float, {
    nullable: true,
    description:
      'Dispersion φ of the held-out errors (variance = φ × mean; 1 = Poisson), behind the prediction intervals.',
  })
  dispersion!: number | null;

  @Field(() => ForecastSanityModel, {
    nullable: true,
    description: 'The history model’s week against the recent weeks; null when no history forecast was needed.',
  })
  sanity!: ForecastSanityModel | null;

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

  @Field(() => Int, {
    defaultValue: 15,
    description: '15, 30 or 60. Longer intervals are stored as quarter hours, contacts split evenly.',
  })
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

  @Field(() => [Float], {
    description: 'AHT per interval in seconds, one per contacts value (> 0 where there are contacts).',
  })
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

  @Field(() => Float, {
    nullable: true,
    description: 'Contacts for the interval; null clears what was stored there (the history forecast applies again).',
  })
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
