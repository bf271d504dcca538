import { Role } from './role';

/** Who is calling: read from a verified access token by the global guard. */
export interface Actor {
  userId: string;
  tenantId: string;
  role: Role;
  email: string;
}

/** The claims of our access tokens. */
export interface AccessTokenClaims {
  sub: string;
  tid: string;
  role: Role;
  email: string;
}
