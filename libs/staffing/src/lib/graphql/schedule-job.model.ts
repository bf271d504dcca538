import { Channel, Connection, DateTimeScalar } from '@deskforce/platform';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { FairnessTag, ScheduleJobPhase, ScheduleJobStatus, ScheduleSolverStatus } from '../staffing.enums';

@ObjectType('ScheduleBaseline', {
  description: 'The greedy heuristic’s schedule on the same problem, for comparison (not written).',
})
export class ScheduleBaselineModel {
  @Field(() => Int)
  shifts!: number;

  @Field(() => Float)
  underCoverageAgentHours!: number;

  @Field(() => Float)
  overCoverageAgentHours!: number;

  @Field(() => Int)
  underCoveredIntervals!: number;

  @Field(() => Float)
  cost!: number;

  @Field(() => Float)
  paidHours!: number;

  @Field(() => Float)
  objective!: number;
}

@ObjectType('SchedulePreferenceResult', {
  description: 'An agent’s shift wishes in the generated schedule: met or unmet, in the order stored.',
})
export class SchedulePreferenceResultModel {
  @Field(() => ID)
  agentId!: string;

  @Field(() => Int)
  met!: number;

  @Field(() => Int)
  unmet!: number;

  @Field(() => [Boolean])
  results!: boolean[];
}

@ObjectType('ScheduleFairnessAgent')
export class ScheduleFairnessAgentModel {
  @Field(() => ID)
  agentId!: string;

  @Field(() => Int, { description: 'Such shifts in the past weeks and already in the window before the job.' })
  before!: number;

  @Field(() => Int, { description: 'Such shifts the job added.' })
  added!: number;
}

@ObjectType('ScheduleFairnessResult', {
  description:
    'How the generated schedule shares weekend or night shifts: every agent who could work one or had one before.',
})
export class ScheduleFairnessResultModel {
  @Field(() => FairnessTag)
  tag!: FairnessTag;

  @Field(() => Int)
  maxAboveFairShare!: number;

  @Field(() => Int)
  pastWeeks!: number;

  @Field(() => [ScheduleFairnessAgentModel])
  agents!: ScheduleFairnessAgentModel[];
}

@ObjectType('ScheduleChannelCoverage', {
  description: 'What the generated schedule gives one channel (after splitting multi-channel agents’ time).',
})
export class ScheduleChannelCoverageModel {
  @Field(() => Channel)
  channel!: Channel;

  @Field(() => Float, { description: 'Σ required agents × interval hours of the channel.' })
  requiredAgentHours!: number;

  @Field(() => Float)
  underCoverageAgentHours!: number;

  @Field(() => Float)
  overCoverageAgentHours!: number;

  @Field(() => Int)
  underCoveredIntervals!: number;
}

@ObjectType('ScheduleJobResult')
export class ScheduleJobResultModel {
  @Field(() => Int, { description: 'Draft shifts written.' })
  shiftsCreated!: number;

  @Field(() => Int, { description: 'SOFT labor-rule warnings on the written shifts.' })
  warnings!: number;

  @Field(() => ScheduleSolverStatus)
  solverStatus!: ScheduleSolverStatus;

  @Field({
    description:
      "SOLVER (HiGHS), GREEDY (the heuristic, e.g. when HiGHS failed), START (the previous week's shifts repeated, when nothing found beat them) or NONE.",
  })
  solutionSource!: string;

  @Field(() => Float, { description: 'Σ required agents × interval hours over the window.' })
  requiredAgentHours!: number;

  @Field(() => Float, {
    description: 'Agent-hours short of the requirement with the new shifts and the existing ones.',
  })
  underCoverageAgentHours!: number;

  @Field(() => Float)
  overCoverageAgentHours!: number;

  @Field(() => Int)
  underCoveredIntervals!: number;

  @Field(() => Float, { description: 'Σ hourly cost × paid hours of the new shifts.' })
  cost!: number;

  @Field(() => Float)
  paidHours!: number;

  @Field(() => Float)
  objective!: number;

  @Field(() => Float, { nullable: true, description: 'Proven lower bound on the objective of any schedule.' })
  bestBound!: number | null;

