import { Role } from './role';

/** Who is calling: read from a verified access token (or API token) by the global guard. */
export interface Actor {
  /** The user; for an API token, the admin who created it (it acts with the token's own role). */
  userId: string;
  tenantId: string;
  role: Role;
  email: string;
  /** The sign-in session the access token belongs to. */
  sessionId?: string;
  /** Set when an integration calls with an API token instead of a user's session. */
  apiTokenId?: string;
}

/** The claims of our access tokens. */
export interface AccessTokenClaims {
  sub: string;
  tid: string;
  /** The session: every request checks it is still live, so ending it ends the token. */
  sid: string;
  role: Role;
  email: string;
}
