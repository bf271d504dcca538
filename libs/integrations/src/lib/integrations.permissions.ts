import { PermissionTable, Role } from '@deskforce/platform';

/** Help-desk mappings are set up by whoever connects the help desk: the same roles that feed interactions. */
const CONNECTORS = [Role.ADMIN, Role.DIRECTOR] as const;

export const integrationsPermissions: PermissionTable = {
  'Query.externalIdentities': CONNECTORS,
  'Mutation.mapExternalIdentity': CONNECTORS,
  'Mutation.unmapExternalIdentity': CONNECTORS,
};
