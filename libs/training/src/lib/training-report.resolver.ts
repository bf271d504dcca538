import { Actor, CurrentActor, GqlContext, RequestContext } from '@deskforce/platform';
import { agentLoader, AgentModel, AgentService } from '@deskforce/people';
import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  OnboardingProgressConnection,
  OnboardingProgressModel,
  TrainingCompletionRowModel,
  TrainingImpactModel,
} from './graphql/training-report.model';
import { TrainingCompletionReportInput, TrainingImpactInput } from './graphql/training-report.input';
import { OnboardingReportArgs } from './graphql/training-report.args';
import { TrainingReportService } from './training-report.service';

@Resolver(() => OnboardingProgressModel)
export class TrainingReportResolver {
  constructor(
    private readonly reportService: TrainingReportService,
    private readonly agentService: AgentService,
  ) {}

  @Query(() => [TrainingCompletionRowModel], {
    description: 'Completion rate and overdue count by team, path or module.',
  })
  trainingCompletionReport(
    @CurrentActor() actor: Actor,
    @Args('input') input: TrainingCompletionReportInput,
  ): Promise<TrainingCompletionRowModel[]> {
    return this.reportService.completion(actor, input);
  }

  @Query(() => OnboardingProgressConnection, {
    description: 'Each agent’s way through a path, by start date, with the time it took to complete.',
  })
  onboardingReport(
    @CurrentActor() actor: Actor,
    @Args() args: OnboardingReportArgs,
  ): Promise<OnboardingProgressConnection> {
    return this.reportService.onboarding(actor, args.input, args.first, args.after);
  }

  @Query(() => TrainingImpactModel, {
    description:
      'Did the module move the agents’ KPIs? Before/after per agent, paired, with a 95% t interval and a verdict.',
  })
  trainingImpact(
    @CurrentActor() actor: Actor,
    @Args('input') input: TrainingImpactInput,
  ): Promise<TrainingImpactModel> {
    return this.reportService.impact(actor, input);
  }

  @ResolveField(() => AgentModel, { nullable: true })
  agent(
    @Parent() row: OnboardingProgressModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<AgentModel | null> {
    return agentLoader(context, actor, this.agentService).load(row.agentId);
  }
}
