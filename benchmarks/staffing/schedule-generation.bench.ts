/**
 * Schedule generation on a synthetic week: HiGHS (solveSchedule) against the greedy baseline
 * (greedySchedule) on the same instance in the same run — solve time, agent-hours left uncovered,
 * over-coverage, cost and objective. The instance is seeded (see synthetic-schedule.factory.ts):
 * 15-minute intervals, 150 agents, 30 templates (8 h / 10 h / 6 h with breaks and lunch),
 * 20–40 h contracts, 11 h rest, at most 5 days in a row.
 *
 *   node -r @swc-node/register benchmarks/staffing/schedule-generation.bench.ts
 *     [--quick]              40 agents, 12 templates, 15 s limit
 *     [--time-limit=60]      solver time limit in seconds
 *     [--full-mip]           also run HiGHS on the full model only (no LP-guided phases), to show what they buy
 *     [--seed=7]
 */
import { greedySchedule } from '../../libs/staffing/src/lib/optimize/greedy-schedule';
import { validateSchedule } from '../../libs/staffing/src/lib/optimize/schedule-evaluation';
import { ScheduleSolution } from '../../libs/staffing/src/lib/optimize/schedule-problem.types';
import { solveSchedule } from '../../libs/staffing/src/lib/optimize/schedule.solver';
import { syntheticScheduleProblem } from '../../libs/staffing/src/testing/synthetic-schedule.factory';
import { BenchmarkRow, printRows, row } from '../support/benchmark-row';

export interface ScheduleBenchmarkOptions {
  quick?: boolean;
  timeLimitSeconds?: number;
  seed?: number;
  fullMip?: boolean;
  /** Called with a one-line summary of each run, for the console. */
  log?: (line: string) => void;
}

function describe(label: string, s: ScheduleSolution, seconds: number): string {
  const gap = s.mipGap === null ? 'n/a' : `${(s.mipGap * 100).toFixed(2)}%`;
  return (
    `${label.padEnd(22)} ${seconds.toFixed(1).padStart(6)} s  status ${s.status.padEnd(13)} ` +
    `under ${s.underCoverageAgentHours.toFixed(2).padStart(8)} h  over ${s.overCoverageAgentHours.toFixed(2).padStart(8)} h  ` +
    `cost ${s.cost.toFixed(0).padStart(8)}  objective ${s.objective.toFixed(1).padStart(9)}  gap ${gap}`
  );
}

export async function runScheduleGenerationBenchmark(options: ScheduleBenchmarkOptions = {}): Promise<BenchmarkRow[]> {
  const log = options.log ?? (() => undefined);
  const quick = options.quick ?? false;
  const timeLimitSeconds = options.timeLimitSeconds ?? (quick ? 15 : 60);
  const size = quick ? { agents: 40, templates: 12 } : { agents: 150, templates: 30 };
  const label = `${size.agents} agents, ${size.templates} templates, 7 × 96 intervals`;

  let started = performance.now();
  const problem = syntheticScheduleProblem({ seed: options.seed ?? 7, days: 7, ...size });
  const candidates = problem.agents.reduce((s, a) => s + a.candidates.length, 0);
  const demand = (problem.required.reduce((s, r) => s + r, 0) * problem.intervalMinutes) / 60;
  log(`instance: ${label}; ${candidates} candidate shifts; demand ${demand.toFixed(0)} agent-hours; built in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  started = performance.now();
  const greedy = greedySchedule(problem);
  const greedySeconds = (performance.now() - started) / 1000;
  log(describe('greedy', greedy, greedySeconds));

  started = performance.now();
  const solver = await solveSchedule(problem, { timeLimitSeconds });
  const solverSeconds = (performance.now() - started) / 1000;
  log(describe(`HiGHS (${timeLimitSeconds} s limit)`, solver, solverSeconds));
  log(
    `  model: ${solver.model.columns} columns, ${solver.model.rows} rows, ${solver.model.nonzeros} non-zeros; ` +
      `${solver.model.prunedCandidates} candidates pruned; restricted MIP ${solver.model.restrictedCandidates ?? 'n/a'} candidates; ` +
      `bound ${solver.bestBound?.toFixed(1) ?? 'n/a'}`,
  );
  for (const [name, s] of [['greedy', greedy], ['HiGHS', solver]] as const) {
    const violations = validateSchedule(problem, s.assignments);
    if (violations.length > 0) throw new Error(`${name} broke ${violations.length} hard rule(s): ${violations[0].message}`);
  }

  const rows: BenchmarkRow[] = [
    row(`schedule ${label}: solve time`, solverSeconds, 's', 'greedy', greedySeconds),
    row('  under-covered agent-hours', solver.underCoverageAgentHours, 'agent-hours', 'greedy', greedy.underCoverageAgentHours),
    row('  over-covered agent-hours', solver.overCoverageAgentHours, 'agent-hours', 'greedy', greedy.overCoverageAgentHours),
    row('  cost of the chosen shifts', solver.cost, 'currency', 'greedy', greedy.cost),
    row('  objective (weighted)', solver.objective, 'objective', 'greedy', greedy.objective),
    row('  objective vs proven lower bound', solver.objective, 'objective', 'lower bound', solver.bestBound ?? NaN),
  ];

  if (options.fullMip) {
    started = performance.now();
    const fullOnly = await solveSchedule(problem, { timeLimitSeconds }, undefined, { fullMipOnly: true });
    const fullSeconds = (performance.now() - started) / 1000;
    log(describe('HiGHS full MIP only', fullOnly, fullSeconds));
    rows.push(row('  objective vs HiGHS on the full model only', solver.objective, 'objective', 'full MIP only', fullOnly.objective));
    rows.push(
      row('  under-covered vs HiGHS on the full model only', solver.underCoverageAgentHours, 'agent-hours', 'full MIP only', fullOnly.underCoverageAgentHours),
    );
  }
  return rows;
}

/** For `npm run bench`. */
export const run = (quick: boolean): Promise<BenchmarkRow[]> => runScheduleGenerationBenchmark({ quick });

if (require.main === module) {
  const argument = (name: string): string | undefined =>
    process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const timeLimit = argument('time-limit');
  const seed = argument('seed');
  runScheduleGenerationBenchmark({
    quick: process.argv.includes('--quick'),
    fullMip: process.argv.includes('--full-mip'),
    timeLimitSeconds: timeLimit ? Number(timeLimit) : undefined,
    seed: seed ? Number(seed) : undefined,
    log: (line) => process.stdout.write(`${line}\n`),
  })
    .then((rows) => printRows('Schedule generation: HiGHS vs greedy (same run, same instance)', rows))
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      process.exitCode = 1;
    });
}
