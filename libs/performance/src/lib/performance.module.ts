import { PeopleModule } from '@deskforce/people';
import { DynamicModule, Module, Type } from '@nestjs/common';
import './performance.enums';
import './performance.errors';
import { InteractionImporter } from './import/interaction-importer';
import { InteractionHistoryService } from './interaction-history.service';
import { IngestResolver } from './ingest.resolver';
import { IngestService } from './ingest.service';
import { InteractionRepository } from './interaction.repository';
import { InteractionResolver } from './interaction.resolver';
import { InteractionService } from './interaction.service';
import { KpiEngine } from './kpi/kpi-engine';
import { PerformanceRepository } from './kpi.repository';
import {
  AgentScorecardResolver,
  KpiGroupResolver,
  KpiResolver,
  KpiSliceResolver,
  KpiTargetEvaluationResolver,
  KpiTargetResolver,
} from './kpi.resolver';
import { KpiService } from './kpi.service';
import { NoScheduledWork, ScheduledWorkSource } from './scheduled-work.port';
import { TargetRepository } from './target.repository';
import { TargetService } from './target.service';
import { TeamCalendarRepository } from './team-calendar.repository';
import { TeamCalendarResolver } from './team-calendar.resolver';
import { TeamCalendarService } from './team-calendar.service';

export interface PerformanceModuleOptions {
  /** Published shifts for schedule adherence (the scheduling library's); default: none. */
  scheduledWorkSource?: Type<ScheduledWorkSource>;
  /** Modules that provide what `scheduledWorkSource` injects. */
  imports?: DynamicModule['imports'];
}

import { KpiAlertRepository } from './kpi-alert.repository';
import { KpiAlertSweep } from './kpi-alert.sweep';

const PROVIDERS = [
  InteractionHistoryService,
  KpiAlertRepository,
  KpiAlertSweep,
  InteractionImporter,
  IngestResolver,
  IngestService,
  InteractionRepository,
  InteractionResolver,
  InteractionService,
  KpiEngine,
  PerformanceRepository,
  KpiResolver,
  KpiGroupResolver,
  AgentScorecardResolver,
  KpiTargetResolver,
  KpiTargetEvaluationResolver,
  KpiSliceResolver,
  KpiService,
  TargetRepository,
  TargetService,
  TeamCalendarRepository,
  TeamCalendarResolver,
  TeamCalendarService,
];

@Module({})
export class PerformanceModule {
  static forRoot(options: PerformanceModuleOptions = {}): DynamicModule {
    return {
      module: PerformanceModule,
      imports: [PeopleModule, ...(options.imports ?? [])],
      providers: [
        ...PROVIDERS,
        { provide: ScheduledWorkSource, useClass: options.scheduledWorkSource ?? NoScheduledWork },
      ],
      exports: [
        InteractionHistoryService,
        IngestService,
        InteractionImporter,
        KpiService,
        KpiEngine,
        ScheduledWorkSource,
      ],
    };
  }
}
