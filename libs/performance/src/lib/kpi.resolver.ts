import { agentLoader, AgentModel, AgentService, teamLoader, TeamModel, TeamService } from '@deskforce/people';
import { Actor, CurrentActor, GqlContext, PageArgs, RequestContext } from '@deskforce/platform';
import {
  Args,
  ArgsType,
  Field,
  ID,
  Mutation,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';
import {
  AgentScorecardInput,
  KpiAlertsInput,
  KpisInput,
  KpiTrendInput,
  RemoveKpiTargetInput,
  SetKpiTargetInput,
} from './graphql/kpi.input';
import {
  AgentScorecardModel,
  KpiGroupModel,
  KpiReportModel,
  KpiSliceModel,
  KpiTargetConnection,
  KpiTargetEvaluationModel,
  KpiTargetModel,
  KpiTrendModel,
} from './graphql/kpi.model';
import { METRICS } from './kpi/metrics';
import { KpiCountsSource } from './performance.enums';
import { KpiService } from './kpi.service';
import { TargetService } from './target.service';
import { kpiAlertsWork, kpisWork, kpiTrendWork, scorecardWork } from './graphql/kpi.work';

@ArgsType()
export class KpiTargetsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Only this team's targets and the organisation-wide ones." })
  @IsOptional()
  @IsUUID()
  teamId?: string;
}

@ObjectType()
export class SetKpiTargetPayload {
  @Field(() => KpiTargetModel)
  target!: KpiTargetModel;
}

@ObjectType()
export class RemoveKpiTargetPayload {
  @Field(() => ID)
  removedId!: string;
}

@Resolver()
export class KpiResolver {
  constructor(
    private readonly kpiService: KpiService,
    private readonly targets: TargetService,
  ) {}

  @Query(() => KpiReportModel, {
    description: 'KPI values of a window, grouped and filtered; see the README for each definition.',
    complexity: kpisWork,
  })
  async kpis(@CurrentActor() actor: Actor, @Args('input') input: KpisInput): Promise<KpiReportModel> {
    const result = await this.kpiService.kpis(actor, input);
    return {
      from: input.from,
      to: input.to,
      timeZone: input.timeZone,
      countsSource: result.countsSource as KpiCountsSource,
      rows: result.rows.map((row) => ({ group: row.group as KpiGroupModel, values: row.values })),
    };
  }

  @Query(() => KpiTrendModel, {
    description: 'One metric over whole days, weeks or months, each with the period before and the change.',
    complexity: kpiTrendWork,
  })
  async kpiTrend(@CurrentActor() actor: Actor, @Args('input') input: KpiTrendInput): Promise<KpiTrendModel> {
    return {
      metric: input.metric,
      unit: METRICS[input.metric].unit,
      points: await this.kpiService.trend(actor, input),
    };
  }

  @Query(() => AgentScorecardModel, {
    description:
      "Every metric of one agent against the team's value and target, with rank in team. Agents: their own only.",
    complexity: scorecardWork,
  })
  async agentScorecard(
    @CurrentActor() actor: Actor,
    @Args('input') input: AgentScorecardInput,
  ): Promise<AgentScorecardModel> {
    const card = await this.kpiService.scorecard(actor, input);
    return { ...card, from: input.from, to: input.to, metrics: card.metrics as AgentScorecardModel['metrics'] };
  }

  @Query(() => KpiTargetConnection)
  kpiTargets(@CurrentActor() actor: Actor, @Args() args: KpiTargetsArgs): Promise<KpiTargetConnection> {
    return this.targets.list(actor, args.teamId, args.first, args.after) as Promise<KpiTargetConnection>;
  }

  @Query(() => [KpiTargetEvaluationModel], {
    description: 'Every target against the value of each team it applies to, over the window.',
    complexity: kpiAlertsWork,
  })
  kpiTargetStatus(
    @CurrentActor() actor: Actor,
    @Args('input') input: KpiAlertsInput,
  ): Promise<KpiTargetEvaluationModel[]> {
    return this.targets.evaluate(actor, input, false) as Promise<KpiTargetEvaluationModel[]>;
  }

