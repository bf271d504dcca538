import { CreateScheduling1764000000300 } from './1764000000300-create-scheduling';
import { ExcludeOverlappingPendingTimeOff1764000001400 } from './1764000001400-exclude-overlapping-pending-time-off';

export const schedulingMigrations = [CreateScheduling1764000000300, ExcludeOverlappingPendingTimeOff1764000001400];
