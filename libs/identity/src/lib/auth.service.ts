import { Actor, AppConfig, APP_CONFIG, AppError, ErrorCode, TenantDatabase, TokenService } from '@deskforce/platform';
import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { LoginInput } from './graphql/auth.input';
import { PasswordHasher } from './password-hasher';
import { LoginCandidate, UserRepository } from './user.repository';

export interface LoginResult {
  accessToken: string;
  expiresAt: Date;
  user: Omit<LoginCandidate, 'passwordHash' | 'tenantSlug'>;
}

/**
 * Sign-in. Failed attempts are limited per email and client address (rate-limiter-flexible, in memory:
 * one API process; its Redis/PostgreSQL stores are a drop-in when we run several).
 */
@Injectable()
export class AuthService {
  private readonly failures: RateLimiterMemory;

  constructor(
    private readonly db: TenantDatabase,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.failures = new RateLimiterMemory({ points: config.loginMaxFailures, duration: config.loginWindowSeconds });
  }

  async login(input: LoginInput, clientAddress: string): Promise<LoginResult> {
    const email = input.email.trim().toLowerCase();
    const key = `${email}|${clientAddress}`;
    const seen = await this.failures.get(key);
    if (seen && seen.remainingPoints <= 0) throw this.tooMany(seen.msBeforeNext);

    const candidates = await this.db.systemTransaction(() => this.users.findLoginCandidates(email));
    const matching = input.tenantSlug ? candidates.filter((c) => c.tenantSlug === input.tenantSlug) : candidates;
    if (matching.length > 1) {
      throw AppError.badInput({ field: 'input.tenantSlug', message: 'this email has accounts in several organisations: say which one' });
    }
    const user = matching[0];
    if (!(await this.hasher.verify(user?.passwordHash, input.password)) || !user) {
      await this.failures.consume(key).catch(() => undefined);
      throw AppError.unauthenticated('Wrong email or password.');
    }
    await this.failures.delete(key);

    const actor: Actor = { userId: user.id, tenantId: user.tenantId, role: user.role, email: user.email };
    const { passwordHash: _hash, tenantSlug: _slug, ...profile } = user;
    return { ...this.tokens.issue(actor), user: profile };
  }

  private tooMany(msBeforeNext: number): AppError {
    const retryAfterSeconds = Math.ceil(msBeforeNext / 1000);
    return new AppError(ErrorCode.TOO_MANY_REQUESTS, `Too many failed sign-ins; try again in ${retryAfterSeconds} s.`, {
      retryAfterSeconds,
    });
  }
}
