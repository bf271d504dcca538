import { CandidateShift, ScheduleAgent } from '../lib/optimize/schedule-problem.types';

/** A candidate shift on hourly intervals: [startInterval, endInterval) is that many paid hours unless `extra` says otherwise. */
export function candidateShift(
  templateId: string,
  dayIndex: number,
  startInterval: number,
  endInterval: number,
  extra: Partial<CandidateShift> = {},
): CandidateShift {
  return {
    candidateId: `${templateId}@${dayIndex}`,
    templateId,
    dayIndex,
    startInterval,
    endInterval,
    paidHours: endInterval - startInterval,
    ...extra,
  };
}

/** An agent at 20 an hour, at most 40 hours a week, 11 hours' rest and 5 days in a row, unless `extra` says otherwise. */
export function scheduleAgent(
  agentId: string,
  candidates: CandidateShift[],
  extra: Partial<ScheduleAgent> = {},
): ScheduleAgent {
  return { agentId, hourlyCost: 20, maxWeeklyHours: 40, minRestHours: 11, maxConsecutiveDays: 5, candidates, ...extra };
}
