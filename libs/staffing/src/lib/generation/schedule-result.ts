import { Channel } from '@deskforce/platform';
import { ScheduleChannelCoverageModel, ScheduleFairnessResultModel } from '../graphql/schedule-job.model';
import { ScheduleProblem, ScheduleSolution } from '../optimize/schedule-problem.types';
import { FairnessTag } from '../staffing.enums';

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

/** The job result's weekend and night shifts per agent, for each fairness rule of the problem. */
export function fairnessResult(
  problem: ScheduleProblem,
  solution: ScheduleSolution,
  pastWeeks: number,
): ScheduleFairnessResultModel[] {
  const chosen = new Map(solution.assignments.map((a) => [a.agentId, new Set(a.candidateIds)]));
  return (problem.fairness ?? []).map((rule) => ({
    tag: rule.tag as FairnessTag,
    maxAboveFairShare: rule.maxAboveFairShare,
    pastWeeks,
    agents: problem.agents.flatMap((agent) => {
      const tagged = agent.candidates.filter((c) => c.tags?.includes(rule.tag));
      const before = (rule.tag === 'WEEKEND' ? agent.history?.weekendShifts : agent.history?.nightShifts) ?? 0;
      if (tagged.length === 0 && before === 0) return [];
      const mine = chosen.get(agent.agentId);
      return [{ agentId: agent.agentId, before, added: tagged.filter((c) => mine?.has(c.candidateId)).length }];
    }),
  }));
}
