import { Actor, AppConfig, APP_CONFIG, AppError, Role, TenantDatabase, TokenService } from '@deskforce/platform';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CredentialCache } from './credential-cache';
import { hashSecret, newSecretToken, parseSecretToken, sameHash } from './secret-token';
import { SessionEndReason, SessionRepository } from './session.repository';

export const REFRESH_TOKEN_PREFIX = 'dfr';

export interface SessionUser {
  tenantId: string;
  id: string;
  email: string;
  role: Role;
}

export interface ClientInfo {
  userAgent?: string;
  address?: string;
}

export interface IssuedSession {
  sessionId: string;
  accessToken: string;
  expiresAt: Date;
  refreshToken: string;
  refreshExpiresAt: Date;
}

const SESSION_ENDED = 'Your session has ended (signed out, or your account changed); sign in again.';

/**
 * Sign-in sessions: one per sign-in, stored in PostgreSQL. The access token names its session and lives
 * minutes; the refresh token (opaque, stored hashed) rotates at each use, and a replayed old one ends the
 * session. Every request's credential check asks whether the session is live and its user still active
 * with the same role (remembered for at most SESSION_CHECK_CACHE_SECONDS).
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly sessions: SessionRepository,
    private readonly tokens: TokenService,
    private readonly cache: CredentialCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Opens a session for a user whose password (or equivalent) was just checked. */
  start(user: SessionUser, client: ClientInfo = {}): Promise<IssuedSession> {
    const sessionId = randomUUID();
    const now = new Date();
    const refreshExpiresAt = new Date(now.getTime() + this.config.refreshTokenTtlSeconds * 1000);
    const refresh = newSecretToken(REFRESH_TOKEN_PREFIX, user.tenantId, sessionId);
    return this.db.transaction(user.tenantId, async () => {
      await this.sessions.insert({
        id: sessionId,
        userId: user.id,
        refreshTokenHash: refresh.hash,
        now,
        expiresAt: refreshExpiresAt,
        userAgent: client.userAgent?.slice(0, 500) ?? null,
        clientAddress: client.address?.slice(0, 100) ?? null,
      });
      const access = this.tokens.issue({
        userId: user.id,
        tenantId: user.tenantId,
        role: user.role,
        email: user.email,
        sessionId,
      });
      return { sessionId, ...access, refreshToken: refresh.token, refreshExpiresAt };
    });
  }

  /** A new access token and a new refresh token for a live session; the old refresh token stops working. */
  async refresh(refreshToken: string): Promise<IssuedSession & { userId: string; tenantId: string }> {
    const parsed = parseSecretToken(REFRESH_TOKEN_PREFIX, refreshToken);
    if (!parsed) throw AppError.unauthenticated('The refresh token is not valid; sign in again.');
    const now = new Date();
    const refreshExpiresAt = new Date(now.getTime() + this.config.refreshTokenTtlSeconds * 1000);
    const presented = hashSecret(parsed.secret);
    const outcome = await this.db.transaction(parsed.tenantId, async () => {
      const session = await this.sessions.forRefresh(parsed.id, now);
      if (!session || !session.live) return { kind: 'ended' as const };
      if (!sameHash(session.refreshTokenHash, presented)) {
        // An earlier refresh token used again: someone else holds a copy. End the session for both.
        if (sameHash(session.previousRefreshTokenHash, presented)) {
          await this.sessions.end(parsed.id, 'REFRESH_TOKEN_REUSED', now);
          return { kind: 'reused' as const, userId: session.userId };
        }
        return { kind: 'ended' as const };
      }
      const standing = await this.sessions.standing(parsed.id, now);
      if (!standing?.active) return { kind: 'ended' as const };
      const next = newSecretToken(REFRESH_TOKEN_PREFIX, parsed.tenantId, parsed.id);
      await this.sessions.rotate(parsed.id, next.hash, now, refreshExpiresAt);
      const access = this.tokens.issue({
        userId: standing.userId,
        tenantId: parsed.tenantId,
        role: standing.role,
        email: standing.email,
        sessionId: parsed.id,
      });
      return {
        kind: 'rotated' as const,
        issued: {
          sessionId: parsed.id,
          ...access,
          refreshToken: next.token,
          refreshExpiresAt,
          userId: standing.userId,
          tenantId: parsed.tenantId,
        },
      };
    });
    if (outcome.kind === 'reused') this.cache.evict([sessionKey(parsed.id)]);
    if (outcome.kind !== 'rotated')
      throw AppError.unauthenticated(
        outcome.kind === 'reused'
          ? 'This refresh token was used before; the session has been ended. Sign in again.'
          : SESSION_ENDED,
      );
    return outcome.issued;
  }

  /** Ends the caller's own session (sign-out). */
  async end(actor: Actor): Promise<boolean> {
    if (!actor.sessionId) return false;
    const ended = await this.db.transaction(actor.tenantId, () =>
      this.sessions.end(actor.sessionId!, 'SIGN_OUT', new Date()),
    );
    this.cache.evict([sessionKey(actor.sessionId)]);
    return ended;
  }

  /**
   * Ends every session of a user. Call inside the tenant transaction of the change that warrants it
   * (role, password, deactivation), so that both commit together; the cache forgets them at once.
   */
  async endAllOf(tenantId: string, userId: string, reason: SessionEndReason): Promise<number> {
    const ended = await this.db.transaction(tenantId, () => this.sessions.endAllOf(userId, reason, new Date()));
    this.cache.evictUser(tenantId, userId);
    return ended.length;
  }

  /** The actor an access token stands for, if its session, user and role still hold. */
  async actorFor(accessToken: string): Promise<Actor> {
    const claimed = this.tokens.verify(accessToken);
    const key = sessionKey(claimed.sessionId);
    const cached = this.cache.get(key)?.actor;
    if (
      cached &&
      cached.role === claimed.role &&
      cached.userId === claimed.userId &&
      cached.tenantId === claimed.tenantId
    )
      return cached;
    const standing = await this.db.transaction(claimed.tenantId, () =>
      this.sessions.standing(claimed.sessionId, new Date()),
    );
    if (
      !standing ||
      !standing.live ||
      !standing.active ||
      standing.role !== claimed.role ||
      standing.userId !== claimed.userId
    ) {
      throw AppError.unauthenticated(SESSION_ENDED);
    }
    const actor: Actor = { ...claimed, email: standing.email };
    this.cache.set(key, { actor });
    return actor;
  }
}

export function sessionKey(sessionId: string): string {
  return `session:${sessionId}`;
}
