import { Actor, CurrentActor, ParseOptionalIdPipe } from '@deskforce/platform';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CoverageIntervalModel, SetLaborRulePayload } from './graphql/coverage.model';
import { CoverageInput, ScheduleViolationsInput, SetLaborRuleInput } from './graphql/coverage.input';
import { LaborRuleSettingModel, RuleViolationModel } from './graphql/rule.model';
import { ApplyShiftTemplatePayload, CreateShiftTemplatePayload, ShiftTemplateModel } from './graphql/template.model';
import { ApplyShiftTemplateInput, CreateShiftTemplateInput } from './graphql/template.input';
import { SchedulePlanningService } from './schedule-planning.service';
import { TemplateService } from './template.service';

@Resolver()
export class PlanningResolver {
  constructor(
    private readonly planning: SchedulePlanningService,
    private readonly templates: TemplateService,
  ) {}

  @Query(() => [CoverageIntervalModel], {
    description: 'Agents scheduled per interval: the supply side that staffing compares with demand.',
  })
  coverage(@CurrentActor() actor: Actor, @Args('input') input: CoverageInput): Promise<CoverageIntervalModel[]> {
    return this.planning.coverage(actor, input);
  }

  @Query(() => [RuleViolationModel], {
    description: 'Every labor-rule violation among the team’s live shifts in [from, to).',
  })
  scheduleViolations(
    @CurrentActor() actor: Actor,
    @Args('input') input: ScheduleViolationsInput,
  ): Promise<RuleViolationModel[]> {
    return this.planning.violations(actor, input.teamId, input.from, input.to);
  }

  @Query(() => [LaborRuleSettingModel], {
    description: 'The effective labor rules of a team, or of the tenant when no team is given.',
  })
  laborRules(
    @CurrentActor() actor: Actor,
    @Args('teamId', { type: () => ID, nullable: true }, ParseOptionalIdPipe) teamId?: string,
  ): Promise<LaborRuleSettingModel[]> {
    return this.planning.effectiveRules(actor, teamId);
  }

  @Mutation(() => SetLaborRulePayload)
  async setLaborRule(
    @CurrentActor() actor: Actor,
    @Args('input') input: SetLaborRuleInput,
  ): Promise<SetLaborRulePayload> {
    return { rules: await this.planning.setRule(actor, input) };
  }

  @Query(() => [ShiftTemplateModel], { description: 'Templates of the team and tenant-wide ones.' })
  shiftTemplates(
    @CurrentActor() actor: Actor,
    @Args('teamId', { type: () => ID, nullable: true }, ParseOptionalIdPipe) teamId?: string,
  ): Promise<ShiftTemplateModel[]> {
    return this.templates.list(actor, teamId);
  }

  @Mutation(() => CreateShiftTemplatePayload)
  async createShiftTemplate(
    @CurrentActor() actor: Actor,
    @Args('input') input: CreateShiftTemplateInput,
  ): Promise<CreateShiftTemplatePayload> {
    return { template: await this.templates.create(actor, input) };
  }

  @Mutation(() => ApplyShiftTemplatePayload, {
    description:
      'Creates the template’s draft shifts for the agents between two dates, each in the agent’s team time zone: all or nothing.',
  })
  async applyShiftTemplate(
    @CurrentActor() actor: Actor,
    @Args('input') input: ApplyShiftTemplateInput,
  ): Promise<ApplyShiftTemplatePayload> {
    const { shifts, warnings } = await this.templates.apply(actor, input);
    return { createdCount: shifts.length, shifts, warnings };
  }
}
