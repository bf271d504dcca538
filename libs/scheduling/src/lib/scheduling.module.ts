import { Module } from '@nestjs/common';
import { IdentityModule } from '@deskforce/identity';
import { PeopleModule } from '@deskforce/people';
import './scheduling.errors';
import { AvailabilityRepository } from './availability.repository';
import { AvailabilityResolver } from './availability.resolver';
import { AvailabilityService } from './availability.service';
import { LaborRuleRepository } from './labor-rule.repository';
import { PlanningResolver } from './planning.resolver';
import { SchedulePlanningService } from './schedule-planning.service';
import { ScheduleRulesService } from './schedule-rules.service';
import { ShiftRepository } from './shift.repository';
import { ShiftResolver } from './shift.resolver';
import { RuleViolationResolver } from './rule-violation.resolver';
import { ShiftService } from './shift.service';
import { SwapResolver } from './swap.resolver';
import { SwapRepository } from './swap.repository';
import { SwapService } from './swap.service';
import { TemplateRepository } from './template.repository';
import { TemplateService } from './template.service';
import { TimeOffRepository } from './time-off.repository';
import { TimeOffResolver } from './time-off.resolver';
import { TimeOffService } from './time-off.service';

@Module({
  imports: [IdentityModule, PeopleModule],
  providers: [
    AvailabilityRepository,
    AvailabilityResolver,
    AvailabilityService,
    LaborRuleRepository,
    PlanningResolver,
    SchedulePlanningService,
    RuleViolationResolver,
    ScheduleRulesService,
    ShiftRepository,
    ShiftResolver,
    ShiftService,
    SwapRepository,
    SwapResolver,
    SwapService,
    TemplateRepository,
    TemplateService,
    TimeOffRepository,
    TimeOffResolver,
    TimeOffService,
  ],
  exports: [AvailabilityService, SchedulePlanningService, ShiftService, TemplateService],
})
export class SchedulingModule {}
