import { Actor, AppError, CurrentActor, GqlContext, RequestContext, Role } from '@deskforce/platform';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { AuthService, SignedIn } from './auth.service';
import { ChangePasswordInput, LoginInput, RefreshSessionInput, SignOutEverywhereInput } from './graphql/session.input';
import {
  ChangePasswordPayload,
  LoginPayload,
  RefreshSessionPayload,
  SessionTokensModel,
  SignOutEverywherePayload,
  SignOutPayload,
} from './graphql/session.model';
import { clearRefreshCookie, refreshCookie, setRefreshCookie } from './sessions/refresh-cookie';
import { ClientInfo, SessionService } from './sessions/session.service';
import { toUserModel } from './user.service';

function client(context: RequestContext): ClientInfo {
  const userAgent = context.req.headers['user-agent'];
  return { address: context.req.ip, userAgent: typeof userAgent === 'string' ? userAgent : undefined };
}

@Resolver()
export class SessionResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
  ) {}

  @Mutation(() => LoginPayload, {
    description: 'Exchange an email and password for a session: an access token and a refresh token.',
  })
  async login(@Args('input') input: LoginInput, @GqlContext() context: RequestContext): Promise<LoginPayload> {
    return this.tokens(await this.auth.login(input, client(context)), context, input.refreshTokenInCookie === true);
  }

  @Mutation(() => RefreshSessionPayload, {
    description: 'New tokens for a live session; the refresh token given (or the cookie’s) stops working.',
  })
  async refreshSession(
    @Args('input') input: RefreshSessionInput,
    @GqlContext() context: RequestContext,
  ): Promise<RefreshSessionPayload> {
    const fromCookie = input.refreshToken === undefined;
    const token = input.refreshToken ?? refreshCookie(context.req);
    if (!token)
      throw AppError.unauthenticated('Give the refresh token (or sign in with refreshTokenInCookie from a browser).');
    return this.tokens(await this.auth.refresh(token), context, fromCookie);
  }

  @Mutation(() => ChangePasswordPayload, {
    description: 'Changes your password and ends all your sessions; answers with a new session for this client.',
  })
  async changePassword(
    @CurrentActor() actor: Actor,
    @Args('input') input: ChangePasswordInput,
    @GqlContext() context: RequestContext,
  ): Promise<ChangePasswordPayload> {
    const signedIn = await this.auth.changePassword(actor, input.currentPassword, input.newPassword, client(context));
    return this.tokens(signedIn, context, refreshCookie(context.req) !== undefined);
  }

  @Mutation(() => SignOutPayload, {
    description: 'Ends the session of the access token sent; its tokens stop working at once.',
  })
  async signOut(@CurrentActor() actor: Actor, @GqlContext() context: RequestContext): Promise<SignOutPayload> {
    clearRefreshCookie(context.req);
    return { signedOut: await this.sessions.end(actor) };
  }

  @Mutation(() => SignOutEverywherePayload, {
    description: 'Ends every session of a user: yourself, or (admins) anyone in the organisation.',
  })
  async signOutEverywhere(
    @CurrentActor() actor: Actor,
    @Args('input') input: SignOutEverywhereInput,
    @GqlContext() context: RequestContext,
  ): Promise<SignOutEverywherePayload> {
    const userId = input.userId ?? actor.userId;
    if (userId !== actor.userId && actor.role !== Role.ADMIN)
      throw AppError.forbidden('Only admins end other users’ sessions.');
    if (userId === actor.userId) clearRefreshCookie(context.req);
    return { endedSessions: await this.sessions.endAllOf(actor.tenantId, userId, 'SIGN_OUT_EVERYWHERE') };
  }

  private tokens(signedIn: SignedIn, context: RequestContext, inCookie: boolean): SessionTokensModel {
    if (inCookie) setRefreshCookie(context.req, signedIn.refreshToken, signedIn.refreshExpiresAt);
    return {
      accessToken: signedIn.accessToken,
      expiresAt: signedIn.expiresAt,
      refreshToken: inCookie ? null : signedIn.refreshToken,
      refreshExpiresAt: signedIn.refreshExpiresAt,
      user: toUserModel(signedIn.user),
    };
  }
}
