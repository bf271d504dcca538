import { validateSchedule } from './schedule-evaluation';
import { CandidateShift, ScheduleAgent, ScheduleProblem } from './schedule-problem.types';
import { solveSchedule } from './schedule.solver';

/** Hourly intervals, days of 24: day d's shift [start, end) local hours. */
function shift(
  templateId: string,
  day: number,
  start: number,
  end: number,
  extra: Partial<CandidateShift> = {},
): CandidateShift {
  return {
    candidateId: `${templateId}@${day}`,
    templateId,
    dayIndex: day,
    startInterval: 24 * day + start,
    endInterval: 24 * day + end,
    paidHours: end - start,
    ...extra,
  };
}

function agent(agentId: string, candidates: CandidateShift[], extra: Partial<ScheduleAgent> = {}): ScheduleAgent {
  return { agentId, hourlyCost: 20, maxWeeklyHours: 60, minRestHours: 11, maxConsecutiveDays: 7, candidates, ...extra };
}

/** `days` days with `perHour` agents required from `open` to `close`. */
function demand(days: number, open: number, close: number, perHour = 1): number[] {
  const required: number[] = [];
  for (let d = 0; d < days; d++) for (let h = 0; h < 24; h++) required.push(h >= open && h < close ? perHour : 0);
  return required;
}

const quick = { timeLimitSeconds: 20 };

