import { Actor } from './actor';

/**
 * Turns the bearer credential of a request into the actor it stands for, or throws UNAUTHENTICATED.
 * The platform's guard asks; the identity library answers (sessions, users, API tokens live there).
 */
export abstract class CredentialVerifier {
  abstract actorFor(bearer: string): Promise<Actor>;
}
