import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures, pure (node:crypto only).
 *
 * In: Zendesk signs each delivery with base64(HMAC-SHA256(secret, timestamp + body)), sent in
 * X-Zendesk-Webhook-Signature with the timestamp in X-Zendesk-Webhook-Signature-Timestamp (Zendesk's
 * webhook documentation, "Verifying webhook authenticity").
 *
 * Out: our deliveries carry `Deskforce-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`
 * (the timestamp is signed, so a captured delivery cannot be replayed outside the tolerance window; several
 * v1 entries may be sent while a secret is being rotated). Comparisons are constant-time.
 */

export const ZENDESK_SIGNATURE_HEADER = 'x-zendesk-webhook-signature';
export const ZENDESK_TIMESTAMP_HEADER = 'x-zendesk-webhook-signature-timestamp';
export const DESKFORCE_SIGNATURE_HEADER = 'deskforce-signature';
/** How far a signed timestamp may be from our clock (either way), in seconds. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

type Body = string | Buffer;

/** Equal-length constant-time comparison of two strings (unequal lengths are simply unequal). */
function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Zendesk's signature of a body: base64 HMAC-SHA256 over the timestamp header's text followed by the raw body. */
export function zendeskSignature(secret: string, timestamp: string, body: Body): string {
  return createHmac('sha256', secret).update(timestamp, 'utf8').update(body).digest('base64');
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'mismatch' | 'expired' | 'malformed' };

/**
 * Verifies a Zendesk delivery from its two headers and the raw body (exactly as received, before any
 * JSON parsing). With `nowMs`, a timestamp further than the tolerance from it is refused as expired.
 */
export function verifyZendeskSignature(
  secret: string,
  headers: { signature: string | undefined | null; timestamp: string | undefined | null },
  body: Body,
  options: { nowMs?: number; toleranceSeconds?: number } = {},
): SignatureCheck {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp) return { ok: false, reason: 'missing' };
  if (options.nowMs !== undefined) {
    const at = Date.parse(timestamp);
    if (Number.isNaN(at)) return { ok: false, reason: 'malformed' };
    if (Math.abs(options.nowMs - at) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS) * 1000)
      return { ok: false, reason: 'expired' };
  }
  return safeEqual(zendeskSignature(secret, timestamp, body), signature.trim())
    ? { ok: true }
    : { ok: false, reason: 'mismatch' };
}

/** Our signature header for an outgoing delivery: `t=<seconds>,v1=<hex>` (one v1 per secret, newest first). */
export function signDelivery(secrets: string | readonly string[], body: Body, nowMs: number): string {
  const t = Math.floor(nowMs / 1000);
  const list = typeof secrets === 'string' ? [secrets] : secrets;
  if (list.length === 0) throw new RangeError('signDelivery needs at least one secret');
  return [`t=${t}`, ...list.map((secret) => `v1=${deliveryDigest(secret, t, body)}`)].join(',');
}

function deliveryDigest(secret: string, t: number, body: Body): string {
  return createHmac('sha256', secret).update(`${t}.`, 'utf8').update(body).digest('hex');
}

/** Parses `t=…,v1=…[,v1=…]`; unknown schemes (v0, v2…) are ignored, as receivers must. */
export function parseSignatureHeader(header: string): { t: number; v1: string[] } | null {
  let t: number | null = null;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return null;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (!/^\d{1,12}$/.test(value)) return null;
      t = Number(value);
    } else if (key === 'v1') v1.push(value);
  }
  return t === null || v1.length === 0 ? null : { t, v1 };
}

/**
 * Verifies one of our deliveries, as a receiver would: the header parses, its timestamp is within the
 * tolerance of `nowMs`, and one v1 matches the secret (constant-time).
 */
export function verifyDelivery(
  secret: string,
  header: string | undefined | null,
  body: Body,
  nowMs: number,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): SignatureCheck {
  if (!header) return { ok: false, reason: 'missing' };
  const parsed = parseSignatureHeader(header);
  if (parsed === null) return { ok: false, reason: 'malformed' };
  if (Math.abs(nowMs / 1000 - parsed.t) > toleranceSeconds) return { ok: false, reason: 'expired' };
  const expected = deliveryDigest(secret, parsed.t, body);
  // Compare against every candidate so the time taken does not say which one matched.
  let match = false;
  for (const candidate of parsed.v1) match = safeEqual(expected, candidate) || match;
  return match ? { ok: true } : { ok: false, reason: 'mismatch' };
}
