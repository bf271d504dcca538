import { CreateStaffing1764000000700 } from './1764000000700-create-staffing';
import { LeaseScheduleJobs1764000001060 } from './1764000001060-lease-schedule-jobs';

export const staffingMigrations = [CreateStaffing1764000000700, LeaseScheduleJobs1764000001060];
