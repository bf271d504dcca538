import { DateTimeScalar, PageArgs } from '@deskforce/platform';
import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, ValidateNested } from 'class-validator';
import { ShiftFilter } from './shift.input';

@ArgsType()
export class ShiftsArgs extends PageArgs {
  @Field(() => ShiftFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ShiftFilter)
  filter?: ShiftFilter;
}

@ArgsType()
export class MyScheduleArgs {
  @Field(() => DateTimeScalar)
  @IsDate()
  from!: Date;

  @Field(() => DateTimeScalar)
  @IsDate()
  to!: Date;
}
