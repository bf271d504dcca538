import { APP_CONFIG, AppConfig, EventOutbox, JobQueue, Role, TenantDatabase } from '@deskforce/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { TargetStatus } from './kpi/metrics';
import { KpiAlertRepository } from './kpi-alert.repository';
import { KPI_ALERT_QUEUE } from './migrations/1764000013130-create-kpi-alert-states';
import { Evaluation, TargetService } from './target.service';

export { KPI_ALERT_QUEUE };

/** The window each evaluation looks at: the last 7 days up to the hour the evaluation runs in. */
export const KPI_ALERT_WINDOW_HOURS = 168;
const HOUR_MS = 3_600_000;

/** Who the evaluation reads as: every team of the tenant (no user; never written anywhere). */
const EVALUATOR = '00000000-0000-0000-0000-000000000000';

/** The data of a `kpi.alert.changed` event. */
export function kpiAlertChanged(evaluation: Evaluation, previousStatus: string, from: Date, to: Date): object {
  return {
    targetId: evaluation.target.id,
    teamId: evaluation.teamId,
    metric: evaluation.metric,
    previousStatus,
    status: evaluation.status,
    value: evaluation.value,
    sampleSize: evaluation.sampleSize,
    targetValue: evaluation.target.value,
    comparison: evaluation.target.comparison,
    unit: evaluation.target.unit,
    from: from.toISOString(),
    to: to.toISOString(),
  };
}

/**
 * `kpi.alert.changed`: every KPI target, for each team it applies to, is evaluated periodically over the
 * last KPI_ALERT_WINDOW_HOURS (as kpiAlerts evaluates it: TargetService), and an event leaves when its
 * status differs from the last one stored in kpi_alert_states (a target never evaluated counts as
 * NO_DATA before). Every process offers an evaluation job to the PostgreSQL job queue each
 * KPI_ALERT_SWEEP_SECONDS, throttled to one per period; whichever process takes it evaluates every
 * tenant with targets, each in one tenant transaction that stores the statuses and publishes the changes.
 */
@Injectable()
export class KpiAlertSweep implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('KpiAlertSweep');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly db: TenantDatabase,
    private readonly states: KpiAlertRepository,
    private readonly targets: TargetService,
    private readonly queue: JobQueue,
    private readonly events: EventOutbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const seconds = this.config.kpiAlertSweepSeconds;
    if (seconds === 0) return;
    await this.queue.work(KPI_ALERT_QUEUE, 1, () => this.sweep(new Date()).then(() => undefined));
    this.timer = setInterval(() => void this.offer(), seconds * 1000);
    this.timer.unref();
    void this.offer();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.queue.stopWorking(KPI_ALERT_QUEUE);
  }

  private async offer(): Promise<void> {
    const seconds = this.config.kpiAlertSweepSeconds;
    await this.db
      .systemTransaction(() => this.queue.sendOnce(KPI_ALERT_QUEUE, {}, 'sweep', seconds))
      .catch((error: unknown) => this.logger.warn(`Could not queue the KPI alert evaluation: ${String(error)}`));
  }

  /** Evaluates every tenant with targets; answers how many changes were announced. */
  async sweep(now: Date): Promise<number> {
    const tenants = await this.db.systemTransaction(() => this.states.tenantsWithTargets());
    let announced = 0;
    for (const { tenantId } of tenants) {
      try {
        announced += await this.sweepTenant(tenantId, now);
      } catch (error) {
        this.logger.warn(`KPI alerts of tenant ${tenantId}: ${String(error)}`);
      }
    }
    return announced;
  }

  /** Evaluates one tenant's targets over the window ending at `now`'s hour; answers how many changes were announced. */
  sweepTenant(tenantId: string, now: Date): Promise<number> {
    const to = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
    const from = new Date(to.getTime() - KPI_ALERT_WINDOW_HOURS * HOUR_MS);
    const actor = { userId: EVALUATOR, tenantId, role: Role.DIRECTOR, email: '' };
    return this.db.transaction(tenantId, async () => {
      const previous = new Map((await this.states.states()).map((s) => [`${s.targetId}|${s.teamId}`, s.status]));
      const evaluations = await this.targets.evaluate(
        actor,
        { from, to, timeZone: 'UTC', serviceLevelTargetSeconds: 20, includeAtRisk: true },
        false,
      );
      const changed = evaluations.filter(
        (e) => (previous.get(`${e.target.id}|${e.teamId}`) ?? TargetStatus.NO_DATA) !== e.status,
      );
      const stored = await this.states.store(
        changed.map((e) => ({ targetId: e.target.id, teamId: e.teamId, status: e.status, value: e.value })),
        now,
      );
      let announced = 0;
      for (const e of changed) {
        const key = `${e.target.id}|${e.teamId}`;
        if (!stored.has(key)) continue;
        await this.events.publish(
          'kpi.alert.changed',
          kpiAlertChanged(e, previous.get(key) ?? TargetStatus.NO_DATA, from, to),
        );
        announced++;
      }
      return announced;
    });
  }
}
