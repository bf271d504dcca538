import { CreateAppRole1764000000000 } from './1764000000000-create-app-role';
import { CreateAuditLog1764000000250 } from './1764000000250-create-audit-log';
import { CreateJobQueue1764000001050 } from './1764000001050-create-job-queue';
import { DistributeOnCitus1764000009000 } from './1764000009000-distribute-on-citus';
import { PlanWithoutTenantStatistics1764000012000 } from './1764000012000-plan-without-tenant-statistics';
import { WidenChannels1764000013100 } from './1764000013100-widen-channels';

export const platformMigrations = [
  CreateAppRole1764000000000,
  CreateAuditLog1764000000250,
  CreateJobQueue1764000001050,
  DistributeOnCitus1764000009000,
  PlanWithoutTenantStatistics1764000012000,
  WidenChannels1764000013100,
];
