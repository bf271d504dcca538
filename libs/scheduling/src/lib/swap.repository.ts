import { queryPage, SqlFilter, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { ShiftSwapModel } from './graphql/swap.model';
import { SwapStatus } from './scheduling.enums';

const COLUMNS = `id, shift_id AS "shiftId", requester_agent_id AS "requesterAgentId", target_agent_id AS "targetAgentId",
  target_shift_id AS "targetShiftId", note, status, decision_reason AS "decisionReason", version, created_at AS "createdAt",
  updated_at AS "updatedAt"`;

@Injectable()
export class SwapRepository {
  constructor(private readonly db: TenantDatabase) {}

  async insert(swap: Pick<ShiftSwapModel, 'id' | 'shiftId' | 'requesterAgentId' | 'targetAgentId' | 'targetShiftId' | 'note'>): Promise<ShiftSwapModel> {
    const [row] = await this.db.query<ShiftSwapModel>(
      `INSERT INTO shift_swaps (tenant_id, id, shift_id, requester_agent_id, target_agent_id, target_shift_id, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [this.db.tenantId, swap.id, swap.shiftId, swap.requesterAgentId, swap.targetAgentId, swap.targetShiftId, swap.note],
    );
    return row!;
  }

  async findForUpdate(id: string): Promise<ShiftSwapModel | undefined> {
    const [row] = await this.db.query<ShiftSwapModel>(`SELECT ${COLUMNS} FROM shift_swaps WHERE id = $1 FOR UPDATE`, [id]);
    return row;
  }

  async setStatus(id: string, status: SwapStatus, decidedBy: string | null, reason: string | null): Promise<ShiftSwapModel> {
    const [row] = await this.db.query<ShiftSwapModel>(
      `UPDATE shift_swaps SET status = $2, decided_by = coalesce($3, decided_by), decision_reason = coalesce($4, decision_reason),
              version = version + 1, updated_at = now()
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, status, decidedBy, reason],
    );
    return row!;
  }

  /** Newest first; `agentIds` narrows to swaps these agents proposed or were asked for. */
  page(filter: { status?: SwapStatus; agentIds?: readonly string[] }, first: number, after?: string) {
    const where = new SqlFilter().addIf(filter.status, 'status = ?');
    if (filter.agentIds) where.add('(requester_agent_id = ANY(?::uuid[]) OR target_agent_id = ANY(?::uuid[]))', filter.agentIds, filter.agentIds);
    return queryPage<ShiftSwapModel>(this.db, {
      columns: COLUMNS,
      from: 'shift_swaps',
      filter: where,
      keys: [{ expression: 'created_at', type: 'timestamptz' }, { expression: 'id', type: 'uuid' }],
      descending: true,
      first,
      after,
    });
  }

  /** Exchanges the agents of two shifts (or hands one over), bumping their versions. */
  async reassign(moves: { shiftId: string; agentId: string }[]): Promise<void> {
    // Each shift changes agent while the other still holds the slot: check overlaps at commit instead.
    await this.db.query(`SET CONSTRAINTS shifts_no_overlap DEFERRED`);
    for (const move of moves) {
      await this.db.query(`UPDATE shifts SET agent_id = $2, version = version + 1, updated_at = now() WHERE id = $1`, [move.shiftId, move.agentId]);
    }
    await this.db.query(`SET CONSTRAINTS shifts_no_overlap IMMEDIATE`);
  }
}
