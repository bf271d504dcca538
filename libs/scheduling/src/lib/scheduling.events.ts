import { ShiftModel } from './graphql/shift.model';
import { ShiftSwapModel } from './graphql/swap.model';
import { TimeOffRequestModel } from './graphql/time-off.model';

/**
 * The data of the scheduling events sent to webhooks (through the platform's EventOutbox), one builder per
 * event so that the services each add one call. Ids and times only: a receiver that needs more asks GraphQL.
 */

/** `schedule.published`: a team's drafts in [from, to) were published. */
export function schedulePublished(
  teamId: string,
  from: Date,
  to: Date,
  shifts: readonly ShiftModel[],
  publishedBy: string,
): object {
  return {
    teamId,
    from,
    to,
    publishedCount: shifts.length,
    shiftIds: shifts.map((s) => s.id),
    agentIds: [...new Set(shifts.map((s) => s.agentId))],
    publishedBy,
  };
}

/** `timeoff.decided`: a time-off request was approved or denied. */
export function timeOffDecided(request: TimeOffRequestModel, cancelledShiftIds: readonly string[] = []): object {
  return {
    requestId: request.id,
    agentId: request.agentId,
    type: request.type,
    startsAt: request.startsAt,
    endsAt: request.endsAt,
    status: request.status,
    decidedBy: request.decidedBy,
    decidedAt: request.decidedAt,
    reason: request.decisionReason,
    cancelledShiftIds,
  };
}

/** `swap.decided`: an accepted shift swap was approved (the shifts changed hands) or denied. */
export function swapDecided(swap: ShiftSwapModel, decidedBy: string): object {
  return {
    swapId: swap.id,
    status: swap.status,
    shiftId: swap.shiftId,
    targetShiftId: swap.targetShiftId,
    requesterAgentId: swap.requesterAgentId,
    targetAgentId: swap.targetAgentId,
    decidedBy,
    reason: swap.decisionReason,
  };
}
