import { Connection, DateTimeScalar, LocalDateScalar } from '@deskforce/platform';
import { AgentModel } from '@deskforce/people';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { MentorshipStatus, TrainingMetric } from '../training.enums';

@ObjectType('Mentorship')
export class MentorshipModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  mentorId!: string;

  @Field(() => ID)
  menteeId!: string;

  @Field()
  goals!: string;

  @Field(() => LocalDateScalar)
  startsOn!: string;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'The planned end; the place is freed by endMentorship.',
  })
  endsOn!: string | null;

  @Field(() => MentorshipStatus)
  status!: MentorshipStatus;

  @Field(() => String, { nullable: true })
  endNote!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  endedAt!: Date | null;
}

@ObjectType('MentorshipConnection')
export class MentorshipConnection extends Connection(MentorshipModel, 'Mentorship') {}

@ObjectType('MentoringSession')
export class MentoringSessionModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  mentorshipId!: string;

  @Field(() => DateTimeScalar)
  heldAt!: Date;

  @Field(() => Int)
  durationMinutes!: number;

  @Field()
  notes!: string;

  @Field(() => TrainingMetric, { nullable: true, description: 'The KPI the session worked on.' })
  targetMetric!: TrainingMetric | null;

  @Field(() => String, { nullable: true, description: 'The skill the session worked on.' })
  targetSkill!: string | null;

  @Field(() => [String])
  followUps!: string[];

  @Field(() => ID, { nullable: true, description: 'The MENTORING activity in the mentor’s shift, when booked.' })
  mentorActivityId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The MENTORING activity in the mentee’s shift, when booked.' })
  menteeActivityId!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

@ObjectType('MentoringSessionConnection')
export class MentoringSessionConnection extends Connection(MentoringSessionModel, 'MentoringSession') {}

@ObjectType()
export class CreateMentorshipPayload {
  @Field(() => MentorshipModel)
  mentorship!: MentorshipModel;
}

@ObjectType()
export class EndMentorshipPayload {
  @Field(() => MentorshipModel)
  mentorship!: MentorshipModel;
}

@ObjectType()
export class SetMentorCapacityPayload {
  @Field(() => ID)
  agentId!: string;

  @Field(() => Int)
  capacity!: number;

  @Field(() => Int)
  activeMentees!: number;
}

@ObjectType()
export class LogMentoringSessionPayload {
  @Field(() => MentoringSessionModel)
  session!: MentoringSessionModel;
}

@ObjectType('MentorKpiStrength')
export class MentorKpiStrengthModel {
  @Field(() => TrainingMetric)
  metric!: TrainingMetric;

  @Field(() => Float)
  mentorValue!: number;

  @Field(() => Float)
  menteeValue!: number;

  @Field(() => Float, {
    description: 'The mentor’s standing among the candidates and the mentee, 0 (worst) to 1 (best).',
  })
  mentorPercentile!: number;
}

@ObjectType('MentorSuggestion')
export class MentorSuggestionModel {
  @Field(() => AgentModel)
  mentor!: AgentModel;

  @Field(() => Float, { description: '0 to 1; see the README for the weights.' })
  score!: number;

  @Field(() => String, { description: 'The reasons in one sentence.' })
  reason!: string;

  @Field(() => [String])
  reasons!: string[];

  @Field()
  sameTeam!: boolean;

  @Field(() => [String])
  sharedSkills!: string[];

  @Field(() => Int)
  freeCapacity!: number;

  @Field(() => [MentorKpiStrengthModel], {
    description: 'The mentor’s values on the mentee’s weakest KPIs (empty without KPI values).',
  })
  kpiStrengths!: MentorKpiStrengthModel[];
}
