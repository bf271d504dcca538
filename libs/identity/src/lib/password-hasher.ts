import { AppConfig, APP_CONFIG } from '@deskforce/platform';
import { Inject, Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/**
 * argon2id; by default with the library's memory-hard parameters (64 MiB, 3 passes, OWASP-recommended),
 * tunable by PASSWORD_HASH_MEMORY_KIB / PASSWORD_HASH_TIME_COST. A hash carries its own parameters, so
 * changing them affects only new hashes.
 */
@Injectable()
export class PasswordHasher {
  private dummyHash?: Promise<string>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  hash(password: string): Promise<string> {
    return argon2.hash(password, {
      type: argon2.argon2id,
      memoryCost: this.config.passwordHashMemoryKib,
      timeCost: this.config.passwordHashTimeCost,
    });
  }

  async verify(hash: string | undefined, password: string): Promise<boolean> {
    // Verify against a throwaway hash when the user does not exist, so that response time does not tell
    // whether an email has an account.
    this.dummyHash ??= this.hash(`no-such-user-${Math.random()}`);
    const target = hash ?? (await this.dummyHash);
    try {
      return (await argon2.verify(target, password)) && hash !== undefined;
    } catch {
      return false;
    }
  }
}
