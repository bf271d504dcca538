import { PeopleModule } from '@deskforce/people';
import { SchedulingModule } from '@deskforce/scheduling';
import { DynamicModule, Module, ModuleMetadata, Type } from '@nestjs/common';
import './staffing.errors';
import { ForecastRepository } from './forecast.repository';
import { ForecastService } from './forecast.service';
import { ScheduleProblemBuilder } from './generation/schedule-problem.builder';
import { InteractionHistorySource, NoInteractionHistory } from './interaction-history.source';
import { RequirementsService } from './requirements.service';
import { ScheduleGenerationService } from './schedule-generation.service';
import { ScheduleJobRepository } from './schedule-job.repository';
import { ScheduleJobRunner } from './schedule-job.runner';
import { ScheduleGenerationResolver, StaffingCalculatorResolver, StaffingResolver } from './staffing.resolver';
import { StaffingCalculatorService } from './staffing-calculator.service';

/**
 * Forecasts, requirements (Erlang C, chat, deferred work) and schedule generation over GraphQL, on top of
 * the pure core in math/, forecast/ and optimize/.
 *
 * The interaction history comes through the InteractionHistorySource port: the plain module uses
 * NoInteractionHistory; `StaffingModule.withInteractionHistory({ imports, useClass })` plugs in a real one.
 */
@Module({
  imports: [PeopleModule, SchedulingModule],
  providers: [
    ForecastRepository,
    ForecastService,
    RequirementsService,
    ScheduleGenerationResolver,
    ScheduleGenerationService,
    ScheduleJobRepository,
    ScheduleJobRunner,
    ScheduleProblemBuilder,
    StaffingCalculatorResolver,
    StaffingCalculatorService,
    StaffingResolver,
    { provide: InteractionHistorySource, useClass: NoInteractionHistory },
  ],
  exports: [ForecastService, RequirementsService],
})
export class StaffingModule {
  static withInteractionHistory(options: {
    imports?: ModuleMetadata['imports'];
    useClass: Type<InteractionHistorySource>;
  }): DynamicModule {
    return {
      module: StaffingModule,
      imports: options.imports ?? [],
      providers: [{ provide: InteractionHistorySource, useClass: options.useClass }],
    };
  }
}
