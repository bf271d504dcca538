import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { LRUCache } from 'lru-cache';
import { AppConfig, APP_CONFIG } from '../config/app-config';
import { AppError } from '../errors/app-error';
import { AccessTokenClaims, Actor } from './actor';
import { Role } from './role';

/**
 * Signs and verifies our short-lived access tokens (HS256 JWTs naming their session, with an expiry).
 * A valid signature is not enough: the identity library's credential check also asks whether the session,
 * user and role still hold.
 */
@Injectable()
export class TokenService {
  private readonly verified = new LRUCache<string, { actor: Actor & { sessionId: string }; expiresAtMs: number }>({
    max: 20_000,
  });

  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  issue(actor: Actor & { sessionId: string }): { accessToken: string; expiresAt: Date } {
    const claims: AccessTokenClaims = {
      sub: actor.userId,
      tid: actor.tenantId,
      sid: actor.sessionId,
      role: actor.role,
      email: actor.email,
    };
    const accessToken = this.jwt.sign(claims, { expiresIn: this.config.jwtExpiresInSeconds });
    return { accessToken, expiresAt: new Date(Date.now() + this.config.jwtExpiresInSeconds * 1000) };
  }

  /**
   * The actor a token's signature vouches for (its session still to be checked). A token string verified
   * once is remembered until it expires: the same string carries the same signature, so the HMAC and the
   * JSON parsing need not run for every request a client sends with it.
   */
  verify(token: string): Actor & { sessionId: string } {
    const known = this.verified.get(token);
    if (known && known.expiresAtMs > Date.now()) return known.actor;
    let claims: AccessTokenClaims & { exp?: number };
    try {
      claims = this.jwt.verify<AccessTokenClaims & { exp?: number }>(token, { algorithms: ['HS256'] });
    } catch {
      throw AppError.unauthenticated('The access token is invalid or has expired; sign in again.');
    }
    if (!claims.sub || !claims.tid || !claims.sid || !Object.values(Role).includes(claims.role) || !claims.exp) {
      throw AppError.unauthenticated('The access token is malformed; sign in again.');
    }
    const actor = {
      userId: claims.sub,
      tenantId: claims.tid,
      sessionId: claims.sid,
      role: claims.role,
      email: claims.email,
    };
    this.verified.set(token, { actor, expiresAtMs: claims.exp * 1000 });
    return actor;
  }
}
