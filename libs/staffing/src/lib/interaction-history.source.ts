import { Actor, Channel } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';

export interface IntervalHistoryQuery {
  teamId: string;
  channel: Channel;
  /** First interval start (inclusive). */
  from: Date;
  /** End of the last interval (exclusive). */
  to: Date;
  intervalMinutes: number;
}

/** One interval of past demand. Intervals the source leaves out had no contacts. */
export interface IntervalHistoryPoint {
  /** Start of the interval (on the grid from `from` in steps of intervalMinutes). */
  start: Date;
  /** Contacts offered in the interval. */
  contacts: number;
  /** Average handle time of the interval's handled contacts in seconds; null when unknown. */
  ahtSeconds: number | null;
}

/**
 * The port through which staffing reads a team's interaction history (contacts and AHT per channel per
 * interval) to forecast from. The KPI library provides the real one; until it is wired in, the default
 * returns no history and forecasts come from uploads and overrides only.
 *
 * Called with the actor's tenant; implementations read inside `TenantDatabase.transaction(actor.tenantId)`.
 */
export abstract class InteractionHistorySource {
  abstract intervalHistory(actor: Actor, query: IntervalHistoryQuery): Promise<IntervalHistoryPoint[]>;
}

@Injectable()
export class NoInteractionHistory extends InteractionHistorySource {
  intervalHistory(): Promise<IntervalHistoryPoint[]> {
    return Promise.resolve([]);
  }
}
