import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ExternalIdentityKind } from './external-identity.model';

/** `<source>:<anything>`: a lower-case source name, a colon, then the vendor's own naming. */
export const EXTERNAL_REF = /^[a-z][a-z0-9_-]{0,63}:\S.*$/;

@InputType()
export class MapExternalIdentityInput {
  @Field(() => ExternalIdentityKind)
  @IsEnum(ExternalIdentityKind)
  kind!: ExternalIdentityKind;

  @Field({
    description: '`zendesk:user:360012`, `freshdesk:agent:42`, `email:ana@example.com`, `zendesk:group:98738`…',
  })
  @IsString()
  @MaxLength(300)
  @Matches(EXTERNAL_REF, { message: 'must be <source>:<reference>, e.g. zendesk:user:360012' })
  externalRef!: string;

  @Field(() => ID, { nullable: true, description: 'For kind AGENT.' })
  @IsOptional()
  @IsUUID()
  agentId?: string;

  @Field(() => ID, { nullable: true, description: 'For kind TEAM.' })
  @IsOptional()
  @IsUUID()
  teamId?: string;
}

@InputType()
export class UnmapExternalIdentityInput {
  @Field(() => ExternalIdentityKind)
  @IsEnum(ExternalIdentityKind)
  kind!: ExternalIdentityKind;

  @Field()
  @IsString()
  @MaxLength(300)
  externalRef!: string;
}
