import { DateTimeScalar } from '@deskforce/platform';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { UserModel } from './user.model';

@ObjectType({ description: 'A session’s tokens: a short-lived access token and the refresh token that renews it.' })
export class SessionTokensModel {
  @Field({
    description: 'Send as "Authorization: Bearer <accessToken>". Lives JWT_EXPIRES_IN_SECONDS (15 minutes by default).',
  })
  accessToken!: string;

  @Field(() => DateTimeScalar)
  expiresAt!: Date;

  @Field(() => String, {
    nullable: true,
    description:
      'Exchange it with refreshSession before expiresAt for new tokens; each use replaces it. Null when kept in the cookie.',
  })
  refreshToken!: string | null;

  @Field(() => DateTimeScalar)
  refreshExpiresAt!: Date;

  @Field(() => UserModel)
  user!: UserModel;
}

@ObjectType()
export class LoginPayload extends SessionTokensModel {}

@ObjectType()
export class RefreshSessionPayload extends SessionTokensModel {}

@ObjectType({
  description: 'The password is changed, every session of the user ended, and a new session opened for this client.',
})
export class ChangePasswordPayload extends SessionTokensModel {}

@ObjectType()
export class SignOutPayload {
  @Field({ description: 'Whether a live session was ended.' })
  signedOut!: boolean;
}

@ObjectType()
export class SignOutEverywherePayload {
  @Field(() => Int)
  endedSessions!: number;
}
