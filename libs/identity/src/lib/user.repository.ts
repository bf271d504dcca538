import { GenerateSql, join, keysetPage, Role, SAMPLE, sql, Sql, TenantDatabase } from '@deskforce/platform';
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

const USER_COLUMNS = sql`u.tenant_id AS "tenantId", u.id, u.email, u.role, u.display_name AS "displayName", u.locale,
  u.deactivated_at IS NULL AS active, u.created_at AS "createdAt"`;

/** SQL for users. Every statement names its tenant, except sign-in's lookup by email across tenants. */
@Injectable()
export class UserRepository {
  constructor(private readonly db: TenantDatabase) {}

  /** Runs in a system transaction: sign-in looks across tenants by email (an allowed exception). */
  @GenerateSql({ params: [SAMPLE.EMAIL] })
  findLoginCandidates(email: string): Promise<LoginCandidate[]> {
    return this.db.many<LoginCandidate>(
      sql`/* tenant-rules-exception: sign-in-by-email */
          SELECT ${USER_COLUMNS}, t.slug AS "tenantSlug", u.password_hash AS "passwordHash"
            FROM users u JOIN tenants t ON t.id = u.tenant_id
           WHERE u.email = ${email}
           ORDER BY u.created_at, u.tenant_id`,
    );
  }

  @GenerateSql({ params: [SAMPLE.UUID] })
  findById(id: string): Promise<UserRow | undefined> {
    return this.db.maybeOne<UserRow>(
      sql`SELECT ${USER_COLUMNS} FROM users u WHERE u.tenant_id = ${this.db.tenantId} AND u.id = ${id}`,
    );
  }

  /** The password hash, locked for a change of password. */
  @GenerateSql({ params: [SAMPLE.UUID] })
  async passwordHashForUpdate(id: string): Promise<string | undefined> {
    const row = await this.db.maybeOne<{ passwordHash: string }>(
      sql`SELECT password_hash AS "passwordHash" FROM users WHERE tenant_id = ${this.db.tenantId} AND id = ${id} FOR UPDATE`,
    );
    return row?.passwordHash;
  }

  @GenerateSql({ params: [[SAMPLE.UUID, SAMPLE.UUID2]] })
  findByIds(ids: readonly string[]): Promise<UserRow[]> {
    return this.db.many<UserRow>(
      sql`SELECT ${USER_COLUMNS} FROM users u WHERE u.tenant_id = ${this.db.tenantId} AND u.id = ANY(${ids}::uuid[])`,
    );
  }

  /** Names its tenant itself: tenant provisioning inserts users in a system transaction. */
  @GenerateSql({
    params: [
      {
        tenantId: SAMPLE.TENANT_ID,
        id: SAMPLE.UUID,
        email: SAMPLE.EMAIL,
        passwordHash: SAMPLE.HASH,
        role: Role.AGENT,
        displayName: SAMPLE.TEXT,
        now: SAMPLE.NOW,
      },
    ],
  })
  async insert(user: {
    tenantId: string;
    id: string;
    email: string;
    passwordHash: string;
    role: Role;
    displayName: string | null;
    now: Date;
  }): Promise<UserRow> {
    const row = await this.db.maybeOne<UserRow>(
      sql`INSERT INTO users AS u (tenant_id, id, email, password_hash, role, display_name, created_at, updated_at)
          VALUES (${user.tenantId}, ${user.id}, ${user.email}, ${user.passwordHash}, ${user.role}, ${user.displayName}, ${user.now}, ${user.now})
          RETURNING ${USER_COLUMNS}`,
    );
    return row!;
  }

  /** Changes what is given; returns the user after, or undefined when unknown. */
  @GenerateSql(
    {
      name: 'every change',
      params: [
        SAMPLE.UUID,
        { role: Role.COORDINATOR, passwordHash: SAMPLE.HASH, active: false, locale: 'en-GB', displayName: SAMPLE.TEXT },
        SAMPLE.NOW,
      ],
    },
    { name: 'reactivate', params: [SAMPLE.UUID, { active: true }, SAMPLE.NOW] },
  )
  update(
    id: string,
    change: {
      role?: Role;
      passwordHash?: string;
      active?: boolean;
      locale?: string | null;
      displayName?: string | null;
    },
    now: Date,
  ): Promise<UserRow | undefined> {
    const sets: Sql[] = [sql`updated_at = ${now}`];
    if (change.role !== undefined) sets.push(sql`role = ${change.role}`);
    if (change.passwordHash !== undefined) sets.push(sql`password_hash = ${change.passwordHash}`);
    if (change.active !== undefined)
      sets.push(change.active ? sql`deactivated_at = NULL` : sql`deactivated_at = coalesce(u.deactivated_at, ${now})`);
    if (change.locale !== undefined) sets.push(sql`locale = ${change.locale}`);
    if (change.displayName !== undefined) sets.push(sql`display_name = ${change.displayName}`);
    return this.db.maybeOne<UserRow>(
      sql`UPDATE users AS u SET ${join(sets)} WHERE u.tenant_id = ${this.db.tenantId} AND u.id = ${id} RETURNING ${USER_COLUMNS}`,
    );
  }

  /** A page ordered by email (unique per tenant, so it is a stable keyset). */
  @GenerateSql(
    { name: 'first page', params: [SAMPLE.FIRST] },
    { name: 'later page', params: [SAMPLE.FIRST, SAMPLE.cursor(SAMPLE.EMAIL)] },
  )
  page(first: number, after?: string): Promise<{ rows: UserRow[]; totalCount: number }> {
    return keysetPage<UserRow>(this.db, {
      columns: USER_COLUMNS,
      from: sql`users u`,
      where: sql`u.tenant_id = ${this.db.tenantId}`,
      keys: [{ column: 'u.email', type: 'text' }],
      first,
      after,
    });
  }
}

@Injectable()
export class TenantRepository {
  constructor(private readonly db: TenantDatabase) {}

  @GenerateSql({ params: [SAMPLE.TENANT_ID] })
  findById(id: string): Promise<TenantRow | undefined> {
    return this.db.maybeOne<TenantRow>(
      sql`SELECT id, name, slug, created_at AS "createdAt" FROM tenants WHERE id = ${id}`,
    );
  }

  /** Only in a system transaction: the request role cannot create tenants. */
  @GenerateSql({ params: [{ id: SAMPLE.TENANT_ID, name: SAMPLE.TEXT, slug: 'sample' }] })
  async insert(tenant: { id: string; name: string; slug: string }): Promise<void> {
    await this.db.execute(
      sql`INSERT INTO tenants (id, name, slug) VALUES (${tenant.id}, ${tenant.name}, ${tenant.slug})`,
    );
  }

  /** Only in a system transaction (operator tools look organisations up by slug). */
  @GenerateSql({ params: ['sample'] })
  findBySlug(slug: string): Promise<TenantRow | undefined> {
    return this.db.maybeOne<TenantRow>(
      sql`SELECT id, name, slug, created_at AS "createdAt" FROM tenants WHERE slug = ${slug}`,
    );
  }
}
