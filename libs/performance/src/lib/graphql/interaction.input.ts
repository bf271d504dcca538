import { DateTimeScalar } from '@deskforce/platform';
import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, ValidateNested } from 'class-validator';
import { KpiFilter } from './kpi.input';

@InputType()
export class InteractionsInput {
  @Field(() => DateTimeScalar, { description: 'Contacts created at or after this instant…' })
  @IsDate()
  from!: Date;

  @Field(() => DateTimeScalar, { description: '…and before this one (at most 732 days later).' })
  @IsDate()
  to!: Date;

  @Field(() => KpiFilter, {
    nullable: true,
    description: 'The same filter as kpis, so a figure drills down to its contacts.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => KpiFilter)
  filter?: KpiFilter;
}
