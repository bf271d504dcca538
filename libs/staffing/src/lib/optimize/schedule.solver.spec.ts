import { StaffingInputError } from '../math/staffing-input.error';
import { candidateShift as shift, scheduleAgent as agent } from '../../testing/schedule-builders';
import { syntheticScheduleProblem } from '../../testing/synthetic-schedule.factory';
import { greedySchedule } from './greedy-schedule';
import { evaluateSchedule, validateSchedule } from './schedule-evaluation';
import { CandidateShift, ScheduleAgent, ScheduleProblem, ScheduleProgress } from './schedule-problem.types';
import { solveSchedule } from './schedule.solver';

function hourly(required: number[], agents: ScheduleAgent[]): ScheduleProblem {
  return { intervalCount: required.length, intervalMinutes: 60, required, agents };
}

const quick = { timeLimitSeconds: 20 };

describe('solveSchedule: small problems with a known optimum', () => {
  it('finds the only pair of shifts that matches the requirement exactly', async () => {
    // Early [0, 4) + late [2, 6) gives 1,1,2,2,1,1: the requirement. Either agent may take either.
    const problem = hourly(
      [1, 1, 2, 2, 1, 1],
      [
        agent('a', [shift('early', 0, 0, 4), shift('late', 0, 2, 6), shift('middle', 0, 1, 5)], { hourlyCost: 20 }),
        agent('b', [shift('early', 0, 0, 4), shift('late', 0, 2, 6), shift('middle', 0, 1, 5)], { hourlyCost: 30 }),
      ],
    );
    const solution = await solveSchedule(problem, quick);
    expect(solution.status).toBe('OPTIMAL');
    expect(solution.coverage).toEqual([1, 1, 2, 2, 1, 1]);
    expect(solution.underCoverageAgentHours).toBe(0);
    expect(solution.overCoverageAgentHours).toBe(0);
    expect(solution.cost).toBe(4 * 20 + 4 * 30);
    const chosen = solution.assignments.map((a) => a.candidateIds[0]).sort();
    expect(chosen).toEqual(['early@0', 'late@0']);
    expect(solution.mipGap).toBeLessThanOrEqual(0.005);
    expect(solution.bestBound).not.toBeNull();
  });

  it('gives the work to the cheaper agent when only one shift is needed', async () => {
    const problem = hourly(
      [1, 1, 1, 1],
      [
        agent('dear', [shift('day', 0, 0, 4)], { hourlyCost: 40 }),
        agent('cheap', [shift('day', 0, 0, 4)], { hourlyCost: 10 }),
      ],
    );
    const solution = await solveSchedule(problem, quick);
    expect(solution.assignments).toEqual([
      { agentId: 'dear', candidateIds: [] },
      { agentId: 'cheap', candidateIds: ['day@0'] },
    ]);
  });

  it('counts breaks as not working', async () => {
    // With a break at interval 2 one shift leaves a hole; the second agent fills it with a 1-hour shift.
    const problem = hourly(
      [1, 1, 1, 1],
      [
        agent('a', [shift('long', 0, 0, 4, { nonWorkingIntervals: [2], paidHours: 4 })]),
        agent('b', [shift('short', 0, 2, 3)]),
      ],
    );
    const solution = await solveSchedule(problem, quick);
    expect(solution.coverage).toEqual([1, 1, 1, 1]);
    expect(solution.assignments.map((a) => a.candidateIds)).toEqual([['long@0'], ['short@0']]);
  });

  it('respects the minimum rest: a late shift and the next early shift do not go to one agent', async () => {
    // Two days of 24 hourly intervals. Demand 16:00–24:00 on day 0 and 06:00–14:00 on day 1: 6 h apart.
    const required = new Array(48).fill(0);
    for (let t = 16; t < 24; t++) required[t] = 1;
    for (let t = 30; t < 38; t++) required[t] = 1;
    const candidates = [shift('late', 0, 16, 24), shift('early', 1, 30, 38)];
    const solo = await solveSchedule(hourly(required, [agent('a', candidates)]), quick);
    expect(solo.assignments[0].candidateIds).toHaveLength(1);
    expect(solo.underCoverageAgentHours).toBe(8);
    const pairProblem = hourly(required, [agent('a', candidates), agent('b', candidates)]);
    const pair = await solveSchedule(pairProblem, quick);
    expect(pair.underCoverageAgentHours).toBe(0);
    expect(pair.assignments.every((a) => a.candidateIds.length === 1)).toBe(true);
    expect(validateSchedule(pairProblem, pair.assignments)).toEqual([]);
    // Both shifts to one agent is what the rule forbids.
    expect(validateSchedule(pairProblem, [{ agentId: 'a', candidateIds: ['late@0', 'early@1'] }])[0].rule).toBe(
      'MIN_REST',
    );
  });

  it('respects weekly hours and consecutive days', async () => {
    // Four days of demand 09:00–17:00; agent a may work 16 h a week, agent b at most 2 days in a row.
    const days = 4;
    const required = new Array(24 * days).fill(0);
    const candidates: CandidateShift[] = [];
    for (let d = 0; d < days; d++) {
      for (let t = 9; t < 17; t++) required[24 * d + t] = 1;
      candidates.push(shift('day', d, 24 * d + 9, 24 * d + 17));
    }
    const hoursCapped = await solveSchedule(hourly(required, [agent('a', candidates, { maxWeeklyHours: 16 })]), quick);
    expect(hoursCapped.assignments[0].candidateIds).toHaveLength(2);
    const daysProblem = hourly(required, [agent('b', candidates, { maxConsecutiveDays: 2 })]);
    const daysCapped = await solveSchedule(daysProblem, quick);
    // Three of the four days, with a day off among the middle two, is the best 2-in-a-row allows.
    const worked = daysCapped.assignments[0].candidateIds;
    expect(worked).toHaveLength(3);
    expect(worked.includes('day@1') && worked.includes('day@2')).toBe(false);
    expect(validateSchedule(daysProblem, daysCapped.assignments)).toEqual([]);
  });

  it('keeps fixed shifts: their coverage counts and their rest and days bind', async () => {
    const required = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1];
    const problem = hourly(required, [
      agent('a', [shift('morning', 0, 0, 4), shift('evening', 1, 14, 18)], {
        minRestHours: 11,
        fixedShifts: [{ dayIndex: 0, startInterval: 0, endInterval: 4, paidHours: 4 }],
      }),
      agent('b', [shift('evening', 1, 14, 18)]),
    ]);
    const solution = await solveSchedule(problem, quick);
    // The fixed shift already covers 0–4; a's evening shift starts 10 h after it ends (< 11 h rest), so b takes it.
    expect(solution.coverage).toEqual(required);
    expect(solution.assignments).toEqual([
      { agentId: 'a', candidateIds: [] },
      { agentId: 'b', candidateIds: ['evening@1'] },
    ]);
    expect(solution.cost).toBe(80);
  });
});

