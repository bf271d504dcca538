import {
  Actor,
  AppError,
  AuditLog,
  ConnectionShape,
  EventOutbox,
  Role,
  TenantDatabase,
  toConnection,
} from '@deskforce/platform';
import { AgentService, TeamAccessService } from '@deskforce/people';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ShiftModel } from './graphql/shift.model';
import { ShiftSwapModel, SwapBoardModel } from './graphql/swap.model';
import { DecideShiftSwapInput, ProposeShiftSwapInput, ShiftSwapFilter } from './graphql/swap.input';
import { ScheduleRulesService, toPlannedShift } from './schedule-rules.service';
import { ShiftStatus, SwapStatus } from './scheduling.enums';
import { swapDecided } from './scheduling.events';
import { ShiftRepository } from './shift.repository';
import { assertSpan } from './shift.service';

const BOARD_MAX_DAYS = 62;
const BOARD_MAX_SHIFTS = 500;
import { SwapRepository } from './swap.repository';

/**
 * Shift swaps between agents of one team: proposed by the shift's agent (or a coordinator), accepted by the
 * teammate, approved by a coordinator. Approval re-checks every labor rule for both agents with both
 * locked, and exchanges the shifts in one transaction; a hard violation refuses it and changes nothing.
 */
@Injectable()
export class SwapService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly swaps: SwapRepository,
    private readonly shifts: ShiftRepository,
    private readonly rules: ScheduleRulesService,
    private readonly agents: AgentService,
    private readonly access: TeamAccessService,
    private readonly audit: AuditLog,
    private readonly events: EventOutbox,
  ) {}

  list(
    actor: Actor,
    filter: ShiftSwapFilter = {},
    first: number,
    after?: string,
  ): Promise<ConnectionShape<ShiftSwapModel>> {
    return this.db.transaction(actor.tenantId, async () => {
      let agentIds: readonly string[] | undefined = filter.agentId ? [filter.agentId] : undefined;
      if (actor.role === Role.AGENT) {
        const own = await this.agents.agentOfActor(actor);
        agentIds = own && (!filter.agentId || filter.agentId === own.id) ? [own.id] : [];
      } else {
        agentIds = await this.access.narrowToManagedAgents(actor, agentIds);
      }
      const { rows, totalCount } = await this.swaps.page({ status: filter.status, agentIds }, first, after);
      return toConnection(
        rows,
        first,
        totalCount,
        (r) => [r.createdAt.toISOString(), r.id],
        (r) => r,
      );
    });
  }

  /**
   * The signed-in agent's swap board: published shifts of teammates (their own team only) that start in the
   * window and not before now, whose channel and skill the agent has; the agent's own published shifts to
   * offer in exchange; and the swaps they are part of. Labor rules are judged when a coordinator decides.
   */
  board(actor: Actor, from: Date, to: Date): Promise<SwapBoardModel> {
    assertSpan(from, to, 'input.to');
    if (to.getTime() - from.getTime() > BOARD_MAX_DAYS * 86_400_000)
      throw AppError.badInput({ field: 'input.to', message: `at most ${BOARD_MAX_DAYS} days after from` });
    return this.db.transaction(actor.tenantId, async () => {
      const own = await this.agents.agentOfActor(actor);
      if (!own) throw AppError.notFound('An agent record linked to your account');
      const [me] = await this.agents.workProfiles(actor, [own.id]);
      const start = new Date(Math.max(from.getTime(), Date.now()));
      const teammates =
        start < to ? await this.shifts.teammatesPublished(me!.teamId, me!.id, start, to, BOARD_MAX_SHIFTS) : [];
      const workable = teammates.filter(
        (s) =>
          (s.channel === null || me!.channels.includes(s.channel)) &&
          (s.skill === null || me!.skills.includes(s.skill)),
      );
      const names = new Map(
        (await this.agents.workProfiles(actor, [...new Set(workable.map((s) => s.agentId))])).map((p) => [
          p.id,
          p.name,
        ]),
      );
      const myShifts =
        start < to
          ? await this.shifts.find({
              agentIds: [me!.id],
              status: ShiftStatus.PUBLISHED,
              startsFrom: start,
              startsBefore: to,
            })
          : [];
      const { rows: swaps } = await this.swaps.page({ agentIds: [me!.id] }, 50);
      return {
        openShifts: workable.map((shift) => ({
          shift,
          agentId: shift.agentId,
          agentName: names.get(shift.agentId) ?? '',
        })),
        myShifts,
        swaps,
      };
    });
  }

  /** Names of the agents in swaps the actor can already see (teammates' names, which AGENT readers need). */
  agentNames(actor: Actor, agentIds: readonly string[]): Promise<(string | null)[]> {
    return this.db.transaction(actor.tenantId, async () => {
      const names = new Map((await this.agents.workProfiles(actor, agentIds)).map((p) => [p.id, p.name]));
      return agentIds.map((id) => names.get(id) ?? null);
    });
  }

  propose(actor: Actor, input: ProposeShiftSwapInput): Promise<ShiftSwapModel> {
    return this.db.transaction(actor.tenantId, async () => {
      const shift = await this.liveShift(input.shiftId, 'input.shiftId');
      if (actor.role === Role.AGENT) {
        const own = await this.agents.agentOfActor(actor);
        if (own?.id !== shift.agentId) throw AppError.forbidden('Agents can offer only their own shifts.');
      } else {
        await this.access.assertManages(actor, [shift.teamId]);
      }
      const [target] = await this.agents.workProfiles(actor, [input.targetAgentId]);
      if (!target) throw AppError.notFound('Agent', input.targetAgentId, 'input.targetAgentId');
      if (target.id === shift.agentId)
        throw AppError.badInput({ field: 'input.targetAgentId', message: 'must be another agent' });
      if (target.teamId !== shift.teamId)
        throw AppError.badInput({ field: 'input.targetAgentId', message: 'must be an agent of the same team' });
      if (input.targetShiftId) {
        const targetShift = await this.liveShift(input.targetShiftId, 'input.targetShiftId');
        if (targetShift.agentId !== target.id)
          throw AppError.badInput({ field: 'input.targetShiftId', message: 'must be a shift of the target agent' });
      }
      const swap = await this.swaps.insert({
        id: randomUUID(),
        shiftId: shift.id,
        requesterAgentId: shift.agentId,
        targetAgentId: target.id,
        targetShiftId: input.targetShiftId ?? null,
        note: input.note ?? null,
      });
      await this.audit.record(actor, [
        { entityType: 'SHIFT_SWAP', entityId: swap.id, agentId: swap.requesterAgentId, action: 'PROPOSE', after: swap },
      ]);
      return swap;
    });
  }

  /** The teammate asked accepts or declines. */
  respond(actor: Actor, swapId: string, accept: boolean): Promise<ShiftSwapModel> {
    return this.db.transaction(actor.tenantId, async () => {
      const before = await this.found(swapId);
      const own = await this.agents.agentOfActor(actor);
      if (own?.id !== before.targetAgentId) throw AppError.forbidden('Only the agent asked can answer this swap.');
      if (before.status !== SwapStatus.PROPOSED)
        throw AppError.conflict(`The swap is already ${before.status.toLowerCase()}.`);
      const swap = await this.swaps.setStatus(swapId, accept ? SwapStatus.ACCEPTED : SwapStatus.DECLINED, null, null);
      await this.audit.record(actor, [
        {
          entityType: 'SHIFT_SWAP',
          entityId: swapId,
          agentId: swap.targetAgentId,
          action: accept ? 'ACCEPT' : 'DECLINE',
          before,
          after: swap,
        },
      ]);
      return swap;
    });
  }

  decide(actor: Actor, input: DecideShiftSwapInput): Promise<ShiftSwapModel> {
    return this.db.transaction(actor.tenantId, async () => {
      const before = await this.found(input.swapId);
      const shift = await this.liveShift(before.shiftId, 'input.swapId');
      await this.access.assertManages(actor, [shift.teamId]);
      if (before.status !== SwapStatus.ACCEPTED)
        throw AppError.conflict(`Only an accepted swap can be decided; this one is ${before.status.toLowerCase()}.`);
      if (!input.approve) {
        const swap = await this.swaps.setStatus(before.id, SwapStatus.DENIED, actor.userId, input.reason ?? null);
        await this.audit.record(actor, [
          {
            entityType: 'SHIFT_SWAP',
            entityId: swap.id,
            agentId: swap.requesterAgentId,
            action: 'DENY',
            before,
            after: swap,
          },
        ]);
        await this.events.publish('swap.decided', swapDecided(swap, actor.userId));
        return swap;
      }
      const targetShift = before.targetShiftId ? await this.liveShift(before.targetShiftId, 'input.swapId') : undefined;
      if (shift.agentId !== before.requesterAgentId || (targetShift && targetShift.agentId !== before.targetAgentId)) {
        throw AppError.conflict('The shifts changed hands since the swap was proposed.');
      }
      const moved: ShiftModel[] = [
        { ...shift, agentId: before.targetAgentId },
        ...(targetShift ? [{ ...targetShift, agentId: before.requesterAgentId }] : []),
      ];
      await this.rules.enforce(actor, { upserts: moved.map(toPlannedShift) });
      await this.swaps.reassign(moved.map((s) => ({ shiftId: s.id, agentId: s.agentId })));
      const swap = await this.swaps.setStatus(before.id, SwapStatus.APPROVED, actor.userId, input.reason ?? null);
      const after = await this.shifts.findByIds(moved.map((s) => s.id));
      await this.audit.record(actor, [
        {
          entityType: 'SHIFT_SWAP',
          entityId: swap.id,
          agentId: swap.requesterAgentId,
          action: 'APPROVE',
          before,
          after: swap,
        },
        ...after.map((s) => ({
          entityType: 'SHIFT',
          entityId: s.id,
          agentId: s.agentId,
          action: 'SWAP',
          before: [shift, targetShift].find((b) => b?.id === s.id),
          after: s,
        })),
      ]);
      await this.events.publish('swap.decided', swapDecided(swap, actor.userId));
      return swap;
    });
  }

  private async found(swapId: string): Promise<ShiftSwapModel> {
    const swap = await this.swaps.findForUpdate(swapId);
    if (!swap) throw AppError.notFound('Shift swap', swapId, 'input.swapId');
    return swap;
  }

  private async liveShift(id: string, field: string): Promise<ShiftModel> {
    const shift = await this.shifts.findById(id);
    if (!shift) throw AppError.notFound('Shift', id, field);
    if (shift.status === ShiftStatus.CANCELLED) throw AppError.conflict('The shift is cancelled.');
    return shift;
  }
}
