import { registerEnumType } from '@nestjs/graphql';
import { StoredAssignmentStatus, TrainingAssignmentStatus } from './assignments/assignment-status';
import { ImpactVerdict } from './math/paired-difference';

export { StoredAssignmentStatus, TrainingAssignmentStatus, ImpactVerdict };

export enum TrainingCategory {
  PRODUCT = 'PRODUCT',
  COMMUNICATION = 'COMMUNICATION',
  TOOLS = 'TOOLS',
  /** Needs each agent's acknowledgement of the module's current version; a new version asks again. */
  POLICY = 'POLICY',
  SOFT_SKILLS = 'SOFT_SKILLS',
}

export enum MentorshipStatus {
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
}

/** Mentees a mentor takes when no capacity was set for them (issue 6). */
export const DEFAULT_MENTOR_CAPACITY = 3;

/**
 * The per-agent KPIs training reads through `AgentMetricsSource`. The names are those of the performance
 * library's KpiMetric (issue 5), so wiring the real source is a name-for-name mapping.
 */
export enum TrainingMetric {
  FIRST_RESPONSE_TIME_MEDIAN = 'FIRST_RESPONSE_TIME_MEDIAN',
  RESOLUTION_TIME_MEDIAN = 'RESOLUTION_TIME_MEDIAN',
  RESOLUTION_RATE = 'RESOLUTION_RATE',
  FIRST_CONTACT_RESOLUTION_RATE = 'FIRST_CONTACT_RESOLUTION_RATE',
  ESCALATION_RATE = 'ESCALATION_RATE',
  REOPEN_RATE = 'REOPEN_RATE',
  AVERAGE_HANDLE_TIME = 'AVERAGE_HANDLE_TIME',
  CSAT = 'CSAT',
  SCHEDULE_ADHERENCE = 'SCHEDULE_ADHERENCE',
}

/** Which way is better, as in the KPI definitions (shared/KPI_DEFINITIONS.md). */
export const HIGHER_IS_BETTER: Readonly<Record<TrainingMetric, boolean>> = {
  FIRST_RESPONSE_TIME_MEDIAN: false,
  RESOLUTION_TIME_MEDIAN: false,
  RESOLUTION_RATE: true,
  FIRST_CONTACT_RESOLUTION_RATE: true,
  ESCALATION_RATE: false,
  REOPEN_RATE: false,
  AVERAGE_HANDLE_TIME: false,
  CSAT: true,
  SCHEDULE_ADHERENCE: true,
};

export enum TrainingReportGroupBy {
  TEAM = 'TEAM',
  PATH = 'PATH',
  MODULE = 'MODULE',
}

registerEnumType(TrainingCategory, { name: 'TrainingCategory' });
registerEnumType(TrainingAssignmentStatus, {
  name: 'TrainingAssignmentStatus',
  description:
    'OVERDUE is derived: an ASSIGNED or IN_PROGRESS assignment whose due date has passed. WAIVED carries a reason.',
});
registerEnumType(MentorshipStatus, { name: 'MentorshipStatus' });
registerEnumType(TrainingMetric, {
  name: 'TrainingMetric',
  description: 'Per-agent KPIs, named as in the KPI library.',
});
registerEnumType(ImpactVerdict, {
  name: 'TrainingImpactVerdict',
  description:
    'INSUFFICIENT_DATA below 5 agents; NO_CLEAR_EFFECT when the 95% interval spans 0; otherwise IMPROVED or WORSENED, by the metric’s direction.',
});
registerEnumType(TrainingReportGroupBy, { name: 'TrainingReportGroupBy' });
