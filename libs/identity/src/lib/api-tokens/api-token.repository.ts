import { GenerateSql, keysetPage, Role, SAMPLE, sql, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';

export interface ApiTokenRow {
  id: string;
  name: string;
  role: Role;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface ApiTokenCheckRow {
  role: Role;
  tokenHash: Buffer;
  createdBy: string;
  creatorEmail: string;
  usable: boolean;
  lastUsedAt: Date | null;
}

const COLUMNS = sql`id, name, role, created_by AS "createdBy", created_at AS "createdAt", expires_at AS "expiresAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`;

/** SQL for API tokens. Every statement names its tenant. */
@Injectable()
export class ApiTokenRepository {
  constructor(private readonly db: TenantDatabase) {}

  @GenerateSql({
    params: [
      {
        id: SAMPLE.UUID,
        name: SAMPLE.TEXT,
        role: Role.ADMIN,
        tokenHash: SAMPLE.BYTES,
        createdBy: SAMPLE.UUID2,
        now: SAMPLE.NOW,
        expiresAt: SAMPLE.TO,
      },
    ],
  })
  async insert(token: {
    id: string;
    name: string;
    role: Role;
    tokenHash: Buffer;
    createdBy: string;
    now: Date;
    expiresAt: Date | null;
  }): Promise<ApiTokenRow> {
    const row = await this.db.maybeOne<ApiTokenRow>(
      sql`INSERT INTO api_tokens (tenant_id, id, name, role, token_hash, created_by, created_at, expires_at)
          VALUES (${this.db.tenantId}, ${token.id}, ${token.name}, ${token.role}, ${token.tokenHash}, ${token.createdBy}, ${token.now}, ${token.expiresAt})
          RETURNING ${COLUMNS}`,
    );
    return row!;
  }

  @GenerateSql({ params: [SAMPLE.UUID, SAMPLE.NOW] })
  check(id: string, now: Date): Promise<ApiTokenCheckRow | undefined> {
    return this.db.maybeOne<ApiTokenCheckRow>(
      sql`SELECT t.role, t.token_hash AS "tokenHash", t.created_by AS "createdBy", u.email AS "creatorEmail", t.last_used_at AS "lastUsedAt",
                 t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ${now}) AS usable
            FROM api_tokens t JOIN users u ON u.tenant_id = t.tenant_id AND u.id = t.created_by
           WHERE t.tenant_id = ${this.db.tenantId} AND t.id = ${id}`,
    );
  }

  @GenerateSql({ params: [SAMPLE.UUID, SAMPLE.NOW] })
  async touch(id: string, now: Date): Promise<void> {
    await this.db.execute(
      sql`UPDATE api_tokens SET last_used_at = ${now} WHERE tenant_id = ${this.db.tenantId} AND id = ${id}`,
    );
  }

  @GenerateSql({ params: [SAMPLE.UUID, SAMPLE.NOW] })
  revoke(id: string, now: Date): Promise<ApiTokenRow | undefined> {
    return this.db.maybeOne<ApiTokenRow>(
      sql`UPDATE api_tokens SET revoked_at = coalesce(revoked_at, ${now}) WHERE tenant_id = ${this.db.tenantId} AND id = ${id} RETURNING ${COLUMNS}`,
    );
  }

  /** Newest first, keyset on (created_at, id). */
  @GenerateSql(
    { name: 'first page', params: [SAMPLE.FIRST] },
    { name: 'later page', params: [SAMPLE.FIRST, SAMPLE.cursor(SAMPLE.NOW.toISOString(), SAMPLE.UUID)] },
  )
  page(first: number, after?: string): Promise<{ rows: ApiTokenRow[]; totalCount: number }> {
    return keysetPage<ApiTokenRow>(this.db, {
      columns: COLUMNS,
      from: sql`api_tokens`,
      where: sql`tenant_id = ${this.db.tenantId}`,
      keys: [
        { column: 'created_at', type: 'timestamptz' },
        { column: 'id', type: 'uuid' },
      ],
      descending: true,
      first,
      after,
    });
  }
}
