import { Channel } from '@deskforce/platform';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ActivityType } from '../scheduling.enums';
import { RuleViolationModel } from './rule.model';
import { ShiftModel } from './shift.model';

@ObjectType('TemplateActivity', {
  description: 'An activity placed inside each shift of a template, e.g. a 30-minute lunch starting 3.5 to 5 hours in.',
})
export class TemplateActivityModel {
  @Field(() => ActivityType)
  type!: ActivityType;

  @Field(() => Int)
  durationMinutes!: number;

  @Field(() => Int, { description: 'Earliest start, in minutes after the shift starts.' })
  earliestStartMinutes!: number;

  @Field(() => Int, {
    description: 'Latest start, in minutes after the shift starts. Agents are staggered across the window.',
  })
  latestStartMinutes!: number;
}

@ObjectType('ShiftTemplate')
export class ShiftTemplateModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true })
  teamId!: string | null;

  @Field()
  name!: string;

  @Field({ description: 'Local start time in the agent’s team time zone, HH:MM.' })
  startTime!: string;

  @Field(() => Int)
  durationMinutes!: number;

  @Field(() => [Int], { description: 'ISO weekdays: 1 = Monday … 7 = Sunday.' })
  daysOfWeek!: number[];

  @Field(() => Channel, { nullable: true })
  channel!: Channel | null;

  @Field(() => String, { nullable: true })
  skill!: string | null;

  @Field(() => [TemplateActivityModel])
  activities!: TemplateActivityModel[];
}

@ObjectType()
export class CreateShiftTemplatePayload {
  @Field(() => ShiftTemplateModel)
  template!: ShiftTemplateModel;
}

@ObjectType()
export class ApplyShiftTemplatePayload {
  @Field(() => Int)
  createdCount!: number;

  @Field(() => [ShiftModel])
  shifts!: ShiftModel[];

  @Field(() => [RuleViolationModel])
  warnings!: RuleViolationModel[];
}
