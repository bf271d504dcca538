import { and, empty, GenerateSql, keysetPage, SAMPLE, sql, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { TimeOffStatus, TimeOffType } from './scheduling.enums';
import { Span } from './rules/labor-rules';

export interface TimeOffRow {
  id: string;
  agentId: string;
  type: TimeOffType;
  startsAt: Date;
  endsAt: Date;
  note: string | null;
  status: TimeOffStatus;
  requestedBy: string;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  version: number;
  createdAt: Date;
}

const COLUMNS = sql`id, agent_id AS "agentId", type, starts_at AS "startsAt", ends_at AS "endsAt", note, status,
  requested_by AS "requestedBy", decided_by AS "decidedBy", decided_at AS "decidedAt", decision_reason AS "decisionReason",
  version, created_at AS "createdAt"`;

@Injectable()
export class TimeOffRepository {
  constructor(private readonly db: TenantDatabase) {}

  @GenerateSql({
    params: [
      {
        id: SAMPLE.UUID,
        agentId: SAMPLE.UUID2,
        type: 'VACATION',
        startsAt: SAMPLE.FROM,
        endsAt: SAMPLE.TO,
        note: SAMPLE.TEXT,
        requestedBy: SAMPLE.UUID3,
      },
    ],
  })
  async insert(
    row: Pick<TimeOffRow, 'id' | 'agentId' | 'type' | 'startsAt' | 'endsAt' | 'note' | 'requestedBy'>,
  ): Promise<TimeOffRow> {
    const created = await this.db.maybeOne<TimeOffRow>(
      sql`INSERT INTO time_off_requests (tenant_id, id, agent_id, type, starts_at, ends_at, note, requested_by)
          VALUES (${this.db.tenantId}, ${row.id}, ${row.agentId}, ${row.type}, ${row.startsAt}, ${row.endsAt}, ${row.note}, ${row.requestedBy})
          RETURNING ${COLUMNS}`,
    );
    return created!;
  }

  @GenerateSql({ params: [SAMPLE.UUID] }, { name: 'locked', params: [SAMPLE.UUID, true] })
  findById(id: string, forUpdate = false): Promise<TimeOffRow | undefined> {
    return this.db.maybeOne<TimeOffRow>(
      sql`SELECT ${COLUMNS} FROM time_off_requests WHERE tenant_id = ${this.db.tenantId} AND id = ${id} ${forUpdate ? sql`FOR UPDATE` : empty}`,
    );
  }

  @GenerateSql({ params: [SAMPLE.UUID, 'APPROVED', SAMPLE.UUID2, SAMPLE.TEXT] })
  async decide(id: string, status: TimeOffStatus, decidedBy: string, reason: string | null): Promise<TimeOffRow> {
    const row = await this.db.maybeOne<TimeOffRow>(
      sql`UPDATE time_off_requests SET status = ${status}, decided_by = ${decidedBy}, decided_at = now(), decision_reason = ${reason}, version = version + 1
           WHERE tenant_id = ${this.db.tenantId} AND id = ${id}
       RETURNING ${COLUMNS}`,
    );
    return row!;
  }

  /** Approved time off of these agents that overlaps [from, to). */
  @GenerateSql({ params: [[SAMPLE.UUID, SAMPLE.UUID2], SAMPLE.FROM, SAMPLE.TO] })
  approvedSpans(
    agentIds: readonly string[],
    from: Date,
    to: Date,
  ): Promise<(Span & { agentId: string; id: string })[]> {
    return this.db.many<{ id: string; agentId: string; start: Date; end: Date }>(
      sql`SELECT id, agent_id AS "agentId", starts_at AS start, ends_at AS end FROM time_off_requests
           WHERE tenant_id = ${this.db.tenantId} AND agent_id = ANY(${agentIds}::uuid[]) AND status = 'APPROVED' AND starts_at < ${to} AND ends_at > ${from}`,
    );
  }

  @GenerateSql(
    { name: 'first page, no filter', params: [{}, SAMPLE.FIRST] },
    {
      name: 'later page, every filter',
      params: [
        { agentIds: [SAMPLE.UUID], status: 'PENDING', from: SAMPLE.FROM, to: SAMPLE.TO },
        SAMPLE.FIRST,
        SAMPLE.cursor(SAMPLE.NOW.toISOString(), SAMPLE.UUID2),
      ],
    },
  )
  page(
    filter: { agentIds?: readonly string[]; status?: TimeOffStatus; from?: Date; to?: Date },
    first: number,
    after?: string,
  ): Promise<{ rows: TimeOffRow[]; totalCount: number }> {
    const { agentIds, status, from, to } = filter;
    return keysetPage<TimeOffRow>(this.db, {
      columns: COLUMNS,
      from: sql`time_off_requests`,
      where: sql`tenant_id = ${this.db.tenantId} ${and(
        !!agentIds && sql`agent_id = ANY(${agentIds}::uuid[])`,
        !!status && sql`status = ${status}`,
        !!from && sql`ends_at > ${from}`,
        !!to && sql`starts_at < ${to}`,
      )}`,
      keys: [
        { column: 'starts_at', type: 'timestamptz' },
        { column: 'id', type: 'uuid' },
      ],
      first,
      after,
    });
  }

  /** The agent's pending requests that overlap [from, to) (a new request over them is a duplicate). */
  @GenerateSql({ params: [SAMPLE.UUID, SAMPLE.FROM, SAMPLE.TO] })
  pendingOverlapping(agentId: string, from: Date, to: Date): Promise<TimeOffRow[]> {
    return this.db.many<TimeOffRow>(
      sql`SELECT ${COLUMNS} FROM time_off_requests
           WHERE tenant_id = ${this.db.tenantId} AND agent_id = ${agentId} AND status = 'PENDING' AND starts_at < ${to} AND ends_at > ${from}
           ORDER BY starts_at`,
    );
  }

  /** Marks a pending request cancelled; undefined when it is no longer pending at that version. */
  @GenerateSql({ params: [SAMPLE.UUID, 1, SAMPLE.UUID2, SAMPLE.NOW] })
  cancel(id: string, version: number, cancelledBy: string, at: Date): Promise<TimeOffRow | undefined> {
    return this.db.maybeOne<TimeOffRow>(
      sql`UPDATE time_off_requests SET status = 'CANCELLED', decided_by = ${cancelledBy}, decided_at = ${at}, version = version + 1
           WHERE tenant_id = ${this.db.tenantId} AND id = ${id} AND version = ${version} AND status = 'PENDING'
       RETURNING ${COLUMNS}`,
    );
  }
}
