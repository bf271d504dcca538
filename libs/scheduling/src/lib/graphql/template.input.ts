import { Channel, LocalDateScalar } from '@deskforce/platform';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsIn,
  IsInt,
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
import { ActivityType } from '../scheduling.enums';

@InputType()
export class TemplateActivityInput {
  @Field(() => ActivityType)
  @IsEnum(ActivityType)
  type!: ActivityType;

  @Field(() => Int)
  @IsInt()
  @Min(5)
  @Max(480)
  durationMinutes!: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(1440)
  earliestStartMinutes!: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(1440)
  latestStartMinutes!: number;
}

@InputType()
export class CreateShiftTemplateInput {
  @Field(() => ID, { nullable: true, description: 'Leave out for a template every team may use.' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @Field({ description: 'HH:MM, local to each agent’s team.' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time of day, HH:MM' })
  startTime!: string;

  @Field(() => Int)
  @IsInt()
  @Min(15)
  @Max(1440)
  durationMinutes!: number;

  @Field(() => [Int])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn([1, 2, 3, 4, 5, 6, 7], { each: true, message: 'each day must be an ISO weekday, 1 (Monday) to 7 (Sunday)' })
  daysOfWeek!: number[];

  @Field(() => Channel, { nullable: true })
  @IsOptional()
  @IsEnum(Channel)
  channel?: Channel;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9_ -]{0,62}$/, { message: 'must be a lowercase skill name' })
  skill?: string;

  @Field(() => [TemplateActivityInput], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => TemplateActivityInput)
  activities: TemplateActivityInput[] = [];
}

@InputType()
export class ApplyShiftTemplateInput {
  @Field(() => ID)
  @IsUUID()
  templateId!: string;

  @Field(() => [ID])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @IsUUID('all', { each: true })
  agentIds!: string[];

  @Field(() => LocalDateScalar, { description: 'First calendar day, in each agent’s team time zone.' })
  @IsString()
  from!: string;

  @Field(() => LocalDateScalar, { description: 'Last calendar day (inclusive).' })
  @IsString()
  to!: string;
}
