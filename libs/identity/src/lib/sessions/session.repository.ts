import { GenerateSql, Role, SAMPLE, sql, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';

export type SessionEndReason =
  | 'SIGN_OUT'
  | 'SIGN_OUT_EVERYWHERE'
  | 'PASSWORD_CHANGED'
  | 'ROLE_CHANGED'
  | 'USER_DEACTIVATED'
  | 'REFRESH_TOKEN_REUSED';

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

  @GenerateSql({
    params: [
      {
        id: SAMPLE.UUID,
        userId: SAMPLE.UUID2,
        refreshTokenHash: SAMPLE.BYTES,
        now: SAMPLE.NOW,
        expiresAt: SAMPLE.TO,
        userAgent: SAMPLE.TEXT,
        clientAddress: '192.0.2.1',
      },
    ],
  })
  async insert(session: NewSession): Promise<void> {
    await this.db.execute(
      sql`INSERT INTO sessions (tenant_id, id, user_id, refresh_token_hash, created_at, refreshed_at, expires_at, user_agent, client_address)
          VALUES (${this.db.tenantId}, ${session.id}, ${session.userId}, ${session.refreshTokenHash}, ${session.now}, ${session.now}, ${session.expiresAt},
                  ${session.userAgent}, ${session.clientAddress})`,
    );
  }

  @GenerateSql({ params: [SAMPLE.UUID, SAMPLE.NOW] })
  standing(sessionId: string, now: Date): Promise<SessionStandingRow | undefined> {
    return this.db.maybeOne<SessionStandingRow>(
      sql`SELECT s.ended_at IS NULL AND s.expires_at > ${now} AS live, u.id AS "userId", u.email, u.role, u.deactivated_at IS NULL AS active
            FROM sessions s JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
           WHERE s.tenant_id = ${this.db.tenantId} AND s.id = ${sessionId}`,
    );
  }

  /** The session to refresh, locked so two refreshes with one token cannot both rotate it. */
  @GenerateSql({ params: [SAMPLE.UUID, SAMPLE.NOW] })
  forRefresh(sessionId: string, now: Date): Promise<SessionRefreshRow | undefined> {
    return this.db.maybeOne<SessionRefreshRow>(
      sql`SELECT user_id AS "userId", refresh_token_hash AS "refreshTokenHash", previous_refresh_token_hash AS "previousRefreshTokenHash",
                 ended_at IS NULL AND expires_at > ${now} AS live
            FROM sessions WHERE tenant_id = ${this.db.tenantId} AND id = ${sessionId} FOR UPDATE`,
    );
  }

  @GenerateSql({ params: [SAMPLE.UUID, SAMPLE.BYTES, SAMPLE.NOW, SAMPLE.TO] })
  async rotate(sessionId: string, refreshTokenHash: Buffer, now: Date, expiresAt: Date): Promise<void> {
    await this.db.execute(
      sql`UPDATE sessions SET previous_refresh_token_hash = refresh_token_hash, refresh_token_hash = ${refreshTokenHash}, refreshed_at = ${now}, expires_at = ${expiresAt}
           WHERE tenant_id = ${this.db.tenantId} AND id = ${sessionId}`,
    );
  }

  /** Ends one session; returns whether it was live. */
  @GenerateSql({ params: [SAMPLE.UUID, 'SIGN_OUT', SAMPLE.NOW] })
  async end(sessionId: string, reason: SessionEndReason, now: Date): Promise<boolean> {
    const rows = await this.db.many<{ id: string }>(
      sql`UPDATE sessions SET ended_at = ${now}, end_reason = ${reason} WHERE tenant_id = ${this.db.tenantId} AND id = ${sessionId} AND ended_at IS NULL RETURNING id`,
    );
    return rows.length > 0;
  }

  /** Ends every live session of a user; returns their ids. */
  @GenerateSql({ params: [SAMPLE.UUID, 'PASSWORD_CHANGED', SAMPLE.NOW] })
  async endAllOf(userId: string, reason: SessionEndReason, now: Date): Promise<string[]> {
    const rows = await this.db.many<{ id: string }>(
      sql`UPDATE sessions SET ended_at = ${now}, end_reason = ${reason} WHERE tenant_id = ${this.db.tenantId} AND user_id = ${userId} AND ended_at IS NULL RETURNING id`,
    );
    return rows.map((r) => r.id);
  }
}
