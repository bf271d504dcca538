import { Actor, AppError, AuditLog, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { LoginInput } from './graphql/session.input';
import { PasswordHasher } from './password-hasher';
import { LoginThrottle } from './sessions/login-throttle';
import { ClientInfo, IssuedSession, SessionService } from './sessions/session.service';
import { UserRepository, UserRow } from './user.repository';

/** One answer for every failed sign-in, so that it tells nothing about which emails have accounts where. */
const SIGN_IN_FAILED =
  'Wrong email or password. If this email has accounts in several organisations, also give the organisation (tenantSlug).';

export interface SignedIn extends IssuedSession {
  user: UserRow;
}

/**
 * Sign-in, token refresh and password changes. Attempts are counted before any password is checked
 * (LoginThrottle); every failure — unknown email, wrong password, an email in several organisations
 * without the organisation, a deactivated account — verifies exactly one argon2 hash and answers the same.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionService,
    private readonly audit: AuditLog,
  ) {}

  async login(input: LoginInput, client: ClientInfo): Promise<SignedIn> {
    const email = input.email.trim().toLowerCase();
    const address = client.address ?? 'unknown';
    await this.throttle.attempt(email, address);

    const candidates = await this.db.systemTransaction(() => this.users.findLoginCandidates(email));
    const matching = input.tenantSlug ? candidates.filter((c) => c.tenantSlug === input.tenantSlug) : candidates;
    const user = matching.length === 1 ? matching[0] : undefined;
    // Exactly one hash is verified in every case (a throwaway one when no account matches).
    const verified = await this.hasher.verify((user ?? matching[0])?.passwordHash, input.password);
    if (!verified || !user || !user.active) throw AppError.unauthenticated(SIGN_IN_FAILED);
    await this.throttle.succeeded(email, address);

    const { passwordHash: _hash, tenantSlug: _slug, ...profile } = user;
    return { ...(await this.sessions.start(profile, client)), user: profile };
  }

  async refresh(refreshToken: string): Promise<SignedIn> {
    const issued = await this.sessions.refresh(refreshToken);
    const user = await this.db.transaction(issued.tenantId, () => this.users.findById(issued.userId));
    if (!user) throw AppError.unauthenticated('This account no longer exists.');
    return { ...issued, user };
  }

  /**
   * Checks the current password, stores the new one, ends every session of the user (a thief's included)
   * and opens a new one for this client.
   */
  async changePassword(
    actor: Actor,
    currentPassword: string,
    newPassword: string,
    client: ClientInfo,
  ): Promise<SignedIn> {
    if (actor.apiTokenId) throw AppError.forbidden('An API token has no password to change.');
    await this.throttle.attempt(actor.email, client.address ?? 'unknown');
    const stored = await this.db.transaction(actor.tenantId, () => this.users.passwordHashForUpdate(actor.userId));
    if (!(await this.hasher.verify(stored, currentPassword))) {
      throw AppError.badInput({ field: 'input.currentPassword', message: 'is not your current password' });
    }
    await this.throttle.succeeded(actor.email, client.address ?? 'unknown');
    const passwordHash = await this.hasher.hash(newPassword);
    const user = await this.db.transaction(actor.tenantId, async () => {
      const updated = await this.users.update(actor.userId, { passwordHash }, new Date());
      if (!updated) throw AppError.unauthenticated('This account no longer exists.');
      await this.sessions.endAllOf(actor.tenantId, actor.userId, 'PASSWORD_CHANGED');
      await this.audit.record(actor, [{ entityType: 'USER', entityId: actor.userId, action: 'CHANGE_PASSWORD' }]);
      return updated;
    });
    return { ...(await this.sessions.start(user, client)), user };
  }
}