describe('solveSchedule: matches brute force on tiny instances', () => {
  // 2 agents × 3 days × 3 templates (hourly): every combination can be enumerated (4⁶ = 4,096).
  // Late (14–22) then early (6–14) the next day rests 8 h < 11 h; agent a may work 16 h (two
  // shifts), agent b at most 2 days in a row. The MIP must find the same optimum: not less
  // (a rule missing) and not more (a rule stated too strictly).
  const templates: Array<[string, number, number]> = [
    ['early', 6, 14],
    ['mid', 10, 18],
    ['late', 14, 22],
  ];
  function tiny(seed: number): ScheduleProblem {
    let state = seed;
    const random = (): number => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    const required = new Array(72).fill(0).map((_, t) => (t % 24 >= 6 && t % 24 < 22 ? Math.floor(random() * 3) : 0));
    const candidates = [0, 1, 2].flatMap((d) => templates.map(([id, s, e]) => shift(id, d, 24 * d + s, 24 * d + e)));
    return hourly(required, [
      agent('a', candidates, { hourlyCost: 20, maxWeeklyHours: 16 }),
      agent('b', candidates, { hourlyCost: 25, maxConsecutiveDays: 2 }),
    ]);
  }
  function bruteForce(problem: ScheduleProblem): number {
    const options = [null, ...templates.map(([id]) => id)];
    let best = Infinity;
    for (let code = 0; code < 4 ** 6; code++) {
      const picks = [0, 1, 2, 3, 4, 5].map((k) => options[Math.floor(code / 4 ** k) % 4]);
      const assignments = ['a', 'b'].map((agentId, a) => ({
        agentId,
        candidateIds: [0, 1, 2].flatMap((d) => (picks[3 * a + d] ? [`${picks[3 * a + d]}@${d}`] : [])),
      }));
      if (validateSchedule(problem, assignments).length > 0) continue;
      best = Math.min(best, evaluateSchedule(problem, assignments).objective);
    }
    return best;
  }

  it.each([1, 2, 3, 4])('seed %i', async (seed) => {
    const problem = tiny(seed);
    const solution = await solveSchedule(problem, { timeLimitSeconds: 20, mipRelativeGap: 0 });
    expect(solution.status).toBe('OPTIMAL');
    expect(solution.objective).toBeCloseTo(bruteForce(problem), 6);
  });
});

