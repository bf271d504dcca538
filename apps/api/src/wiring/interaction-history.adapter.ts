import { InteractionHistoryService } from '@deskforce/performance';
import { Actor } from '@deskforce/platform';
import { InteractionHistorySource, IntervalHistoryPoint, IntervalHistoryQuery } from '@deskforce/staffing';
import { Injectable } from '@nestjs/common';

/** Staffing forecasts from the KPI library's interactions; wired here so neither library imports the other. */
@Injectable()
export class InteractionHistoryAdapter extends InteractionHistorySource {
  constructor(private readonly history: InteractionHistoryService) {
    super();
  }

  intervalHistory(actor: Actor, query: IntervalHistoryQuery): Promise<IntervalHistoryPoint[]> {
    return this.history.intervalDemand(actor, query);
  }
}
