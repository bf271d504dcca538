import { Channel } from '@deskforce/platform';
import { ScheduleChannelCoverageModel } from '../graphql/schedule-job.model';
import { ScheduleSolution } from '../optimize/schedule-problem.types';

/** The job result's coverage per channel (null for single-channel jobs). */
export function channelCoverageResult(
  solution: ScheduleSolution,
  required: readonly { channel: Channel; requiredAgentHours: number }[] | null,
): ScheduleChannelCoverageModel[] | null {
  if (!solution.channelCoverage || !required) return null;
  return solution.channelCoverage.map((c) => ({
    channel: c.channel as Channel,
    requiredAgentHours: required.find((r) => r.channel === c.channel)?.requiredAgentHours ?? 0,
    underCoverageAgentHours: c.underCoverageAgentHours,
    overCoverageAgentHours: c.overCoverageAgentHours,
    underCoveredIntervals: c.underCoveredIntervals,
  }));
}
