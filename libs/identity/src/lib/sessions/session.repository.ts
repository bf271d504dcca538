import { Role, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';

export type SessionEndReason = 'SIGN_OUT' | 'SIGN_OUT_EVERYWHERE' | 'PASSWORD_CHANGED' | 'ROLE_CHANGED' | 'USER_DEACTIVATED' | 'REFRESH_TOKEN_REUSED';

export interface NewSession {
  id: string;
  userId: string;
  refreshTokenHash: Buffer;
  now: Date;
  expiresAt: Date;
  userAgent: string | null;
  clientAddress: string | null;
}

/** What a request's credential check needs: is the session live, and who is its user now. */
export interface SessionStandingRow {
  live: boolean;
  userId: string;
  email: string;
  role: Role;
  active: boolean;
}

export interface SessionRefreshRow {
  userId: string;
  refreshTokenHash: Buffer;
  previousRefreshTokenHash: Buffer | null;
  live: boolean;
}

/** SQL for sign-in sessions. Every statement names its tenant. */
@Injectable()
export class SessionRepository {
  constructor(private readonly db: TenantDatabase) {}

  async insert(session: NewSession): Promise<void> {
    await this.db.query(
      `INSERT INTO sessions (tenant_id, id, user_id, refresh_token_hash, created_at, refreshed_at, expires_at, user_agent, client_address)
       VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8)`,
      [this.db.tenantId, session.id, session.userId, session.refreshTokenHash, session.now, session.expiresAt, session.userAgent, session.clientAddress],
    );
  }

  async standing(sessionId: string, now: Date): Promise<SessionStandingRow | undefined> {
    const [row] = await this.db.query<SessionStandingRow>(
      `SELECT s.ended_at IS NULL AND s.expires_at > $3 AS live, u.id AS "userId", u.email, u.role, u.deactivated_at IS NULL AS active
         FROM sessions s JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
        WHERE s.tenant_id = $1 AND s.id = $2`,
      [this.db.tenantId, sessionId, now],
    );
    return row;
  }

  /** The session to refresh, locked so two refreshes with one token cannot both rotate it. */
  async forRefresh(sessionId: string, now: Date): Promise<SessionRefreshRow | undefined> {
    const [row] = await this.db.query<SessionRefreshRow>(
      `SELECT user_id AS "userId", refresh_token_hash AS "refreshTokenHash", previous_refresh_token_hash AS "previousRefreshTokenHash",
              ended_at IS NULL AND expires_at > $3 AS live
         FROM sessions WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [this.db.tenantId, sessionId, now],
    );
    return row;
  }

  async rotate(sessionId: string, refreshTokenHash: Buffer, now: Date, expiresAt: Date): Promise<void> {
    await this.db.query(
      `UPDATE sessions SET previous_refresh_token_hash = refresh_token_hash, refresh_token_hash = $3, refreshed_at = $4, expires_at = $5
        WHERE tenant_id = $1 AND id = $2`,
      [this.db.tenantId, sessionId, refreshTokenHash, now, expiresAt],
    );
  }

  /** Ends one session; returns whether it was live. */
  async end(sessionId: string, reason: SessionEndReason, now: Date): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE sessions SET ended_at = $3, end_reason = $4 WHERE tenant_id = $1 AND id = $2 AND ended_at IS NULL RETURNING id`,
      [this.db.tenantId, sessionId, now, reason],
    );
    return rows.length > 0;
  }

  /** Ends every live session of a user; returns their ids. */
  async endAllOf(userId: string, reason: SessionEndReason, now: Date): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `UPDATE sessions SET ended_at = $3, end_reason = $4 WHERE tenant_id = $1 AND user_id = $2 AND ended_at IS NULL RETURNING id`,
      [this.db.tenantId, userId, now, reason],
    );
    return rows.map((r) => r.id);
  }
}
