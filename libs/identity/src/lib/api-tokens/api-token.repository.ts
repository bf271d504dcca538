import { decodeCursor, Role, TenantDatabase } from '@deskforce/platform';
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

const COLUMNS = `id, name, role, created_by AS "createdBy", created_at AS "createdAt", expires_at AS "expiresAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`;

/** SQL for API tokens. Every statement names its tenant. */
@Injectable()
export class ApiTokenRepository {
  constructor(private readonly db: TenantDatabase) {}

  async insert(token: { id: string; name: string; role: Role; tokenHash: Buffer; createdBy: string; now: Date; expiresAt: Date | null }): Promise<ApiTokenRow> {
    const [row] = await this.db.query<ApiTokenRow>(
      `INSERT INTO api_tokens (tenant_id, id, name, role, token_hash, created_by, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [this.db.tenantId, token.id, token.name, token.role, token.tokenHash, token.createdBy, token.now, token.expiresAt],
    );
    return row!;
  }

  async check(id: string, now: Date): Promise<ApiTokenCheckRow | undefined> {
    const [row] = await this.db.query<ApiTokenCheckRow>(
      `SELECT t.role, t.token_hash AS "tokenHash", t.created_by AS "createdBy", u.email AS "creatorEmail", t.last_used_at AS "lastUsedAt",
              t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $3) AS usable
         FROM api_tokens t JOIN users u ON u.tenant_id = t.tenant_id AND u.id = t.created_by
        WHERE t.tenant_id = $1 AND t.id = $2`,
      [this.db.tenantId, id, now],
    );
    return row;
  }

  async touch(id: string, now: Date): Promise<void> {
    await this.db.query(`UPDATE api_tokens SET last_used_at = $3 WHERE tenant_id = $1 AND id = $2`, [this.db.tenantId, id, now]);
  }

  async revoke(id: string, now: Date): Promise<ApiTokenRow | undefined> {
    const [row] = await this.db.query<ApiTokenRow>(
      `UPDATE api_tokens SET revoked_at = coalesce(revoked_at, $3) WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [this.db.tenantId, id, now],
    );
    return row;
  }

  /** Newest first, keyset on (created_at, id). */
  async page(first: number, after?: string): Promise<{ rows: ApiTokenRow[]; totalCount: number }> {
    const params: unknown[] = [this.db.tenantId, first + 1];
    let keyset = '';
    if (after) {
      const [createdAt, id] = decodeCursor(after, ['string', 'string']);
      params.push(createdAt, id);
      keyset = 'AND (created_at, id) < ($3::timestamptz, $4::uuid)';
    }
    const rows = await this.db.query<ApiTokenRow>(`SELECT ${COLUMNS} FROM api_tokens WHERE tenant_id = $1 ${keyset} ORDER BY created_at DESC, id DESC LIMIT $2`, params);
    const [{ count }] = (await this.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM api_tokens WHERE tenant_id = $1`, [this.db.tenantId])) as [{ count: number }];
    return { rows, totalCount: count };
  }
}
