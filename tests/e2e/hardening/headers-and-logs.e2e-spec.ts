import { REDACTED_LOG_PATHS, serializeError, serializeRequest, serializeResponse } from '@deskforce/platform';
import { createTestTenant, startTestApp, TestApp, TestTenant } from '@deskforce/testing';
import pino from 'pino';
import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';

describe('security headers', () => {
  let api: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    api = await startTestApp({ GRAPHQL_SANDBOX: 'false' });
    tenant = await createTestTenant(api);
  });
  afterAll(() => api.close());

  it('marks GraphQL answers as not to be cached and sends the usual security headers', async () => {
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.tokens.AGENT}` },
      body: JSON.stringify({ query: '{ me { email } }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});

describe('what reaches the logs', () => {
  function capture(): { logger: pino.Logger; lines: () => string } {
    let out = '';
    const stream = new Writable({ write: (chunk, _enc, done) => ((out += String(chunk)), done()) });
    const logger = pino(
      {
        serializers: { err: serializeError, req: serializeRequest, res: serializeResponse },
        redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
      },
      stream,
    );
    return { logger, lines: () => out };
  }

  it('logs a failed statement without its text or parameters (no email, no password hash)', () => {
    const { logger, lines } = capture();
    const driverError = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
    const error = new QueryFailedError(
      'INSERT INTO users (email, password_hash) VALUES ($1, $2)',
      ['new.user@example.test', '$argon2id$v=19$m=65536$secret'],
      driverError,
    );
    logger.error({ err: error }, 'Unhandled error in GraphQL operation');
    const line = lines();
    expect(JSON.parse(line).err).toMatchObject({ type: 'QueryFailedError', code: '22021' });
    expect(line).not.toContain('new.user@example.test');
    expect(line).not.toContain('argon2');
    expect(line).not.toContain('INSERT INTO');
  });

  it('logs a request by id, method and path: no query string (access_token) and no headers', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        req: {
          id: 7,
          method: 'GET',
          url: '/graphql?access_token=secret-token',
          headers: { authorization: 'Bearer secret-token' },
        },
      },
      'request',
    );
    expect(JSON.parse(lines()).req).toEqual({ id: 7, method: 'GET', url: '/graphql' });
    expect(lines()).not.toContain('secret-token');
  });

  it('logs a response by its status only: the refresh cookie it sets never reaches the log', () => {
    const { logger, lines } = capture();
    logger.info(
      { res: { statusCode: 200, headers: { 'set-cookie': 'deskforce_refresh=dfr_secret; HttpOnly' } } },
      'request completed',
    );
    expect(JSON.parse(lines()).res).toEqual({ statusCode: 200 });
    expect(lines()).not.toContain('dfr_secret');
  });

  it('redacts passwords and tokens wherever a log call puts them', () => {
    const { logger, lines } = capture();
    logger.warn({ input: { password: 'hunter2-hunter2', refreshToken: 'rt-secret' }, token: 'tok-secret' }, 'oops');
    expect(lines()).not.toMatch(/hunter2|rt-secret|tok-secret/);
  });
});
