import { Channel, DateTimeScalar, IsValidDate } from '@deskforce/platform';
import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
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
import { MAX_SERIES_INTERVALS } from './erlang.input';

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
