import { APP_CONFIG, AppConfig, EventOutbox, JobQueue, TenantDatabase } from '@deskforce/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { TRAINING_OVERDUE_QUEUE } from './migrations/1764000013120-create-training-overdue-notices';
import { OverdueAssignmentRow, TrainingOverdueRepository } from './training-overdue.repository';

export { TRAINING_OVERDUE_QUEUE };

/** Assignments announced per tenant transaction. */
const BATCH = 500;

/** The data of a `training.overdue` event. */
export function trainingOverdue(row: OverdueAssignmentRow): object {
  return {
    assignmentId: row.id,
    agentId: row.agentId,
    teamId: row.teamId,
    moduleId: row.moduleId,
    pathId: row.pathId,
    status: row.status,
    progressPercent: row.progressPercent,
    dueAt: row.dueAt.toISOString(),
  };
}

/**
 * `training.overdue`: when an assignment passes its due date without being completed or waived, one event
 * through the EventOutbox (webhooks out), once per assignment and due date. Nothing happens at the moment
 * a date passes, so a periodic sweep finds them: every process offers a sweep job to the PostgreSQL job
 * queue each TRAINING_OVERDUE_SWEEP_SECONDS, throttled to one per period, and whichever process takes it
 * announces the overdue assignments of every tenant, each in the tenant transaction that records it.
 */
@Injectable()
export class TrainingOverdueSweep implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('TrainingOverdueSweep');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly db: TenantDatabase,
    private readonly notices: TrainingOverdueRepository,
    private readonly queue: JobQueue,
    private readonly events: EventOutbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const seconds = this.config.trainingOverdueSweepSeconds;
    if (seconds === 0) return;
    await this.queue.work(TRAINING_OVERDUE_QUEUE, 1, () => this.sweep(new Date()).then(() => undefined));
    this.timer = setInterval(() => void this.offer(), seconds * 1000);
    this.timer.unref();
    void this.offer();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.queue.stopWorking(TRAINING_OVERDUE_QUEUE);
  }

  /** Queues a sweep unless one was queued in this period (by any process). */
  private async offer(): Promise<void> {
    const seconds = this.config.trainingOverdueSweepSeconds;
    await this.db
      .systemTransaction(() => this.queue.sendOnce(TRAINING_OVERDUE_QUEUE, {}, 'sweep', seconds))
      .catch((error: unknown) => this.logger.warn(`Could not queue the overdue-training sweep: ${String(error)}`));
  }

  /** Announces every tenant's overdue assignments not announced yet; answers how many. */
  async sweep(now: Date): Promise<number> {
    const tenants = await this.db.systemTransaction(() => this.notices.tenantsWithOverdue(now));
    let announced = 0;
    for (const { tenantId } of tenants) {
      try {
        announced += await this.sweepTenant(tenantId, now);
      } catch (error) {
        this.logger.warn(`Overdue training of tenant ${tenantId}: ${String(error)}`);
      }
    }
    return announced;
  }

  /** Announces one tenant's overdue assignments not announced yet, a batch per transaction; answers how many. */
  async sweepTenant(tenantId: string, now: Date): Promise<number> {
    let announced = 0;
    for (;;) {
      const { found, published } = await this.db.transaction(tenantId, async () => {
        const rows = await this.notices.overdue(now, BATCH);
        const recorded = await this.notices.record(rows, now);
        for (const row of rows)
          if (recorded.has(row.id)) await this.events.publish('training.overdue', trainingOverdue(row));
        return { found: rows.length, published: recorded.size };
      });
      announced += published;
      if (found < BATCH) return announced;
    }
  }
}
