import { parse } from 'cookie';
import type { Request } from 'express';

/**
 * The browser's refresh token: HttpOnly (page scripts never read it), SameSite=Strict (no other site can
 * make the browser send it), only on /graphql, Secure behind HTTPS.
 */
export const REFRESH_COOKIE = 'deskforce_refresh';

export function setRefreshCookie(req: Request, token: string, expires: Date): void {
  req.res?.cookie(REFRESH_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/graphql',
    expires,
  });
}

export function clearRefreshCookie(req: Request): void {
  req.res?.clearCookie(REFRESH_COOKIE, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/graphql' });
}

export function refreshCookie(req: Request): string | undefined {
  const header = req.headers.cookie;
  return header ? parse(header)[REFRESH_COOKIE] : undefined;
}
