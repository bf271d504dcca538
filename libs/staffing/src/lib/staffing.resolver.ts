import { Actor, CurrentActor, ParseIdPipe } from '@deskforce/platform';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  ChatRequirementModel,
  DeferredWorkRequirementModel,
  ErlangAResultModel,
  ErlangCResultModel,
} from './graphql/erlang.model';
import { ChatRequirementInput, DeferredWorkRequirementInput, ErlangAInput, ErlangCInput } from './graphql/erlang.input';
import { SetForecastOverridePayload, StaffingForecastModel, UploadForecastPayload } from './graphql/forecast.model';
import { SetForecastOverrideInput, StaffingForecastInput, UploadForecastInput } from './graphql/forecast.input';
import { StaffingRequirementsModel } from './graphql/requirements.model';
import { StaffingRequirementsInput } from './graphql/requirements.input';
import {
  CancelScheduleJobPayload,
  GenerateSchedulePayload,
  ScheduleJobConnection,
  ScheduleJobModel,
} from './graphql/schedule-job.model';
import { CancelScheduleJobInput, GenerateScheduleInput } from './graphql/schedule-job.input';
import { ScheduleJobsArgs } from './graphql/schedule-job.args';
import { ForecastService } from './forecast.service';
import { RequirementsService } from './requirements.service';
import { ScheduleGenerationService } from './schedule-generation.service';
import { StaffingCalculatorService } from './staffing-calculator.service';
import { chatWork, deferredWork, erlangWork, forecastWork, requirementsWork } from './graphql/staffing.work';

@Resolver()
export class StaffingCalculatorResolver {
  constructor(private readonly calculator: StaffingCalculatorService) {}

  @Query(() => ErlangCResultModel, {
    description: 'Erlang C for one interval of a live queue: the agents needed and what they achieve. Stateless.',
    complexity: erlangWork,
  })
  erlangC(@CurrentActor() actor: Actor, @Args('input') input: ErlangCInput): Promise<ErlangCResultModel> {
    return this.calculator.erlangC(actor, input);
  }

  @Query(() => ErlangAResultModel, {
    description:
      'Erlang A (M/M/N+M) for one interval of a live queue whose callers hang up: the agents needed for a service-level target with an optional abandonment cap, and what they achieve. Stateless.',
    complexity: erlangWork,
  })
  erlangA(@CurrentActor() actor: Actor, @Args('input') input: ErlangAInput): Promise<ErlangAResultModel> {
    return this.calculator.erlangA(actor, input);
  }

  @Query(() => ChatRequirementModel, {
    description: 'Chat with concurrency: Erlang C on chat slots, agents = ceil(slots ÷ concurrency). Stateless.',
    complexity: chatWork,
  })
  chatRequirement(
    @CurrentActor() actor: Actor,
    @Args('input') input: ChatRequirementInput,
  ): Promise<ChatRequirementModel> {
    return this.calculator.chatRequirement(actor, input);
  }

  @Query(() => DeferredWorkRequirementModel, {
    description:
      'Deferred work (email, social): agents per interval from the workload spread over the response deadline. Stateless.',
    complexity: deferredWork,
  })
  deferredWorkRequirement(
    @CurrentActor() actor: Actor,
    @Args('input') input: DeferredWorkRequirementInput,
  ): Promise<DeferredWorkRequirementModel> {
    return this.calculator.deferredWorkRequirement(actor, input);
  }
}

@Resolver()
export class StaffingResolver {
  constructor(
    private readonly forecasts: ForecastService,
    private readonly requirements: RequirementsService,
  ) {}

  @Query(() => StaffingForecastModel, {
    description:
      'The forecast per interval: uploaded or overridden values where stored, else the forecast from the interaction history, with its method and holdout WAPE.',
    complexity: forecastWork,
  })
  staffingForecast(
    @CurrentActor() actor: Actor,
    @Args('input') input: StaffingForecastInput,
  ): Promise<StaffingForecastModel> {
    return this.forecasts.forecast(actor, input);
  }

  @Mutation(() => UploadForecastPayload, {
    description:
      'Stores a forecast series for a team and channel, replacing what was stored over its span (overrides included).',
  })
  uploadForecast(
    @CurrentActor() actor: Actor,
    @Args('input') input: UploadForecastInput,
  ): Promise<UploadForecastPayload> {
    return this.forecasts.upload(actor, input);
  }

  @Mutation(() => SetForecastOverridePayload, {
    description:
      'Sets single intervals of the forecast by hand, or clears them (contacts: null) so the history forecast applies again.',
  })
  setForecastOverride(
    @CurrentActor() actor: Actor,
    @Args('input') input: SetForecastOverrideInput,
  ): Promise<SetForecastOverridePayload> {
    return this.forecasts.setOverride(actor, input);
  }

  @Query(() => StaffingRequirementsModel, {
    description:
      'Per interval: forecast contacts and AHT (after the what-if factors), agents required, agents scheduled (coverage), the gap and the service level the schedule as it stands reaches; with totals.',
    complexity: requirementsWork,
  })
  staffingRequirements(
    @CurrentActor() actor: Actor,
    @Args('input') input: StaffingRequirementsInput,
  ): Promise<StaffingRequirementsModel> {
    return this.requirements.compute(actor, input);
  }
}

@Resolver()
export class ScheduleGenerationResolver {
  constructor(private readonly generation: ScheduleGenerationService) {}

  @Mutation(() => GenerateSchedulePayload, {
    description:
      'Queues a job that proposes DRAFT shifts from the team’s templates, minimising weighted under-coverage, then over-coverage, then cost, within every labor rule. Returns at once; follow it with scheduleJob(id).',
  })
  async generateSchedule(
    @CurrentActor() actor: Actor,
    @Args('input') input: GenerateScheduleInput,
  ): Promise<GenerateSchedulePayload> {
    return { job: await this.generation.request(actor, input) };
  }

  @Mutation(() => CancelScheduleJobPayload, { description: 'Cancels a queued or running job; nothing is written.' })
  async cancelScheduleJob(
    @CurrentActor() actor: Actor,
    @Args('input') input: CancelScheduleJobInput,
  ): Promise<CancelScheduleJobPayload> {
    return { job: await this.generation.cancel(actor, input.id) };
  }

  @Query(() => ScheduleJobModel, {
    description: 'A schedule generation job: status, progress, objective, bound, gap, time, and the result.',
  })
  scheduleJob(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, ParseIdPipe) id: string,
  ): Promise<ScheduleJobModel> {
    return this.generation.get(actor, id);
  }

  @Query(() => ScheduleJobConnection, { description: 'Schedule generation jobs, newest first.' })
  scheduleJobs(@CurrentActor() actor: Actor, @Args() args: ScheduleJobsArgs): Promise<ScheduleJobConnection> {
    return this.generation.list(actor, args.filter, args.first, args.after);
  }
}
