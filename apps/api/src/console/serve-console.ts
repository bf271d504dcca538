import { INestApplication } from '@nestjs/common';
import express, { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The console's production build (apps/console, `npm run console:build`). */
export const CONSOLE_DIST = join(__dirname, '../../../console/dist');

/** Paths the console must never answer for: the API's own routes. */
const API_PATHS = /^\/(graphql|health|export|hooks)(\/|$)/;

/**
 * Serves the built console at `/` from the same origin as `/graphql`, so the browser needs no CORS and the
 * token never crosses origins. Hashed assets are cached for a year; index.html is re-validated, so a new
 * build is picked up at the next load. Any other GET that asks for HTML (a deep link such as /board) gets
 * index.html and the console's router takes over; the API's paths always fall through to the API.
 * Does nothing when there is no build (API tests, or a checkout that never built the console).
 */
export function serveConsole(app: INestApplication, dist = CONSOLE_DIST): void {
  const index = join(dist, 'index.html');
  if (!existsSync(index)) return;
  const assets = express.static(dist, {
    index: false,
    setHeaders: (res, path) =>
      res.setHeader(
        'cache-control',
        path.includes(`${join(dist, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      ),
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path)) return next();
    assets(req, res, () => {
      if (!req.accepts('html')) return next();
      res.setHeader('cache-control', 'no-cache');
      res.sendFile(index);
    });
  });
}
