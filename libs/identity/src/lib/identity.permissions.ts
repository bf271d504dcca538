import { ALL_ROLES, PermissionTable, Role } from '@deskforce/platform';

export const identityPermissions: PermissionTable = {
  'Mutation.login': 'PUBLIC',
  'Query.me': ALL_ROLES,
  'Query.users': [Role.ADMIN, Role.DIRECTOR],
  'Mutation.createUser': [Role.ADMIN],
};
