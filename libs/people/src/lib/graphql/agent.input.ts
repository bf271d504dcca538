import { Channel, IsOmittable, OptionalIdsField, LocalDateScalar } from '@deskforce/platform';
import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsEnum,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { AgentLevel, EmploymentStatus } from '../people.enums';

const SKILL_PATTERN = /^[a-z0-9][a-z0-9_ -]{0,62}$/;

@InputType()
export class AgentSkillInput {
  @Field({ description: 'Lowercase letters, digits, space, dash or underscore; e.g. "billing".' })
  @IsString()
  @Matches(SKILL_PATTERN, { message: 'must be a lowercase skill name such as "billing" (at most 63 characters)' })
  skill!: string;

  @Field(() => Int, { description: '1 to 5.' })
  @IsInt()
  @Min(1)
  @Max(5)
  proficiency!: number;
}

@InputType()
export class AgentFilter {
  @OptionalIdsField({ max: 500 })
  teamIds?: string[];

  @Field(() => [AgentLevel], { nullable: true })
  @IsOptional()
  @IsEnum(AgentLevel, { each: true })
  levels?: AgentLevel[];

  @Field(() => [EmploymentStatus], { nullable: true })
  @IsOptional()
  @IsEnum(EmploymentStatus, { each: true })
  employmentStatuses?: EmploymentStatus[];

  @Field(() => Channel, { nullable: true })
  @IsOptional()
  @IsEnum(Channel)
  channel?: Channel;

  @Field({ nullable: true, description: 'Agents holding this skill.' })
  @IsOptional()
  @Matches(SKILL_PATTERN, { message: 'must be a lowercase skill name' })
  skill?: string;

  @Field({ nullable: true, description: 'Case-insensitive match on name or email.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}

@InputType()
export class CreateAgentInput {
  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @Field()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email!: string;

  @Field(() => ID)
  @IsUUID()
  teamId!: string;

  @Field(() => AgentLevel)
  @IsEnum(AgentLevel)
  level!: AgentLevel;

  @Field(() => LocalDateScalar)
  @IsString()
  hireDate!: string;

  @Field(() => Float, { description: 'Hours per week in the contract, 0 to 80.' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(80)
  contractedWeeklyHours!: number;

  @Field(() => Float, { defaultValue: 0 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100000)
  hourlyCost: number = 0;

  @Field(() => [Channel], { defaultValue: [] })
  @IsArray()
  @ArrayUnique()
  @IsEnum(Channel, { each: true })
  channels: Channel[] = [];

  @Field(() => [AgentSkillInput], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AgentSkillInput)
  skills: AgentSkillInput[] = [];

  @Field(() => ID, { nullable: true, description: 'The user this agent signs in as.' })
  @IsOptional()
  @IsUUID()
  userId?: string | null;
}

@InputType()
export class UpdateAgentInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field({ nullable: true })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @Field({ nullable: true })
  @IsOmittable()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email?: string;

  @Field(() => ID, { nullable: true })
  @IsOmittable()
  @IsUUID()
  teamId?: string;

  @Field(() => AgentLevel, { nullable: true })
  @IsOmittable()
  @IsEnum(AgentLevel)
  level?: AgentLevel;

  @Field(() => EmploymentStatus, {
    nullable: true,
    description: 'ACTIVE or ON_LEAVE; use deactivateAgent to terminate.',
  })
  @IsOmittable()
  @IsIn([EmploymentStatus.ACTIVE, EmploymentStatus.ON_LEAVE], {
    message: 'must be ACTIVE or ON_LEAVE (use deactivateAgent to terminate)',
  })
  employmentStatus?: EmploymentStatus;

  @Field(() => LocalDateScalar, { nullable: true })
  @IsOmittable()
  @IsString()
  hireDate?: string;

  @Field(() => Float, { nullable: true })
  @IsOmittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(80)
  contractedWeeklyHours?: number;

  @Field(() => Float, { nullable: true })
  @IsOmittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100000)
  hourlyCost?: number;

  @Field(() => [Channel], { nullable: true })
  @IsOmittable()
  @IsArray()
  @ArrayUnique()
  @IsEnum(Channel, { each: true })
  channels?: Channel[];

  @Field(() => ID, { nullable: true, description: 'null unlinks the user.' })
  @IsOptional()
  @IsUUID()
  userId?: string | null;
}

@InputType()
export class SetAgentSkillsInput {
  @Field(() => ID)
  @IsUUID()
  agentId!: string;

  @Field(() => [AgentSkillInput], { description: 'Replaces every skill of the agent.' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AgentSkillInput)
  skills!: AgentSkillInput[];
}

@InputType()
export class DeactivateAgentInput {
  @Field(() => ID)
  @IsUUID()
  agentId!: string;
}
