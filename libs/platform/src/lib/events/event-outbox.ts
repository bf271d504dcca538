import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { TenantDatabase } from '../database/tenant-database';

/** The events a tenant may subscribe to (webhooks out); names are dotted, lower case, stable. */
export const OUTBOX_EVENTS = [
  'schedule.published',
  'timeoff.decided',
  'swap.decided',
  'schedule_job.finished',
  'kpi.alert.changed',
  'training.overdue',
] as const;
export type OutboxEventName = (typeof OUTBOX_EVENTS)[number];

/** One event as it leaves: its id (the same on every delivery and resend of it), name, time and data. */
export interface OutboxEvent {
  id: string;
  tenantId: string;
  event: OutboxEventName;
  occurredAt: Date;
  data: object;
}

/** Where events go: the integrations library writes one webhook delivery per subscribed endpoint. */
export interface EventSink {
  /** Called inside the change's tenant transaction: what it writes commits or rolls back with the change. */
  accept(event: OutboxEvent): Promise<void>;
}

/**
 * The port domain libraries publish their events through, inside the transaction of the change, so an
 * event exists exactly when the change commits (an outbox: the sink writes rows and queues jobs in that
 * same transaction). With no sink attached (a library tested alone), publishing does nothing.
 */
@Injectable()
export class EventOutbox {
  private readonly sinks: EventSink[] = [];

  constructor(private readonly db: TenantDatabase) {}

  /** Attaches a sink (once, at module init). */
  attach(sink: EventSink): void {
    this.sinks.push(sink);
  }

  /** Publishes an event of the open tenant transaction; answers its id. */
  async publish(event: OutboxEventName, data: object): Promise<string> {
    const outgoing: OutboxEvent = { id: randomUUID(), tenantId: this.db.tenantId, event, occurredAt: new Date(), data };
    for (const sink of this.sinks) await sink.accept(outgoing);
    return outgoing.id;
  }
}
