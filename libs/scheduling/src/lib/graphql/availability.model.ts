import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum ShiftPreferenceKind {
  PREFER = 'PREFER',
  AVOID = 'AVOID',
}

registerEnumType(ShiftPreferenceKind, {
  name: 'ShiftPreferenceKind',
  description: 'PREFER: met when the agent gets a matching shift; AVOID: met when it gets none.',
});

@ObjectType('AvailabilityWindow', { description: 'A recurring weekly window in the team’s local time.' })
export class AvailabilityWindowModel {
  @Field(() => Int, { description: 'ISO weekday: 1 = Monday … 7 = Sunday.' })
  weekday!: number;

  @Field({ description: 'Local start, "HH:MM".' })
  startTime!: string;

  @Field({ description: 'Local end, "HH:MM" (24:00 = midnight after), after the start.' })
  endTime!: string;
}

@ObjectType('AvailabilityException', {
  description: 'A dated exception: unavailable (all day without times, or between them) or available in an extra span.',
})
export class AvailabilityExceptionModel {
  @Field({ description: 'Local date, YYYY-MM-DD.' })
  date!: string;

  @Field()
  available!: boolean;

  @Field(() => String, { nullable: true })
  startTime!: string | null;

  @Field(() => String, { nullable: true })
  endTime!: string | null;

  @Field(() => String, { nullable: true })
  note!: string | null;
}

@ObjectType('ShiftPreference', { description: 'A weighted wish about shifts on a weekday and/or of a template.' })
export class ShiftPreferenceModel {
  @Field(() => ShiftPreferenceKind)
  kind!: ShiftPreferenceKind;

  @Field(() => Int, { nullable: true, description: 'ISO weekday the wish is about (any day when absent).' })
  weekday!: number | null;

  @Field(() => ID, { nullable: true, description: 'Shift template the wish is about (any template when absent).' })
  templateId!: string | null;

  @Field(() => Float, {
    description: 'How much it matters, in paid-hour equivalents at the team’s mean rate (0 < weight ≤ 100).',
  })
  weight!: number;
}

@ObjectType('AgentAvailability', {
  description: 'When an agent can work and what they would like. No window and no exception: always available.',
})
export class AgentAvailabilityModel {
  @Field(() => ID)
  agentId!: string;

  @Field(() => [AvailabilityWindowModel])
  windows!: AvailabilityWindowModel[];

  @Field(() => [AvailabilityExceptionModel])
  exceptions!: AvailabilityExceptionModel[];

  @Field(() => [ShiftPreferenceModel])
  preferences!: ShiftPreferenceModel[];
}

@ObjectType()
export class SetAgentAvailabilityPayload {
  @Field(() => AgentAvailabilityModel)
  availability!: AgentAvailabilityModel;
}
