import { Actor, AppError, AuditLog, ConnectionShape, Role, TenantDatabase, toConnection } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CreateUserInput, UpdateMyProfileInput } from './graphql/user.input';
import { Locale, UserModel } from './graphql/user.model';
import { PasswordHasher } from './password-hasher';
import { SessionService } from './sessions/session.service';
import { TenantRepository, TenantRow, UserRepository, UserRow } from './user.repository';

/** The GraphQL shape of a user row. */
export function toUserModel(row: UserRow): UserModel {
  return { ...row, locale: row.locale as Locale | null };
}

/** What the audit log keeps of a user: never the password hash. */
function audited(user: UserRow): Omit<UserRow, 'tenantId'> {
  const { tenantId: _tenant, ...rest } = user;
  return rest;
}

@Injectable()
export class UserService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly users: UserRepository,
    private readonly tenants: TenantRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly audit: AuditLog,
  ) {}

  me(actor: Actor): Promise<UserModel> {
    return this.db.transaction(actor.tenantId, async () => {
      const user = await this.users.findById(actor.userId);
      if (!user) throw AppError.unauthenticated('This account no longer exists.');
      return toUserModel(user);
    });
  }

  /** The tenant of a user this API already returned (so its tenant id is trusted). */
  tenant(tenantId: string): Promise<TenantRow> {
    return this.db.transaction(tenantId, async () => {
      const tenant = await this.tenants.findById(tenantId);
      if (!tenant) throw AppError.notFound('Tenant', tenantId);
      return tenant;
    });
  }

  list(actor: Actor, first: number, after?: string): Promise<ConnectionShape<UserModel>> {
    return this.db.transaction(actor.tenantId, async () => {
      const { rows, totalCount } = await this.users.page(first, after);
      return toConnection(rows, first, totalCount, (u) => [u.email], toUserModel);
    });
  }

  /** For DataLoaders: users in the order of `ids`, null where unknown (another tenant's ids read as unknown). */
  byIds(actor: Actor, ids: readonly string[]): Promise<(UserModel | null)[]> {
    return this.db.transaction(actor.tenantId, async () => {
      const found = new Map((await this.users.findByIds(ids)).map((u) => [u.id, toUserModel(u)]));
      return ids.map((id) => found.get(id) ?? null);
    });
  }

  async create(actor: Actor, input: CreateUserInput): Promise<UserModel> {
    const passwordHash = await this.hasher.hash(input.password);
    return this.db.transaction(actor.tenantId, async () => {
      const user = await this.users.insert({
        tenantId: actor.tenantId,
        id: randomUUID(),
        email: input.email.trim().toLowerCase(),
        passwordHash,
        role: input.role,
        displayName: input.displayName ?? null,
        now: new Date(),
      });
      await this.audit.record(actor, [
        { entityType: 'USER', entityId: user.id, action: 'CREATE', after: audited(user) },
      ]);
      return toUserModel(user);
    });
  }

  /** A new role ends the user's sessions: their tokens carried the old one. */
  updateRole(actor: Actor, userId: string, role: Role): Promise<UserModel> {
    if (userId === actor.userId)
      throw AppError.badInput({ field: 'input.userId', message: 'you cannot change your own role; ask another admin' });
    return this.change(actor, userId, 'UPDATE_ROLE', async (before) => {
      if (before.role === role) return before;
      const after = (await this.users.update(userId, { role }, new Date()))!;
      await this.sessions.endAllOf(actor.tenantId, userId, 'ROLE_CHANGED');
      return after;
    });
  }

  deactivate(actor: Actor, userId: string): Promise<UserModel> {
    if (userId === actor.userId)
      throw AppError.badInput({ field: 'input.userId', message: 'you cannot deactivate yourself; ask another admin' });
    return this.endAccess(actor, userId);
  }

  /**
   * The user can no longer sign in and every session ends. Also called by the people library when the
   * agent linked to the user leaves (inside its transaction).
   */
  endAccess(actor: Actor, userId: string): Promise<UserModel> {
    return this.change(actor, userId, 'DEACTIVATE', async (before) => {
      const after = before.active ? (await this.users.update(userId, { active: false }, new Date()))! : before;
      await this.sessions.endAllOf(actor.tenantId, userId, 'USER_DEACTIVATED');
      return after;
    });
  }

  reactivate(actor: Actor, userId: string): Promise<UserModel> {
    return this.change(actor, userId, 'REACTIVATE', async (before) =>
      before.active ? before : (await this.users.update(userId, { active: true }, new Date()))!,
    );
  }

  updateMyProfile(actor: Actor, input: UpdateMyProfileInput): Promise<UserModel> {
    if (actor.apiTokenId) throw AppError.forbidden('An API token has no profile.');
    return this.change(
      actor,
      actor.userId,
      'UPDATE_PROFILE',
      async () =>
        (await this.users.update(
          actor.userId,
          {
            locale: input.locale,
            displayName: input.displayName === undefined ? undefined : (input.displayName?.trim() ?? null),
          },
          new Date(),
        ))!,
    );
  }

  private change(
    actor: Actor,
    userId: string,
    action: string,
    apply: (before: UserRow) => Promise<UserRow>,
  ): Promise<UserModel> {
    return this.db.transaction(actor.tenantId, async () => {
      const before = await this.users.findById(userId);
      if (!before) throw AppError.notFound('User', userId, 'input.userId');
      const after = await apply(before);
      if (after !== before)
        await this.audit.record(actor, [
          { entityType: 'USER', entityId: userId, action, before: audited(before), after: audited(after) },
        ]);
      return toUserModel(after);
    });
  }
}
