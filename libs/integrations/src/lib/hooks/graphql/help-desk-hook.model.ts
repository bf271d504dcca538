import { Connection, DateTimeScalar } from '@deskforce/platform';
import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsString, IsUUID, Length, Matches } from 'class-validator';

/** Help desks whose webhooks we can authenticate by their own signature (Freshdesk has no such scheme). */
export enum HelpDeskVendor {
  ZENDESK = 'ZENDESK',
}

registerEnumType(HelpDeskVendor, { name: 'HelpDeskVendor' });

@ObjectType('HelpDeskHook', {
  description:
    "A help-desk webhook authenticated by the vendor's signature: its deliveries go to `path` without an API token.",
})
export class HelpDeskHookModel {
  @Field(() => ID)
  id!: string;

  @Field(() => HelpDeskVendor)
  vendor!: HelpDeskVendor;

  @Field()
  name!: string;

  @Field({ description: 'Where the help desk sends its deliveries, on this server: /hooks/zendesk/<tenant>/<id>.' })
  path!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

@ObjectType('HelpDeskHookConnection')
export class HelpDeskHookConnection extends Connection(HelpDeskHookModel, 'HelpDeskHook') {}

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

@ObjectType()
export class CreateHelpDeskHookPayload {
  @Field(() => HelpDeskHookModel)
  hook!: HelpDeskHookModel;
}

@ObjectType()
export class DeleteHelpDeskHookPayload {
  @Field(() => ID)
  deletedId!: string;
}
