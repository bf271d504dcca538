import { AppConfig, APP_CONFIG, AppError, ErrorCode } from '@deskforce/platform';
import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';

/**
 * Growing delays for one kind of key, in PostgreSQL (shared by every API process): `free` attempts in a
 * window, then each further attempt must wait a delay growing along the Fibonacci sequence (1 s, 1 s, 2 s,
 * 3 s, 5 s … up to `maxWaitSeconds`) since the previous one — the scheme of rate-limiter-flexible's
 * ExpressBruteFlexible, composed here from its PostgreSQL store because that class is an Express
 * middleware. Every step is one atomic upsert, so parallel attempts cannot all slip through: of N at once,
 * at most the free ones left plus one are let through per delay.
 */
class GrowingDelay {
  private readonly free: RateLimiterPostgres;
  private readonly block: RateLimiterPostgres;
  private readonly counter: RateLimiterPostgres;
  private readonly delays: number[];

  constructor(
    dataSource: DataSource,
    prefix: string,
    free: number,
    windowSeconds: number,
    minWaitSeconds: number,
    private readonly maxWaitSeconds: number,
  ) {
    const store = {
      storeClient: dataSource,
      storeType: 'typeorm',
      tableName: 'login_throttle',
      tableCreated: true,
      clearExpiredByTimeout: false,
    };
    this.free = new RateLimiterPostgres({
      ...store,
      keyPrefix: `${prefix}:free`,
      points: free,
      duration: windowSeconds,
    });
    this.block = new RateLimiterPostgres({
      ...store,
      keyPrefix: `${prefix}:block`,
      points: 1,
      duration: maxWaitSeconds,
    });
    this.counter = new RateLimiterPostgres({
      ...store,
      keyPrefix: `${prefix}:count`,
      points: 1,
      duration: windowSeconds,
    });
    this.delays = [minWaitSeconds, minWaitSeconds];
    while (this.delays.at(-1)! < maxWaitSeconds) this.delays.push(this.delays.at(-1)! + this.delays.at(-2)!);
  }

  private delay(n: number): number {
    return Math.min(this.delays[n - 1] ?? this.maxWaitSeconds, this.maxWaitSeconds);
  }

  /** Counts an attempt; answers 0 when it may go ahead, else the milliseconds to wait. */
  async attempt(key: string): Promise<number> {
    const free = await settle(this.free.consume(key));
    if (free.allowed) {
      // The last free attempt: the next one waits the first delay.
      if (free.res.remainingPoints === 0) await this.block.penalty(key, 1, { customDuration: this.delay(1) });
      return 0;
    }
    const blocked = await this.block.get(key);
    if (blocked && blocked.consumedPoints > 0 && blocked.msBeforeNext > 0) return blocked.msBeforeNext;
    const waited = ((await this.counter.get(key))?.consumedPoints ?? 0) + 1;
    const penalty = await this.block.penalty(key, 1, { customDuration: this.delay(waited + 1) });
    if (penalty.consumedPoints > 1) return penalty.msBeforeNext; // another attempt took this turn
    await this.counter.penalty(key, 1);
    return 0;
  }

  /** A success: the key starts afresh. */
  async reset(key: string): Promise<void> {
    await Promise.all([this.free.delete(key), this.block.delete(key), this.counter.delete(key)]);
  }

  /** Gives back the point a successful attempt took (for counters of failures across accounts). */
  async forgive(key: string): Promise<void> {
    await this.free.reward(key, 1);
  }
}

async function settle(
  attempt: Promise<RateLimiterRes>,
): Promise<{ allowed: true; res: RateLimiterRes } | { allowed: false; res: RateLimiterRes }> {
  try {
    return { allowed: true, res: await attempt };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return { allowed: false, res: rejection };
    throw rejection; // the store failed (the database is down): sign-in fails with it
  }
}

/**
 * Sign-in throttling, counted before the password is checked (atomically, in PostgreSQL, so it holds
 * under parallel requests and across API processes):
 * - per account and client address: LOGIN_MAX_FAILURES free, then growing delays — a guesser at one
 *   address slows down without locking the owner out elsewhere;
 * - per account from anywhere: LOGIN_ACCOUNT_MAX_FAILURES free, then growing delays, against guesses
 *   spread over many addresses;
 * - per client address across accounts: LOGIN_ADDRESS_MAX_FAILURES free, then growing delays, against
 *   one password tried over many emails (password spraying).
 * A successful sign-in clears its account's counters and gives its point back to the address.
 */
@Injectable()
export class LoginThrottle {
  private readonly accountAtAddress: GrowingDelay;
  private readonly account: GrowingDelay;
  private readonly address: GrowingDelay;

  constructor(dataSource: DataSource, @Inject(APP_CONFIG) config: AppConfig) {
    const window = config.loginWindowSeconds;
    const [minWait, maxWait] = [
      config.loginMinDelaySeconds,
      Math.max(config.loginMinDelaySeconds, config.loginMaxDelaySeconds),
    ];
    this.accountAtAddress = new GrowingDelay(
      dataSource,
      'login:account-address',
      config.loginMaxFailures,
      window,
      minWait,
      maxWait,
    );
    this.account = new GrowingDelay(
      dataSource,
      'login:account',
      config.loginAccountMaxFailures,
      window,
      minWait,
      maxWait,
    );
    this.address = new GrowingDelay(
      dataSource,
      'login:address',
      config.loginAddressMaxFailures,
      window,
      minWait,
      maxWait,
    );
  }

  /** Counts the attempt, or refuses it with TOO_MANY_REQUESTS and how long to wait. */
  async attempt(email: string, clientAddress: string): Promise<void> {
    const waits = await Promise.all([
      this.accountAtAddress.attempt(`${email}|${clientAddress}`),
      this.account.attempt(email),
      this.address.attempt(clientAddress),
    ]);
    const wait = Math.max(...waits);
    if (wait > 0) {
      const retryAfterSeconds = Math.ceil(wait / 1000);
      throw new AppError(
        ErrorCode.TOO_MANY_REQUESTS,
        `Too many sign-in attempts; try again in ${retryAfterSeconds} s.`,
        { retryAfterSeconds },
      );
    }
  }

  async succeeded(email: string, clientAddress: string): Promise<void> {
    await Promise.all([
      this.accountAtAddress.reset(`${email}|${clientAddress}`),
      this.account.reset(email),
      this.address.forgive(clientAddress),
    ]);
  }
}
