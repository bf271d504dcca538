import { identityMigrations } from '@deskforce/identity';
import { integrationsMigrations } from '@deskforce/integrations';
import { peopleMigrations } from '@deskforce/people';
import { performanceMigrations } from '@deskforce/performance';
import { platformMigrations } from '@deskforce/platform';
import { schedulingMigrations } from '@deskforce/scheduling';
import { staffingMigrations } from '@deskforce/staffing';
import { trainingMigrations } from '@deskforce/training';

/** Every library's migrations; TypeORM orders them by the timestamp in their names. Repositories write SQL (no entities). */
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
