import { ALL_ROLES, PermissionTable, Role } from '@deskforce/platform';

const PLANNERS = [Role.ADMIN, Role.DIRECTOR, Role.COORDINATOR] as const;
const READERS = [Role.ADMIN, Role.DIRECTOR, Role.COORDINATOR, Role.TRAINER] as const;

/** Coordinators act only on the teams they coordinate (checked in the services). */
export const schedulingPermissions: PermissionTable = {
  'Query.shifts': READERS,
  'Query.mySchedule': ALL_ROLES,
  'Mutation.createShift': PLANNERS,
  'Mutation.updateShift': PLANNERS,
  'Mutation.deleteShift': PLANNERS,
  'Mutation.addShiftActivity': PLANNERS,
  'Mutation.removeShiftActivity': PLANNERS,
  'Mutation.publishSchedule': PLANNERS,
  'Mutation.clearDraftShifts': PLANNERS,
  'Query.shiftTemplates': READERS,
  'Mutation.createShiftTemplate': PLANNERS,
  'Mutation.applyShiftTemplate': PLANNERS,
  'Query.coverage': PLANNERS,
  'Query.scheduleViolations': PLANNERS,
  'Query.laborRules': PLANNERS,
  'Mutation.setLaborRule': PLANNERS,
  'Query.timeOffRequests': [...PLANNERS, Role.AGENT],
  'Mutation.requestTimeOff': [...PLANNERS, Role.AGENT],
  'Mutation.cancelTimeOff': [...PLANNERS, Role.AGENT],
  'Mutation.approveTimeOff': PLANNERS,
  'Mutation.denyTimeOff': PLANNERS,
  'Query.shiftSwaps': [...PLANNERS, Role.AGENT],
  'Mutation.proposeShiftSwap': [...PLANNERS, Role.AGENT],
  'Mutation.respondToShiftSwap': [Role.AGENT],
  'Query.swapBoard': [Role.AGENT],
  'Mutation.decideShiftSwap': PLANNERS,
  // Agents enter their own availability (admins on their word); planners read their teams' (checked in the service).
  'Query.agentAvailability': [...PLANNERS, Role.AGENT],
  'Mutation.setAgentAvailability': [Role.ADMIN, Role.AGENT],
};
