import { createHmac } from 'node:crypto';
import {
  parseSignatureHeader,
  signDelivery,
  verifyDelivery,
  verifyZendeskSignature,
  zendeskSignature,
} from './webhook-signature';

describe('Zendesk webhook signatures', () => {
  const secret = 'dGVzdC1zaWduaW5nLXNlY3JldA';
  const timestamp = '2024-04-18T08:25:11Z';
  const body = '{"type":"zen:event-type:ticket.comment_added","detail":{"id":"5301"}}';

  it('is base64 HMAC-SHA256 over the timestamp then the raw body (known answer)', () => {
    // Computed independently of the helper: HMAC over the concatenated text.
    const expected = createHmac('sha256', secret)
      .update(timestamp + body)
      .digest('base64');
    expect(zendeskSignature(secret, timestamp, body)).toBe(expected);
    // Known answer from OpenSSL: printf '1' | openssl dgst -sha256 -hmac key -binary | base64
    expect(zendeskSignature('key', '1', '')).toBe('bakfuRUXvh9c3POvkdfUDHF91jijBhV2BvsuWE966SY=');
  });

  it('accepts the genuine delivery and refuses a changed body, a wrong secret, missing headers and old timestamps', () => {
    const signature = zendeskSignature(secret, timestamp, body);
    const now = Date.parse(timestamp) + 30_000;
    expect(verifyZendeskSignature(secret, { signature, timestamp }, Buffer.from(body), { nowMs: now })).toEqual({
      ok: true,
    });
    expect(verifyZendeskSignature(secret, { signature, timestamp }, body.replace('5301', '5302'))).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifyZendeskSignature('other', { signature, timestamp }, body)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyZendeskSignature(secret, { signature: undefined, timestamp }, body)).toEqual({
      ok: false,
      reason: 'missing',
    });
    expect(verifyZendeskSignature(secret, { signature, timestamp }, body, { nowMs: now + 10 * 60_000 })).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(verifyZendeskSignature(secret, { signature: 'short', timestamp }, body)).toEqual({
      ok: false,
      reason: 'mismatch',
    });
  });
});

describe('our outgoing signatures (t=…,v1=…)', () => {
  const body = '{"event":"schedule.published","id":"e-1"}';
  const now = Date.UTC(2024, 3, 18, 8, 0, 0);

  it('signs timestamp.body with HMAC-SHA256 in hex (known answer)', () => {
    const header = signDelivery('whsec_test', body, now);
    const t = Math.floor(now / 1000);
    expect(header).toBe(`t=${t},v1=${createHmac('sha256', 'whsec_test').update(`${t}.${body}`).digest('hex')}`);
    // Known answer from OpenSSL: printf '1.' | openssl dgst -sha256 -hmac key -hex
    expect(signDelivery('key', '', 1000)).toBe(
      't=1,v1=53123bc365c2fe4bee48bc5cc6cd6c19699147d43513154ed34277c7c063e80f',
    );
  });

  it('verifies within the tolerance, with any of several secrets during a rotation', () => {
    const header = signDelivery(['new-secret', 'old-secret'], body, now);
    expect(verifyDelivery('old-secret', header, body, now + 299_000)).toEqual({ ok: true });
    expect(verifyDelivery('new-secret', header, body, now - 299_000)).toEqual({ ok: true });
    expect(verifyDelivery('new-secret', header, body, now + 301_000)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyDelivery('third', header, body, now)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyDelivery('new-secret', header, `${body} `, now)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('refuses malformed or replayed headers: a changed t breaks the signature', () => {
    const header = signDelivery('s', body, now);
    const replayed = header.replace(/^t=\d+/, `t=${Math.floor(now / 1000) + 60}`);
    expect(verifyDelivery('s', replayed, body, now + 60_000)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyDelivery('s', 'v1=abc', body, now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyDelivery('s', 't=abc,v1=abc', body, now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyDelivery('s', null, body, now)).toEqual({ ok: false, reason: 'missing' });
    expect(parseSignatureHeader('t=12,v0=zz,v1=ab,v1=cd')).toEqual({ t: 12, v1: ['ab', 'cd'] });
  });
});
