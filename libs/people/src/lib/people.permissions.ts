import { ALL_ROLES, PermissionTable, Role } from '@deskforce/platform';

const MANAGERS = [Role.ADMIN, Role.DIRECTOR, Role.COORDINATOR] as const;

export const peoplePermissions: PermissionTable = {
  'Query.teams': ALL_ROLES,
  'Query.team': ALL_ROLES,
  'Mutation.createTeam': [Role.ADMIN, Role.DIRECTOR],
  'Mutation.updateTeam': [Role.ADMIN, Role.DIRECTOR],
  'Query.agents': ALL_ROLES,
  'Query.agent': ALL_ROLES,
  'Mutation.createAgent': MANAGERS,
  'Mutation.updateAgent': MANAGERS,
  'Mutation.setAgentSkills': MANAGERS,
  'Mutation.deactivateAgent': MANAGERS,
  'Query.auditLog': MANAGERS,
};
