import { IsOmittable } from '@deskforce/platform';
import { AgentLevel } from '@deskforce/people';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
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

@InputType()
export class DeleteTrainingAssignmentRuleInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}

@InputType()
export class TrainingAssignmentRuleFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  teamId?: string;
}
