import { and, GenerateSql, join, keysetPage, SAMPLE, sql, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { SwapStatus } from './scheduling.enums';

export interface ShiftSwapRow {
  id: string;
  shiftId: string;
  requesterAgentId: string;
  targetAgentId: string;
  targetShiftId: string | null;
  note: string | null;
  status: SwapStatus;
  decisionReason: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = sql`id, shift_id AS "shiftId", requester_agent_id AS "requesterAgentId", target_agent_id AS "targetAgentId",
  target_shift_id AS "targetShiftId", note, status, decision_reason AS "decisionReason", version, created_at AS "createdAt",
  updated_at AS "updatedAt"`;

@Injectable()
export class SwapRepository {
  constructor(private readonly db: TenantDatabase) {}

  @GenerateSql({
    params: [
      {
        id: SAMPLE.UUID,
        shiftId: SAMPLE.UUID2,
        requesterAgentId: SAMPLE.UUID3,
        targetAgentId: SAMPLE.UUID,
        targetShiftId: null,
        note: SAMPLE.TEXT,
      },
    ],
  })
  async insert(
    swap: Pick<ShiftSwapRow, 'id' | 'shiftId' | 'requesterAgentId' | 'targetAgentId' | 'targetShiftId' | 'note'>,
  ): Promise<ShiftSwapRow> {
    const row = await this.db.maybeOne<ShiftSwapRow>(
      sql`INSERT INTO shift_swaps (tenant_id, id, shift_id, requester_agent_id, target_agent_id, target_shift_id, note)
          VALUES (${this.db.tenantId}, ${swap.id}, ${swap.shiftId}, ${swap.requesterAgentId}, ${swap.targetAgentId}, ${swap.targetShiftId}, ${swap.note})
          RETURNING ${COLUMNS}`,
    );
    return row!;
  }

  @GenerateSql({ params: [SAMPLE.UUID] })
  findForUpdate(id: string): Promise<ShiftSwapRow | undefined> {
    return this.db.maybeOne<ShiftSwapRow>(
      sql`SELECT ${COLUMNS} FROM shift_swaps WHERE tenant_id = ${this.db.tenantId} AND id = ${id} FOR UPDATE`,
    );
  }

  @GenerateSql({ params: [SAMPLE.UUID, 'APPROVED', SAMPLE.UUID2, SAMPLE.TEXT] })
  async setStatus(
    id: string,
    status: SwapStatus,
    decidedBy: string | null,
    reason: string | null,
  ): Promise<ShiftSwapRow> {
    const row = await this.db.maybeOne<ShiftSwapRow>(
      sql`UPDATE shift_swaps SET status = ${status}, decided_by = coalesce(${decidedBy}::uuid, decided_by),
                 decision_reason = coalesce(${reason}::text, decision_reason), version = version + 1, updated_at = now()
           WHERE tenant_id = ${this.db.tenantId} AND id = ${id}
       RETURNING ${COLUMNS}`,
    );
    return row!;
  }

  /** Newest first; `agentIds` narrows to swaps these agents proposed or were asked for. */
  @GenerateSql(
    { name: 'first page, no filter', params: [{}, SAMPLE.FIRST] },
    {
      name: 'later page, every filter',
      params: [
        { status: 'PROPOSED', agentIds: [SAMPLE.UUID] },
        SAMPLE.FIRST,
        SAMPLE.cursor(SAMPLE.NOW.toISOString(), SAMPLE.UUID2),
      ],
    },
  )
  page(
    filter: { status?: SwapStatus; agentIds?: readonly string[] },
    first: number,
    after?: string,
  ): Promise<{ rows: ShiftSwapRow[]; totalCount: number }> {
    const { status, agentIds } = filter;
    return keysetPage<ShiftSwapRow>(this.db, {
      columns: COLUMNS,
      from: sql`shift_swaps`,
      where: sql`tenant_id = ${this.db.tenantId} ${and(
        !!status && sql`status = ${status}`,
        !!agentIds &&
          sql`(requester_agent_id = ANY(${agentIds}::uuid[]) OR target_agent_id = ANY(${agentIds}::uuid[]))`,
      )}`,
      keys: [
        { column: 'created_at', type: 'timestamptz' },
        { column: 'id', type: 'uuid' },
      ],
      descending: true,
      first,
      after,
    });
  }

  /**
   * Exchanges the agents of two shifts (or hands one over), bumping their versions, in one statement:
   * shifts_no_overlap is DEFERRABLE INITIALLY IMMEDIATE, so it is checked once both shifts have changed
   * hands, at the end of the statement (no SET CONSTRAINTS, which Citus does not pass to its workers).
   */
  @GenerateSql({
    name: 'exchange',
    params: [
      [
        { shiftId: SAMPLE.UUID, agentId: SAMPLE.UUID2 },
        { shiftId: SAMPLE.UUID3, agentId: SAMPLE.UUID },
      ],
    ],
  })
  async reassign(moves: readonly { shiftId: string; agentId: string }[]): Promise<void> {
    if (moves.length === 0) return;
    const values = moves.map((m) => sql`(${m.shiftId}::uuid, ${m.agentId}::uuid)`);
    await this.db.execute(
      sql`UPDATE shifts s SET agent_id = m.agent_id, version = s.version + 1, updated_at = now()
            FROM (VALUES ${join(values)}) AS m(id, agent_id)
           WHERE s.tenant_id = ${this.db.tenantId} AND s.id = m.id`,
    );
  }
}
