import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import Piscina from 'piscina';
import { AppConfig, APP_CONFIG } from '../config/app-config';
import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-codes';

/** A function of a worker module, run by name: `file` exports `name(input)`. */
export interface ComputeTask {
  file: string;
  name: string;
}

interface Pending {
  task: ComputeTask;
  input: unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** A tenant may have this many calculations waiting; more are refused as TOO_BUSY. */
const MAX_QUEUED_PER_TENANT = 100;

/**
 * CPU-heavy calculation off the event loop, in worker threads (piscina), shared fairly between tenants:
 * each tenant has its own queue, a free thread goes to the waiting tenant served longest ago (a tenant
 * new to the queue first), and a tenant runs on more than one thread only while no other tenant waits.
 * So one tenant's heavy requests delay its own later work, never another tenant's cheap request.
 *
 * Worker modules are TypeScript when the API runs from sources: their threads load @swc-node/register.
 */
@Injectable()
export class ComputePool implements OnModuleDestroy {
  private readonly pool: Piscina;
  private readonly queues = new Map<string, Pending[]>();
  private readonly running = new Map<string, number>();
  /** When each tenant was last given a thread (a counter): the longest-unserved tenant goes next. */
  private readonly lastServed = new Map<string, number>();
  private served = 0;
  private busy = 0;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const threads = config.computeThreads || Math.max(1, availableParallelism() - 1);
    this.pool = new Piscina({
      maxThreads: threads,
      minThreads: 0,
      idleTimeout: 30_000,
      execArgv: extname(__filename) === '.ts' ? ['-r', require.resolve('@swc-node/register')] : [],
    });
  }

  get threads(): number {
    return this.pool.options.maxThreads;
  }

  /** Runs `task.name(input)` of `task.file` in a worker thread, in the tenant's turn. */
  run<T>(tenantId: string, task: ComputeTask, input: unknown): Promise<T> {
    const queue = this.queues.get(tenantId) ?? [];
    if (queue.length >= MAX_QUEUED_PER_TENANT) {
      return Promise.reject(
        new AppError(
          ErrorCode.TOO_BUSY,
          'Too many calculations are waiting for this organisation; try again shortly.',
          { retryAfterSeconds: 1 },
        ),
      );
    }
    return new Promise<T>((resolve, reject) => {
      queue.push({ task, input, resolve: resolve as (value: unknown) => void, reject });
      this.queues.set(tenantId, queue);
      this.dispatch();
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.destroy();
  }

  /** Starts waiting work while threads are free, taking tenants in turn. */
  private dispatch(): void {
    while (this.busy < this.threads && this.queues.size > 0) {
      const alone = this.queues.size === 1;
      let next: string | undefined;
      for (const tenant of this.queues.keys()) {
        if ((this.running.get(tenant) ?? 0) > 0 && !alone) continue;
        if (next === undefined || (this.lastServed.get(tenant) ?? -1) < (this.lastServed.get(next) ?? -1))
          next = tenant;
      }
      if (next === undefined) return;
      const queue = this.queues.get(next)!;
      const pending = queue.shift()!;
      if (queue.length === 0) this.queues.delete(next);
      this.lastServed.set(next, ++this.served);
      this.start(next, pending);
    }
  }

  private start(tenantId: string, pending: Pending): void {
    this.busy++;
    this.running.set(tenantId, (this.running.get(tenantId) ?? 0) + 1);
    this.pool
      .run(pending.input, { filename: pending.task.file, name: pending.task.name })
      .then(pending.resolve, pending.reject)
      .finally(() => {
        this.busy--;
        const left = this.running.get(tenantId)! - 1;
        if (left > 0) this.running.set(tenantId, left);
        else {
          this.running.delete(tenantId);
          // A tenant with nothing running or waiting is forgotten: the map stays as small as the queue.
          if (!this.queues.has(tenantId)) this.lastServed.delete(tenantId);
        }
        this.dispatch();
      });
  }
}
