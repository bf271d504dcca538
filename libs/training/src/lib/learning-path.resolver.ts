import { Actor, CurrentActor, GqlContext, loaderFor, ParseIdPipe, RequestContext } from '@deskforce/platform';
import { teamLoader, TeamModel, TeamService } from '@deskforce/people';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  CreateLearningPathPayload,
  CreateTrainingAssignmentRulePayload,
  DeleteTrainingAssignmentRulePayload,
  LearningPathConnection,
  LearningPathModel,
  LearningPathModuleModel,
  TrainingAssignmentRuleConnection,
  TrainingAssignmentRuleModel,
  UpdateLearningPathPayload,
} from './graphql/learning-path.model';
import {
  CreateLearningPathInput,
  CreateTrainingAssignmentRuleInput,
  DeleteTrainingAssignmentRuleInput,
  UpdateLearningPathInput,
} from './graphql/learning-path.input';
import { LearningPathsArgs, TrainingAssignmentRulesArgs } from './graphql/learning-path.args';
import { TrainingModuleModel } from './graphql/training-module.model';
import { LearningPathService } from './learning-path.service';
import { TrainingModuleService } from './training-module.service';

@Resolver(() => LearningPathModel)
export class LearningPathResolver {
  constructor(private readonly pathService: LearningPathService) {}

  @Query(() => LearningPathConnection, { description: 'Learning paths ordered by name.' })
  learningPaths(@CurrentActor() actor: Actor, @Args() args: LearningPathsArgs): Promise<LearningPathConnection> {
    return this.pathService.list(actor, args.first, args.after);
  }

  @Query(() => LearningPathModel)
  learningPath(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, ParseIdPipe) id: string,
  ): Promise<LearningPathModel> {
    return this.pathService.get(actor, id);
  }

  @Mutation(() => CreateLearningPathPayload, {
    description: 'A path of modules in order, with prerequisites; a prerequisite cycle is BAD_USER_INPUT.',
  })
  async createLearningPath(
    @CurrentActor() actor: Actor,
    @Args('input') input: CreateLearningPathInput,
  ): Promise<CreateLearningPathPayload> {
    return { path: await this.pathService.create(actor, input) };
  }

  @Mutation(() => UpdateLearningPathPayload)
  async updateLearningPath(
    @CurrentActor() actor: Actor,
    @Args('input') input: UpdateLearningPathInput,
  ): Promise<UpdateLearningPathPayload> {
    return { path: await this.pathService.update(actor, input) };
  }
}

@Resolver(() => LearningPathModuleModel)
export class LearningPathModuleResolver {
  constructor(private readonly moduleService: TrainingModuleService) {}

  @ResolveField(() => TrainingModuleModel)
  async module(
    @Parent() entry: LearningPathModuleModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<TrainingModuleModel> {
    return (await loaderFor(context, 'trainingModuleById', (ids: readonly string[]) =>
      this.moduleService.byIds(actor, ids),
    ).load(entry.moduleId))!;
  }
}

@Resolver(() => TrainingAssignmentRuleModel)
export class TrainingAssignmentRuleResolver {
  constructor(
    private readonly pathService: LearningPathService,
    private readonly teamService: TeamService,
  ) {}

  @Query(() => TrainingAssignmentRuleConnection, {
    description: 'Rules that give new agents a path on creation, oldest first.',
  })
  trainingAssignmentRules(
    @CurrentActor() actor: Actor,
    @Args() args: TrainingAssignmentRulesArgs,
  ): Promise<TrainingAssignmentRuleConnection> {
    return this.pathService.rules(actor, args.filter?.teamId, args.first, args.after);
  }

  @Mutation(() => CreateTrainingAssignmentRulePayload, {
    description:
      'Every agent created on the team at the level (ENTRY by default) then starts the path on their hire date.',
  })
  async createTrainingAssignmentRule(
    @CurrentActor() actor: Actor,
    @Args('input') input: CreateTrainingAssignmentRuleInput,
  ): Promise<CreateTrainingAssignmentRulePayload> {
    return { rule: await this.pathService.createRule(actor, input) };
  }

  @Mutation(() => DeleteTrainingAssignmentRulePayload, { description: 'Stops the rule; assignments it made stay.' })
  async deleteTrainingAssignmentRule(
    @CurrentActor() actor: Actor,
    @Args('input') input: DeleteTrainingAssignmentRuleInput,
  ): Promise<DeleteTrainingAssignmentRulePayload> {
    return { ruleId: await this.pathService.deleteRule(actor, input.id) };
  }

  @ResolveField(() => TeamModel)
  async team(
    @Parent() rule: TrainingAssignmentRuleModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<TeamModel> {
    return (await teamLoader(context, actor, this.teamService).load(rule.teamId))!;
  }

  @ResolveField(() => LearningPathModel)
  async path(
    @Parent() rule: TrainingAssignmentRuleModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<LearningPathModel> {
    return (await loaderFor(context, 'learningPathById', (ids: readonly string[]) =>
      this.pathService.byIds(actor, ids),
    ).load(rule.pathId))!;
  }
}
