import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Opaque bearer secrets (refresh tokens, API tokens) as `<prefix>_<tenant hex><id hex>_<secret>`: the
 * tenant and record ids say where to look (one shard, one row), the 32 random bytes are the secret. Only
 * the secret's SHA-256 is stored — a fast hash suffices for 256 random bits, which no dictionary holds.
 */
export interface SecretToken {
  tenantId: string;
  id: string;
  secret: string;
}

const UUID_HEX = /^([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})$/;

function uuidFromHex(hex: string): string | undefined {
  const parts = UUID_HEX.exec(hex);
  return parts ? parts.slice(1).join('-') : undefined;
}

export function newSecretToken(prefix: string, tenantId: string, id: string): { token: string; hash: Buffer } {
  const secret = randomBytes(32).toString('base64url');
  return {
    token: `${prefix}_${tenantId.replace(/-/g, '')}${id.replace(/-/g, '')}_${secret}`,
    hash: hashSecret(secret),
  };
}

export function parseSecretToken(prefix: string, token: string): SecretToken | undefined {
  if (!token.startsWith(`${prefix}_`) || token.length > 200) return undefined;
  // The secret is base64url, which may itself hold underscores: the ids are the 64 hex digits before the first one.
  const rest = token.slice(prefix.length + 1);
  const ids = rest.slice(0, 64);
  const secret = rest.slice(65);
  if (rest[64] !== '_' || secret.length === 0) return undefined;
  const tenantId = uuidFromHex(ids.slice(0, 32));
  const id = uuidFromHex(ids.slice(32));
  return tenantId && id ? { tenantId, id, secret } : undefined;
}

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

export function sameHash(a: Buffer | null | undefined, b: Buffer): boolean {
  return !!a && a.length === b.length && timingSafeEqual(a, b);
}
