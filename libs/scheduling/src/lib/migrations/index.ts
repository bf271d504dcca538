import { CreateScheduling1764000000300 } from './1764000000300-create-scheduling';
import { CreateAgentAvailability1764000000800 } from './1764000000800-create-agent-availability';
import { ExcludeOverlappingPendingTimeOff1764000001400 } from './1764000001400-exclude-overlapping-pending-time-off';
import { SplitActivityInsideShiftTrigger1764000001410 } from './1764000001410-split-activity-inside-shift-trigger';
import { CheckActivityOverlapPerStatement1764000001420 } from './1764000001420-check-activity-overlap-per-statement';
import { DaysOffAndStartSpreadRules1764000013140 } from './1764000013140-days-off-and-start-spread-rules';

export const schedulingMigrations = [
  CreateScheduling1764000000300,
  CreateAgentAvailability1764000000800,
  ExcludeOverlappingPendingTimeOff1764000001400,
  SplitActivityInsideShiftTrigger1764000001410,
  CheckActivityOverlapPerStatement1764000001420,
  DaysOffAndStartSpreadRules1764000013140,
];
