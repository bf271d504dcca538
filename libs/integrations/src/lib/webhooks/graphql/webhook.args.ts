import { PageArgs } from '@deskforce/platform';
import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';

@ArgsType()
export class WebhookDeliveriesArgs extends PageArgs {
  @Field(() => ID)
  @IsUUID()
  endpointId!: string;
}
