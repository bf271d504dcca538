/**
 * Schedule generation on seeded synthetic weeks (libs/staffing/src/testing/synthetic-schedule.factory.ts:
 * 15-minute intervals, 30 templates of 6, 8 and 10 hours with breaks, 20–40 h contracts, 11 h rest, at
 * most 5 days in a row), every figure beside a baseline of the same run:
 *  - the two-stage solver's objective against the proven lower bound it reports (the gap the issue's
 *    goals are stated in) at 10 s and 60 s for 150 agents and at 60 s for 500 (20 s in quick mode), and
 *    against the greedy schedule (never worse);
 *  - all four channels of a team in one problem: under-coverage per channel against greedy;
 *  - agents' wishes: the share met against the share the greedy schedule happens to meet.
 * Every schedule is checked against every hard rule.
 *
 *   node -r @swc-node/register benchmarks/staffing/schedule-generation.bench.ts [--quick] [--seed=7]
 *     --quick: 150 agents at 10 s, 500 at 20 s, and 60-agent channel and wish instances at 10 s (CI,
 *              about a minute)
 */
import { greedySchedule } from '../../libs/staffing/src/lib/optimize/greedy-schedule';
import { validateSchedule } from '../../libs/staffing/src/lib/optimize/schedule-evaluation';
import { ScheduleProblem, ScheduleSolution } from '../../libs/staffing/src/lib/optimize/schedule-problem.types';
import { solveSchedule } from '../../libs/staffing/src/lib/optimize/schedule.solver';
import { syntheticScheduleProblem } from '../../libs/staffing/src/testing/synthetic-schedule.factory';
import { BenchmarkRow, printRows, row } from '../support/benchmark-row';

export interface ScheduleBenchmarkOptions {
  quick?: boolean;
  seed?: number;
  /** Called with a one-line summary of each run, for the console. */
  log?: (line: string) => void;
}

function describe(label: string, s: ScheduleSolution, seconds: number): string {
  const gap = s.mipGap === null ? 'n/a' : `${(s.mipGap * 100).toFixed(2)}%`;
  return (
    `${label.padEnd(34)} ${seconds.toFixed(1).padStart(6)} s  ${s.status.padEnd(10)} under ${s.underCoverageAgentHours.toFixed(1).padStart(7)} h  ` +
    `over ${s.overCoverageAgentHours.toFixed(1).padStart(7)} h  objective ${s.objective.toFixed(1).padStart(9)}  bound ${s.bestBound?.toFixed(1) ?? 'n/a'}  gap ${gap}`
  );
}

function check(problem: ScheduleProblem, name: string, s: ScheduleSolution): void {
  const violations = validateSchedule(problem, s.assignments);
  if (violations.length > 0)
    throw new Error(`${name} broke ${violations.length} hard rule(s): ${violations[0]!.message}`);
}

async function timed(
  problem: ScheduleProblem,
  timeLimitSeconds: number,
): Promise<{ solution: ScheduleSolution; seconds: number }> {
  const started = performance.now();
  const solution = await solveSchedule(problem, { timeLimitSeconds });
  return { solution, seconds: (performance.now() - started) / 1000 };
}

/** The gap to the bound in %, beside the greedy schedule's gap to the same bound. */
function gapRow(solution: ScheduleSolution, greedy: ScheduleSolution, label = '  gap to the bound'): BenchmarkRow {
  return row(
    label,
    100 * (solution.mipGap ?? NaN),
    '%',
    'greedy gap',
    solution.bestBound === null ? NaN : (100 * (greedy.objective - solution.bestBound)) / greedy.objective,
  );
}

