import { Actor, CredentialVerifier } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { API_TOKEN_PREFIX, ApiTokenService } from '../api-tokens/api-token.service';
import { SessionService } from './session.service';

/** The guard's credential check: an API token by its prefix, otherwise a session's access token. */
@Injectable()
export class CredentialService extends CredentialVerifier {
  constructor(
    private readonly sessions: SessionService,
    private readonly apiTokens: ApiTokenService,
  ) {
    super();
  }

  actorFor(bearer: string): Promise<Actor> {
    return bearer.startsWith(`${API_TOKEN_PREFIX}_`) ? this.apiTokens.actorFor(bearer) : this.sessions.actorFor(bearer);
  }
}
