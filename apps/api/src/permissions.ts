import { identityPermissions } from '@deskforce/identity';
import { peoplePermissions } from '@deskforce/people';
import { performancePermissions } from '@deskforce/performance';
import { mergePermissionTables } from '@deskforce/platform';

/** The one role matrix: the global guard enforces it, the authorization tests read it. */
export const permissions = mergePermissionTables(identityPermissions, peoplePermissions, performancePermissions);
