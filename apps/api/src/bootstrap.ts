import { AppConfig, loadConfig, requestScopeMiddleware } from '@deskforce/platform';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { json } from 'express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger } from 'nestjs-pino';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppModule, ResolvedConfig } from './app.module';
import { serveConsole } from './console/serve-console';
import { EmbeddedPostgresHandle, startEmbeddedPostgres } from './database/embedded-postgres';
import { runMigrations } from './database/migrate';

export interface Database {
  url: string;
  embedded?: EmbeddedPostgresHandle;
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL with its data in the checkout. */
export async function resolveDatabase(config: AppConfig, onLog?: (message: string) => void): Promise<Database> {
  if (config.databaseUrl) return { url: config.databaseUrl };
  const embedded = await startEmbeddedPostgres({ dataDir: config.embeddedDataDir, port: config.embeddedPort, onLog });
  await embedded.createDatabase('deskforce');
  return { url: embedded.url('deskforce'), embedded };
}

/** In embedded mode only: a development signing secret, generated once and kept beside the data. */
export async function developmentSecret(config: AppConfig): Promise<string> {
  if (config.jwtSecret) return config.jwtSecret;
  const file = join(dirname(config.embeddedDataDir), 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * Errors raised before GraphQL sees the request (a body over the limit, malformed JSON) answer in the
 * GraphQL error shape with a code, never an HTML page or a stack trace.
 */
function httpErrorHandler(
  error: { status?: number; type?: string },
  _req: Request,
  res: Response,
  next: NextFunction,
): void {
  if (res.headersSent) return next(error);
  const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
  const [code, message] =
    error.type === 'entity.too.large'
      ? ['PAYLOAD_TOO_LARGE', 'The request body is larger than the server accepts.']
      : status < 500
        ? ['BAD_REQUEST', 'The request body is not valid JSON.']
        : ['INTERNAL_SERVER_ERROR', 'Internal server error.'];
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/**
 * Security headers (helmet) on every answer, and `Cache-Control: no-store` on GraphQL answers: they carry
 * one user's data and must not be kept by a browser or a shared cache. The content security policy allows
 * only our own origin; the Apollo Sandbox page (GET /graphql, development only) loads its code from
 * Apollo's CDN, so it goes without one.
 */
function securityHeaders(config: ResolvedConfig) {
  const strict = helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
      },
    },
    strictTransportSecurity: config.nodeEnv === 'production',
  });
  const sandbox = helmet({
    contentSecurityPolicy: false,
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: false,
  });
  // helmet's headers do not depend on the request: worked out once by helmet itself, then set in one call
  // (its eleven middlewares per request cost about 3% of the cheapest request).
  const strictHeaders = headersOf(strict);
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.path === '/graphql') {
      res.setHeader('cache-control', 'no-store');
      if (req.method === 'GET' && config.graphqlSandbox) return sandbox(req, res, next);
    }
    res.setHeaders(strictHeaders);
    res.removeHeader('x-powered-by');
    next();
  };
}

/** The headers a helmet middleware sets, captured once on a stand-in response. */
function headersOf(
  middleware: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void,
): Map<string, string> {
  const headers = new Map<string, string>();
  const res = {
    setHeader: (name: string, value: string) => headers.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  };
  middleware({} as IncomingMessage, res as unknown as ServerResponse, () => undefined);
  return headers;
}

/**
 * The JSON parser keeps the bytes of a help-desk hook's body as received (request.rawBody): a signed hook
 * verifies the vendor's HMAC over them, not over a re-serialised object. Only there: other requests (a
 * 1.5 MB ingest batch) need not hold on to a second copy of their body.
 */
function keepHookBody(req: IncomingMessage & { rawBody?: Buffer }, _res: ServerResponse, body: Buffer): void {
  if (req.url?.startsWith('/hooks/')) req.rawBody = body;
}

const shuttingDown = new WeakSet<INestApplication>();

export async function createApp(config: ResolvedConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  // Clients need not know what the server is built with.
  app.disable('x-powered-by');
  // No ETag: GraphQL answers are POSTs marked no-store, and hashing each body cost about 30 µs of `{ me }`.
  app.set('etag', false);
  // The client address (sign-in throttling, sessions) from X-Forwarded-For only when it comes from a proxy we trust.
  app.set('trust proxy', config.trustProxy);
  // Once shutdown begins, every response closes its connection so that keep-alive clients move on.
  app.use((_req: Request, res: Response, next: NextFunction) => {
    if (shuttingDown.has(app)) res.setHeader('connection', 'close');
    next();
  });
  app.use(securityHeaders(config));
  serveConsole(app);
  app.use(json({ limit: config.bodyLimit, verify: keepHookBody }));
  // After the body parser: the rest of a GraphQL request runs in its RequestScope (one connection).
  app.use('/graphql', requestScopeMiddleware);
  app.use(httpErrorHandler);
  return app;
}

/**
 * Graceful shutdown: stop accepting connections, let the requests in flight finish (at most `graceMs`),
 * then close the application (GraphQL, the database pool).
 */
export async function shutDown(app: INestApplication, graceMs = 10_000): Promise<void> {
  shuttingDown.add(app);
  const server = app.getHttpServer() as import('node:http').Server;
  const drained = new Promise<void>((resolve) => server.close(() => resolve()));
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
  await Promise.race([drained, timeout]);
  server.closeAllConnections();
  await app.close();
}

/** Everything `npm start` does before listening: configuration, database, migrations. */
export async function prepare(
  env = process.env,
): Promise<{ config: ResolvedConfig; database: Database; applied: string[] }> {
  const config = loadConfig(env);
  const database = await resolveDatabase(config);
  const applied = await runMigrations(database.url);
  const jwtSecret = await developmentSecret(config);
  return { config: { ...config, databaseUrl: database.url, jwtSecret }, database, applied };
}
