import { Channel, DateTimeScalar } from '@deskforce/platform';
import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsDate, IsEnum, IsIn, IsNumber, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { ShiftStatus } from '../scheduling.enums';
import { Enforcement, LaborRule } from '../rules/labor-rules';

@InputType()
export class CoverageInput {
  @Field(() => ID)
  @IsUUID()
  teamId!: string;

  @Field(() => DateTimeScalar)
  @IsDate()
  from!: Date;

  @Field(() => DateTimeScalar)
  @IsDate()
  to!: Date;

  @Field(() => Int, { defaultValue: 15, description: '15, 30 or 60.' })
  @IsIn([15, 30, 60], { message: 'must be 15, 30 or 60' })
  intervalMinutes: number = 15;

  @Field(() => Channel, {
    nullable: true,
    description: 'Count only shifts for this channel (or unassigned shifts of agents who serve it).',
  })
  @IsOptional()
  @IsEnum(Channel)
  channel?: Channel;

  @Field(() => [ShiftStatus], {
    nullable: true,
    description: 'Defaults to DRAFT and PUBLISHED: the plan as it stands.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2)
  @IsIn([ShiftStatus.DRAFT, ShiftStatus.PUBLISHED], { each: true, message: 'each status must be DRAFT or PUBLISHED' })
  statuses?: ShiftStatus[];
}

@InputType()
export class ScheduleViolationsInput {
  @Field(() => ID)
  @IsUUID()
  teamId!: string;

  @Field(() => DateTimeScalar)
  @IsDate()
  from!: Date;

  @Field(() => DateTimeScalar)
  @IsDate()
  to!: Date;
}

@InputType()
export class SetLaborRuleInput {
  @Field(() => ID, {
    nullable: true,
    description: 'Leave out to set the tenant-wide rule; give a team to override it there.',
  })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @Field(() => LaborRule)
  @IsEnum(LaborRule)
  rule!: LaborRule;

  @Field(() => Enforcement)
  @IsEnum(Enforcement)
  enforcement!: Enforcement;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(168)
  value?: number;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(24)
  maxValue?: number;
}
