import { Injectable } from '@nestjs/common';

/** One piece of published, scheduled work of an agent (a shift minus its planned breaks). */
export interface ScheduledWork {
  agentId: string;
  start: Date;
  end: Date;
}

/**
 * The port through which schedule adherence reads published shifts. The scheduling library provides the
 * real implementation (its published shifts); until it is wired in, `NoScheduledWork` answers with none,
 * so SCHEDULE_ADHERENCE is null with sample size 0. Bind another class with
 * `PerformanceModule.forRoot({ scheduledWorkSource })`.
 */
export abstract class ScheduledWorkSource {
  /** Work scheduled for these agents (null: every agent of the tenant) that starts in [from, to). */
  abstract scheduledWork(
    tenantId: string,
    agentIds: readonly string[] | null,
    from: Date,
    to: Date,
  ): Promise<ScheduledWork[]>;
}

@Injectable()
export class NoScheduledWork extends ScheduledWorkSource {
  scheduledWork(): Promise<ScheduledWork[]> {
    return Promise.resolve([]);
  }
}
