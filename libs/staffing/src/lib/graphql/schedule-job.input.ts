import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ScheduleJobStatus } from '../staffing.enums';
import { StaffingDemandFields } from './requirements.input';

const FINITE = { allowNaN: false, allowInfinity: false } as const;

@InputType({
  description:
    'Objective weights: minimise underCoverage × agent-hours short + overCoverage × agent-hours over + cost × paid hours (each priced at the agent’s hourly cost ÷ the mean).',
})
export class ScheduleWeightsInput {
  @Field(() => Float, { defaultValue: 100 })
  @IsNumber(FINITE)
  @Min(0)
  @Max(1_000_000)
  underCoverage: number = 100;

  @Field(() => Float, { defaultValue: 2 })
  @IsNumber(FINITE)
  @Min(0)
  @Max(1_000_000)
  overCoverage: number = 2;

  @Field(() => Float, { defaultValue: 1 })
  @IsNumber(FINITE)
  @Min(0)
  @Max(1_000_000)
  cost: number = 1;

  @Field(() => Float, {
    defaultValue: 2,
    description:
      'Paid-hour equivalents charged per agent and week whose days off (MIN_DAYS_OFF of at least 2) are not two consecutive days; 0: no preference.',
  })
  @IsNumber(FINITE)
  @Min(0)
  @Max(1_000_000)
  splitDaysOff: number = 2;
}

@InputType({
  description:
    'Weekend and night shifts shared across the team: nobody gets more than the fair share (the team’s such shifts over the past weeks and this window, divided by the agents who can work them) plus the bound. A hard rule of generation.',
})
export class ScheduleFairnessInput {
  @Field(() => Int, {
    nullable: true,
    defaultValue: 1,
    description: 'Weekend shifts an agent may get beyond the fair share; null: no bound.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  weekendShiftsAboveFairShare: number | null = 1;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 1,
    description: 'Night shifts an agent may get beyond the fair share; null: no bound.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  nightShiftsAboveFairShare: number | null = 1;

  @Field(() => Int, {
    defaultValue: 4,
    description: 'Weeks before the window whose weekend and night shifts count (0 to 26).',
  })
  @IsInt()
  @Min(0)
  @Max(26)
  pastWeeks: number = 4;
}

@InputType()
export class GenerateScheduleInput extends StaffingDemandFields {
  @Field({
    defaultValue: false,
    description:
      'Plan every channel of the team in one problem: each channel sized by its own method (CHAT_CONCURRENCY, DEFERRED_WORK…, `channel` with `sizingMethod`), agents serving several channels split their time between them, coverage reported per channel. `channel` stays the job’s main channel.',
  })
  @IsBoolean()
  allChannels: boolean = false;

  @Field(() => [ID], {
    nullable: true,
    description:
      'Shift templates to build shifts from; default: every template of the team and the tenant-wide ones that fit the channel.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  templateIds?: string[];

  @Field(() => ScheduleWeightsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScheduleWeightsInput)
  weights?: ScheduleWeightsInput;

  @Field(() => ScheduleFairnessInput, {
    nullable: true,
    description:
      'Default: at most one weekend and one night shift above the fair share, over the 4 weeks before and this window. Days off and start times follow the MIN_DAYS_OFF and START_TIME_SPREAD labor rules.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScheduleFairnessInput)
  fairness?: ScheduleFairnessInput;

  @Field(() => Int, {
    defaultValue: 30,
    description: 'Wall-clock limit of the solver, in seconds (1 to 600); the best schedule found by then is kept.',
  })
  @IsInt()
  @Min(1)
  @Max(600)
  timeLimitSeconds: number = 30;

  @Field(() => Float, {
    defaultValue: 0.005,
    description: 'Stop once the schedule is proven within this relative gap of the best possible (0.005 = 0.5%).',
  })
  @IsNumber(FINITE)
  @Min(0)
  @Max(1)
  mipRelativeGap: number = 0.005;
}

@InputType()
export class ScheduleJobFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @Field(() => [ScheduleJobStatus], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsEnum(ScheduleJobStatus, { each: true })
  statuses?: ScheduleJobStatus[];
}

@InputType()
export class CancelScheduleJobInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}
