import { Actor } from '@deskforce/platform';
import { LRUCache } from 'lru-cache';

export interface CachedCredential {
  actor: Actor;
  /** For opaque tokens: the stored hash, so that a cached entry still checks the secret presented. */
  secretHash?: Buffer;
}

/**
 * A short memory of credential checks, so that a burst of requests with one token costs one lookup. An
 * entry lives at most `ttlMs` (SESSION_CHECK_CACHE_SECONDS): a change made by another API process is
 * seen within that time; a change made by this process (sign-out, role change…) evicts at once.
 */
export class CredentialCache {
  private readonly entries?: LRUCache<string, CachedCredential>;

  constructor(ttlMs: number) {
    if (ttlMs > 0) this.entries = new LRUCache<string, CachedCredential>({ max: 50_000, ttl: ttlMs });
  }

  get(key: string): CachedCredential | undefined {
    return this.entries?.get(key);
  }

  set(key: string, entry: CachedCredential): void {
    this.entries?.set(key, entry);
  }

  evict(keys: Iterable<string>): void {
    for (const key of keys) this.entries?.delete(key);
  }

  /** Forgets every cached check of a user (their sessions may have ended). */
  evictUser(tenantId: string, userId: string): void {
    if (!this.entries) return;
    for (const [key, entry] of this.entries.entries())
      if (entry.actor.tenantId === tenantId && entry.actor.userId === userId) this.entries.delete(key);
  }
}
