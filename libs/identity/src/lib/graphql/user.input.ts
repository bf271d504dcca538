import { Role } from '@deskforce/platform';
import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEmail, IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { Locale } from './user.model';

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

@InputType()
export class UpdateUserRoleInput {
  @Field(() => ID)
  @IsUUID()
  userId!: string;

  @Field(() => Role)
  @IsEnum(Role)
  role!: Role;
}

@InputType()
export class DeactivateUserInput {
  @Field(() => ID)
  @IsUUID()
  userId!: string;
}

@InputType()
export class ReactivateUserInput {
  @Field(() => ID)
  @IsUUID()
  userId!: string;
}

@InputType()
export class UpdateMyProfileInput {
  @Field(() => Locale, { nullable: true, description: 'The console’s language; null to follow the browser.' })
  @IsOptional()
  @IsEnum(Locale)
  locale?: Locale | null;

  @Field(() => String, { nullable: true })
  @ValidateIf((_o, value) => value !== null)
  @IsOptional()
  @IsString()
  @MaxLength(200)
  displayName?: string | null;
}