describe('solveSchedule: empty, infeasible and invalid problems', () => {
  it('with no agent reports every required hour as under-coverage', async () => {
    const solution = await solveSchedule(hourly([2, 0, 1], []), quick);
    expect(solution.status).toBe('NO_CANDIDATES');
    expect(solution.underCoverageAgentHours).toBe(3);
    expect(solution.assignments).toEqual([]);
  });

  it('with an empty horizon does nothing', async () => {
    const solution = await solveSchedule(
      { intervalCount: 0, intervalMinutes: 15, required: [], agents: [agent('a', [])] },
      quick,
    );
    expect(solution.status).toBe('NO_CANDIDATES');
    expect(solution.objective).toBe(0);
  });

  it('when no candidate can be used (contract of 0 hours) nothing is scheduled', async () => {
    const solution = await solveSchedule(
      hourly([1, 1], [agent('a', [shift('s', 0, 0, 2)], { maxWeeklyHours: 0 })]),
      quick,
    );
    expect(solution.status).toBe('NO_CANDIDATES');
    expect(solution.model.prunedCandidates).toBe(1);
    expect(solution.underCoverageAgentHours).toBe(2);
  });

  it.each<[string, (p: ScheduleProblem) => void, string]>([
    ['required of the wrong length', (p) => p.required.pop(), 'required'],
    ['a negative requirement', (p) => (p.required[0] = -1), 'required[0]'],
    [
      'a shift ending before it starts',
      (p) => (p.agents[0].candidates[0].endInterval = 0),
      'agents[0].candidates[0].endInterval',
    ],
    [
      'a break outside the shift',
      (p) => (p.agents[0].candidates[0].nonWorkingIntervals = [7]),
      'agents[0].candidates[0].nonWorkingIntervals[0]',
    ],
    [
      'a duplicate candidate id',
      (p) => p.agents[0].candidates.push({ ...p.agents[0].candidates[0] }),
      'agents[0].candidates[1].candidateId',
    ],
    ['a duplicate agent', (p) => p.agents.push({ ...p.agents[0] }), 'agents[1].agentId'],
  ])('rejects %s naming the field', async (_, mutate, field) => {
    const problem = hourly([1, 1], [agent('a', [shift('s', 0, 0, 2)])]);
    mutate(problem);
    await expect(solveSchedule(problem, quick)).rejects.toThrow(StaffingInputError);
    await expect(solveSchedule(problem, quick)).rejects.toMatchObject({ field });
  });
});

describe('validateSchedule', () => {
  const days = [0, 1, 2, 3].map((d) => shift('day', d, 24 * d + 9, 24 * d + 17));
  const problem = hourly(new Array(96).fill(1), [
    agent('a', [...days, shift('late', 0, 14, 23), shift('early', 1, 30, 38)], {
      maxWeeklyHours: 24,
      maxConsecutiveDays: 2,
      fixedShifts: [{ shiftId: 'f', dayIndex: 3, startInterval: 80, endInterval: 84, paidHours: 4 }],
    }),
  ]);
  const rules = (candidateIds: string[]) =>
    validateSchedule(problem, [{ agentId: 'a', candidateIds }])
      .map((v) => v.rule)
      .sort();

  it('accepts a schedule that keeps every rule', () => {
    expect(rules(['day@0', 'day@1'])).toEqual([]);
  });

  it('finds every kind of violation', () => {
    expect(rules(['day@0', 'late@0'])).toEqual(['ONE_SHIFT_PER_DAY']);
    expect(rules(['late@0', 'early@1'])).toEqual(['MIN_REST']);
    expect(rules(['day@0', 'day@1', 'day@2'])).toEqual(['MAX_CONSECUTIVE_DAYS', 'MAX_WEEKLY_HOURS']);
    expect(rules(['day@3'])).toEqual(['ONE_SHIFT_PER_DAY']); // the fixed shift is on day 3
    expect(rules(['nope'])).toEqual(['UNKNOWN_CANDIDATE']);
    expect(rules(['day@0', 'day@0'])).toEqual(['DUPLICATE_CANDIDATE']);
    expect(validateSchedule(problem, [{ agentId: 'ghost', candidateIds: [] }]).map((v) => v.rule)).toEqual([
      'UNKNOWN_AGENT',
    ]);
  });

  it('evaluateSchedule prices and counts coverage', () => {
    const evaluation = evaluateSchedule(problem, [{ agentId: 'a', candidateIds: ['day@0'] }]);
    expect(evaluation.cost).toBe(160);
    expect(evaluation.paidHours).toBe(8);
    // 96 hours required; day@0 covers 8 and the fixed shift 4.
    expect(evaluation.underCoverageAgentHours).toBe(84);
  });
});

