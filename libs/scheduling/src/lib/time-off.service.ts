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
import { TimeOffRequestModel } from './graphql/time-off.model';
import { ApproveTimeOffInput, RequestTimeOffInput, TimeOffFilter } from './graphql/time-off.input';
import { TimeOffStatus } from './scheduling.enums';
import { timeOffDecided } from './scheduling.events';
import { ShiftRepository } from './shift.repository';
import { assertSpan, ShiftService } from './shift.service';
import { TimeOffRepository } from './time-off.repository';
import { SchedulingErrorRule } from './scheduling.errors';

@Injectable()
export class TimeOffService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly requests: TimeOffRepository,
    private readonly shiftRows: ShiftRepository,
    private readonly shifts: ShiftService,
    private readonly agents: AgentService,
    private readonly access: TeamAccessService,
    private readonly audit: AuditLog,
    private readonly events: EventOutbox,
  ) {}

  list(
    actor: Actor,
    filter: TimeOffFilter = {},
    first: number,
    after?: string,
  ): Promise<ConnectionShape<TimeOffRequestModel>> {
    return this.db.transaction(actor.tenantId, async () => {
      let agentIds = filter.agentIds;
      if (actor.role === Role.AGENT) {
        const own = await this.agents.agentOfActor(actor);
        agentIds = own ? (agentIds ?? [own.id]).filter((id) => id === own.id) : [];
      } else {
        agentIds = (await this.access.narrowToManagedAgents(actor, agentIds))?.slice();
      }
      const { rows, totalCount } = await this.requests.page({ ...filter, agentIds }, first, after);
      return toConnection(
        rows,
        first,
        totalCount,
        (r) => [r.startsAt.toISOString(), r.id],
        (r) => r,
      );
    });
  }

  request(actor: Actor, input: RequestTimeOffInput): Promise<TimeOffRequestModel> {
    assertSpan(input.startsAt, input.endsAt, 'input.endsAt');
    return this.db.transaction(actor.tenantId, async () => {
      const agentId = await this.resolveAgent(actor, input.agentId);
      const [duplicate] = await this.requests.pendingOverlapping(agentId, input.startsAt, input.endsAt);
      if (duplicate) {
        throw AppError.conflict(
          'A pending time-off request already covers that time; cancel it or wait for the decision.',
          {
            rule: SchedulingErrorRule.DUPLICATE_REQUEST,
            field: 'input.startsAt',
            existingRequestId: duplicate.id,
          },
        );
      }
      const created = await this.requests.insert({
        id: randomUUID(),
        agentId,
        type: input.type,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        note: input.note ?? null,
        requestedBy: actor.userId,
      });
      await this.audit.record(actor, [
        { entityType: 'TIME_OFF_REQUEST', entityId: created.id, agentId, action: 'REQUEST', after: created },
      ]);
      return created;
    });
  }

  /** Approves a pending request; reports the shifts it collides with and, when asked, cancels them too. */
  approve(
    actor: Actor,
    input: ApproveTimeOffInput,
  ): Promise<{ request: TimeOffRequestModel; collidingShifts: ShiftModel[]; cancelledShiftIds: string[] }> {
    return this.db.transaction(actor.tenantId, async () => {
      const before = await this.pending(actor, input.requestId);
      const colliding = await this.shiftRows.find({
        agentIds: [before.agentId],
        from: before.startsAt,
        to: before.endsAt,
        liveOnly: true,
      });
      if (input.cancelCollidingShifts) await this.shifts.cancelShifts(actor, colliding, 'CANCEL_FOR_TIME_OFF');
      const request = await this.requests.decide(before.id, TimeOffStatus.APPROVED, actor.userId, input.reason ?? null);
      await this.audit.record(actor, [
        {
          entityType: 'TIME_OFF_REQUEST',
          entityId: request.id,
          agentId: request.agentId,
          action: 'APPROVE',
          before,
          after: request,
        },
      ]);
      const collidingShifts = input.cancelCollidingShifts
        ? await this.shiftRows.findByIds(colliding.map((s) => s.id))
        : colliding;
      await this.events.publish(
        'timeoff.decided',
        timeOffDecided(request, input.cancelCollidingShifts ? colliding.map((s) => s.id) : []),
      );
      return {
        request,
        collidingShifts,
        cancelledShiftIds: input.cancelCollidingShifts ? colliding.map((s) => s.id) : [],
      };
    });
  }

  deny(actor: Actor, requestId: string, reason: string): Promise<TimeOffRequestModel> {
    return this.db.transaction(actor.tenantId, async () => {
      const before = await this.pending(actor, requestId);
      const request = await this.requests.decide(before.id, TimeOffStatus.DENIED, actor.userId, reason);
      await this.audit.record(actor, [
        {
          entityType: 'TIME_OFF_REQUEST',
          entityId: request.id,
          agentId: request.agentId,
          action: 'DENY',
          before,
          after: request,
        },
      ]);
      await this.events.publish('timeoff.decided', timeOffDecided(request));
      return request;
    });
  }

  /** Withdraws a pending request: the agent's own, or one of a team the actor manages. */
  cancel(actor: Actor, requestId: string): Promise<TimeOffRequestModel> {
    return this.db.transaction(actor.tenantId, async () => {
      const before = await this.requests.findById(requestId, true);
      if (!before) throw AppError.notFound('Time-off request', requestId, 'input.requestId');
      if (actor.role === Role.AGENT) {
        const own = await this.agents.agentOfActor(actor);
        // Another agent's request reads as unknown, as elsewhere.
        if (own?.id !== before.agentId) throw AppError.notFound('Time-off request', requestId, 'input.requestId');
      } else {
        const [profile] = await this.agents.workProfiles(actor, [before.agentId]);
        await this.access.assertManages(actor, [profile!.teamId]);
      }
      if (before.status !== TimeOffStatus.PENDING) {
        throw AppError.conflict(
          `Only a pending request can be cancelled; this one is ${before.status.toLowerCase()}.`,
          { status: before.status },
        );
      }
      const request = (await this.requests.cancel(before.id, before.version, actor.userId, new Date()))!;
      await this.audit.record(actor, [
        {
          entityType: 'TIME_OFF_REQUEST',
          entityId: request.id,
          agentId: request.agentId,
          action: 'CANCEL',
          before,
          after: request,
        },
      ]);
      return request;
    });
  }

  private async pending(actor: Actor, requestId: string): Promise<TimeOffRequestModel> {
    const request = await this.requests.findById(requestId, true);
    if (!request) throw AppError.notFound('Time-off request', requestId, 'input.requestId');
    const [profile] = await this.agents.workProfiles(actor, [request.agentId]);
    await this.access.assertManages(actor, [profile!.teamId]);
    if (request.status !== TimeOffStatus.PENDING)
      throw AppError.conflict(`The request is already ${request.status.toLowerCase()}.`);
    return request;
  }

  /** Agents ask for themselves; managers for an agent of a team they manage. */
  private async resolveAgent(actor: Actor, agentId: string | undefined): Promise<string> {
    if (actor.role === Role.AGENT || !agentId) {
      const own = await this.agents.agentOfActor(actor);
      if (!own)
        throw AppError.badInput({
          field: 'input.agentId',
          message: 'your account has no agent record: say which agent',
        });
      if (agentId && agentId !== own.id) throw AppError.forbidden('Agents can ask for time off only for themselves.');
      return own.id;
    }
    const [profile] = await this.agents.workProfiles(actor, [agentId]);
    if (!profile) throw AppError.notFound('Agent', agentId, 'input.agentId');
    await this.access.assertManages(actor, [profile.teamId]);
    return agentId;
  }
}
