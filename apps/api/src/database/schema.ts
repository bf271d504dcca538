import { identityMigrations } from '@deskforce/identity';
import { integrationsMigrations } from '@deskforce/integrations';
import { peopleEntities, peopleMigrations } from '@deskforce/people';
import { performanceMigrations } from '@deskforce/performance';
import { platformMigrations } from '@deskforce/platform';
import { schedulingMigrations } from '@deskforce/scheduling';
import { staffingMigrations } from '@deskforce/staffing';

import { trainingMigrations } from '@deskforce/training';

/** Every library's entities and migrations; TypeORM orders migrations by the timestamp in their names. */
export const entities = [...peopleEntities];
export const migrations = [
  ...platformMigrations,
  ...identityMigrations,
  ...peopleMigrations,
  ...schedulingMigrations,
  ...performanceMigrations,
  ...trainingMigrations,
  ...staffingMigrations,
  ...integrationsMigrations,
];
