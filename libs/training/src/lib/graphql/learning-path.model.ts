import { Connection, DateTimeScalar } from '@deskforce/platform';
import { AgentLevel } from '@deskforce/people';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('LearningPathModule')
export class LearningPathModuleModel {
  @Field(() => ID)
  moduleId!: string;

  @Field(() => Int, { description: 'Place in the path, from 0.' })
  position!: number;

  @Field(() => Int, { description: 'The module is due this many days after the agent starts the path.' })
  dueAfterDays!: number;

  @Field(() => [ID], {
    description: 'Modules of this path that must be completed (or waived) before this one can start.',
  })
  prerequisiteModuleIds!: string[];
}

@ObjectType('LearningPath', { description: 'Ordered modules with prerequisites, for onboarding and level changes.' })
export class LearningPathModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  description!: string;

  @Field(() => [LearningPathModuleModel], { description: 'In path order.' })
  modules!: LearningPathModuleModel[];

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

@ObjectType('LearningPathConnection')
export class LearningPathConnection extends Connection(LearningPathModel, 'LearningPath') {}

@ObjectType()
export class CreateLearningPathPayload {
  @Field(() => LearningPathModel)
  path!: LearningPathModel;
}

@ObjectType()
export class UpdateLearningPathPayload extends CreateLearningPathPayload {}

@ObjectType('TrainingAssignmentRule', {
  description: 'Every new agent of the team at this level gets the path when created, due from the hire date.',
})
export class TrainingAssignmentRuleModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  teamId!: string;

  @Field(() => AgentLevel)
  level!: AgentLevel;

  @Field(() => ID)
  pathId!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

@ObjectType('TrainingAssignmentRuleConnection')
export class TrainingAssignmentRuleConnection extends Connection(
  TrainingAssignmentRuleModel,
  'TrainingAssignmentRule',
) {}

@ObjectType()
export class CreateTrainingAssignmentRulePayload {
  @Field(() => TrainingAssignmentRuleModel)
  rule!: TrainingAssignmentRuleModel;
}

@ObjectType()
export class DeleteTrainingAssignmentRulePayload {
  @Field(() => ID)
  ruleId!: string;
}
