import { decodeCursor, Role, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';

/** A user as the API shows it (never with the password hash). */
export interface UserRow {
  tenantId: string;
  id: string;
  email: string;
  role: Role;
  displayName: string | null;
  locale: string | null;
  active: boolean;
  createdAt: Date;
}

export interface LoginCandidate extends UserRow {
  tenantSlug: string;
  passwordHash: string;
}

export interface TenantRow {
  id: string;
  name: string;
  slug: string;
  createdAt: Date;
}

const USER_COLUMNS = `u.tenant_id AS "tenantId", u.id, u.email, u.role, u.display_name AS "displayName", u.locale,
  u.deactivated_at IS NULL AS active, u.created_at AS "createdAt"`;

/** SQL for users. Every statement names its tenant, except sign-in's lookup by email across tenants. */
@Injectable()
export class UserRepository {
  constructor(private readonly db: TenantDatabase) {}

  /** Runs in a system transaction: sign-in looks across tenants by email (an allowed exception). */
  findLoginCandidates(email: string): Promise<LoginCandidate[]> {
    return this.db.query<LoginCandidate>(
      `SELECT ${USER_COLUMNS}, t.slug AS "tenantSlug", u.password_hash AS "passwordHash"
         FROM users u JOIN tenants t ON t.id = u.tenant_id
        WHERE u.email = $1
        ORDER BY u.created_at, u.tenant_id`,
      [email],
    );
  }

  async findById(id: string): Promise<UserRow | undefined> {
    const [row] = await this.db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.tenant_id = $1 AND u.id = $2`, [this.db.tenantId, id]);
    return row;
  }

  /** The password hash, locked for a change of password. */
  async passwordHashForUpdate(id: string): Promise<string | undefined> {
    const [row] = await this.db.query<{ passwordHash: string }>(`SELECT password_hash AS "passwordHash" FROM users WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [
      this.db.tenantId,
      id,
    ]);
    return row?.passwordHash;
  }

  findByIds(ids: readonly string[]): Promise<UserRow[]> {
    return this.db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.tenant_id = $1 AND u.id = ANY($2::uuid[])`, [this.db.tenantId, ids]);
  }

  async insert(user: { tenantId: string; id: string; email: string; passwordHash: string; role: Role; displayName: string | null; now: Date }): Promise<UserRow> {
    const [row] = await this.db.query<UserRow>(
      `INSERT INTO users AS u (tenant_id, id, email, password_hash, role, display_name, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING ${USER_COLUMNS}`,
      [user.tenantId, user.id, user.email, user.passwordHash, user.role, user.displayName, user.now],
    );
    return row!;
  }

  /** Changes what is given; returns the user after, or undefined when unknown. */
  async update(id: string, change: { role?: Role; passwordHash?: string; active?: boolean; locale?: string | null; displayName?: string | null }, now: Date): Promise<UserRow | undefined> {
    const [row] = await this.db.query<UserRow>(
      `UPDATE users AS u SET
          role = coalesce($3, u.role),
          password_hash = coalesce($4, u.password_hash),
          deactivated_at = CASE WHEN $5::boolean IS NULL THEN u.deactivated_at WHEN $5 THEN NULL ELSE coalesce(u.deactivated_at, $8) END,
          locale = CASE WHEN $6::boolean THEN $7 ELSE u.locale END,
          display_name = CASE WHEN $9::boolean THEN $10 ELSE u.display_name END,
          updated_at = $8
        WHERE u.tenant_id = $1 AND u.id = $2
        RETURNING ${USER_COLUMNS}`,
      [
        this.db.tenantId,
        id,
        change.role ?? null,
        change.passwordHash ?? null,
        change.active ?? null,
        change.locale !== undefined,
        change.locale ?? null,
        now,
        change.displayName !== undefined,
        change.displayName ?? null,
      ],
    );
    return row;
  }

  /** A page ordered by email (unique per tenant, so it is a stable keyset). */
  async page(first: number, after?: string): Promise<{ rows: UserRow[]; totalCount: number }> {
    const params: unknown[] = [this.db.tenantId, first + 1];
    let keyset = '';
    if (after) {
      const [email] = decodeCursor(after, ['string']);
      params.push(email);
      keyset = 'AND u.email > $3';
    }
    const rows = await this.db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.tenant_id = $1 ${keyset} ORDER BY u.email LIMIT $2`, params);
    const [{ count }] = (await this.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM users WHERE tenant_id = $1`, [this.db.tenantId])) as [{ count: number }];
    return { rows, totalCount: count };
  }
}

@Injectable()
export class TenantRepository {
  constructor(private readonly db: TenantDatabase) {}

  async findById(id: string): Promise<TenantRow | undefined> {
    const [row] = await this.db.query<TenantRow>(`SELECT id, name, slug, created_at AS "createdAt" FROM tenants WHERE id = $1`, [id]);
    return row;
  }

  /** Only in a system transaction: the request role cannot create tenants. */
  async insert(tenant: { id: string; name: string; slug: string }): Promise<void> {
    await this.db.query(`INSERT INTO tenants (id, name, slug) VALUES ($1, $2, $3)`, [tenant.id, tenant.name, tenant.slug]);
  }

  /** Only in a system transaction (operator tools look organisations up by slug). */
  async findBySlug(slug: string): Promise<TenantRow | undefined> {
    const [row] = await this.db.query<TenantRow>(`SELECT id, name, slug, created_at AS "createdAt" FROM tenants WHERE slug = $1`, [slug]);
    return row;
  }
}
