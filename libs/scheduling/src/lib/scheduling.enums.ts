import { registerEnumType } from '@nestjs/graphql';
import { ActivityType } from './rules/activity-type';
import { Enforcement, LaborRule } from './rules/labor-rules';

export { ActivityType, NON_WORK_ACTIVITIES } from './rules/activity-type';

export enum ShiftStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  CANCELLED = 'CANCELLED',
}

export enum TimeOffType {
  VACATION = 'VACATION',
  SICK = 'SICK',
  PERSONAL = 'PERSONAL',
  TRAINING = 'TRAINING',
}

export enum TimeOffStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  DENIED = 'DENIED',
  CANCELLED = 'CANCELLED',
}

export enum SwapStatus {
  PROPOSED = 'PROPOSED',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  APPROVED = 'APPROVED',
  DENIED = 'DENIED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(ShiftStatus, { name: 'ShiftStatus' });
registerEnumType(ActivityType, { name: 'ActivityType' });
registerEnumType(TimeOffType, { name: 'TimeOffType' });
registerEnumType(TimeOffStatus, { name: 'TimeOffStatus' });
registerEnumType(SwapStatus, { name: 'ShiftSwapStatus' });
registerEnumType(LaborRule, { name: 'LaborRule' });
registerEnumType(Enforcement, {
  name: 'RuleEnforcement',
  description: 'HARD refuses the change, SOFT accepts it with a warning, OFF ignores the rule.',
});
