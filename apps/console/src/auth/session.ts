import { stringifyDocument, type TypedDocumentNode } from '@urql/core';
import { useSyncExternalStore } from 'react';
import { graphql } from '../gql';
import type { Role } from '../gql/graphql';

/**
 * Every piece of token handling in the console lives here.
 *
 * Signing in opens a session on the API. The access token (15 minutes) is kept in memory only: a script
 * injected into the page cannot read it from storage. The refresh token never reaches page scripts at all:
 * the API keeps it in an HttpOnly, SameSite=Strict cookie (`refreshTokenInCookie`), and `refresh()` trades
 * it for a new access token a minute before the old one expires, after an UNAUTHENTICATED answer, and on
 * page load (so a reload keeps the user signed in). `signOut()` ends the session on the API too.
 */

export interface SessionUser {
  id: string;
  email: string;
  role: Role;
  displayName: string | null;
  /** The language the user chose for the console (remembered by the API), if any. */
  locale: string | null;
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
        locale
      }
    }
  }
`);

const RefreshMutation = graphql(`
  mutation RefreshSession($input: RefreshSessionInput!) {
    refreshSession(input: $input) {
      accessToken
      expiresAt
      user {
        id
        email
        role
        displayName
        locale
      }
    }
  }
`);

const SignOutMutation = graphql(`
  mutation SignOut {
    signOut {
      signedOut
    }
  }
`);

let token: string | null = null;
let session: Session | null = null;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<boolean> | undefined;
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

interface SessionTokens {
  accessToken: string;
  expiresAt: string;
  user: { id: string; email: string; role: Role; displayName?: string | null; locale?: string | null };
}

type GraphQLAnswer<T> = {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; retryAfterSeconds?: number } }[];
};

/** One operation on the API, same origin (so the refresh cookie goes with it). */
async function post<T>(
  document: TypedDocumentNode<T, never> | TypedDocumentNode<T, Record<string, unknown>>,
  variables: Record<string, unknown> = {},
  bearer?: string,
): Promise<GraphQLAnswer<T>> {
  const response = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query: stringifyDocument(document), variables }),
  });
  return (await response.json()) as GraphQLAnswer<T>;
}

function open(tokens: SessionTokens): Session {
  token = tokens.accessToken;
  session = {
    expiresAt: tokens.expiresAt,
    user: {
      id: tokens.user.id,
      email: tokens.user.email,
      role: tokens.user.role,
      displayName: tokens.user.displayName ?? null,
      locale: tokens.user.locale ?? null,
    },
  };
  // Renew a minute before the access token expires.
  clearTimeout(refreshTimer);
  const ms = new Date(tokens.expiresAt).getTime() - Date.now() - 60_000;
  refreshTimer = setTimeout(() => void refresh(), Math.max(1000, ms));
  emit();
  return session;
}

function forget(): void {
  clearTimeout(refreshTimer);
  token = null;
  session = null;
  emit();
}

/** Exchanges an email and password for a session; the refresh token goes into the HttpOnly cookie. */
export async function signIn(email: string, password: string): Promise<Session> {
  const body = await post(LoginMutation, { input: { email, password, refreshTokenInCookie: true } });
  const error = body.errors?.[0];
  if (error || !body.data)
    throw new SignInError(
      error?.extensions?.code ?? 'UNKNOWN',
      error?.message ?? 'Sign-in failed',
      error?.extensions?.retryAfterSeconds,
    );
  return open(body.data.login);
}

/**
 * New tokens from the refresh cookie; false (and signed out here) when the session has ended. Concurrent
 * callers share one refresh: the cookie's token may be used once.
 */
export function refresh(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const body = await post(RefreshMutation, { input: {} });
      if (body.data?.refreshSession) {
        open(body.data.refreshSession);
        return true;
      }
      forget();
      return false;
    } catch {
      forget();
      return false;
    } finally {
      refreshing = undefined;
    }
  })();
  return refreshing;
}

/** On page load: resumes the session the cookie still holds, if any. */
export async function restoreSession(): Promise<Session | null> {
  return (await refresh()) ? session : null;
}

/** Ends the session on the API (its tokens and the cookie stop working) and here. */
export function signOut(): void {
  const bearer = token;
  forget();
  if (bearer) void post(SignOutMutation, {}, bearer).catch(() => undefined);
}
