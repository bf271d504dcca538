import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { ForecastBound, SizingMethod } from '../staffing.enums';
import { StaffingWindowFields } from './forecast.input';

const FINITE = { allowNaN: false, allowInfinity: false } as const;

/** The service targets and the what-if factors, shared by staffingRequirements and generateSchedule. */
@InputType({ isAbstract: true })
export abstract class StaffingDemandFields extends StaffingWindowFields {
  @Field(() => SizingMethod, {
    nullable: true,
    description:
      'Defaults by channel: PHONE → ERLANG_C, CHAT and MESSAGING → CHAT_CONCURRENCY, EMAIL, SOCIAL, WEB, API and VOICEMAIL (a call back) → DEFERRED_WORK. ERLANG_A (phone with callers who hang up) needs patienceSeconds.',
  })
  @IsOptional()
  @IsEnum(SizingMethod)
  sizingMethod?: SizingMethod;

  @Field(() => Float, {
    defaultValue: 0.8,
    description: 'Share answered within targetAnswerSeconds, in (0, 1] (queues only).',
  })
  @IsNumber(FINITE)
  serviceLevelTarget: number = 0.8;

  @Field(() => Float, {
    defaultValue: 20,
    description: 'Answer-time target of the service level, in seconds (queues only).',
  })
  @IsNumber(FINITE)
  @Max(86_400)
  targetAnswerSeconds: number = 20;

  @Field(() => Float, { nullable: true, description: 'Optional ASA ceiling in seconds (queues only).' })
  @IsOptional()
  @IsNumber(FINITE)
  @Max(86_400)
  asaTargetSeconds?: number;

  @Field(() => Float, {
    description:
      'Share of scheduled time not available for contacts, in [0, 1). Scheduled agents (coverage) already exclude breaks, lunch, training, meetings and approved time off, so give only the unplanned part here (sickness, unplanned absence).',
  })
  @IsNumber(FINITE)
  shrinkage!: number;

  @Field(() => Float, { defaultValue: 1, description: 'Highest acceptable occupancy, in (0, 1]; 1 = no cap.' })
  @IsNumber(FINITE)
  maxOccupancy: number = 1;

  @Field(() => Int, { nullable: true, description: 'CHAT_CONCURRENCY: chats per agent at once (default 1).' })
  @IsOptional()
  @IsInt()
  @Max(50)
  concurrency?: number;

  @Field(() => Float, {
    nullable: true,
    description: 'ERLANG_A: mean time a caller waits before hanging up, in seconds (required there).',
  })
  @IsOptional()
  @IsNumber(FINITE)
  @Max(86_400)
  patienceSeconds?: number;

  @Field(() => Float, {
    nullable: true,
    description: 'ERLANG_A: highest acceptable share of offered contacts that abandon, in (0, 1]; absent = no cap.',
  })
  @IsOptional()
  @IsNumber(FINITE)
  maxAbandonment?: number;

  @Field(() => Float, { nullable: true, description: 'DEFERRED_WORK: response deadline in seconds (required there).' })
  @IsOptional()
  @IsNumber(FINITE)
  @Max(31 * 86_400)
  responseDeadlineSeconds?: number;

  @Field(() => ForecastBound, {
    defaultValue: ForecastBound.POINT,
    description: 'Size from the point forecast or from the upper end of each interval’s 80% prediction interval.',
  })
  @IsEnum(ForecastBound)
  forecastBound: ForecastBound = ForecastBound.POINT;

  @Field(() => Float, {
    defaultValue: 1,
    description: 'What-if: multiplies the forecast contacts (1.2 = volume +20%).',
  })
  @IsNumber(FINITE)
  @Min(0)
  @Max(100)
  volumeFactor: number = 1;

  @Field(() => Float, { defaultValue: 1, description: 'What-if: multiplies the forecast AHT.' })
  @IsNumber(FINITE)
  @Min(0.01)
  @Max(100)
  ahtFactor: number = 1;
}

@InputType()
export class StaffingRequirementsInput extends StaffingDemandFields {}
