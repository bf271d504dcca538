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
  leaseOwner: string | null;
}

const JOB_COLUMNS = `
  tenant_id AS "tenantId", id, team_id AS "teamId", channel, starts_at AS "from", ends_at AS "to", interval_minutes AS "intervalMinutes",
  time_limit_seconds AS "timeLimitSeconds", parameters, status, phase, progress, elapsed_seconds AS "elapsedSeconds", objective,
  best_bound AS "bestBound", mip_gap AS "mipGap", result, error, error_details->>'code' AS "errorCode", requested_by AS "requestedBy",
  cancel_requested_at IS NOT NULL AS "cancelRequested", lease_owner AS "leaseOwner", created_at AS "createdAt", started_at AS "startedAt", finished_at AS "finishedAt"`;

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
    const [row] = await this.db.query<StoredScheduleJob>(
      `SELECT ${JOB_COLUMNS} FROM schedule_generation_jobs WHERE tenant_id = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
      [this.db.tenantId, id],
    );
    return row;
  }

  async activeForTeam(teamId: string): Promise<StoredScheduleJob | undefined> {
    const [row] = await this.db.query<StoredScheduleJob>(
      `SELECT ${JOB_COLUMNS} FROM schedule_generation_jobs WHERE tenant_id = $1 AND team_id = $2 AND status IN ('QUEUED', 'RUNNING')`,
      [this.db.tenantId, teamId],
    );
    return row;
  }

  /** The tenant's jobs waiting or running (a new job's place in the fair order of the queue). */
  async unfinishedCount(): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM schedule_generation_jobs WHERE tenant_id = $1 AND status IN ('QUEUED', 'RUNNING')`, [
      this.db.tenantId,
    ]);
    return row!.n;
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

  /** QUEUED → RUNNING under this process's lease; undefined when the job is no longer queued (cancelled meanwhile). */
  async claim(id: string, owner: string, now: Date, leaseUntil: Date): Promise<StoredScheduleJob | undefined> {
    const [row] = await this.db.query<StoredScheduleJob>(
      `UPDATE schedule_generation_jobs
          SET status = 'RUNNING', phase = 'BUILDING_PROBLEM', started_at = $3, heartbeat_at = $3, lease_owner = $4, lease_expires_at = $5
        WHERE tenant_id = $1 AND id = $2 AND status = 'QUEUED'
        RETURNING ${JOB_COLUMNS}`,
      [this.db.tenantId, id, now, owner, leaseUntil],
    );
    return row;
  }

  /**
   * Records progress and renews the lease of a job this process runs; returns whether a cancellation was
   * asked for, or undefined when the lease is no longer ours (the job ended or was taken for interrupted).
   */
  async progress(id: string, owner: string, progress: JobProgress, now: Date, leaseUntil: Date): Promise<{ cancelRequested: boolean } | undefined> {
    const [row] = await this.db.query<{ cancelRequested: boolean }>(
      `UPDATE schedule_generation_jobs
          SET phase = $4, progress = $5, elapsed_seconds = $6, objective = $7, best_bound = $8, mip_gap = $9, heartbeat_at = $10, lease_expires_at = $11
        WHERE tenant_id = $1 AND id = $2 AND status = 'RUNNING' AND lease_owner = $3
        RETURNING cancel_requested_at IS NOT NULL AS "cancelRequested"`,
      [this.db.tenantId, id, owner, progress.phase, progress.progress, progress.elapsedSeconds, progress.objective, progress.bestBound, progress.mipGap, now, leaseUntil],
    );
    return row;
  }

  async requestCancel(id: string, now: Date): Promise<void> {
    await this.db.query(`UPDATE schedule_generation_jobs SET cancel_requested_at = coalesce(cancel_requested_at, $3) WHERE tenant_id = $1 AND id = $2`, [
      this.db.tenantId,
      id,
      now,
    ]);
  }

  /**
   * Ends an unfinished job: a queued one, or a running one whose lease is `owner`'s (when given). False
   * when it had already ended, or its lease is not ours.
   */
  async finish(
    id: string,
    status: ScheduleJobStatus.SUCCEEDED | ScheduleJobStatus.FAILED | ScheduleJobStatus.CANCELLED | ScheduleJobStatus.INTERRUPTED,
    outcome: { result?: ScheduleJobResultModel; error?: string; errorDetails?: Record<string, unknown>; progress?: Partial<JobProgress>; owner?: string; now?: Date } = {},
  ): Promise<boolean> {
    const p = outcome.progress ?? {};
    const rows = await this.db.query(
      `UPDATE schedule_generation_jobs
          SET status = $3, phase = CASE WHEN $3 = 'SUCCEEDED' THEN 'DONE' ELSE phase END,
              progress = CASE WHEN $3 = 'SUCCEEDED' THEN 1 ELSE progress END,
              elapsed_seconds = coalesce($7, elapsed_seconds), objective = coalesce($8, objective), best_bound = coalesce($9, best_bound),
              mip_gap = coalesce($10, mip_gap), result = $4, error = $5, error_details = $6, finished_at = $12, heartbeat_at = $12,
              lease_owner = NULL, lease_expires_at = NULL
        WHERE tenant_id = $1 AND id = $2 AND (status = 'QUEUED' OR (status = 'RUNNING' AND ($11::text IS NULL OR lease_owner = $11)))
        RETURNING id`,
      [
        this.db.tenantId,
        id,
        status,
        outcome.result ? JSON.stringify(outcome.result) : null,
        outcome.error ?? null,
        outcome.errorDetails ? JSON.stringify(outcome.errorDetails) : null,
        p.elapsedSeconds ?? null,
        p.objective ?? null,
        p.bestBound ?? null,
        p.mipGap ?? null,
        outcome.owner ?? null,
        outcome.now ?? new Date(),
      ],
    );
    return rows.length > 0;
  }

  /**
   * Across tenants (call in a system transaction; maintenance, an allowed exception to naming the tenant):
   * the running jobs whose lease lapsed — their process died or stalled past it — become INTERRUPTED.
   */
  async interruptLapsed(now: Date, message: string): Promise<{ tenantId: string; id: string }[]> {
    return this.db.query<{ tenantId: string; id: string }>(
      `UPDATE schedule_generation_jobs
          SET status = 'INTERRUPTED', error = $2, error_details = '{"code":"INTERRUPTED"}', finished_at = $1, lease_owner = NULL, lease_expires_at = NULL
        WHERE status = 'RUNNING' AND lease_expires_at < $1
        RETURNING tenant_id AS "tenantId", id`,
      [now, message],
    );
  }
}
