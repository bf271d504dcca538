import {
  Actor,
  AppError,
  AuditEntryConnection,
  AuditLog,
  CurrentActor,
  GqlContext,
  loaderFor,
  RequestContext,
} from '@deskforce/platform';
import { agentLoader, AgentModel, AgentService } from '@deskforce/people';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { LearningPathModel } from './graphql/learning-path.model';
import {
  AssignTrainingPayload,
  BookTrainingSessionPayload,
  CompleteTrainingPayload,
  RecordTrainingProgressPayload,
  TrainingAssignmentConnection,
  TrainingAssignmentModel,
  TrainingQuizAttemptModel,
  TrainingSessionModel,
  WaiveTrainingPayload,
} from './graphql/training-assignment.model';
import {
  AssignTrainingInput,
  BookTrainingSessionInput,
  CompleteTrainingInput,
  RecordTrainingProgressInput,
  WaiveTrainingInput,
} from './graphql/training-assignment.input';
import { MyTrainingArgs, TrainingAssignmentsArgs } from './graphql/training-assignment.args';
import { TrainingModuleModel } from './graphql/training-module.model';
import { LearningPathService } from './learning-path.service';
import { TrainingAssignmentService } from './training-assignment.service';
import { TrainingModuleService } from './training-module.service';

@Resolver(() => TrainingAssignmentModel)
export class TrainingAssignmentResolver {
  constructor(
    private readonly assignmentService: TrainingAssignmentService,
    private readonly moduleService: TrainingModuleService,
    private readonly pathService: LearningPathService,
    private readonly agentService: AgentService,
    private readonly audit: AuditLog,
  ) {}

  @Query(() => TrainingAssignmentConnection, {
    description: 'Assignments by due date, soonest first. Coordinators see the teams they coordinate.',
  })
  trainingAssignments(
    @CurrentActor() actor: Actor,
    @Args() args: TrainingAssignmentsArgs,
  ): Promise<TrainingAssignmentConnection> {
    return this.assignmentService.list(actor, args.filter, args.first, args.after);
  }

  @Query(() => TrainingAssignmentConnection, { description: 'The signed-in agent’s assignments by due date.' })
  myTraining(@CurrentActor() actor: Actor, @Args() args: MyTrainingArgs): Promise<TrainingAssignmentConnection> {
    return this.assignmentService.mine(actor, args.filter?.status, args.first, args.after);
  }

  @Mutation(() => AssignTrainingPayload, {
    description: 'Assigns a module or a path to agents or a team. Idempotent: one assignment per agent and module.',
  })
  assignTraining(
    @CurrentActor() actor: Actor,
    @Args('input') input: AssignTrainingInput,
  ): Promise<AssignTrainingPayload> {
    return this.assignmentService.assign(actor, input);
  }

  @Mutation(() => RecordTrainingProgressPayload, {
    description: 'Progress and quiz attempts. CONFLICT (PREREQUISITES_INCOMPLETE) before the prerequisites are done.',
  })
  async recordTrainingProgress(
    @CurrentActor() actor: Actor,
    @Args('input') input: RecordTrainingProgressInput,
  ): Promise<RecordTrainingProgressPayload> {
    return { assignment: await this.assignmentService.recordProgress(actor, input) };
  }

  @Mutation(() => CompleteTrainingPayload, {
    description:
      'Needs the prerequisites done, the passing score when set, and for a POLICY module the acknowledged current version.',
  })
  async completeTraining(
    @CurrentActor() actor: Actor,
    @Args('input') input: CompleteTrainingInput,
  ): Promise<CompleteTrainingPayload> {
    return { assignment: await this.assignmentService.complete(actor, input) };
  }

  @Mutation(() => WaiveTrainingPayload)
  async waiveTraining(
    @CurrentActor() actor: Actor,
    @Args('input') input: WaiveTrainingInput,
  ): Promise<WaiveTrainingPayload> {
    return { assignment: await this.assignmentService.waive(actor, input) };
  }

  @Mutation(() => BookTrainingSessionPayload, {
    description:
      'Books a session into the agent’s shift as a TRAINING activity; scheduling checks it like any activity.',
  })
  bookTrainingSession(
    @CurrentActor() actor: Actor,
    @Args('input') input: BookTrainingSessionInput,
  ): Promise<BookTrainingSessionPayload> {
    return this.assignmentService.bookSession(actor, input);
  }

  @ResolveField(() => AgentModel, { nullable: true, description: 'Null when you may not see the agent record.' })
  agent(
    @Parent() a: TrainingAssignmentModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<AgentModel | null> {
    return agentLoader(context, actor, this.agentService).load(a.agentId);
  }

  @ResolveField(() => TrainingModuleModel)
  async module(
    @Parent() a: TrainingAssignmentModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<TrainingModuleModel> {
    return (await loaderFor(context, 'trainingModuleById', (ids: readonly string[]) =>
      this.moduleService.byIds(actor, ids),
    ).load(a.moduleId))!;
  }

  @ResolveField(() => LearningPathModel, { nullable: true })
  path(
    @Parent() a: TrainingAssignmentModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<LearningPathModel | null> {
    if (!a.pathId) return Promise.resolve(null);
    return loaderFor(context, 'learningPathById', (ids: readonly string[]) => this.pathService.byIds(actor, ids)).load(
      a.pathId,
    );
  }

  @ResolveField(() => [TrainingQuizAttemptModel], { description: 'Every quiz attempt, oldest first.' })
  quizAttempts(
    @Parent() a: TrainingAssignmentModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<TrainingQuizAttemptModel[]> {
    return loaderFor(context, 'trainingQuizAttempts', (ids: readonly string[]) =>
      this.assignmentService.attempts(actor, ids),
    ).load(a.id);
  }

  @ResolveField(() => [TrainingSessionModel])
  sessions(
    @Parent() a: TrainingAssignmentModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<TrainingSessionModel[]> {
    return loaderFor(context, 'trainingSessions', (ids: readonly string[]) =>
      this.assignmentService.sessions(actor, ids),
    ).load(a.id);
  }

  @ResolveField(() => [ID], {
    description:
      'Prerequisites (over the agent’s paths) not yet completed or waived: while any is listed, the module cannot start.',
  })
  blockedByModuleIds(
    @Parent() a: TrainingAssignmentModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<string[]> {
    return loaderFor(context, 'trainingMissingPrerequisites', (ids: readonly string[]) =>
      this.assignmentService.missingPrerequisites(actor, ids),
    ).load(a.id);
  }

  @ResolveField(() => Int, {
    nullable: true,
    description: 'POLICY modules: the latest version the agent acknowledged (null: none).',
  })
  acknowledgedVersion(
    @Parent() a: TrainingAssignmentModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<number | null> {
    return loaderFor(context, 'trainingAcknowledgedVersions', (ids: readonly string[]) =>
      this.assignmentService.acknowledgedVersions(actor, ids),
    ).load(a.id);
  }

  @ResolveField(() => AuditEntryConnection, { description: 'Every change to the assignment, newest first.' })
  history(
    @Parent() a: TrainingAssignmentModel,
    @CurrentActor() actor: Actor,
    @Args('first', { type: () => Int, defaultValue: 20, description: 'At most 200.' }) first: number,
  ): Promise<AuditEntryConnection> {
    if (!Number.isInteger(first) || first < 1 || first > 200)
      throw AppError.badInput({ field: 'first', message: 'must be an integer from 1 to 200' });
    return this.audit.list(actor, { entityType: 'TRAINING_ASSIGNMENT', entityId: a.id }, first);
  }
}
