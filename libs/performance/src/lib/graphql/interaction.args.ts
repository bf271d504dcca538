import { PageArgs } from '@deskforce/platform';
import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { InteractionsInput } from './interaction.input';

@ArgsType()
export class InteractionsArgs extends PageArgs {
  @Field(() => InteractionsInput)
  @ValidateNested()
  @Type(() => InteractionsInput)
  input!: InteractionsInput;
}
