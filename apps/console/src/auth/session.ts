import { stringifyDocument } from '@urql/core';
import { useSyncExternalStore } from 'react';
import { graphql } from '../gql';
import type { Role } from '../gql/graphql';

/**
 * Every piece of token handling in the console lives here.
 *
 * The access token is kept in memory only (never localStorage or a cookie we write): a script injected into
 * the page cannot read it from storage, and a reload signs the user out. When the API gains refresh tokens
 * and signOut, `refresh()` and `signOut()` are where they plug in; the rest of the console only calls
 * `accessToken()`, `useSession()`, `signIn()` and `signOut()`.
 */

export interface SessionUser {
  id: string;
  email: string;
  role: Role;
  displayName: string | null;
}

export interface Session {
  user: SessionUser;
  expiresAt: string;
}

const LoginMutation = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      accessToken
      expiresAt
      user {
        id
        email
        role
        displayName
      }
    }
  }
`);

let token: string | null = null;
let session: Session | null = null;
let expiryTimer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

/** The bearer token for the next request, or null when signed out. */
export function accessToken(): string | null {
  return token;
}

export function currentSession(): Session | null {
  return session;
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, currentSession, currentSession);
}

export class SignInError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** Exchanges an email and password for a session (today's `login` mutation). */
export async function signIn(email: string, password: string): Promise<Session> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: stringifyDocument(LoginMutation), variables: { input: { email, password } } }),
  });
  const body = (await response.json()) as {
    data?: { login: { accessToken: string; expiresAt: string; user: { id: string; email: string; role: Role; displayName?: string | null } } } | null;
    errors?: { message: string; extensions?: { code?: string; retryAfterSeconds?: number } }[];
  };
  const error = body.errors?.[0];
  if (error || !body.data) throw new SignInError(error?.extensions?.code ?? 'UNKNOWN', error?.message ?? 'Sign-in failed', error?.extensions?.retryAfterSeconds);
  const { login } = body.data;
  token = login.accessToken;
  session = {
    expiresAt: login.expiresAt,
    user: { id: login.user.id, email: login.user.email, role: login.user.role, displayName: login.user.displayName ?? null },
  };
  scheduleExpiry(login.expiresAt);
  emit();
  return session;
}

/**
 * Today the access token simply expires (8 h by default) and the user signs in again; with refresh tokens
 * this timer will call `refresh()` a minute before instead.
 */
function scheduleExpiry(expiresAt: string): void {
  clearTimeout(expiryTimer);
  const ms = new Date(expiresAt).getTime() - Date.now();
  // setTimeout holds at most ~24.8 days; longer tokens are re-checked on the next request's UNAUTHENTICATED.
  if (ms < 2 ** 31 - 1) expiryTimer = setTimeout(() => signOut(), Math.max(0, ms));
}

/** Forgets the token. (When the API has signOut, it is called here to revoke the refresh token.) */
export function signOut(): void {
  clearTimeout(expiryTimer);
  token = null;
  session = null;
  emit();
}

/** Placeholder for the refresh-token flow: no refresh exists yet, so an expired token ends the session. */
export async function refresh(): Promise<boolean> {
  signOut();
  return false;
}
