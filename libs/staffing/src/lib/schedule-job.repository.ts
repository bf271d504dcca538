import { Channel, queryPage, SqlFilter, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { ScheduleJobModel, ScheduleJobResultModel } from './graphql/schedule-job.model';
import { ScheduleJobPhase, ScheduleJobStatus } from './staffing.enums';

export interface NewScheduleJob {
  id: string;
  teamId: string;
  channel: Channel;
  from: Date;
  to: Date;
  intervalMinutes: number;
  timeLimitSeconds: number;
  parameters: Record<string, unknown>;
  requestedBy: string;
}

export interface JobProgress {
  phase: ScheduleJobPhase;
  progress: number;
  elapsedSeconds: number;
  objective: number | null;
  bestBound: number | null;
  mipGap: number | null;
}

export interface StoredScheduleJob extends ScheduleJobModel {
  tenantId: string;
  parameters: Record<string, unknown>;
  cancelRequested: boolean;
}

const JOB_COLUMNS = `
  tenant_id AS "tenantId", id, team_id AS "teamId", channel, starts_at AS "from", ends_at AS "to", interval_minutes AS "intervalMinutes",
  time_limit_seconds AS "timeLimitSeconds", parameters, status, phase, progress, elapsed_seconds AS "elapsedSeconds", objective,
  best_bound AS "bestBound", mip_gap AS "mipGap", result, error, error_details->>'code' AS "errorCode", requested_by AS "requestedBy",
  cancel_requested_at IS NOT NULL AS "cancelRequested", created_at AS "createdAt", started_at AS "startedAt", finished_at AS "finishedAt"`;

/** How long a queued or running job may go without a heartbeat before it counts as abandoned. */
export const STALE_AFTER_SECONDS = 30;

/** SQL for schedule generation jobs. */
@Injectable()
export class ScheduleJobRepository {
  constructor(private readonly db: TenantDatabase) {}

  async insert(job: NewScheduleJob): Promise<StoredScheduleJob> {
    const [row] = await this.db.query<StoredScheduleJob>(
      `INSERT INTO schedule_generation_jobs (tenant_id, id, team_id, channel, starts_at, ends_at, interval_minutes, time_limit_seconds, parameters, status, phase, requested_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'QUEUED', 'QUEUED', $10)
       RETURNING ${JOB_COLUMNS}`,
      [this.db.tenantId, job.id, job.teamId, job.channel, job.from, job.to, job.intervalMinutes, job.timeLimitSeconds, JSON.stringify(job.parameters), job.requestedBy],
    );
    return row!;
  }

  async findById(id: string, forUpdate = false): Promise<StoredScheduleJob | undefined> {
    const [row] = await this.db.query<StoredScheduleJob>(`SELECT ${JOB_COLUMNS} FROM schedule_generation_jobs WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
    return row;
  }

  async activeForTeam(teamId: string): Promise<StoredScheduleJob | undefined> {
    const [row] = await this.db.query<StoredScheduleJob>(
      `SELECT ${JOB_COLUMNS} FROM schedule_generation_jobs WHERE team_id = $1 AND status IN ('QUEUED', 'RUNNING')`,
      [teamId],
    );
    return row;
  }

  /** Newest first. */
  page(filter: { teamId?: string; statuses?: readonly ScheduleJobStatus[] }, first: number, after?: string) {
    return queryPage<StoredScheduleJob>(this.db, {
      columns: JOB_COLUMNS,
      from: 'schedule_generation_jobs',
      filter: new SqlFilter().addIf(filter.teamId, 'team_id = ?').addIf(filter.statuses, 'status = ANY(?::text[])'),
      keys: [{ expression: 'created_at', type: 'timestamptz' }, { expression: 'id', type: 'uuid' }],
      descending: true,
      first,
      after,
    });
  }

  /** QUEUED → RUNNING; false when the job is no longer queued (cancelled meanwhile). */
  async claim(id: string): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE schedule_generation_jobs SET status = 'RUNNING', phase = 'BUILDING_PROBLEM', started_at = now(), heartbeat_at = now()
        WHERE id = $1 AND status = 'QUEUED' RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  /** Records progress and the heartbeat of a running job; returns whether a cancellation was asked for. */
  async progress(id: string, progress: JobProgress): Promise<{ cancelRequested: boolean } | undefined> {
    const [row] = await this.db.query<{ cancelRequested: boolean }>(
      `UPDATE schedule_generation_jobs
          SET phase = $2, progress = $3, elapsed_seconds = $4, objective = $5, best_bound = $6, mip_gap = $7, heartbeat_at = now()
        WHERE id = $1 AND status = 'RUNNING'
        RETURNING cancel_requested_at IS NOT NULL AS "cancelRequested"`,
      [id, progress.phase, progress.progress, progress.elapsedSeconds, progress.objective, progress.bestBound, progress.mipGap],
    );
    return row;
  }

  /** Keeps queued jobs of this process from looking abandoned. */
  async heartbeat(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query(`UPDATE schedule_generation_jobs SET heartbeat_at = now() WHERE id = ANY($1::uuid[]) AND status IN ('QUEUED', 'RUNNING')`, [ids]);
  }

  async requestCancel(id: string): Promise<void> {
    await this.db.query(`UPDATE schedule_generation_jobs SET cancel_requested_at = coalesce(cancel_requested_at, now()) WHERE id = $1`, [id]);
  }

  /** Ends an unfinished job; false when it had already ended. */
  async finish(
    id: string,
    status: ScheduleJobStatus.SUCCEEDED | ScheduleJobStatus.FAILED | ScheduleJobStatus.CANCELLED,
    outcome: { result?: ScheduleJobResultModel; error?: string; errorDetails?: Record<string, unknown>; progress?: Partial<JobProgress> } = {},
  ): Promise<boolean> {
    const p = outcome.progress ?? {};
    const rows = await this.db.query(
      `UPDATE schedule_generation_jobs
          SET status = $2, phase = CASE WHEN $2 = 'SUCCEEDED' THEN 'DONE' ELSE phase END,
              progress = CASE WHEN $2 = 'SUCCEEDED' THEN 1 ELSE progress END,
              elapsed_seconds = coalesce($6, elapsed_seconds), objective = coalesce($7, objective), best_bound = coalesce($8, best_bound),
              mip_gap = coalesce($9, mip_gap), result = $3, error = $4, error_details = $5, finished_at = now(), heartbeat_at = now()
        WHERE id = $1 AND status IN ('QUEUED', 'RUNNING') RETURNING id`,
      [
        id,
        status,
        outcome.result ? JSON.stringify(outcome.result) : null,
        outcome.error ?? null,
        outcome.errorDetails ? JSON.stringify(outcome.errorDetails) : null,
        p.elapsedSeconds ?? null,
        p.objective ?? null,
        p.bestBound ?? null,
        p.mipGap ?? null,
      ],
    );
    return rows.length > 0;
  }

  /**
   * Across tenants (call in a system transaction): fails the queued and running jobs whose process stopped
   * sending heartbeats — it was restarted or died. Returns their ids.
   */
  async failAbandoned(staleAfterSeconds: number, message: string): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `UPDATE schedule_generation_jobs
          SET status = 'FAILED', error = $2, error_details = '{"code":"INTERRUPTED"}', finished_at = now()
        WHERE status IN ('QUEUED', 'RUNNING') AND heartbeat_at < now() - make_interval(secs => $1)
        RETURNING id`,
      [staleAfterSeconds, message],
    );
    return rows.map((r) => r.id);
  }
}
