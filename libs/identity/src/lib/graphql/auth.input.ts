import { Role } from '@deskforce/platform';
import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsEmail, IsEnum, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { DateTimeScalar } from '@deskforce/platform';
import { UserModel } from './user.model';

@InputType()
export class LoginInput {
  @Field()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email!: string;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;

  @Field(() => String, { nullable: true, description: 'Needed only when the email has accounts in several organisations.' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'must be an organisation slug (lowercase letters, digits, dashes)' })
  tenantSlug?: string;
}

@ObjectType()
export class LoginPayload {
  @Field({ description: 'Send as "Authorization: Bearer <accessToken>".' })
  accessToken!: string;

  @Field(() => DateTimeScalar)
  expiresAt!: Date;

  @Field(() => UserModel)
  user!: UserModel;
}

@InputType()
export class CreateUserInput {
  @Field()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email!: string;

  @Field({ description: 'At least 12 characters.' })
  @IsString()
  @MinLength(12)
  @MaxLength(1024)
  password!: string;

  @Field(() => Role)
  @IsEnum(Role)
  role!: Role;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  displayName?: string;
}

@ObjectType()
export class CreateUserPayload {
  @Field(() => UserModel)
  user!: UserModel;
}
