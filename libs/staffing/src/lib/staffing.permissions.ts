import { ALL_ROLES, PermissionTable, Role } from '@deskforce/platform';

const PLANNERS = [Role.ADMIN, Role.DIRECTOR, Role.COORDINATOR] as const;

/** Coordinators read and change forecasts and requirements, and generate schedules, only for the teams they coordinate (checked in the services). */
export const staffingPermissions: PermissionTable = {
  'Query.erlangC': ALL_ROLES,
  'Query.erlangA': ALL_ROLES,
  'Query.chatRequirement': ALL_ROLES,
  'Query.deferredWorkRequirement': ALL_ROLES,
  'Query.staffingForecast': PLANNERS,
  'Mutation.uploadForecast': PLANNERS,
  'Mutation.setForecastOverride': PLANNERS,
  'Query.staffingRequirements': PLANNERS,
  'Mutation.generateSchedule': PLANNERS,
  'Mutation.cancelScheduleJob': PLANNERS,
  'Query.scheduleJob': PLANNERS,
  'Query.scheduleJobs': PLANNERS,
};
