import { DateTimeScalar } from '@deskforce/platform';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDate,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

/** The shapes here; the meaning (real dates, a window that is not empty, a date listed once) is checked by business-hours/business-calendar.ts. */
const LOCAL_TIME = /^\d{2}:\d{2}$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_WINDOWS_PER_DAY = 24;
const MAX_HOLIDAYS = 1000;

@InputType({ description: 'Working hours on one weekday, in the team’s local time.' })
export class WorkingWindowInput {
  @Field({ description: 'Local time HH:mm, 00:00 to 23:59.' })
  @IsString()
  @Matches(LOCAL_TIME, { message: 'must be a local time HH:mm' })
  start!: string;

  @Field({
    description: 'Local time HH:mm, 00:00 to 24:00; an end before the start crosses midnight (22:00–06:00).',
  })
  @IsString()
  @Matches(LOCAL_TIME, { message: 'must be a local time HH:mm' })
  end!: string;
}

function WeekdayField(): PropertyDecorator {
  return (target, property) => {
    Field(() => [WorkingWindowInput], { nullable: true, description: 'Absent or empty: closed all day.' })(
      target,
      property,
    );
    IsOptional()(target, property);
    IsArray()(target, property);
    ArrayMaxSize(MAX_WINDOWS_PER_DAY)(target, property);
    ValidateNested({ each: true })(target, property);
    Type(() => WorkingWindowInput)(target, property);
  };
}

@InputType({ description: 'Working windows per weekday, in the team’s time zone.' })
export class WeeklyHoursInput {
  @WeekdayField() monday?: WorkingWindowInput[];
  @WeekdayField() tuesday?: WorkingWindowInput[];
  @WeekdayField() wednesday?: WorkingWindowInput[];
  @WeekdayField() thursday?: WorkingWindowInput[];
  @WeekdayField() friday?: WorkingWindowInput[];
  @WeekdayField() saturday?: WorkingWindowInput[];
  @WeekdayField() sunday?: WorkingWindowInput[];
}

@InputType({ description: 'A whole local day without business hours.' })
export class HolidayInput {
  @Field({ description: 'Local date YYYY-MM-DD.' })
  @IsString()
  @Matches(LOCAL_DATE, { message: 'must be a local date YYYY-MM-DD' })
  date!: string;

  @Field()
  @IsString()
  @MaxLength(100)
  name!: string;
}

@InputType()
export class SetTeamBusinessCalendarInput {
  @Field(() => ID)
  @IsUUID()
  teamId!: string;

  @Field(() => WeeklyHoursInput, {
    nullable: true,
    description: 'Working windows; with no window on any day (and no holidays) the team has no calendar: 24×7.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => WeeklyHoursInput)
  weekly?: WeeklyHoursInput | null;

  @Field(() => [HolidayInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_HOLIDAYS)
  @ValidateNested({ each: true })
  @Type(() => HolidayInput)
  holidays?: HolidayInput[] | null;
}

/** Contacts one recompute call reads at most (one statement's worth of updates per 1,000). */
export const MAX_RECOMPUTE_CONTACTS = 5000;

@InputType()
export class RecomputeTeamBusinessTimesInput {
  @Field(() => ID)
  @IsUUID()
  teamId!: string;

  @Field(() => DateTimeScalar, { description: 'Contacts created from this instant (inclusive).' })
  @IsDate()
  from!: Date;

  @Field(() => DateTimeScalar, { description: 'To this instant (exclusive), at most 732 days after from.' })
  @IsDate()
  to!: Date;

  @Field(() => Int, { defaultValue: MAX_RECOMPUTE_CONTACTS, description: `At most ${MAX_RECOMPUTE_CONTACTS}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_RECOMPUTE_CONTACTS)
  first: number = MAX_RECOMPUTE_CONTACTS;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous call.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  after?: string;
}
