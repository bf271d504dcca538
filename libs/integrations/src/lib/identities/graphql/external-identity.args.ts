import { PageArgs } from '@deskforce/platform';
import { ArgsType, Field } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { ExternalIdentityKind } from './external-identity.model';

@ArgsType()
export class ExternalIdentitiesArgs extends PageArgs {
  @Field(() => ExternalIdentityKind, { nullable: true })
  @IsOptional()
  @IsEnum(ExternalIdentityKind)
  kind?: ExternalIdentityKind;

  @Field({ nullable: true, description: 'Only references of this source (zendesk, freshdesk, email…).' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  source?: string;
}
