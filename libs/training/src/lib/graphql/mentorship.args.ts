import { PageArgs } from '@deskforce/platform';
import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { MentorshipFilter, MentoringSessionFilter } from './mentorship.input';

@ArgsType()
export class MentorshipsArgs extends PageArgs {
  @Field(() => MentorshipFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MentorshipFilter)
  filter?: MentorshipFilter;
}

@ArgsType()
export class MentoringSessionsArgs extends PageArgs {
  @Field(() => MentoringSessionFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MentoringSessionFilter)
  filter?: MentoringSessionFilter;
}

@ArgsType()
export class SuggestMentorsArgs {
  @Field(() => ID)
  @IsUUID()
  menteeId!: string;

  @Field(() => Int, { defaultValue: 5, description: 'At most 50.' })
  @IsInt()
  @Min(1)
  @Max(50)
  first: number = 5;

  @Field(() => Int, { defaultValue: 90, description: 'Days of KPI history to compare, up to today.' })
  @IsInt()
  @Min(7)
  @Max(365)
  windowDays: number = 90;
}
