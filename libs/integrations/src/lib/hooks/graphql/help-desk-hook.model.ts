import { Connection, DateTimeScalar } from '@deskforce/platform';
import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

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
