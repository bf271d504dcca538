import { ALL_ROLES, PermissionTable, Role } from '@deskforce/platform';

/** Who reads KPIs: trainers read every team (read-only), coordinators their teams (checked in the service). */
const READERS = [Role.ADMIN, Role.DIRECTOR, Role.COORDINATOR, Role.TRAINER] as const;
/** Interaction data comes from help-desk integrations, run under an admin's or director's token. */
const FEEDERS = [Role.ADMIN, Role.DIRECTOR] as const;

export const performancePermissions: PermissionTable = {
  'Mutation.ingestInteractions': FEEDERS,
  'Mutation.ingestSurveyResponses': FEEDERS,
  'Mutation.ingestAgentStates': FEEDERS,
  'Query.kpis': READERS,
  'Query.kpiTrend': READERS,
  'Query.kpiTargets': READERS,
  'Query.kpiTargetStatus': READERS,
  'Query.kpiAlerts': READERS,
  'Query.interactions': READERS,
  // Agents: their own scorecard only (checked in the service).
  'Query.agentScorecard': ALL_ROLES,
  'Mutation.setKpiTarget': [Role.ADMIN, Role.DIRECTOR],
  'Mutation.removeKpiTarget': [Role.ADMIN, Role.DIRECTOR],
  // A coordinator only for the teams they coordinate (checked in the service).
  'Mutation.setTeamBusinessCalendar': [Role.ADMIN, Role.COORDINATOR],
  'Mutation.recomputeTeamBusinessTimes': [Role.ADMIN, Role.COORDINATOR],
};
