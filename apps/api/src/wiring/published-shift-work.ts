import { ScheduledWork, ScheduledWorkSource } from '@deskforce/performance';
import { ShiftService } from '@deskforce/scheduling';
import { Injectable } from '@nestjs/common';

/**
 * Schedule adherence's source of scheduled work: the scheduling library's published shifts minus their
 * activities. Wired here, in the application, so that neither library depends on the other.
 */
@Injectable()
export class PublishedShiftWork extends ScheduledWorkSource {
  constructor(private readonly shifts: ShiftService) {
    super();
  }

  scheduledWork(tenantId: string, agentIds: readonly string[] | null, from: Date, to: Date): Promise<ScheduledWork[]> {
    return this.shifts.publishedWork(tenantId, agentIds, from, to);
  }
}
