import { Connection, DateTimeScalar } from '@deskforce/platform';
import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum ExternalIdentityKind {
  AGENT = 'AGENT',
  TEAM = 'TEAM',
}
registerEnumType(ExternalIdentityKind, {
  name: 'ExternalIdentityKind',
  description: 'What a help-desk reference stands for: one of our agents or teams.',
});

@ObjectType('ExternalIdentity', {
  description: 'How a help desk names one of our agents or teams (docs/help-desk.md, "Agents and teams").',
})
export class ExternalIdentityModel {
  @Field(() => ExternalIdentityKind)
  kind!: ExternalIdentityKind;

  @Field({
    description: '`zendesk:user:360012`, `freshdesk:agent:42`, `email:ana@example.com`, `zendesk:group:98738`…',
  })
  externalRef!: string;

  @Field({ description: 'The first part of the reference: zendesk, freshdesk, email…' })
  source!: string;

  @Field(() => ID, { nullable: true })
  agentId!: string | null;

  @Field(() => ID, { nullable: true })
  teamId!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the reference was mapped (or last re-pointed).' })
  createdAt!: Date;
}

@ObjectType('ExternalIdentityConnection')
export class ExternalIdentityConnection extends Connection(ExternalIdentityModel, 'ExternalIdentity') {}

@ObjectType()
export class MapExternalIdentityPayload {
  @Field(() => ExternalIdentityModel)
  identity!: ExternalIdentityModel;
}

@ObjectType()
export class UnmapExternalIdentityPayload {
  @Field(() => ExternalIdentityModel, { nullable: true, description: 'The mapping removed; null when there was none.' })
  removed!: ExternalIdentityModel | null;
}
