import { DateTimeScalar } from '@deskforce/platform';
import { Field, Float, ObjectType } from '@nestjs/graphql';
import { LaborRuleSettingModel } from './rule.model';

@ObjectType('CoverageInterval')
export class CoverageIntervalModel {
  @Field(() => DateTimeScalar)
  startsAt!: Date;

  @Field(() => DateTimeScalar)
  endsAt!: Date;

  @Field(() => Float, {
    description:
      'Agents scheduled to work then, breaks, lunch, training, meetings, mentoring and time off subtracted; a part-interval counts as a fraction.',
  })
  scheduledAgents!: number;
}

@ObjectType()
export class SetLaborRulePayload {
  @Field(() => [LaborRuleSettingModel], {
    description: 'The effective rules of the scope that was set (tenant or team).',
  })
  rules!: LaborRuleSettingModel[];
}
