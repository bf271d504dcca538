import { DateTimeScalar } from '@deskforce/platform';
import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { ForecastSource, StaffingForecastMethod } from '../staffing.enums';

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

@ObjectType()
export class SetForecastOverridePayload {
  @Field(() => Int, { description: 'Intervals set.' })
  setCount!: number;

  @Field(() => Int, { description: 'Intervals cleared (contacts: null).' })
  clearedCount!: number;
}
