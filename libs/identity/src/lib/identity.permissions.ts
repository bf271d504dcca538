import { ALL_ROLES, PermissionTable, Role } from '@deskforce/platform';

export const identityPermissions: PermissionTable = {
  'Mutation.login': 'PUBLIC',
  'Mutation.refreshSession': 'PUBLIC',
  'Mutation.signOut': ALL_ROLES,
  'Mutation.signOutEverywhere': ALL_ROLES,
  'Mutation.changePassword': ALL_ROLES,
  'Mutation.updateMyProfile': ALL_ROLES,
  'Query.me': ALL_ROLES,
  'Query.users': [Role.ADMIN, Role.DIRECTOR],
  'Mutation.createUser': [Role.ADMIN],
  'Mutation.updateUserRole': [Role.ADMIN],
  'Mutation.deactivateUser': [Role.ADMIN],
  'Mutation.reactivateUser': [Role.ADMIN],
  'Query.apiTokens': [Role.ADMIN],
  'Mutation.createApiToken': [Role.ADMIN],
  'Mutation.revokeApiToken': [Role.ADMIN],
};
