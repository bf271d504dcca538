import { identityPermissions } from '@deskforce/identity';
import { integrationsPermissions } from '@deskforce/integrations';
import { peoplePermissions } from '@deskforce/people';
import { performancePermissions } from '@deskforce/performance';
import { mergePermissionTables } from '@deskforce/platform';
import { schedulingPermissions } from '@deskforce/scheduling';
import { staffingPermissions } from '@deskforce/staffing';
import { trainingPermissions } from '@deskforce/training';

/** The one role matrix: the global guard enforces it, the authorization tests read it. */
export const permissions = mergePermissionTables(
  identityPermissions,
  peoplePermissions,
  schedulingPermissions,
  performancePermissions,
  staffingPermissions,
  trainingPermissions,
  integrationsPermissions,
);