describe('solveSchedule against the greedy baseline on random instances', () => {
  it.each([11, 12, 13])('seed %i: never breaks a rule and covers at least what greedy covers', async (seed) => {
    const problem = syntheticScheduleProblem({ seed, days: 3, agents: 25, templates: 12 });
    const greedy = greedySchedule(problem);
    const progress: ScheduleProgress[] = [];
    const solution = await solveSchedule(problem, { timeLimitSeconds: 15 }, (p) => progress.push(p));
    expect(validateSchedule(problem, greedy.assignments)).toEqual([]);
    expect(validateSchedule(problem, solution.assignments)).toEqual([]);
    expect(solution.objective).toBeLessThanOrEqual(greedy.objective + 1e-6);
    expect(solution.underCoverageAgentHours).toBeLessThanOrEqual(greedy.underCoverageAgentHours + 1e-9);
    expect(['OPTIMAL', 'TIME_LIMIT']).toContain(solution.status);
    // The reported bound is a bound: no schedule beats it, and the gap is measured against it.
    expect(solution.bestBound).not.toBeNull();
    expect(solution.bestBound as number).toBeLessThanOrEqual(solution.objective + 1e-6);
    expect(solution.mipGap).toBeCloseTo((solution.objective - (solution.bestBound as number)) / solution.objective, 9);
    expect(progress.map((p) => p.phase)).toEqual(
      expect.arrayContaining(['building model', 'warm start', 'solving', 'done']),
    );
    // The re-evaluation of the assignments agrees with what the solver reported.
    const evaluation = evaluateSchedule(problem, solution.assignments);
    expect(evaluation.objective).toBeCloseTo(solution.objective, 9);
  });

  it('the full-MIP-only path and the direct coverage rows reach the same optimum on a small instance', async () => {
    const problem = syntheticScheduleProblem({ seed: 5, days: 2, agents: 8, templates: 6 });
    const options = { timeLimitSeconds: 20, mipRelativeGap: 0 };
    const phased = await solveSchedule(problem, options);
    const fullOnly = await solveSchedule(problem, options, undefined, { fullMipOnly: true });
    const direct = await solveSchedule(problem, options, undefined, { formulation: 'direct', fullMipOnly: true });
    expect(fullOnly.status).toBe('OPTIMAL');
    expect(direct.status).toBe('OPTIMAL');
    expect(direct.objective).toBeCloseTo(fullOnly.objective, 6);
    expect(phased.objective).toBeCloseTo(fullOnly.objective, 6);
  });

  it('stops at the time limit with a valid schedule no worse than greedy', async () => {
    const problem = syntheticScheduleProblem({ seed: 3, days: 7, agents: 60, templates: 20 });
    const greedy = greedySchedule(problem);
    const solution = await solveSchedule(problem, { timeLimitSeconds: 4, mipRelativeGap: 0 });
    expect(['TIME_LIMIT', 'OPTIMAL']).toContain(solution.status);
    expect(validateSchedule(problem, solution.assignments)).toEqual([]);
    expect(solution.objective).toBeLessThanOrEqual(greedy.objective + 1e-6);
  });

  it('can be interrupted and still answers with the best schedule so far', async () => {
    const problem = syntheticScheduleProblem({ seed: 4, days: 7, agents: 60, templates: 20 });
    let polls = 0;
    const solution = await solveSchedule(problem, { timeLimitSeconds: 30, mipRelativeGap: 0 }, undefined, {
      shouldStop: () => ++polls > 3,
    });
    expect(solution.status).toBe('INTERRUPTED');
    expect(validateSchedule(problem, solution.assignments)).toEqual([]);
    expect(solution.solveSeconds).toBeLessThan(10);
  });

  it('starts from a given schedule when it keeps every rule and beats greedy, and ignores it otherwise', async () => {
    const problem = syntheticScheduleProblem({ seed: 3, days: 7, agents: 60, templates: 20 });
    const greedy = greedySchedule(problem);
    const earlier = await solveSchedule(problem, { timeLimitSeconds: 4 });
    expect(earlier.objective).toBeLessThan(greedy.objective - 1);
    // Stopped before HiGHS answers anything: what is returned is the starting point.
    const stopAtOnce = { shouldStop: () => true };
    const started = await solveSchedule(
      problem,
      { timeLimitSeconds: 30, startFrom: earlier.assignments },
      undefined,
      stopAtOnce,
    );
    expect(started.source).toBe('START');
    expect(started.assignments).toEqual(earlier.assignments);
    expect(started.objective).toBeCloseTo(earlier.objective, 6);
    const fromGreedy = await solveSchedule(problem, { timeLimitSeconds: 30 }, undefined, stopAtOnce);
    expect(fromGreedy.source).toBe('GREEDY');
    expect(fromGreedy.objective).toBeCloseTo(greedy.objective, 6);
    // Every agent on every candidate breaks the rules: not a starting point.
    const everything = problem.agents.map((a) => ({
      agentId: a.agentId,
      candidateIds: a.candidates.map((c) => c.candidateId),
    }));
    const refused = await solveSchedule(
      problem,
      { timeLimitSeconds: 30, startFrom: everything },
      undefined,
      stopAtOnce,
    );
    expect(refused.source).toBe('GREEDY');
    expect(validateSchedule(problem, refused.assignments)).toEqual([]);
  });
});

