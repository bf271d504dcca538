import { AgentLifecycle, PeopleModule } from '@deskforce/people';
import { SchedulingModule } from '@deskforce/scheduling';
import { DynamicModule, Module, ModuleMetadata, Type } from '@nestjs/common';
import './training.errors';
import { LearningPathRepository } from './learning-path.repository';
import {
  LearningPathModuleResolver,
  LearningPathResolver,
  TrainingAssignmentRuleResolver,
} from './learning-path.resolver';
import { LearningPathService } from './learning-path.service';
import { MentorshipRepository } from './mentorship.repository';
import { MentorshipResolver } from './mentorship.resolver';
import { MentorshipService } from './mentorship.service';
import { AgentMetricsSource, NoAgentMetrics } from './metrics/agent-metrics.source';
import { TrainingAccess } from './training-access.service';
import { TrainingAssignmentRepository } from './training-assignment.repository';
import { TrainingAssignmentResolver } from './training-assignment.resolver';
import { TrainingAssignmentService } from './training-assignment.service';
import { TrainingModuleRepository } from './training-module.repository';
import { TrainingModuleResolver } from './training-module.resolver';
import { TrainingModuleService } from './training-module.service';
import { TrainingOverdueRepository } from './training-overdue.repository';
import { TrainingOverdueSweep } from './training-overdue.sweep';
import { TrainingReportRepository } from './training-report.repository';
import { TrainingReportResolver } from './training-report.resolver';
import { TrainingReportService } from './training-report.service';

export interface TrainingModuleOptions {
  /** Where per-agent KPIs come from (suggestMentors, trainingImpact); default: none (NoAgentMetrics). */
  agentMetricsSource?: Type<AgentMetricsSource>;
  /** Modules the metrics source needs. */
  imports?: ModuleMetadata['imports'];
}

@Module({})
export class TrainingModule {
  static forRoot(options: TrainingModuleOptions = {}): DynamicModule {
    return {
      module: TrainingModule,
      imports: [PeopleModule, SchedulingModule, ...(options.imports ?? [])],
      providers: [
        { provide: AgentMetricsSource, useClass: options.agentMetricsSource ?? NoAgentMetrics },
        LearningPathModuleResolver,
        LearningPathRepository,
        LearningPathResolver,
        LearningPathService,
        MentorshipRepository,
        MentorshipResolver,
        MentorshipService,
        TrainingAccess,
        TrainingAssignmentRepository,
        TrainingAssignmentResolver,
        TrainingAssignmentRuleResolver,
        TrainingAssignmentService,
        TrainingModuleRepository,
        TrainingModuleResolver,
        TrainingModuleService,
        TrainingOverdueRepository,
        TrainingOverdueSweep,
        TrainingReportRepository,
        TrainingReportResolver,
        TrainingReportService,
      ],
      exports: [AgentMetricsSource, LearningPathService, TrainingAssignmentService, TrainingModuleService],
    };
  }

  /**
   * Assignment rules hook into agent creation here, when the module is built rather than at onModuleInit:
   * the demo seed creates agents before the app is initialised.
   */
  constructor(lifecycle: AgentLifecycle, assignments: TrainingAssignmentService) {
    lifecycle.onAgentCreated((actor, agent) => assignments.assignByRules(actor, agent));
  }
}
