import { TeamModel } from '@deskforce/people';
import { DateTimeScalar, LocalDateScalar } from '@deskforce/platform';
import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('WorkingWindow', { description: 'Local wall-clock times HH:mm; an end before the start crosses midnight.' })
export class WorkingWindowModel {
  @Field()
  start!: string;

  @Field()
  end!: string;
}

@ObjectType('WeeklyHours')
export class WeeklyHoursModel {
  @Field(() => [WorkingWindowModel]) monday!: WorkingWindowModel[];
  @Field(() => [WorkingWindowModel]) tuesday!: WorkingWindowModel[];
  @Field(() => [WorkingWindowModel]) wednesday!: WorkingWindowModel[];
  @Field(() => [WorkingWindowModel]) thursday!: WorkingWindowModel[];
  @Field(() => [WorkingWindowModel]) friday!: WorkingWindowModel[];
  @Field(() => [WorkingWindowModel]) saturday!: WorkingWindowModel[];
  @Field(() => [WorkingWindowModel]) sunday!: WorkingWindowModel[];
}

@ObjectType('Holiday')
export class HolidayModel {
  @Field(() => LocalDateScalar)
  date!: string;

  @Field()
  name!: string;
}

@ObjectType('BusinessCalendar', {
  description:
    'A team’s working hours and holidays. Business-time metrics count only the time inside them; they apply to contacts written after the calendar was set, and to history through recomputeTeamBusinessTimes (docs/help-desk.md, "Business hours").',
})
export class BusinessCalendarModel {
  @Field({ description: 'The team’s own time zone, in which the hours and dates are read.' })
  timeZone!: string;

  @Field(() => WeeklyHoursModel)
  weekly!: WeeklyHoursModel;

  @Field(() => [HolidayModel])
  holidays!: HolidayModel[];

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

@ObjectType()
export class SetTeamBusinessCalendarPayload {
  @Field(() => TeamModel)
  team!: TeamModel;

  @Field(() => BusinessCalendarModel, { nullable: true, description: 'Null: no calendar (24×7).' })
  businessCalendar!: BusinessCalendarModel | null;
}

@ObjectType()
export class RecomputeTeamBusinessTimesPayload {
  @Field(() => Int, { description: 'Contacts read in this call.' })
  recomputed!: number;

  @Field(() => Int, { description: 'Contacts whose business times changed.' })
  changed!: number;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to go on; null when the window is done.' })
  endCursor!: string | null;

  @Field()
  hasNextPage!: boolean;
}
