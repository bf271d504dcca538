import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEmail, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

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

  @Field(() => String, {
    nullable: true,
    description: 'Needed only when the email has accounts in several organisations.',
  })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'must be an organisation slug (lowercase letters, digits, dashes)' })
  tenantSlug?: string;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'For browsers: keep the refresh token in an HttpOnly cookie (SameSite=Strict, path /graphql) instead of returning it, so page scripts never see it.',
  })
  @IsOptional()
  @IsBoolean()
  refreshTokenInCookie?: boolean;
}

@InputType()
export class RefreshSessionInput {
  @Field(() => String, {
    nullable: true,
    description: 'The refresh token from sign-in or the last refresh; leave out to use the cookie.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  refreshToken?: string;
}

@InputType()
export class SignOutEverywhereInput {
  @Field(() => ID, {
    nullable: true,
    description: 'Whose sessions to end; yourself when left out (admins may name another user).',
  })
  @IsOptional()
  @IsUUID()
  userId?: string;
}

@InputType()
export class ChangePasswordInput {
  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  currentPassword!: string;

  @Field({ description: 'At least 12 characters.' })
  @IsString()
  @MinLength(12)
  @MaxLength(1024)
  newPassword!: string;
}
