import { Connection, DateTimeScalar, IsOmittable, PageArgs } from '@deskforce/platform';
import { AgentLevel } from '@deskforce/people';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

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

@InputType()
export class LearningPathModuleInput {
  @Field(() => ID)
  @IsUUID()
  moduleId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(3650)
  dueAfterDays!: number;

  @Field(() => [ID], { defaultValue: [], description: 'Other modules of this path.' })
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  prerequisiteModuleIds: string[] = [];
}

@InputType()
export class CreateLearningPathInput {
  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @Field({ defaultValue: '' })
  @IsString()
  @MaxLength(5000)
  description: string = '';

  @Field(() => [LearningPathModuleInput], { description: 'In path order. A prerequisite cycle is refused.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => LearningPathModuleInput)
  modules!: LearningPathModuleInput[];
}

@InputType()
export class UpdateLearningPathInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => String, { nullable: true })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOmittable()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @Field(() => [LearningPathModuleInput], {
    nullable: true,
    description: 'Replaces the modules. Assignments already made stay as they are.',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => LearningPathModuleInput)
  modules?: LearningPathModuleInput[];
}

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

@InputType()
export class CreateTrainingAssignmentRuleInput {
  @Field(() => ID)
  @IsUUID()
  teamId!: string;

  @Field(() => ID)
  @IsUUID()
  pathId!: string;

  @Field(() => AgentLevel, { defaultValue: AgentLevel.ENTRY })
  @IsEnum(AgentLevel)
  level: AgentLevel = AgentLevel.ENTRY;
}

@ObjectType()
export class CreateTrainingAssignmentRulePayload {
  @Field(() => TrainingAssignmentRuleModel)
  rule!: TrainingAssignmentRuleModel;
}

@InputType()
export class DeleteTrainingAssignmentRuleInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}

@ObjectType()
export class DeleteTrainingAssignmentRulePayload {
  @Field(() => ID)
  ruleId!: string;
}

@InputType()
export class TrainingAssignmentRuleFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  teamId?: string;
}

@ArgsType()
export class TrainingAssignmentRulesArgs extends PageArgs {
  @Field(() => TrainingAssignmentRuleFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => TrainingAssignmentRuleFilter)
  filter?: TrainingAssignmentRuleFilter;
}

@ArgsType()
export class LearningPathsArgs extends PageArgs {}
