import { Actor, AppError, AuditLog, ConnectionShape, Role, TenantDatabase, toConnection } from '@deskforce/platform';
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CredentialCache } from '../sessions/credential-cache';
import { hashSecret, newSecretToken, parseSecretToken, sameHash } from '../sessions/secret-token';
import { ApiTokenRepository, ApiTokenRow } from './api-token.repository';

export const API_TOKEN_PREFIX = 'dfk';

/** Last use is recorded at most this often per token (a write per request would cost more than the request). */
const TOUCH_EVERY_MS = 60_000;

/**
 * API tokens for integrations (help-desk webhooks, imports): created by an admin with a role and a name,
 * shown once, stored as a hash, revocable; the time of last use is kept (to the minute). A token acts with
 * its own role in its tenant; changes it makes are audited under the admin who created it and the token.
 */
@Injectable()
export class ApiTokenService {
  private readonly logger = new Logger('ApiTokens');

  constructor(
    private readonly db: TenantDatabase,
    private readonly tokens: ApiTokenRepository,
    private readonly cache: CredentialCache,
    private readonly audit: AuditLog,
  ) {}

  create(
    actor: Actor,
    input: { name: string; role: Role; expiresAt?: Date },
  ): Promise<{ apiToken: ApiTokenRow; token: string }> {
    if (input.role === Role.AGENT)
      throw AppError.badInput({ field: 'input.role', message: 'API tokens act for integrations, not for an agent' });
    const now = new Date();
    if (input.expiresAt && input.expiresAt <= now)
      throw AppError.badInput({ field: 'input.expiresAt', message: 'must be in the future' });
    const id = randomUUID();
    const secret = newSecretToken(API_TOKEN_PREFIX, actor.tenantId, id);
    return this.db.transaction(actor.tenantId, async () => {
      const apiToken = await this.tokens.insert({
        id,
        name: input.name.trim(),
        role: input.role,
        tokenHash: secret.hash,
        createdBy: actor.userId,
        now,
        expiresAt: input.expiresAt ?? null,
      });
      await this.audit.record(actor, [{ entityType: 'API_TOKEN', entityId: id, action: 'CREATE', after: apiToken }]);
      return { apiToken, token: secret.token };
    });
  }

  revoke(actor: Actor, id: string): Promise<ApiTokenRow> {
    return this.db.transaction(actor.tenantId, async () => {
      const revoked = await this.tokens.revoke(id, new Date());
      if (!revoked) throw AppError.notFound('API token', id, 'input.id');
      await this.audit.record(actor, [{ entityType: 'API_TOKEN', entityId: id, action: 'REVOKE', after: revoked }]);
      this.cache.evict([tokenKey(id)]);
      return revoked;
    });
  }

  list(actor: Actor, first: number, after?: string): Promise<ConnectionShape<ApiTokenRow>> {
    return this.db.transaction(actor.tenantId, async () => {
      const { rows, totalCount } = await this.tokens.page(first, after);
      return toConnection(
        rows,
        first,
        totalCount,
        (r) => [r.createdAt.toISOString(), r.id],
        (r) => r,
      );
    });
  }

  /** The actor an API token stands for, if it is not revoked or expired. */
  async actorFor(bearer: string): Promise<Actor> {
    const parsed = parseSecretToken(API_TOKEN_PREFIX, bearer);
    if (!parsed) throw AppError.unauthenticated('The API token is malformed.');
    const key = tokenKey(parsed.id);
    const presented = hashSecret(parsed.secret);
    const cached = this.cache.get(key);
    if (cached && cached.actor.tenantId === parsed.tenantId && sameHash(cached.secretHash, presented))
      return cached.actor;
    const now = new Date();
    const row = await this.db.transaction(parsed.tenantId, () => this.tokens.check(parsed.id, now));
    if (!row || !row.usable || !sameHash(row.tokenHash, presented))
      throw AppError.unauthenticated('The API token is unknown, revoked or expired.');
    const actor: Actor = {
      userId: row.createdBy,
      tenantId: parsed.tenantId,
      role: row.role,
      email: row.creatorEmail,
      apiTokenId: parsed.id,
    };
    this.cache.set(key, { actor, secretHash: row.tokenHash });
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
      // On a connection of its own (a query's snapshot is read-only), at most once a minute per token; a
      // failure to record the use must not fail the request.
      await this.db
        .detached(() => this.db.transaction(parsed.tenantId, () => this.tokens.touch(parsed.id, now)))
        .catch((error: unknown) =>
          this.logger.warn(`Could not record the use of API token ${parsed.id}: ${String(error)}`),
        );
    }
    return actor;
  }
}

export function tokenKey(id: string): string {
  return `api-token:${id}`;
}
