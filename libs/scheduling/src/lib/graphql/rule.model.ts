import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { Enforcement, LaborRule } from '../rules/labor-rules';

@ObjectType('RuleViolation', {
  description: 'A labor rule a change breaks (HARD: refused) or strains (SOFT: accepted with this warning).',
})
export class RuleViolationModel {
  @Field({ description: 'A LaborRule, or NO_OVERLAP.' })
  rule!: string;

  @Field(() => Enforcement)
  enforcement!: Enforcement;

  @Field(() => ID)
  agentId!: string;

  @Field(() => [ID], {
    description: 'The shifts involved (a new shift of a refused change has an id that was never stored).',
  })
  shiftIds!: string[];

  @Field()
  message!: string;
}

@ObjectType('LaborRuleSetting')
export class LaborRuleSettingModel {
  @Field(() => LaborRule)
  rule!: LaborRule;

  @Field(() => Enforcement)
  enforcement!: Enforcement;

  @Field(() => Float, {
    nullable: true,
    description:
      'MIN_REST: hours; MAX_WEEKLY_HOURS: hours over the contract; MAX_CONSECUTIVE_DAYS: days; SHIFT_LENGTH: minimum hours.',
  })
  value!: number | null;

  @Field(() => Float, { nullable: true, description: 'SHIFT_LENGTH: maximum hours.' })
  maxValue!: number | null;

  @Field({ description: 'DEFAULT, TENANT or TEAM: where the effective setting comes from.' })
  source!: string;
}