describe('solveSchedule: several channels in one problem', () => {
  const day = (templateId: string, start: number, end: number): CandidateShift => shift(templateId, 0, start, end);

  it('lets an agent who serves both channels cover the one that needs them, and reports coverage per channel', async () => {
    // Phone and chat each need one agent for four hours. A serves phone only, B both, C chat only and
    // only the first two hours. A + B covers everything with 8 paid hours; C would add 2 hours for nothing.
    const problem: ScheduleProblem = {
      intervalCount: 4,
      intervalMinutes: 60,
      required: [],
      channels: [
        { channel: 'PHONE', required: [1, 1, 1, 1] },
        { channel: 'CHAT', required: [1, 1, 1, 1] },
      ],
      agents: [
        agent('a', [day('d', 0, 4)], { channels: ['PHONE'] }),
        agent('b', [day('d', 0, 4)], { channels: ['PHONE', 'CHAT'] }),
        agent('c', [day('short', 0, 2)], { channels: ['CHAT'] }),
      ],
    };
    const solution = await solveSchedule(problem, quick);
    expect(solution.assignments.map((a) => a.candidateIds)).toEqual([['d@0'], ['d@0'], []]);
    expect(solution.underCoverageAgentHours).toBe(0);
    expect(solution.channelCoverage).toEqual([
      {
        channel: 'PHONE',
        coverage: [1, 1, 1, 1],
        underCoverageAgentHours: 0,
        overCoverageAgentHours: 0,
        underCoveredIntervals: 0,
      },
      {
        channel: 'CHAT',
        coverage: [1, 1, 1, 1],
        underCoverageAgentHours: 0,
        overCoverageAgentHours: 0,
        underCoveredIntervals: 0,
      },
    ]);
    expect(solution.status).toBe('OPTIMAL');
  });

  it('splits a multi-channel agent’s time between channels interval by interval', async () => {
    // Phone needs 1 in hours 0-1, chat 1 in hours 2-3: one agent serving both covers the day.
    const problem: ScheduleProblem = {
      intervalCount: 4,
      intervalMinutes: 60,
      required: [],
      channels: [
        { channel: 'PHONE', required: [1, 1, 0, 0] },
        { channel: 'CHAT', required: [0, 0, 1, 1] },
      ],
      agents: [
        agent('both', [day('d', 0, 4)], { channels: ['PHONE', 'CHAT'] }),
        agent('phone', [day('d', 0, 4)], { channels: ['PHONE'] }),
      ],
    };
    const solution = await solveSchedule(problem, quick);
    expect(solution.assignments.map((a) => a.candidateIds)).toEqual([['d@0'], []]);
    expect(solution.channelCoverage!.map((c) => c.coverage)).toEqual([
      [1, 1, 0, 0],
      [0, 0, 1, 1],
    ]);
    expect(solution.overCoverageAgentHours).toBe(0);
  });

  it('refuses an agent channel the problem does not have, naming the field', async () => {
    const problem: ScheduleProblem = {
      intervalCount: 1,
      intervalMinutes: 60,
      required: [],
      channels: [{ channel: 'PHONE', required: [1] }],
      agents: [agent('a', [day('d', 0, 1)], { channels: ['FAX'] })],
    };
    await expect(solveSchedule(problem, quick)).rejects.toMatchObject({ field: 'agents[0].channels[0]' });
  });
});
