import { Actor, CurrentActor, ParseIdPipe } from '@deskforce/platform';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  CreateTrainingModulePayload,
  TrainingModuleConnection,
  TrainingModuleModel,
  UpdateTrainingModulePayload,
} from './graphql/training-module.model';
import { CreateTrainingModuleInput, UpdateTrainingModuleInput } from './graphql/training-module.input';
import { TrainingModulesArgs } from './graphql/training-module.args';
import { TrainingModuleService } from './training-module.service';

@Resolver(() => TrainingModuleModel)
export class TrainingModuleResolver {
  constructor(private readonly moduleService: TrainingModuleService) {}

  @Query(() => TrainingModuleConnection, { description: 'Training modules ordered by title.' })
  trainingModules(@CurrentActor() actor: Actor, @Args() args: TrainingModulesArgs): Promise<TrainingModuleConnection> {
    return this.moduleService.list(actor, args.filter, args.first, args.after);
  }

  @Query(() => TrainingModuleModel)
  trainingModule(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, ParseIdPipe) id: string,
  ): Promise<TrainingModuleModel> {
    return this.moduleService.get(actor, id);
  }

  @Mutation(() => CreateTrainingModulePayload)
  async createTrainingModule(
    @CurrentActor() actor: Actor,
    @Args('input') input: CreateTrainingModuleInput,
  ): Promise<CreateTrainingModulePayload> {
    return { module: await this.moduleService.create(actor, input) };
  }

  @Mutation(() => UpdateTrainingModulePayload, {
    description:
      'Edits a module; newVersion: true publishes a new version (a POLICY module then asks every agent to acknowledge again).',
  })
  updateTrainingModule(
    @CurrentActor() actor: Actor,
    @Args('input') input: UpdateTrainingModuleInput,
  ): Promise<UpdateTrainingModulePayload> {
    return this.moduleService.update(actor, input);
  }
}
