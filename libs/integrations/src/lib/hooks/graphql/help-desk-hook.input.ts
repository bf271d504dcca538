import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsString, IsUUID, Length, Matches } from 'class-validator';
import { HelpDeskVendor } from './help-desk-hook.model';

@InputType()
export class CreateHelpDeskHookInput {
  @Field(() => HelpDeskVendor)
  @IsEnum(HelpDeskVendor)
  vendor!: HelpDeskVendor;

  @Field({ description: 'E.g. "Zendesk, main brand" (1–200 characters).' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @Field({
    description:
      'The webhook\'s signing secret as the help desk shows it (Zendesk: the webhook\'s page, "Reveal secret"); 16–500 characters. Never answered back.',
  })
  @IsString()
  @Length(16, 500)
  @Matches(/^\S+$/, { message: 'must have no spaces' })
  signingSecret!: string;
}

@InputType()
export class DeleteHelpDeskHookInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}