export async function runScheduleGenerationBenchmark(options: ScheduleBenchmarkOptions = {}): Promise<BenchmarkRow[]> {
  const log = options.log ?? (() => undefined);
  const quick = options.quick ?? false;
  const seed = options.seed ?? 7;
  const rows: BenchmarkRow[] = [];

  // Gap to the proven bound, against greedy.
  // Quick (CI): 500 agents at 20 s instead of 60 s, to keep this file near a minute.
  const runs: Array<{ agents: number; limits: number[] }> = quick
    ? [
        { agents: 150, limits: [10] },
        { agents: 500, limits: [20] },
      ]
    : [
        { agents: 150, limits: [10, 60] },
        { agents: 500, limits: [60] },
      ];
  for (const { agents, limits } of runs) {
    const problem = syntheticScheduleProblem({ seed, days: 7, agents, templates: 30 });
    let started = performance.now();
    const greedy = greedySchedule(problem);
    log(describe(`greedy, ${agents} agents`, greedy, (performance.now() - started) / 1000));
    check(problem, 'greedy', greedy);
    for (const limit of limits) {
      const { solution, seconds } = await timed(problem, limit);
      log(describe(`two-stage, ${agents} agents, ${limit} s`, solution, seconds));
      log(
        `  aggregated model: ${solution.model.columns} columns, ${solution.model.rows} rows, ${solution.model.nonzeros} non-zeros, ${solution.model.agentGroups} agent groups`,
      );
      check(problem, 'two-stage', solution);
      rows.push(
        row(
          `${agents} agents × 1 week, ${limit} s: objective vs proven bound`,
          solution.objective,
          'objective',
          'lower bound',
          solution.bestBound ?? NaN,
        ),
      );
      rows.push(
        gapRow(
          solution,
          greedy,
          `  gap to the bound (goal ${agents === 150 ? (limit <= 10 ? '1%' : '0.5%') : '2% at 60 s'})`,
        ),
      );
      rows.push(row('  objective vs greedy', solution.objective, 'objective', 'greedy', greedy.objective));
      rows.push(
        row(
          '  under-covered agent-hours vs greedy',
          solution.underCoverageAgentHours,
          'agent-hours',
          'greedy',
          greedy.underCoverageAgentHours,
        ),
      );
      started = performance.now();
    }
  }

  // All four channels of a team in one problem.
  {
    const agents = quick ? 60 : 150;
    const limit = quick ? 10 : 60;
    const problem = syntheticScheduleProblem({
      seed,
      days: 7,
      agents,
      templates: quick ? 12 : 30,
      channels: ['PHONE', 'CHAT', 'EMAIL', 'SOCIAL'],
    });
    const greedy = greedySchedule(problem);
    check(problem, 'greedy (channels)', greedy);
    const { solution, seconds } = await timed(problem, limit);
    check(problem, 'two-stage (channels)', solution);
    log(describe(`4 channels, ${agents} agents, ${limit} s`, solution, seconds));
    rows.push(
      row(
        `4 channels, ${agents} agents, ${limit} s: objective vs proven bound`,
        solution.objective,
        'objective',
        'lower bound',
        solution.bestBound ?? NaN,
      ),
    );
    rows.push(gapRow(solution, greedy));
    const required = (c: number): number =>
      (problem.channels![c]!.required.reduce((s, r) => s + r, 0) * problem.intervalMinutes) / 60;
    solution.channelCoverage!.forEach((channel, c) => {
      const baseline = greedy.channelCoverage![c]!;
      log(
        `  ${channel.channel.padEnd(7)} required ${required(c).toFixed(0)} agent-hours, short ${channel.underCoverageAgentHours.toFixed(1)} (greedy ${baseline.underCoverageAgentHours.toFixed(1)}), over ${channel.overCoverageAgentHours.toFixed(1)}`,
      );
      rows.push(
        row(
          `  ${channel.channel} under-covered agent-hours (of ${required(c).toFixed(0)})`,
          channel.underCoverageAgentHours,
          'agent-hours',
          'greedy',
          baseline.underCoverageAgentHours,
        ),
      );
    });
  }

  // Agents' wishes.
  {
    const agents = quick ? 60 : 150;
    const limit = quick ? 10 : 60;
    const problem = syntheticScheduleProblem({ seed, days: 7, agents, templates: quick ? 12 : 30, wishes: true });
    const greedy = greedySchedule(problem);
    check(problem, 'greedy (wishes)', greedy);
    const { solution, seconds } = await timed(problem, limit);
    check(problem, 'two-stage (wishes)', solution);
    log(describe(`wishes, ${agents} agents, ${limit} s`, solution, seconds));
    const share = (s: ScheduleSolution): number => {
      const met = (s.preferences ?? []).reduce((n, p) => n + p.met, 0);
      const all = (s.preferences ?? []).reduce((n, p) => n + p.met + p.unmet, 0);
      return all === 0 ? NaN : (100 * met) / all;
    };
    rows.push(row(`wishes, ${agents} agents, ${limit} s: wishes met`, share(solution), '%', 'greedy', share(greedy)));
    rows.push(
      row('  objective vs proven bound', solution.objective, 'objective', 'lower bound', solution.bestBound ?? NaN),
    );
    rows.push(gapRow(solution, greedy));
    rows.push(
      row(
        '  under-covered agent-hours vs greedy',
        solution.underCoverageAgentHours,
        'agent-hours',
        'greedy',
        greedy.underCoverageAgentHours,
      ),
    );
  }
  return rows;
}

/** For `npm run bench`. */
export const run = (quick: boolean): Promise<BenchmarkRow[]> =>
  runScheduleGenerationBenchmark({ quick, log: (line) => process.stdout.write(`  ${line}\n`) });

if (require.main === module) {
  const seed = process.argv.find((a) => a.startsWith('--seed='))?.slice('--seed='.length);
  runScheduleGenerationBenchmark({
    quick: process.argv.includes('--quick'),
    seed: seed ? Number(seed) : undefined,
    log: (line) => process.stdout.write(`${line}\n`),
  })
    .then((rows) =>
      printRows(
        'Schedule generation: two-stage solver vs the proven bound and greedy (same run, same instances)',
        rows,
      ),
    )
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    });
}
