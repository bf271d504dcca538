import { and, Channel, GenerateSql, keysetPage, SAMPLE, sql, Sql, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
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

/** A row of schedule_generation_jobs. */
export interface StoredScheduleJob {
  tenantId: string;
  id: string;
  teamId: string;
  channel: Channel;
  from: Date;
  to: Date;
  intervalMinutes: number;
  timeLimitSeconds: number;
  parameters: Record<string, unknown>;
  status: ScheduleJobStatus;
  phase: ScheduleJobPhase | null;
  progress: number;
  elapsedSeconds: number;
  objective: number | null;
  bestBound: number | null;
  mipGap: number | null;
  /** The JSON the runner wrote when the job succeeded (the service gives it its GraphQL shape). */
  result: unknown;
  error: string | null;
  errorCode: string | null;
  requestedBy: string;
  cancelRequested: boolean;
  leaseOwner: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const JOB_COLUMNS = sql`
  tenant_id AS "tenantId", id, team_id AS "teamId", channel, starts_at AS "from", ends_at AS "to", interval_minutes AS "intervalMinutes",
  time_limit_seconds AS "timeLimitSeconds", parameters, status, phase, progress, elapsed_seconds AS "elapsedSeconds", objective,
  best_bound AS "bestBound", mip_gap AS "mipGap", result, error, error_details->>'code' AS "errorCode", requested_by AS "requestedBy",
  cancel_requested_at IS NOT NULL AS "cancelRequested", lease_owner AS "leaseOwner", created_at AS "createdAt", started_at AS "startedAt", finished_at AS "finishedAt"`;

/** SQL for schedule generation jobs. */
@Injectable()
export class ScheduleJobRepository {
  constructor(private readonly db: TenantDatabase) {}

  @GenerateSql({
    params: [
      {
        id: SAMPLE.UUID,
        teamId: SAMPLE.UUID2,
        channel: 'PHONE',
        from: SAMPLE.FROM,
        to: SAMPLE.TO,
        intervalMinutes: 15,
        timeLimitSeconds: 30,
        parameters: { serviceLevel: 0.8 },
        requestedBy: SAMPLE.UUID3,
      },
    ],
  })
  async insert(job: NewScheduleJob): Promise<StoredScheduleJob> {
    const row = await this.db.maybeOne<StoredScheduleJob>(
      sql`INSERT INTO schedule_generation_jobs (tenant_id, id, team_id, channel, starts_at, ends_at, interval_minutes, time_limit_seconds, parameters, status, phase, requested_by)
          VALUES (${this.db.tenantId}, ${job.id}, ${job.teamId}, ${job.channel}, ${job.from}, ${job.to}, ${job.intervalMinutes}, ${job.timeLimitSeconds},
                  ${JSON.stringify(job.parameters)}, 'QUEUED', 'QUEUED', ${job.requestedBy})
          RETURNING ${JOB_COLUMNS}`,
    );
    return row!;
  }

  @GenerateSql({ params: [SAMPLE.UUID] }, { name: 'locked', params: [SAMPLE.UUID, true] })
  findById(id: string, forUpdate = false): Promise<StoredScheduleJob | undefined> {
    return this.db.maybeOne<StoredScheduleJob>(
      sql`SELECT ${JOB_COLUMNS} FROM schedule_generation_jobs WHERE tenant_id = ${this.db.tenantId} AND id = ${id}${forUpdate ? sql` FOR UPDATE` : sql``}`,
    );
  }

  @GenerateSql({ params: [SAMPLE.UUID] })
  activeForTeam(teamId: string): Promise<StoredScheduleJob | undefined> {
    return this.db.maybeOne<StoredScheduleJob>(
      sql`SELECT ${JOB_COLUMNS} FROM schedule_generation_jobs WHERE tenant_id = ${this.db.tenantId} AND team_id = ${teamId} AND status IN ('QUEUED', 'RUNNING')`,
    );
  }

  /** The tenant's jobs waiting or running (a new job's place in the fair order of the queue). */
  @GenerateSql({ answers: [[{ n: 0 }]] })
  async unfinishedCount(): Promise<number> {
    const row = await this.db.maybeOne<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM schedule_generation_jobs WHERE tenant_id = ${this.db.tenantId} AND status IN ('QUEUED', 'RUNNING')`,
    );
    return row!.n;
  }

  /** Newest first. */
  @GenerateSql(
    { name: 'first page, no filter', params: [{}, SAMPLE.FIRST] },
    {
      name: 'later page, every filter',
      params: [
        { teamId: SAMPLE.UUID, statuses: ['QUEUED', 'RUNNING'] },
        SAMPLE.FIRST,
        SAMPLE.cursor(SAMPLE.NOW.toISOString(), SAMPLE.UUID2),
      ],
    },
  )
  page(
    filter: { teamId?: string; statuses?: readonly ScheduleJobStatus[] },
    first: number,
    after?: string,
  ): Promise<{ rows: StoredScheduleJob[]; totalCount: number }> {
    const statuses: Sql | undefined = filter.statuses ? sql`status = ANY(${filter.statuses}::text[])` : undefined;
    return keysetPage<StoredScheduleJob>(this.db, {
      columns: JOB_COLUMNS,
      from: sql`schedule_generation_jobs`,
      where: sql`tenant_id = ${this.db.tenantId} ${and(filter.teamId !== undefined && filter.teamId !== null && sql`team_id = ${filter.teamId}`, statuses)}`,
      keys: [
        { column: 'created_at', type: 'timestamptz' },
        { column: 'id', type: 'uuid' },
      ],
      descending: true,
      first,
      after,
    });
  }

  /** QUEUED → RUNNING under this process's lease; undefined when the job is no longer queued (cancelled meanwhile). */
  @GenerateSql({ params: [SAMPLE.UUID, 'worker-1', SAMPLE.NOW, SAMPLE.TO] })
  claim(id: string, owner: string, now: Date, leaseUntil: Date): Promise<StoredScheduleJob | undefined> {
    return this.db.maybeOne<StoredScheduleJob>(
      sql`UPDATE schedule_generation_jobs
             SET status = 'RUNNING', phase = 'BUILDING_PROBLEM', started_at = ${now}, heartbeat_at = ${now}, lease_owner = ${owner}, lease_expires_at = ${leaseUntil}
           WHERE tenant_id = ${this.db.tenantId} AND id = ${id} AND status = 'QUEUED'
           RETURNING ${JOB_COLUMNS}`,
    );
  }

  /**
   * Records progress and renews the lease of a job this process runs; returns whether a cancellation was
   * asked for, or undefined when the lease is no longer ours (the job ended or was taken for interrupted).
   */
  @GenerateSql({
    params: [
      SAMPLE.UUID,
      'worker-1',
      { phase: 'SOLVING', progress: 0.5, elapsedSeconds: 12, objective: 100, bestBound: 90, mipGap: 0.1 },
      SAMPLE.NOW,
      SAMPLE.TO,
    ],
  })
  progress(
    id: string,
    owner: string,
    progress: JobProgress,
    now: Date,
    leaseUntil: Date,
  ): Promise<{ cancelRequested: boolean } | undefined> {
    return this.db.maybeOne<{ cancelRequested: boolean }>(
      sql`UPDATE schedule_generation_jobs
             SET phase = ${progress.phase}, progress = ${progress.progress}, elapsed_seconds = ${progress.elapsedSeconds}, objective = ${progress.objective},
                 best_bound = ${progress.bestBound}, mip_gap = ${progress.mipGap}, heartbeat_at = ${now}, lease_expires_at = ${leaseUntil}
           WHERE tenant_id = ${this.db.tenantId} AND id = ${id} AND status = 'RUNNING' AND lease_owner = ${owner}
           RETURNING cancel_requested_at IS NOT NULL AS "cancelRequested"`,
    );
  }

  @GenerateSql({ params: [SAMPLE.UUID, SAMPLE.NOW] })
  async requestCancel(id: string, now: Date): Promise<void> {
    await this.db.execute(
      sql`UPDATE schedule_generation_jobs SET cancel_requested_at = coalesce(cancel_requested_at, ${now}) WHERE tenant_id = ${this.db.tenantId} AND id = ${id}`,
    );
  }

  /**
   * Ends an unfinished job: a queued one, or a running one whose lease is `owner`'s (when given). False
   * when it had already ended, or its lease is not ours.
   */
  @GenerateSql(
    {
      name: 'succeeded, by its lease owner',
      params: [
        SAMPLE.UUID,
        'SUCCEEDED',
        { result: { shifts: 3 }, progress: { elapsedSeconds: 20, objective: 100 }, owner: 'worker-1', now: SAMPLE.NOW },
      ],
    },
    { name: 'failed', params: [SAMPLE.UUID, 'FAILED', { error: SAMPLE.TEXT, errorDetails: { code: 'INFEASIBLE' } }] },
  )
  async finish(
    id: string,
    status:
      | ScheduleJobStatus.SUCCEEDED
      | ScheduleJobStatus.FAILED
      | ScheduleJobStatus.CANCELLED
      | ScheduleJobStatus.INTERRUPTED,
    outcome: {
      result?: object;
      error?: string;
      errorDetails?: Record<string, unknown>;
      progress?: Partial<JobProgress>;
      owner?: string;
      now?: Date;
    } = {},
  ): Promise<boolean> {
    const p = outcome.progress ?? {};
    const succeeded = status === ScheduleJobStatus.SUCCEEDED;
    const now = outcome.now ?? new Date();
    const owned = outcome.owner === undefined ? sql`` : sql`AND lease_owner = ${outcome.owner}`;
    const rows = await this.db.many<{ id: string }>(
      sql`UPDATE schedule_generation_jobs
             SET status = ${status}, phase = ${succeeded ? sql`'DONE'` : sql`phase`}, progress = ${succeeded ? sql`1` : sql`progress`},
                 elapsed_seconds = coalesce(${p.elapsedSeconds ?? null}, elapsed_seconds), objective = coalesce(${p.objective ?? null}, objective),
                 best_bound = coalesce(${p.bestBound ?? null}, best_bound), mip_gap = coalesce(${p.mipGap ?? null}, mip_gap),
                 result = ${outcome.result ? JSON.stringify(outcome.result) : null}, error = ${outcome.error ?? null},
                 error_details = ${outcome.errorDetails ? JSON.stringify(outcome.errorDetails) : null}, finished_at = ${now}, heartbeat_at = ${now},
                 lease_owner = NULL, lease_expires_at = NULL
           WHERE tenant_id = ${this.db.tenantId} AND id = ${id} AND (status = 'QUEUED' OR (status = 'RUNNING' ${owned}))
           RETURNING id`,
    );
    return rows.length > 0;
  }

  /**
   * Across tenants (call in a system transaction; maintenance, an allowed exception to naming the tenant):
   * the running jobs whose lease lapsed — their process died or stalled past it — become INTERRUPTED.
   */
  @GenerateSql({ params: [SAMPLE.NOW, SAMPLE.TEXT] })
  interruptLapsed(now: Date, message: string): Promise<{ tenantId: string; id: string }[]> {
    return this.db.many<{ tenantId: string; id: string }>(
      sql`/* tenant-rules-exception: maintenance-across-tenants */
          UPDATE schedule_generation_jobs
             SET status = 'INTERRUPTED', error = ${message}, error_details = '{"code":"INTERRUPTED"}', finished_at = ${now}, lease_owner = NULL, lease_expires_at = NULL
           WHERE status = 'RUNNING' AND lease_expires_at < ${now}
           RETURNING tenant_id AS "tenantId", id`,
    );
  }
}
