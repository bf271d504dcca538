import { DateTimeScalar, Role } from '@deskforce/platform';
import { Field, ID, InputType } from '@nestjs/graphql';
import { IsDate, IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

@InputType()
export class CreateApiTokenInput {
  @Field({ description: 'Unique among the live tokens, e.g. "Zendesk webhook".' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @Field(() => Role, { description: 'ADMIN, DIRECTOR, COORDINATOR or TRAINER (not AGENT).' })
  @IsEnum(Role)
  role!: Role;

  @Field(() => DateTimeScalar, { nullable: true })
  @IsOptional()
  @IsDate()
  expiresAt?: Date;
}

@InputType()
export class RevokeApiTokenInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}