  @Field(() => Float, { nullable: true, description: '(objective − bestBound) ÷ objective.' })
  mipGap!: number | null;

  @Field(() => Float, { description: 'Seconds spent reading the team’s data and building the candidate shifts.' })
  problemSeconds!: number;

  @Field(() => Float, { description: 'Seconds spent building the solver model (and the greedy warm start).' })
  buildSeconds!: number;

  @Field(() => Float, { description: 'Seconds inside HiGHS.' })
  solveSeconds!: number;

  @Field(() => Float, { description: 'Seconds spent writing the drafts (every labor rule checked again).' })
  writeSeconds!: number;

  @Field(() => Int, { description: 'Agents in the problem (active, serving the channel).' })
  agents!: number;

  @Field(() => Int, {
    description:
      'Candidate shifts offered to the solver (templates × days × agents that pass skills, time off and shift length).',
  })
  candidates!: number;

  @Field(() => ScheduleBaselineModel, { nullable: true })
  baseline!: ScheduleBaselineModel | null;

  @Field(() => [String])
  messages!: string[];

  @Field(() => [ScheduleChannelCoverageModel], {
    nullable: true,
    description: 'With allChannels: coverage per channel (null otherwise).',
  })
  channelCoverage?: ScheduleChannelCoverageModel[] | null;

  @Field(() => [SchedulePreferenceResultModel], {
    nullable: true,
    description: 'Agents with wishes: which the schedule meets (null for jobs from before wishes existed).',
  })
  preferences?: SchedulePreferenceResultModel[] | null;

  @Field(() => [ScheduleFairnessResultModel], {
    nullable: true,
    description:
      'Per fairness rule of the job: weekend or night shifts per agent (null for jobs from before fairness).',
  })
  fairness?: ScheduleFairnessResultModel[] | null;
}

@ObjectType('ScheduleGenerationJob')
export class ScheduleJobModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  teamId!: string;

  @Field(() => Channel)
  channel!: Channel;

  @Field(() => DateTimeScalar)
  from!: Date;

  @Field(() => DateTimeScalar)
  to!: Date;

  @Field(() => Int)
  intervalMinutes!: number;

  @Field(() => Int)
  timeLimitSeconds!: number;

  @Field(() => ScheduleJobStatus)
  status!: ScheduleJobStatus;

  @Field(() => ScheduleJobPhase, { nullable: true })
  phase!: ScheduleJobPhase | null;

  @Field(() => Float, { description: 'Share of the time limit used so far, 0 to 1 (1 when finished).' })
  progress!: number;

  @Field(() => Float, { description: 'Seconds since the job started running.' })
  elapsedSeconds!: number;

  @Field(() => Float, { nullable: true, description: 'Best objective found so far.' })
  objective!: number | null;

  @Field(() => Float, { nullable: true, description: 'Best proven lower bound so far.' })
  bestBound!: number | null;

  @Field(() => Float, { nullable: true, description: 'Relative gap so far: (objective − bound) ÷ objective.' })
  mipGap!: number | null;

  @Field(() => ScheduleJobResultModel, { nullable: true, description: 'Set when the job SUCCEEDED.' })
  result!: ScheduleJobResultModel | null;

  @Field(() => String, { nullable: true, description: 'Why the job FAILED.' })
  error!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The error code behind `error` (e.g. CONFLICT when a labor rule refused the shifts).',
  })
  errorCode!: string | null;

  @Field(() => ID)
  requestedBy!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  startedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  finishedAt!: Date | null;
}

@ObjectType('ScheduleGenerationJobConnection')
export class ScheduleJobConnection extends Connection(ScheduleJobModel, 'ScheduleGenerationJob') {}

@ObjectType()
export class GenerateSchedulePayload {
  @Field(() => ScheduleJobModel, { description: 'The job, QUEUED: follow it with scheduleJob(id).' })
  job!: ScheduleJobModel;
}

@ObjectType()
export class CancelScheduleJobPayload {
  @Field(() => ScheduleJobModel)
  job!: ScheduleJobModel;
}
