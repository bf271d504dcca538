import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-codes';

export interface AdmissionOptions {
  /** Connections tenant work may hold at once, all tenants together. */
  capacity: number;
  /** Connections one tenant may hold at once. */
  perTenant: number;
  /** How long work waits for a connection before it is refused with TOO_BUSY. */
  waitMs: number;
}

interface Waiter {
  bucket: string;
  grant: () => void;
  timer: NodeJS.Timeout;
}

/**
 * Who may take a database connection now. Every transaction asks here before it takes one from the pool:
 * at most `capacity` at once, and at most `perTenant` for one tenant, so that one tenant's burst waits
 * behind its own work and never empties the pool for the others. Waiters are served in arrival order,
 * skipping those whose tenant is at its share. A wait longer than `waitMs` is refused as TOO_BUSY with a
 * retry-after: a busy server, not a broken database.
 */
export class ConnectionAdmission {
  private inUse = 0;
  private readonly byBucket = new Map<string, number>();
  private readonly peaks = new Map<string, number>();
  private readonly queue: Waiter[] = [];

  constructor(private readonly options: AdmissionOptions) {}

  /**
   * Resolves with a release function once a connection may be taken for `bucket` (a tenant id, or
   * 'system'); refuses with TOO_BUSY after `waitMs` (the configured wait by default).
   */
  acquire(bucket: string, waitMs = this.options.waitMs): Promise<() => void> {
    const admitted = this.tryAcquire(bucket);
    if (admitted) return Promise.resolve(admitted);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        bucket,
        grant: () => resolve(this.take(bucket)),
        timer: setTimeout(() => {
          this.queue.splice(this.queue.indexOf(waiter), 1);
          reject(new AppError(ErrorCode.TOO_BUSY, 'The server is busy; try again shortly.', { retryAfterSeconds: 1 }));
        }, waitMs),
      };
      this.queue.push(waiter);
    });
  }

  /** The release function if a connection may be taken for `bucket` right now (nobody waits before it), else undefined. */
  tryAcquire(bucket: string): (() => void) | undefined {
    return this.queue.length === 0 && this.fits(bucket) ? this.take(bucket) : undefined;
  }

  /** The most connections a bucket held at once so far (for tests and diagnostics). */
  peak(bucket: string): number {
    return this.peaks.get(bucket) ?? 0;
  }

  /** Connections held now: all tenants together, and by bucket. */
  usage(): { inUse: number; waiting: number } {
    return { inUse: this.inUse, waiting: this.queue.length };
  }

  private fits(bucket: string): boolean {
    return this.inUse < this.options.capacity && (this.byBucket.get(bucket) ?? 0) < this.options.perTenant;
  }

  private take(bucket: string): () => void {
    this.inUse++;
    const held = (this.byBucket.get(bucket) ?? 0) + 1;
    this.byBucket.set(bucket, held);
    if (held > (this.peaks.get(bucket) ?? 0)) this.peaks.set(bucket, held);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inUse--;
      const left = this.byBucket.get(bucket)! - 1;
      if (left === 0) this.byBucket.delete(bucket);
      else this.byBucket.set(bucket, left);
      this.serve();
    };
  }

  private serve(): void {
    for (let i = 0; i < this.queue.length && this.inUse < this.options.capacity;) {
      const waiter = this.queue[i]!;
      if (!this.fits(waiter.bucket)) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      clearTimeout(waiter.timer);
      waiter.grant();
    }
  }
}
