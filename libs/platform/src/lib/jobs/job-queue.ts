import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { AppConfig, APP_CONFIG } from '../config/app-config';
import { TenantDatabase } from '../database/tenant-database';

/** The schema pg-boss keeps its queue in (created by the migration CreateJobQueue). */
export const JOB_QUEUE_SCHEMA = 'pgboss';

export interface QueuedJob<T> {
  id: string;
  data: T;
}

/**
 * Background jobs on PostgreSQL with pg-boss (a maintained queue: SKIP LOCKED fetching, expiry, retries
 * with backoff, archiving). No extra service: the queue lives in our database, in its own schema, created
 * by a migration (pg-boss never changes the schema itself here). A job is queued inside the transaction of
 * the change that asks for it, so it exists exactly when that change commits; any API process with a free
 * worker takes it. pg-boss uses a small pool of its own (2 connections a process).
 */
@Injectable()
export class JobQueue implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('JobQueue');
  private readonly boss: PgBoss;
  private started = false;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly db: TenantDatabase,
  ) {
    this.boss = new PgBoss({
      connectionString: config.databaseUrl,
      schema: JOB_QUEUE_SCHEMA,
      migrate: false,
      max: 2,
      application_name: 'deskforce-jobs',
      supervise: true,
      schedule: false,
    });
    this.boss.on('error', (error: Error) => this.logger.warn(`Job queue: ${error.message}`));
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    this.started = true;
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    // Workers were told to stop by their owners (OnModuleDestroy runs first); wait briefly for them.
    await this.boss
      .stop({ graceful: true, wait: true, timeout: 15_000 })
      .catch((error: unknown) => this.logger.warn(`Stopping the job queue: ${String(error)}`));
  }

  /** Queues a job in the open tenant transaction: it is there exactly when the transaction commits. */
  async send<T extends object>(
    queue: string,
    data: T,
    options: {
      priority?: number;
      expireInSeconds?: number;
      retryLimit?: number;
      retryDelay?: number;
      retryBackoff?: boolean;
      startAfter?: Date;
    } = {},
  ): Promise<string> {
    const id = await this.boss.send(queue, data, {
      ...options,
      db: { executeSql: async (text: string, values: unknown[]) => ({ rows: await this.db.query(text, values) }) },
    });
    if (!id) throw new Error(`The job queue ${queue} refused a job.`);
    return id;
  }

  /**
   * Queues a job in the open transaction unless one with the same key was queued on this queue in the last
   * `seconds` (pg-boss's singleton throttling): a periodic job that every process offers runs once per period.
   * Answers whether it was queued.
   */
  async sendOnce<T extends object>(queue: string, data: T, key: string, seconds: number): Promise<boolean> {
    const id = await this.boss.send(queue, data, {
      singletonKey: key,
      singletonSeconds: seconds,
      retryLimit: 0,
      db: { executeSql: async (text: string, values: unknown[]) => ({ rows: await this.db.query(text, values) }) },
    });
    return id !== null;
  }

  /** Starts `concurrency` workers of this process on a queue, each taking one job at a time. */
  async work<T extends object>(
    queue: string,
    concurrency: number,
    handler: (job: QueuedJob<T>) => Promise<void>,
    pollingIntervalSeconds = 1,
  ): Promise<void> {
    for (let i = 0; i < concurrency; i++) {
      await this.boss.work<T>(queue, { batchSize: 1, pollingIntervalSeconds }, async ([job]) => {
        if (job) await handler({ id: job.id, data: job.data });
      });
    }
  }

  /** Stops this process's workers on a queue from taking new jobs (the ones running carry on). */
  async stopWorking(queue: string): Promise<void> {
    if (this.started) await this.boss.offWork(queue).catch(() => undefined);
  }
}
