import { decodeCursor, Role, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { TenantEntity } from './entities/tenant.entity';
import { UserEntity } from './entities/user.entity';

export interface LoginCandidate {
  tenantId: string;
  tenantSlug: string;
  id: string;
  email: string;
  role: Role;
  displayName: string | null;
  createdAt: Date;
  passwordHash: string;
}

@Injectable()
export class UserRepository {
  constructor(private readonly db: TenantDatabase) {}

  /** Runs in a system transaction: sign-in looks across tenants by email. */
  findLoginCandidates(email: string): Promise<LoginCandidate[]> {
    return this.db.query<LoginCandidate>(
      `SELECT u.tenant_id AS "tenantId", t.slug AS "tenantSlug", u.id, u.email, u.role, u.display_name AS "displayName",
              u.created_at AS "createdAt", u.password_hash AS "passwordHash"
         FROM users u JOIN tenants t ON t.id = u.tenant_id
        WHERE u.email = $1`,
      [email],
    );
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.db.manager.findOneBy(UserEntity, { id });
  }

  findByIds(ids: readonly string[]): Promise<UserEntity[]> {
    return this.db.manager.createQueryBuilder(UserEntity, 'u').where('u.id = ANY(:ids)', { ids }).getMany();
  }

  async insert(user: Omit<UserEntity, 'createdAt'>): Promise<UserEntity> {
    await this.db.manager.insert(UserEntity, user);
    return (await this.db.manager.findOneByOrFail(UserEntity, { tenantId: user.tenantId, id: user.id }));
  }

  /** A page ordered by email (unique per tenant, so it is a stable keyset). */
  async page(first: number, after?: string): Promise<{ rows: UserEntity[]; totalCount: number }> {
    const qb = this.db.manager.createQueryBuilder(UserEntity, 'u').orderBy('u.email').limit(first + 1);
    if (after) {
      const [email] = decodeCursor(after, ['string']);
      qb.where('u.email > :email', { email });
    }
    const rows = await qb.getMany();
    const totalCount = await this.db.manager.count(UserEntity);
    return { rows, totalCount };
  }
}

@Injectable()
export class TenantRepository {
  constructor(private readonly db: TenantDatabase) {}

  findById(id: string): Promise<TenantEntity | null> {
    return this.db.manager.findOneBy(TenantEntity, { id });
  }

  /** Only in a system transaction: the request role cannot create tenants. */
  async insert(tenant: Omit<TenantEntity, 'createdAt'>): Promise<void> {
    await this.db.manager.insert(TenantEntity, tenant);
  }

  findBySlug(slug: string): Promise<TenantEntity | null> {
    return this.db.manager.findOneBy(TenantEntity, { slug });
  }
}
