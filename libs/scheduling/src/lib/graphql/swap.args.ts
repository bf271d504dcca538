import { PageArgs } from '@deskforce/platform';
import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { ShiftSwapFilter } from './swap.input';

@ArgsType()
export class ShiftSwapsArgs extends PageArgs {
  @Field(() => ShiftSwapFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ShiftSwapFilter)
  filter?: ShiftSwapFilter;
}