  @Query(() => [KpiTargetEvaluationModel], {
    description:
      'Targets missed (OFF_TRACK, and AT_RISK on request), worst first, each with the agents and channels that cause it.',
    complexity: kpiAlertsWork,
  })
  kpiAlerts(@CurrentActor() actor: Actor, @Args('input') input: KpiAlertsInput): Promise<KpiTargetEvaluationModel[]> {
    return this.targets.evaluate(actor, input, true) as Promise<KpiTargetEvaluationModel[]>;
  }

  @Mutation(() => SetKpiTargetPayload, {
    description:
      'Sets the target of a metric for a team, or for the organisation (no teamId); replaces the previous one.',
  })
  async setKpiTarget(
    @CurrentActor() actor: Actor,
    @Args('input') input: SetKpiTargetInput,
  ): Promise<SetKpiTargetPayload> {
    return { target: (await this.targets.set(actor, input)) as KpiTargetModel };
  }

  @Mutation(() => RemoveKpiTargetPayload)
  async removeKpiTarget(
    @CurrentActor() actor: Actor,
    @Args('input') input: RemoveKpiTargetInput,
  ): Promise<RemoveKpiTargetPayload> {
    return { removedId: await this.targets.remove(actor, input.id) };
  }
}

@Resolver(() => KpiGroupModel)
export class KpiGroupResolver {
  constructor(
    private readonly agents: AgentService,
    private readonly teams: TeamService,
  ) {}

  @ResolveField(() => AgentModel, { nullable: true })
  async agent(
    @Parent() group: KpiGroupModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<AgentModel | null> {
    return group.agentId ? agentLoader(context, actor, this.agents).load(group.agentId) : null;
  }

  @ResolveField(() => TeamModel, { nullable: true })
  async team(
    @Parent() group: KpiGroupModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<TeamModel | null> {
    return group.teamId ? teamLoader(context, actor, this.teams).load(group.teamId) : null;
  }
}

@Resolver(() => AgentScorecardModel)
export class AgentScorecardResolver {
  constructor(
    private readonly agents: AgentService,
    private readonly teams: TeamService,
  ) {}

  @ResolveField(() => AgentModel)
  async agent(
    @Parent() card: AgentScorecardModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<AgentModel> {
    return (await agentLoader(context, actor, this.agents).load(card.agentId))!;
  }

  @ResolveField(() => TeamModel)
  async team(
    @Parent() card: AgentScorecardModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<TeamModel> {
    return (await teamLoader(context, actor, this.teams).load(card.teamId))!;
  }
}

@Resolver(() => KpiTargetModel)
export class KpiTargetResolver {
  constructor(private readonly teams: TeamService) {}

  @ResolveField(() => TeamModel, { nullable: true, description: 'null: the organisation-wide target.' })
  async team(
    @Parent() target: KpiTargetModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<TeamModel | null> {
    return target.teamId ? teamLoader(context, actor, this.teams).load(target.teamId) : null;
  }
}

@Resolver(() => KpiTargetEvaluationModel)
export class KpiTargetEvaluationResolver {
  constructor(private readonly teams: TeamService) {}

  @ResolveField(() => TeamModel, { nullable: true })
  async team(
    @Parent() evaluation: KpiTargetEvaluationModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<TeamModel | null> {
    return teamLoader(context, actor, this.teams).load(evaluation.teamId);
  }
}

@Resolver(() => KpiSliceModel)
export class KpiSliceResolver {
  constructor(private readonly agents: AgentService) {}

  @ResolveField(() => AgentModel, { nullable: true })
  async agent(
    @Parent() slice: KpiSliceModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<AgentModel | null> {
    return slice.agentId ? agentLoader(context, actor, this.agents).load(slice.agentId) : null;
  }
}