describe('solveSchedule: availability, wishes and week rules', () => {
  it('never schedules outside availability (recurring windows and exceptions resolved to spans)', async () => {
    // Two days; agent a is available only on day 0 from 06:00 to 18:00, b always but dearer.
    const candidates = (day: number) => [shift('early', day, 7, 15), shift('late', day, 10, 18)];
    const problem: ScheduleProblem = {
      intervalCount: 48,
      intervalMinutes: 60,
      required: demand(2, 10, 18),
      agents: [
        agent('a', [...candidates(0), ...candidates(1)], { availability: [{ startInterval: 6, endInterval: 18 }] }),
        agent('b', [...candidates(0), ...candidates(1)], { hourlyCost: 30 }),
      ],
    };
    const solution = await solveSchedule(problem, quick);
    expect(solution.assignments).toEqual([
      { agentId: 'a', candidateIds: ['late@0'] },
      { agentId: 'b', candidateIds: ['late@1'] },
    ]);
    expect(validateSchedule(problem, [{ agentId: 'a', candidateIds: ['late@1'] }])).toEqual([
      expect.objectContaining({ rule: 'AVAILABILITY', agentId: 'a', shiftIds: ['late@1'] }),
    ]);
  });

  it('meets a weighted wish when it costs little, and reports met and unmet wishes per agent', async () => {
    // One 8-hour slot a day for two days; a and b cost the same. a prefers day 1, b avoids day 1.
    const both = (id: string) => agent(id, [shift('day', 0, 9, 17), shift('day', 1, 9, 17)], { maxWeeklyHours: 8 });
    const problem: ScheduleProblem = {
      intervalCount: 48,
      intervalMinutes: 60,
      required: demand(2, 9, 17),
      agents: [
        { ...both('a'), preferences: [{ kind: 'PREFER', dayIndex: 1, weight: 2 }] },
        {
          ...both('b'),
          preferences: [
            { kind: 'AVOID', dayIndex: 1, weight: 2 },
            { kind: 'PREFER', templateId: 'night', weight: 1 },
          ],
        },
      ],
    };
    const solution = await solveSchedule(problem, quick);
    expect(solution.assignments).toEqual([
      { agentId: 'a', candidateIds: ['day@1'] },
      { agentId: 'b', candidateIds: ['day@0'] },
    ]);
    expect(solution.preferences).toEqual([
      { agentId: 'a', met: 1, unmet: 0, results: [true] },
      { agentId: 'b', met: 1, unmet: 1, results: [true, false] },
    ]);
    // The unmet wish (no night template exists) costs its weight: 1 paid hour at the mean rate.
    expect(solution.preferencePenalty).toBeCloseTo(1, 9);
  });

  it('keeps each agent’s start times within the spread, and leaves two days off a week', async () => {
    // Seven days needing one agent 07:00-19:00 in two halves; one agent with early and late options.
    const candidates: CandidateShift[] = [];
    for (let d = 0; d < 7; d++) candidates.push(shift('early', d, 7, 13), shift('late', d, 13, 19));
    const problem: ScheduleProblem = {
      intervalCount: 7 * 24,
      intervalMinutes: 60,
      required: demand(7, 7, 19),
      agents: [
        agent('a', candidates, { maxStartSpreadMinutes: 60, minDaysOffPerWeek: 2, minRestHours: 0 }),
        agent('b', candidates, { maxStartSpreadMinutes: 60, minDaysOffPerWeek: 2, minRestHours: 0 }),
        agent('c', candidates, { maxStartSpreadMinutes: 60, minDaysOffPerWeek: 2, minRestHours: 0 }),
      ],
    };
    const solution = await solveSchedule(problem, quick);
    expect(validateSchedule(problem, solution.assignments)).toEqual([]);
    for (const a of solution.assignments) {
      const starts = new Set(a.candidateIds.map((id) => id.split('@')[0]));
      expect(starts.size).toBeLessThanOrEqual(1); // early or late, never both within a week
      expect(a.candidateIds.length).toBeLessThanOrEqual(5);
    }
    // 7 early and 7 late slots, at most 5 days per agent, each agent early or late all week: two agents
    // on one half and one on the other leave two 6-hour slots short, the best three agents can do.
    expect(solution.underCoverageAgentHours).toBe(12);
    const violating = validateSchedule(problem, [{ agentId: 'a', candidateIds: ['early@0', 'late@1'] }]);
    expect(violating.map((v) => v.rule)).toContain('START_TIME_SPREAD');
    const sixDays = validateSchedule(problem, [
      { agentId: 'a', candidateIds: [0, 1, 2, 3, 4, 5].map((d) => `early@${d}`) },
    ]);
    expect(sixDays.map((v) => v.rule)).toContain('MIN_DAYS_OFF');
  });

  it('shares weekend shifts within the fairness bound, counting the weeks before', async () => {
    // A weekend day needing two agents; a already worked 3 weekend shifts recently, b and c none.
    const weekend = (id: string, history: number) =>
      agent(id, [shift('sat', 5, 9, 17, { tags: ['WEEKEND'] })], { history: { weekendShifts: history } });
    const problem: ScheduleProblem = {
      intervalCount: 7 * 24,
      intervalMinutes: 60,
      required: demand(7, 0, 0).map((_, t) => (t >= 5 * 24 + 9 && t < 5 * 24 + 17 ? 2 : 0)),
      agents: [{ ...weekend('a', 3), hourlyCost: 10 }, weekend('b', 0), weekend('c', 0)],
      fairness: [{ tag: 'WEEKEND', maxAboveFairShare: 1 }],
    };
    // Fair share: (3 + 2 needed) ÷ 3 ≈ 1.67; bound ⌊1.67 + 1⌋ = 2 in total, so a (3 already) gets none.
    const solution = await solveSchedule(problem, quick);
    expect(solution.assignments.map((a) => a.candidateIds)).toEqual([[], ['sat@5'], ['sat@5']]);
    expect(validateSchedule(problem, [{ agentId: 'a', candidateIds: ['sat@5'] }]).map((v) => v.rule)).toEqual([
      'FAIRNESS',
    ]);
  });

  it('prefers two consecutive days off when asked, at no cost in coverage', async () => {
    // One agent, seven equal days, at most five worked: any two days off cost the same coverage.
    const candidates: CandidateShift[] = [];
    for (let d = 0; d < 7; d++) candidates.push(shift('day', d, 9, 17));
    const required = demand(7, 9, 17);
    const problem: ScheduleProblem = {
      intervalCount: 7 * 24,
      intervalMinutes: 60,
      required,
      agents: [agent('a', candidates, { minDaysOffPerWeek: 2 })],
      consecutiveDaysOffWeight: 5,
    };
    const solution = await solveSchedule(problem, quick);
    const worked = solution.assignments[0]!.candidateIds.map((id) => Number(id.split('@')[1]));
    expect(worked).toHaveLength(5);
    const off = [0, 1, 2, 3, 4, 5, 6].filter((d) => !worked.includes(d));
    expect(off[1]! - off[0]!).toBe(1);
  });
});
