import { Actor, AppError, ConnectionShape, TenantDatabase, toConnection } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { TenantEntity } from './entities/tenant.entity';
import { UserEntity } from './entities/user.entity';
import { CreateUserInput } from './graphql/auth.input';
import { PasswordHasher } from './password-hasher';
import { TenantRepository, UserRepository } from './user.repository';

@Injectable()
export class UserService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly users: UserRepository,
    private readonly tenants: TenantRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  me(actor: Actor): Promise<UserEntity> {
    return this.db.transaction(actor.tenantId, async () => {
      const user = await this.users.findById(actor.userId);
      if (!user) throw AppError.unauthenticated('This account no longer exists.');
      return user;
    });
  }

  /** The tenant of a user this API already returned (so its tenant id is trusted). */
  tenant(tenantId: string): Promise<TenantEntity> {
    return this.db.transaction(tenantId, async () => {
      const tenant = await this.tenants.findById(tenantId);
      if (!tenant) throw AppError.notFound('Tenant', tenantId);
      return tenant;
    });
  }

  list(actor: Actor, first: number, after?: string): Promise<ConnectionShape<UserEntity>> {
    return this.db.transaction(actor.tenantId, async () => {
      const { rows, totalCount } = await this.users.page(first, after);
      return toConnection(rows, first, totalCount, (u) => [u.email], (u) => u);
    });
  }

  /** For DataLoaders: users in the order of `ids`, null where unknown (another tenant's ids read as unknown). */
  byIds(actor: Actor, ids: readonly string[]): Promise<(UserEntity | null)[]> {
    return this.db.transaction(actor.tenantId, async () => {
      const found = new Map((await this.users.findByIds(ids)).map((u) => [u.id, u]));
      return ids.map((id) => found.get(id) ?? null);
    });
  }

  async create(actor: Actor, input: CreateUserInput): Promise<UserEntity> {
    const passwordHash = await this.hasher.hash(input.password);
    return this.db.transaction(actor.tenantId, () =>
      this.users.insert({
        tenantId: actor.tenantId,
        id: randomUUID(),
        email: input.email.trim().toLowerCase(),
        passwordHash,
        role: input.role,
        displayName: input.displayName ?? null,
      }),
    );
  }
}
