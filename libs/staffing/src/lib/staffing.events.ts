import { ScheduleJobStatus } from './staffing.enums';

/** The job a `schedule_job.finished` event speaks of: what the runner and the service know when it ends. */
interface FinishedJob {
  id: string;
  teamId: string;
  from: Date;
  to: Date;
  requestedBy: string;
}

/**
 * `schedule_job.finished` (sent to webhooks through the platform's EventOutbox): a schedule generation job
 * ended SUCCEEDED, FAILED, CANCELLED or INTERRUPTED by its own process. Jobs found INTERRUPTED by the
 * lapsed-lease sweep (another process died) send no event.
 */
export function scheduleJobFinished(
  job: FinishedJob,
  status: ScheduleJobStatus,
  outcome: { shiftsCreated?: number; error?: string } = {},
): object {
  return {
    jobId: job.id,
    teamId: job.teamId,
    from: job.from,
    to: job.to,
    requestedBy: job.requestedBy,
    status,
    ...outcome,
  };
}
