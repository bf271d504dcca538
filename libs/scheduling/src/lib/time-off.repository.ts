import { queryPage, SqlFilter, TenantDatabase } from '@deskforce/platform';
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

const COLUMNS = `id, agent_id AS "agentId", type, starts_at AS "startsAt", ends_at AS "endsAt", note, status,
  requested_by AS "requestedBy", decided_by AS "decidedBy", decided_at AS "decidedAt", decision_reason AS "decisionReason",
  version, created_at AS "createdAt"`;

@Injectable()
export class TimeOffRepository {
  constructor(private readonly db: TenantDatabase) {}

  async insert(row: Pick<TimeOffRow, 'id' | 'agentId' | 'type' | 'startsAt' | 'endsAt' | 'note' | 'requestedBy'>): Promise<TimeOffRow> {
    const [created] = await this.db.query<TimeOffRow>(
      `INSERT INTO time_off_requests (tenant_id, id, agent_id, type, starts_at, ends_at, note, requested_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [this.db.tenantId, row.id, row.agentId, row.type, row.startsAt, row.endsAt, row.note, row.requestedBy],
    );
    return created!;
  }

  async findById(id: string, forUpdate = false): Promise<TimeOffRow | undefined> {
    const [row] = await this.db.query<TimeOffRow>(`SELECT ${COLUMNS} FROM time_off_requests WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
    return row;
  }

  async decide(id: string, status: TimeOffStatus, decidedBy: string, reason: string | null): Promise<TimeOffRow> {
    const [row] = await this.db.query<TimeOffRow>(
      `UPDATE time_off_requests SET status = $2, decided_by = $3, decided_at = now(), decision_reason = $4, version = version + 1
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, status, decidedBy, reason],
    );
    return row!;
  }

  /** Approved time off of these agents that overlaps [from, to). */
  async approvedSpans(agentIds: readonly string[], from: Date, to: Date): Promise<(Span & { agentId: string; id: string })[]> {
    const rows = await this.db.query<{ id: string; agentId: string; start: Date; end: Date }>(
      `SELECT id, agent_id AS "agentId", starts_at AS start, ends_at AS end FROM time_off_requests
        WHERE agent_id = ANY($1::uuid[]) AND status = 'APPROVED' AND starts_at < $3 AND ends_at > $2`,
      [agentIds, from, to],
    );
    return rows;
  }

  page(filter: { agentIds?: readonly string[]; status?: TimeOffStatus; from?: Date; to?: Date }, first: number, after?: string) {
    return queryPage<TimeOffRow>(this.db, {
      columns: COLUMNS,
      from: 'time_off_requests',
      filter: new SqlFilter()
        .addIf(filter.agentIds, 'agent_id = ANY(?::uuid[])')
        .addIf(filter.status, 'status = ?')
        .addIf(filter.from, 'ends_at > ?')
        .addIf(filter.to, 'starts_at < ?'),
      keys: [{ expression: 'starts_at', type: 'timestamptz' }, { expression: 'id', type: 'uuid' }],
      first,
      after,
    });
  }

  /** The agent's pending requests that overlap [from, to) (a new request over them is a duplicate). */
  pendingOverlapping(agentId: string, from: Date, to: Date): Promise<TimeOffRow[]> {
    return this.db.query<TimeOffRow>(
      `SELECT ${COLUMNS} FROM time_off_requests
        WHERE tenant_id = $1 AND agent_id = $2 AND status = 'PENDING' AND starts_at < $4 AND ends_at > $3
        ORDER BY starts_at`,
      [this.db.tenantId, agentId, from, to],
    );
  }

  /** Marks a pending request cancelled; undefined when it is no longer pending at that version. */
  async cancel(id: string, version: number, cancelledBy: string, at: Date): Promise<TimeOffRow | undefined> {
    const [row] = await this.db.query<TimeOffRow>(
      `UPDATE time_off_requests SET status = 'CANCELLED', decided_by = $4, decided_at = $5, version = version + 1
        WHERE tenant_id = $1 AND id = $2 AND version = $3 AND status = 'PENDING' RETURNING ${COLUMNS}`,
      [this.db.tenantId, id, version, cancelledBy, at],
    );
    return row;
  }
}
