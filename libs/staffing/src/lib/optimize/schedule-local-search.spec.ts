import { candidateShift as shift, scheduleAgent as agent } from '../../testing/schedule-builders';
import { syntheticScheduleProblem } from '../../testing/synthetic-schedule.factory';
import { greedyAssign } from './greedy-schedule';
import { evaluatePrepared, validatePrepared } from './schedule-evaluation';
import { improveSchedule } from './schedule-local-search';
import { PreparedSchedule, PreparedShift, prepareSchedule } from './schedule-preparation';
import { ScheduleProblem } from './schedule-problem.types';

/** Prepared problem and a start: candidate ids per agent, in problem order. */
function start(problem: ScheduleProblem, ids: string[][]): { prepared: PreparedSchedule; chosen: PreparedShift[][] } {
  const prepared = prepareSchedule(problem);
  return {
    prepared,
    chosen: prepared.agents.map((a) => (ids[a.position] ?? []).map((id) => a.candidatesById.get(id)!)),
  };
}

function improve(problem: ScheduleProblem, ids: string[][]) {
  const { prepared, chosen } = start(problem, ids);
  const result = improveSchedule(prepared, chosen, { deadline: Infinity });
  const assignments = prepared.agents.map((a) => ({
    agentId: a.agentId,
    candidateIds: result.chosen[a.position]!.map((s) => s.id),
  }));
  return {
    result,
    ids: assignments.map((a) => a.candidateIds),
    objective: evaluatePrepared(prepared, result.chosen).objective,
    before: evaluatePrepared(prepared, chosen).objective,
    violations: validatePrepared(prepared, assignments),
  };
}

describe('improveSchedule: moves with a known best answer', () => {
  it('moves a shift to the hours that need it', () => {
    // Hours 0-1 need one agent; the start works hours 2-3 (2 h short ×100 + 2 h over ×2 + 2 paid hours = 206).
    // The better day: the early shift, 2 paid hours at the mean rate, nothing short or over.
    const problem: ScheduleProblem = {
      intervalCount: 4,
      intervalMinutes: 60,
      required: [1, 1, 0, 0],
      agents: [agent('a', [shift('early', 0, 0, 2), shift('late', 0, 2, 4)])],
    };
    const { ids, objective, before, violations, result } = improve(problem, [['late@0']]);
    expect(before).toBe(206);
    expect(ids).toEqual([['early@0']]);
    expect(objective).toBe(2);
    expect(violations).toEqual([]);
    expect(result.converged).toBe(true);
  });

  it('changes two days at once when the weekly hours allow no single change', () => {
    // A 4-hour contract. Day 0 needs hours 8-11 (4 h), day 1 needs hours 32-36 (5 h). The start works
    // day 0: 5 h short = 500, + 4 paid = 504. Adding day 1 breaks the contract; dropping day 0 alone is
    // worse (9 h short). Both at once: 4 h short + 4 paid = 404.
    const required = new Array<number>(48).fill(0);
    for (let t = 8; t < 12; t++) required[t] = 1;
    for (let t = 32; t < 37; t++) required[t] = 1;
    const problem: ScheduleProblem = {
      intervalCount: 48,
      intervalMinutes: 60,
      required,
      agents: [agent('a', [shift('x', 0, 8, 12), shift('y', 1, 32, 37, { paidHours: 4 })], { maxWeeklyHours: 4 })],
    };
    const { ids, objective, before, violations } = improve(problem, [['x@0']]);
    expect(before).toBe(504);
    expect(ids).toEqual([['y@1']]);
    expect(objective).toBe(404);
    expect(violations).toEqual([]);
  });

  it('gives a shift to the cheaper agent by an exchange', () => {
    // One 4-hour shift is needed; rates 10 and 30 (mean 20). The expensive agent works it: 30·4/20 = 6.
    // Exchanged (the cheap agent works, the other has the day off): 10·4/20 = 2.
    const problem: ScheduleProblem = {
      intervalCount: 4,
      intervalMinutes: 60,
      required: [1, 1, 1, 1],
      agents: [
        agent('cheap', [shift('d', 0, 0, 4)], { hourlyCost: 10 }),
        agent('dear', [shift('d', 0, 0, 4)], { hourlyCost: 30 }),
      ],
    };
    const { ids, objective, before, violations } = improve(problem, [[], ['d@0']]);
    expect(before).toBe(6);
    expect(ids).toEqual([['d@0'], []]);
    expect(objective).toBe(2);
    expect(violations).toEqual([]);
  });

  it('prices several channels by their best split: the agent who can serve the short channel works', () => {
    // Only SOCIAL needs an agent (4 h). The phone-only agent works: 4 h short (400) + 4 h over (8) + 4 paid = 412.
    // The agent serving phone and social works instead: 4 paid hours, nothing short or over.
    const problem: ScheduleProblem = {
      intervalCount: 4,
      intervalMinutes: 60,
      required: [],
      channels: [
        { channel: 'PHONE', required: [0, 0, 0, 0] },
        { channel: 'SOCIAL', required: [1, 1, 1, 1] },
      ],
      agents: [
        agent('phone', [shift('d', 0, 0, 4)], { channels: ['PHONE'] }),
        agent('both', [shift('d', 0, 0, 4)], { channels: ['PHONE', 'SOCIAL'] }),
      ],
    };
    const { ids, objective, before, violations } = improve(problem, [['d@0'], []]);
    expect(before).toBe(412);
    expect(ids).toEqual([[], ['d@0']]);
    expect(objective).toBe(4);
    expect(violations).toEqual([]);
  });

  it('keeps a start it cannot improve', () => {
    const problem: ScheduleProblem = {
      intervalCount: 4,
      intervalMinutes: 60,
      required: [1, 1, 1, 1],
      agents: [agent('a', [shift('d', 0, 0, 4), shift('short', 0, 0, 2)])],
    };
    const { ids, result } = improve(problem, [['d@0']]);
    expect(ids).toEqual([['d@0']]);
    expect(result.moves).toBe(0);
    expect(result.converged).toBe(true);
  });
});

describe('improveSchedule on a synthetic week', () => {
  it.each([
    ['one channel', {}],
    ['four channels', { channels: ['PHONE', 'CHAT', 'EMAIL', 'SOCIAL'] }],
    ['wishes and week rules', { wishes: true }],
  ])('%s: keeps every rule and never gets worse than its start (iterated)', (_, options) => {
    const problem = syntheticScheduleProblem({ seed: 3, days: 7, agents: 20, templates: 8, ...options });
    const prepared = prepareSchedule(problem);
    const greedy = greedyAssign(prepared);
    // A bounded number of ruin-and-descend rounds instead of a deadline: the same work on any machine.
    const result = improveSchedule(prepared, greedy, { deadline: Infinity, perturb: true, maxKicks: 10 });
    const assignments = prepared.agents.map((a) => ({
      agentId: a.agentId,
      candidateIds: result.chosen[a.position]!.map((s) => s.id),
    }));
    expect(validatePrepared(prepared, assignments)).toEqual([]);
    expect(result.converged).toBe(true);
    expect(result.kicks).toBe(10);
    expect(evaluatePrepared(prepared, result.chosen).objective).toBeLessThan(
      evaluatePrepared(prepared, greedy).objective,
    );
  });
});
