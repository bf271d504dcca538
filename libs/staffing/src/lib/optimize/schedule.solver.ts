/**
 * Schedule optimisation with HiGHS (MIP, branch-and-cut), compiled to WebAssembly by the `highs`
 * package. HiGHS runs synchronously and blocks the thread for up to the time limit: in the API
 * process call it through `solveInWorker` (schedule-worker.client.ts), never on the event loop.
 *
 * We use the package's persistent model API with sparse arrays rather than `solve(lpText)`: no LP
 * text to print and parse for ~25k columns, and it exposes what the one-shot API does not: the
 * MIP dual bound and gap (`model.info`), progress callbacks, interruption, and warm starts
 * (`setSolution`).
 *
 * Three HiGHS runs share the time limit, each starting from the best schedule so far (first the
 * greedy one), so a run cut short never returns anything worse:
 *  1. LP relaxation of the full model (interior point + crossover): a valid lower bound, and the
 *     shifts the fractional optimum uses (its support).
 *  2. Restricted MIP over the LP support plus the incumbent's shifts (an "LP-support
 *     neighbourhood", in the spirit of the RENS heuristic of Berthold, 2014). On a week of 150
 *     agents the full MIP spends a minute in root cut rounds without finding a schedule much better
 *     than greedy, while this ~1,300-column MIP reaches about 3% of the LP bound in seconds.
 *  3. Full MIP, warm-started with that schedule, for the time left, when the gap to the LP bound
 *     is still above `mipRelativeGap`: with a good incumbent HiGHS can fix columns by reduced
 *     cost and prove (or improve) the schedule.
 * The status and gap always refer to the full problem: OPTIMAL means within `mipRelativeGap` of a
 * proven bound on every possible schedule, not just the restricted ones.
 */
import highsLoader from 'highs';
import type { Highs, HighsCallbackMap } from 'highs';
import { greedyAssign } from './greedy-schedule';
import { canImprove, improveSchedule } from './schedule-local-search';
import { runModel } from './highs-model';
import { agentExtras } from './schedule-preferences';
import {
  aggregatedStart,
  assignGroup,
  buildAggregatedModel,
  countsFrom,
  GroupAssignmentExtras,
  groupAgents,
  LengthTargets,
  lengthTargets,
} from './schedule-aggregation';
import { buildScheduleModel, columnValuesFor, CoverageFormulation, ScheduleModel } from './schedule-model.builder';
import { PreparedSchedule, PreparedShift, prepareSchedule } from './schedule-preparation';
import { evaluatePrepared, toScheduleSolution, validatePrepared } from './schedule-evaluation';
import {
  ScheduleAssignment,
  ScheduleProblem,
  ScheduleProgress,
  ScheduleSolution,
  ScheduleSolveOptions,
  ScheduleSolveStep,
  ScheduleStatus,
} from './schedule-problem.types';

/** Options only the worker (or a test) can give: functions do not cross a thread boundary. */
export interface ScheduleSolveControl {
  /** Polled by HiGHS's interrupt callbacks; return true to stop and keep the best schedule so far. */
  shouldStop?: () => boolean;
  /** Coverage rows form (see schedule-model.builder.ts); 'difference' unless measuring. */
  formulation?: CoverageFormulation;
  /** Skip phases 1 and 2 and run only the full MIP (to measure what the phases buy). */
  fullMipOnly?: boolean;
  /**
   * 'two-stage' (default): aggregated MIP over groups of interchangeable agents, then assignment to
   * named agents (schedule-aggregation.ts). 'lp-guided': LP relaxation, restricted MIP and full MIP
   * on the agent-indexed model (the previous solver, kept for comparison).
   */
  method?: 'two-stage' | 'lp-guided';
  /** Extra HiGHS options (exact snake_case names), applied after ours; for measurements. */
  highsOptions?: Record<string, string | number | boolean>;
}

let highsInstance: Promise<Highs> | null = null;

/** Instantiates the Wasm solver once per thread (about 0.1 s), on first use. */
function loadHighs(): Promise<Highs> {
  highsInstance ??= highsLoader();
  return highsInstance;
}

/** HiGHS model status codes (types.d.ts, HighsConstants.modelStatus). */
const MODEL_STATUS = { optimal: 7, infeasible: 8, timeLimit: 13, interrupted: 17 } as const;
const FEASIBLE_SOLUTION = 2; // HighsConstants.solutionStatus.feasible

/** Share of the remaining time phases 1 and 2 may take (the full MIP gets whatever is left). */
const LP_TIME_SHARE = 0.5;
const RESTRICTED_TIME_SHARE = 0.6;
/**
 * The full MIP only helps if it gets through its root node: presolve, the LP again and some cut
 * rounds. When the time it would get is less than this many LP relaxation times, the restricted
 * MIP keeps the whole budget instead (the 150-agent week: LP 10 s, so a 60 s run skips phase 3).
 */
const FULL_MIP_MIN_LP_TIMES = 3;
/** HiGHS needs a moment to do anything useful; below this a phase is skipped. */
const MIN_PHASE_SECONDS = 1;

export async function solveSchedule(
  problem: ScheduleProblem,
  options: ScheduleSolveOptions = {},
  onProgress?: (progress: ScheduleProgress) => void,
  control: ScheduleSolveControl = {},
): Promise<ScheduleSolution> {
  const started = performance.now();
  const elapsed = (): number => (performance.now() - started) / 1000;
  const report = (progress: Omit<ScheduleProgress, 'elapsedSeconds'>): void =>
    onProgress?.({ ...progress, elapsedSeconds: elapsed() });
  const timeLimit = options.timeLimitSeconds ?? 60;
  const gapLimit = options.mipRelativeGap ?? 0.005;
  const remaining = (): number => timeLimit - elapsed();

  report({ phase: 'building model' });
  const prepared = prepareSchedule(problem);
  const highsLoading = loadHighs();
  const formulation = control.formulation ?? 'difference';
  // Several channels are only modelled by the two-stage solver (the agent-indexed model has one coverage row per interval).
  const twoStage =
    prepared.channels !== null || (!control.fullMipOnly && (control.method ?? 'two-stage') === 'two-stage');
  // The agent-indexed model is only built when it is solved (the two-stage solver does not need it).
  const full = twoStage ? null : buildScheduleModel(prepared, formulation);
  const modelSize: ScheduleSolution['model'] = {
    columns: full?.numCols ?? 0,
    rows: full?.numRows ?? 0,
    nonzeros: full?.indices.length ?? 0,
    candidates: prepared.candidateCount,
    prunedCandidates: prepared.prunedCandidates,
    restrictedCandidates: null,
    agentGroups: null,
  };

  report({ phase: 'warm start' });
  const greedy = greedyAssign(prepared);
  // The best schedule so far; every HiGHS run starts from it and may only replace it by a better one.
  const best: { chosen: PreparedShift[][]; objective: number; source: ScheduleSolution['source'] } = {
    chosen: greedy,
    objective: evaluatePrepared(prepared, greedy).objective,
    source: 'GREEDY',
  };

  // A schedule given to start from: kept if it keeps every rule and beats the greedy one.
  if (options.startFrom) {
    const given = fromAssignments(prepared, options.startFrom);
    if (validatePrepared(prepared, toAssignments(prepared, given)).length === 0) {
      const objective = evaluatePrepared(prepared, given).objective;
      if (objective < best.objective - 1e-9) {
        best.chosen = given;
        best.objective = objective;
        best.source = 'START';
      }
    }
  }

  if (prepared.agents.every((agent) => agent.usable.length === 0)) {
    const solution = toScheduleSolution(
      prepared,
      prepared.agents.map(() => []),
      {
        status: 'NO_CANDIDATES',
        source: 'NONE',
        bestBound: null,
        mipGap: null,
        buildSeconds: elapsed(),
        solveSeconds: 0,
        model: modelSize,
        messages: ['No candidate shift survived the hard rules and the demand: nothing to optimise.'],
      },
    );
    report({ phase: 'done', objective: solution.objective });
    return solution;
  }

  if (twoStage) {
    return solveTwoStage(prepared, best, await highsLoading, {
      elapsed,
      report,
      timeLimit,
      gapLimit,
      seed: options.randomSeed ?? 0,
      control,
      modelSize,
      formulation,
      extras: agentExtras(prepared, prepared.dayCount),
    });
  }
  if (full === null) throw new Error('unreachable: the full model is built unless solving in two stages');

  const highs = await highsLoading;
  const buildSeconds = elapsed();
  const solveStarted = performance.now();
  const messages: string[] = [];
  let lowerBound: number | null = null;
  let status: ScheduleStatus | null = null;
  const base = {
    seed: options.randomSeed ?? 0,
    gapLimit,
    shouldStop: control.shouldStop,
    highsOptions: control.highsOptions,
  };
  const gapOf = (objective: number, bound: number | null): number | null =>
    bound === null
      ? null
      : objective === 0
        ? bound >= 0
          ? 0
          : null
        : Math.max(0, (objective - bound) / Math.abs(objective));
  /** Takes a phase's schedule if it keeps every rule and beats the incumbent. */
  const offer = (chosen: PreparedShift[][] | null, step: ScheduleSolveStep): void => {
    if (!chosen) return;
    const violations = validatePrepared(prepared, toAssignments(prepared, chosen));
    if (violations.length > 0) {
      // Should not happen (the MIP states every rule); never hand a rule-breaking schedule on.
      messages.push(`${step}: HiGHS returned a schedule breaking ${violations.length} rule(s); ignored.`);
      return;
    }
    const objective = evaluatePrepared(prepared, chosen).objective;
    if (objective <= best.objective + 1e-9) {
      best.chosen = chosen;
      best.objective = objective;
      best.source = 'SOLVER';
    }
  };
  const progressFor = (step: ScheduleSolveStep) => (objective: number, bound?: number, gap?: number) =>
    report({ phase: 'solving', step, objective, bestBound: bound, mipGap: gap });

  // Phase 1: LP relaxation → lower bound and support.
  let support: Set<PreparedShift> | null = null;
  let lpSeconds = 0;
  if (!control.fullMipOnly) {
    const lpStarted = performance.now();
    report({ phase: 'solving', step: 'LP relaxation', objective: best.objective });
    const lp = runHighs(highs, full, prepared, null, {
      ...base,
      relax: true,
      timeLimit: Math.max(MIN_PHASE_SECONDS, remaining() * LP_TIME_SHARE),
      onImprovement: progressFor('LP relaxation'),
    });
    lpSeconds = (performance.now() - lpStarted) / 1000;
    messages.push(...lp.messages);
    if (lp.status === 'OPTIMAL' && lp.objective !== null && lp.columnValues) {
      lowerBound = lp.objective;
      const values = lp.columnValues;
      support = new Set(full.xShifts.filter((_, j) => values[j] > 1e-6).map(({ shift }) => shift));
      report({
        phase: 'solving',
        step: 'LP relaxation',
        objective: best.objective,
        bestBound: lowerBound,
        mipGap: gapOf(best.objective, lowerBound) ?? undefined,
      });
    } else if (lp.status === 'INTERRUPTED') {
      status = 'INTERRUPTED';
    }
  }

  // Phase 2: restricted MIP on the LP support plus the incumbent.
  if (support && status === null && remaining() > MIN_PHASE_SECONDS) {
    const keep = new Set([...support, ...best.chosen.flat()]);
    const restricted = restrictPrepared(prepared, keep);
    const model = buildScheduleModel(restricted, formulation);
    modelSize.restrictedCandidates = model.xShifts.length;
    report({ phase: 'solving', step: 'restricted MIP', objective: best.objective, bestBound: lowerBound ?? undefined });
    const leftForFullMip = remaining() * (1 - RESTRICTED_TIME_SHARE);
    const share = leftForFullMip >= FULL_MIP_MIN_LP_TIMES * lpSeconds ? RESTRICTED_TIME_SHARE : 1;
    const run = runHighs(highs, model, restricted, best.chosen, {
      ...base,
      relax: false,
      timeLimit: Math.max(MIN_PHASE_SECONDS, remaining() * share),
      onImprovement: progressFor('restricted MIP'),
    });
    messages.push(...run.messages);
    offer(run.chosen, 'restricted MIP');
    if (run.status === 'INTERRUPTED') status = 'INTERRUPTED';
  }

  // Phase 3: full MIP from the incumbent, unless the LP bound already proves it good enough.
  const provenByLp = lowerBound !== null && (gapOf(best.objective, lowerBound) ?? Infinity) <= gapLimit;
  if (status === null && provenByLp) {
    status = 'OPTIMAL';
  } else if (status === null && remaining() > MIN_PHASE_SECONDS) {
    report({ phase: 'solving', step: 'full MIP', objective: best.objective, bestBound: lowerBound ?? undefined });
    const run = runHighs(highs, full, prepared, best.chosen, {
      ...base,
      relax: false,
      timeLimit: remaining(),
      onImprovement: progressFor('full MIP'),
    });
    messages.push(...run.messages);
    offer(run.chosen, 'full MIP');
    if (run.bound !== null) lowerBound = Math.max(lowerBound ?? -Infinity, run.bound);
    status = run.status ?? (best.source === 'SOLVER' ? 'TIME_LIMIT' : 'SOLVER_ERROR');
  } else if (status === null) {
    status = best.source === 'SOLVER' || lowerBound !== null ? 'TIME_LIMIT' : 'SOLVER_ERROR';
  }
  if (status === 'OPTIMAL' && (gapOf(best.objective, lowerBound) ?? Infinity) > gapLimit + 1e-9) {
    // HiGHS proved optimality of a run we then could not use (should not happen): do not claim it.
    status = 'TIME_LIMIT';
  }

  const solution = toScheduleSolution(prepared, best.chosen, {
    status,
    source: best.source,
    bestBound: lowerBound,
    mipGap: gapOf(best.objective, lowerBound),
    buildSeconds,
    solveSeconds: (performance.now() - solveStarted) / 1000,
    model: modelSize,
    messages,
  });
  report({
    phase: 'done',
    objective: solution.objective,
    bestBound: solution.bestBound ?? undefined,
    mipGap: solution.mipGap ?? undefined,
  });
  return solution;
}

/** A copy of the prepared problem whose agents may only use the given shifts. */
function restrictPrepared(prepared: PreparedSchedule, keep: ReadonlySet<PreparedShift>): PreparedSchedule {
  return {
    ...prepared,
    agents: prepared.agents.map((agent) => ({ ...agent, usable: agent.usable.filter((s) => keep.has(s)) })),
  };
}

interface RunSettings {
  relax: boolean;
  timeLimit: number;
  gapLimit: number;
  seed: number;
  shouldStop?: () => boolean;
  highsOptions?: Record<string, string | number | boolean>;
  onImprovement: (objective: number, bestBound?: number, gap?: number) => void;
}

interface RunOutcome {
  status: ScheduleStatus | null;
  /** MIP: chosen shifts per agent position, when HiGHS has a feasible schedule. */
  chosen: PreparedShift[][] | null;
  /** LP: the optimal column values. */
  columnValues: Float64Array | null;
  objective: number | null;
  /** MIP dual bound, when finite. */
  bound: number | null;
  messages: string[];
}

function statusFrom(code: number): ScheduleStatus | null {
  switch (code) {
    case MODEL_STATUS.optimal:
      return 'OPTIMAL';
    case MODEL_STATUS.timeLimit:
      return 'TIME_LIMIT';
    case MODEL_STATUS.interrupted:
      return 'INTERRUPTED';
    case MODEL_STATUS.infeasible:
      return 'INFEASIBLE';
    default:
      return null;
  }
}

/** One HiGHS run on `model`: its LP relaxation (relax) or the MIP, warm-started from `start`. */
function runHighs(
  highs: Highs,
  model: ScheduleModel,
  prepared: PreparedSchedule,
  start: PreparedShift[][] | null,
  settings: RunSettings,
): RunOutcome {
  const messages: string[] = [];
  const finite = (xs: number[]): number[] =>
    xs.map((x) => (x === Infinity ? highs.infinity : x === -Infinity ? -highs.infinity : x));
  const instance = highs.createModel({
    numCols: model.numCols,
    numRows: model.numRows,
    colCost: model.colCost,
    colLower: model.colLower,
    colUpper: finite(model.colUpper),
    rowLower: finite(model.rowLower),
    rowUpper: finite(model.rowUpper),
    offset: model.offset,
    ...(settings.relax ? {} : { integrality: model.integrality as Array<0 | 1> }),
    matrix: {
      format: 'csr',
      numRows: model.numRows,
      numCols: model.numCols,
      starts: model.starts,
      indices: model.indices,
      values: model.values,
    },
  });
  try {
    instance.options.set({
      output_flag: false,
      time_limit: settings.timeLimit,
      mip_rel_gap: settings.gapLimit,
      random_seed: settings.seed,
      // Interior point with crossover solves this LP faster than simplex (8 s against 10 s on the
      // 150-agent week) and still ends on a vertex, whose support is small.
      ...(settings.relax ? { solver: 'ipm' } : {}),
    });
    if (settings.highsOptions) instance.options.set(settings.highsOptions);
    if (start) instance.setSolution({ colValue: columnValuesFor(model, prepared, new Set(start.flat())) });

    const interrupt = (event: { interrupt(): void }): undefined => {
      if (settings.shouldStop?.()) event.interrupt();
      return undefined;
    };
    const callbacks: HighsCallbackMap = {
      [highs.constants.callbackType.mipImprovingSolution]: (event) => {
        const { objective_function_value: objective, mip_dual_bound: bound, mip_gap: gap } = event.data;
        if (objective !== undefined) settings.onImprovement(objective, bound, gap);
        return undefined;
      },
      ...(settings.shouldStop
        ? {
            [highs.constants.callbackType.mipInterrupt]: interrupt,
            [highs.constants.callbackType.simplexInterrupt]: interrupt,
            [highs.constants.callbackType.ipmInterrupt]: interrupt,
          }
        : {}),
    };
    const run = instance.run(callbacks);
    const status = statusFrom(run.modelStatus);
    if (status === null) messages.push(`HiGHS ended with model status ${run.modelStatus}.`);
    const hasSolution = Number(instance.info.get('primal_solution_status')) === FEASIBLE_SOLUTION;
    if (settings.relax) {
      const optimal = status === 'OPTIMAL' && hasSolution;
      return {
        status,
        chosen: null,
        columnValues: optimal ? instance.getSolution().colValue : null,
        objective: optimal ? instance.getObjectiveValue() : null,
        bound: null,
        messages,
      };
    }
    let chosen: PreparedShift[][] | null = null;
    if (hasSolution && status !== 'INFEASIBLE') {
      const colValue = instance.getSolution().colValue;
      const picked: PreparedShift[][] = prepared.agents.map(() => []);
      model.xShifts.forEach(({ agent, shift }, j) => {
        if (colValue[j] > 0.5) picked[agent].push(shift);
      });
      chosen = picked;
    }
    const bound = Number(instance.info.get('mip_dual_bound'));
    return {
      status,
      chosen,
      columnValues: null,
      objective: hasSolution ? instance.getObjectiveValue() : null,
      bound: Number.isFinite(bound) ? bound : null,
      messages,
    };
  } catch (error) {
    // A Wasm or validation failure must not lose the schedule: the caller keeps its incumbent.
    messages.push(`HiGHS failed: ${error instanceof Error ? error.message : String(error)}`);
    return { status: null, chosen: null, columnValues: null, objective: null, bound: null, messages };
  } finally {
    instance.dispose();
  }
}

function toAssignments(
  prepared: PreparedSchedule,
  chosen: PreparedShift[][],
): Array<{ agentId: string; candidateIds: string[] }> {
  return prepared.agents.map((agent) => ({
    agentId: agent.agentId,
    candidateIds: (chosen[agent.position] ?? []).map((s) => s.id),
  }));
}

/** Prepared shifts of given assignments (unknown agents or ids are skipped; rules are not checked here). */
function fromAssignments(prepared: PreparedSchedule, assignments: readonly ScheduleAssignment[]): PreparedShift[][] {
  const chosen: PreparedShift[][] = prepared.agents.map(() => []);
  const byId = new Map(prepared.agents.map((a) => [a.agentId, a]));
  for (const assignment of assignments) {
    const agent = byId.get(assignment.agentId);
    if (!agent) continue;
    for (const id of new Set(assignment.candidateIds)) {
      const shift = agent.candidatesById.get(id);
      if (shift) chosen[agent.position]!.push(shift);
    }
  }
  return chosen;
}

interface TwoStageContext {
  elapsed: () => number;
  report: (progress: Omit<ScheduleProgress, 'elapsedSeconds'>) => void;
  timeLimit: number;
  gapLimit: number;
  seed: number;
  control: ScheduleSolveControl;
  modelSize: ScheduleSolution['model'];
  formulation: CoverageFormulation;
  /** Per-agent additions to the assignment stage (preferences, start times, fairness). */
  extras?: GroupAssignmentExtras;
}

/**
 * Single-channel problems with this many seconds left after the local search's descents share them:
 * the iterated search takes ITERATED_SEARCH_SHARE, the agent-indexed MIP, warm-started from its result,
 * the rest (before the local search, this polish took the 150-agent week to 0.39% at 60 s at load 2.5–4).
 */
const PLENTY_SECONDS = 20;
const ITERATED_SEARCH_SHARE = 0.4;
/** Candidates (agent × shift) up to which the agent-indexed MIP, not the iterated local search, polishes. */
const SMALL_PROBLEM_CANDIDATES = 3000;
/**
 * Shares of the time left after the LP for the first local search (from the rounded LP) and then for the
 * aggregated MIP; the rest is for assignment and polishing (the MIP stops early at a quarter of the gap
 * asked for). With a long limit: 0.2 and 0.65. With a short one (SHORT_LIMIT_SECONDS or less) the MIP
 * needs a larger share to find good counts at all: on the 150-agent week HiGHS takes about 6 s of an idle
 * core to reach counts within 0.6% of its bound, and with 10 s and the long shares it got 4.4 s and
 * returned counts no better than the rounded LP's (1.36% above the bound; 0.76–0.80% with the short
 * shares, three runs). With 60 s the long shares did better (0.51% against 0.86%).
 */
const FIRST_SEARCH_SHARE = { long: 0.2, short: 0.1 };
const AGGREGATED_TIME_SHARE = { long: 0.65, short: 0.75 };
const SHORT_LIMIT_SECONDS = 20;
/**
 * The same with several channels: their aggregated MIP (split columns per mask, channel and interval)
 * rarely finds good counts in seconds, while the local search prices the split exactly.
 */
const CHANNELS_AGGREGATED_TIME_SHARE = 0.3;
/**
 * The same with wishes, which stage 1 leaves out: its counts are worth less, the assignment MIP and the
 * search that weigh the wishes more (150 agents, 60 s: 5.0% above the bound and 66% of wishes met with
 * half the time left, 6.4% and 57% with 65%).
 */
const WISHES_AGGREGATED_TIME_SHARE = 0.5;

/**
 * The two-stage solver (schedule-aggregation.ts): aggregated LP (a bound at once) and its counts
 * rounded down, given to agents and polished by the local search (a good schedule within seconds);
 * aggregated MIP (counts, and a better bound); assignment to named agents and a greedy fill; then the
 * local search (schedule-local-search.ts) for the time left — iterated on large problems and several
 * channels, one descent followed by the agent-indexed MIP (which can prove the schedule optimal) on
 * small ones. The incumbent (first the greedy or the given schedule) is only ever replaced by a better
 * one, and the reported bound is always stage 1's: exact, whatever the heuristic steps do.
 */
async function solveTwoStage(
  prepared: PreparedSchedule,
  best: { chosen: PreparedShift[][]; objective: number; source: ScheduleSolution['source'] },
  highs: Highs,
  context: TwoStageContext,
): Promise<ScheduleSolution> {
  const { elapsed, report, timeLimit, gapLimit, control, modelSize } = context;
  const remaining = (): number => timeLimit - elapsed();
  const length = timeLimit <= SHORT_LIMIT_SECONDS ? 'short' : 'long';
  const messages: string[] = [];
  const buildStarted = elapsed();
  const groups = groupAgents(prepared);
  const aggregated = buildAggregatedModel(prepared, groups);
  modelSize.columns = aggregated.model.colCost.length;
  modelSize.rows = aggregated.model.rows.length;
  modelSize.nonzeros = aggregated.model.rows.reduce((n, r) => n + r.indices.length, 0);
  modelSize.agentGroups = groups.length;
  const buildSeconds = elapsed() - buildStarted;
  const solveStarted = elapsed();
  const base = { seed: context.seed, shouldStop: control.shouldStop, highsOptions: control.highsOptions };
  const gapOf = (objective: number, bound: number | null): number | null =>
    bound === null
      ? null
      : objective === 0
        ? bound >= 0
          ? 0
          : null
        : Math.max(0, (objective - bound) / Math.abs(objective));
  let lowerBound: number | null = null;
  let interrupted = false;
  const offer = (chosen: PreparedShift[][], step: ScheduleSolveStep): void => {
    const violations = validatePrepared(prepared, toAssignments(prepared, chosen));
    if (violations.length > 0) {
      messages.push(
        `${step}: a schedule breaking ${violations.length} rule(s) was ignored (${violations[0]!.message}).`,
      );
      return;
    }
    const objective = evaluatePrepared(prepared, chosen).objective;
    if (objective < best.objective - 1e-9) {
      best.chosen = chosen;
      best.objective = objective;
      best.source = 'SOLVER';
    }
  };

  /** Local search from the incumbent for up to `seconds` (iterated when `perturb`); true when it reached a local optimum. */
  const localSearch = (seconds: number, perturb = false, from: PreparedShift[][] = best.chosen): boolean => {
    if (!canImprove(prepared)) return false;
    report({ phase: 'solving', step: 'local search', objective: best.objective, bestBound: lowerBound ?? undefined });
    // Enough once within the gap asked for: objective ≤ bound ÷ (1 − gap).
    const goal = lowerBound === null || gapLimit >= 1 ? -Infinity : lowerBound / (1 - gapLimit);
    const search = improveSchedule(prepared, from, {
      deadline: performance.now() + 1000 * seconds,
      shouldStop: control.shouldStop,
      perturb,
      enoughGain: evaluatePrepared(prepared, from).objective - goal,
    });
    if (search.moves > 0) offer(search.chosen, 'local search');
    if (control.shouldStop?.()) interrupted = true;
    report({
      phase: 'solving',
      step: 'local search',
      objective: best.objective,
      bestBound: lowerBound ?? undefined,
      mipGap: gapOf(best.objective, lowerBound) ?? undefined,
    });
    return search.converged;
  };

  // Stage 1a: the aggregated LP, for a bound straight away.
  report({ phase: 'solving', step: 'LP relaxation', objective: best.objective });
  // Interior point with crossover: faster than simplex on these LPs once several channels add split columns.
  const lp = runModel(highs, aggregated.model, {
    ...base,
    highsOptions: { ...(prepared.channels ? { solver: 'ipm' } : {}), ...(control.highsOptions ?? {}) },
    relax: true,
    // The bound, the rounding and the first local search below hang on this LP: it may take most of
    // the time if it needs it (about a second and a half for 150 agents on an idle core; several times
    // that on a loaded one, where a third of 10 s was not enough and nothing else could make up for it).
    timeLimit: Math.max(0.5, remaining() * (prepared.channels ? 0.7 : 0.6)),
    gapLimit,
  });
  messages.push(...lp.messages);
  if (lp.status === 'INTERRUPTED') interrupted = true;
  if (lp.bound !== null) lowerBound = lp.bound;
  report({
    phase: 'solving',
    step: 'LP relaxation',
    objective: best.objective,
    bestBound: lowerBound ?? undefined,
    mipGap: gapOf(best.objective, lowerBound) ?? undefined,
  });

  // Quick incumbent: the LP's counts rounded down (every aggregated row stays satisfied), given to
  // agents by the greedy assignment, then a greedy fill. Gives the MIP a far better start than greedy.
  if (!interrupted && lp.values) {
    const floored = countsFrom(
      aggregated,
      lp.values.map((v) => Math.floor(v + 1e-6)),
    );
    const floorTargets = lengthTargets(
      prepared,
      aggregated,
      lp.values.map((v) => Math.floor(v + 1e-6)),
    );
    const named: PreparedShift[][] = prepared.agents.map(() => []);
    groups.forEach((group, g) => {
      for (const [a, shifts] of assignGroup(null, prepared, group, floored[g]!, null, context.extras, floorTargets)
        .chosen)
        named[a] = shifts;
    });
    offer(greedyAssign(prepared, named), 'LP relaxation');
    // Polished at once (iterated for its share of the time): a good schedule early, whatever the
    // aggregated MIP then manages in its time.
    if (remaining() > 0.5) localSearch(remaining() * FIRST_SEARCH_SHARE[length], true);
    report({
      phase: 'solving',
      step: 'LP relaxation',
      objective: best.objective,
      bestBound: lowerBound ?? undefined,
      mipGap: gapOf(best.objective, lowerBound) ?? undefined,
    });
  }

  // Stage 1b: the aggregated MIP, warm-started from the incumbent.
  let counts: number[][] | null = null;
  let targets: LengthTargets | undefined;
  if (!interrupted) {
    report({ phase: 'solving', step: 'aggregated MIP', objective: best.objective, bestBound: lowerBound ?? undefined });
    const start = aggregatedStart(prepared, aggregated, best.chosen);
    const run = runModel(highs, aggregated.model, {
      ...base,
      relax: false,
      // Tighter than asked: the assignment may lose a little of what the counts promise.
      gapLimit: gapLimit / 4,
      timeLimit: Math.max(
        0.5,
        remaining() *
          (prepared.channels
            ? CHANNELS_AGGREGATED_TIME_SHARE
            : context.extras?.optimise
              ? WISHES_AGGREGATED_TIME_SHARE
              : AGGREGATED_TIME_SHARE[length]),
      ),
      ...(start ? { start } : {}),
      onImprovement: (objective, bound, gap) =>
        report({ phase: 'solving', step: 'aggregated MIP', objective, bestBound: bound, mipGap: gap }),
    });
    messages.push(...run.messages);
    if (run.status === 'INTERRUPTED') interrupted = true;
    if (run.bound !== null) lowerBound = Math.max(lowerBound ?? -Infinity, run.bound);
    if (run.values) {
      counts = countsFrom(aggregated, run.values);
      targets = lengthTargets(prepared, aggregated, run.values);
    }
  }

  // Stage 2: counts to named agents. Counts no agent can take (the aggregated rows are necessary, not
  // sufficient) are, with time to spare, capped at what was placed and the aggregated MIP is solved
  // again from the placed schedule (a heuristic step: the bound stays the one of the uncapped model), up
  // to a few rounds; with little time they are left to the local search. Then a greedy fill of whatever
  // coverage is still short.
  const capped = aggregated.model.colUpper.slice();
  /** The assigned counts after the greedy fill: where the local search starts, better than best or not. */
  let assigned: PreparedShift[][] | null = null;
  // The local search repairs what the assignment could not place faster than solving the counts again
  // (under load the re-solves could take all the time left): they only run where it cannot.
  const rounds = canImprove(prepared) ? 1 : 4;
  for (let round = 0; counts && !interrupted && round < rounds; round++) {
    report({ phase: 'solving', step: 'assignment', objective: best.objective, bestBound: lowerBound ?? undefined });
    const named: PreparedShift[][] = prepared.agents.map(() => []);
    let unassigned = 0;
    const placed = groups.map((group) => group.types.map(() => 0));
    groups.forEach((group, g) => {
      // The time left is shared by the groups still to come (most need no MIP: the greedy places everything).
      // With the local search to follow and no wishes to weigh, the greedy decomposition alone: the
      // search repairs what it could not place faster than an assignment MIP per group. Wishes keep the
      // MIP: it exchanges whole weeks between agents, which the search's moves do not.
      const perGroup = Math.max(0.2, (remaining() * 0.3) / (groups.length - g));
      const mip = !canImprove(prepared) || context.extras?.optimise === true;
      const result = assignGroup(
        mip ? highs : null,
        prepared,
        group,
        counts![g]!,
        mip ? { ...base, gapLimit: 0.01, timeLimit: perGroup } : null,
        context.extras,
        targets,
      );
      messages.push(...result.messages);
      unassigned += result.unassigned;
      for (const [a, shifts] of result.chosen) named[a] = shifts;
      const typeOf = new Map<PreparedShift, number>();
      group.types.forEach((type, s) => type.members.forEach((m) => typeOf.set(m.shift, s)));
      for (const a of group.agents) for (const shift of named[a]!) placed[g]![typeOf.get(shift)!]! += 1;
    });
    assigned = greedyAssign(prepared, named);
    offer(assigned, 'assignment');
    report({
      phase: 'solving',
      step: 'assignment',
      objective: best.objective,
      bestBound: lowerBound ?? undefined,
      mipGap: gapOf(best.objective, lowerBound) ?? undefined,
    });
    if (unassigned === 0 || remaining() < 1.5 || round + 1 === rounds) {
      if (unassigned > 0)
        messages.push(
          `assignment: ${unassigned} counted shift(s) fitted no agent's rules; the greedy filled what coverage it could.`,
        );
      break;
    }
    groups.forEach((group, g) =>
      group.types.forEach((_, s) => {
        if (placed[g]![s]! < counts![g]![s]!) capped[aggregated.yColumn[g]![s]!] = placed[g]![s]!;
      }),
    );
    const start = aggregatedStart(prepared, aggregated, named);
    const rerun = runModel(
      highs,
      { ...aggregated.model, colUpper: capped },
      {
        ...base,
        relax: false,
        gapLimit: gapLimit / 4,
        timeLimit: Math.max(0.5, remaining() * 0.4),
        ...(start ? { start } : {}),
      },
    );
    messages.push(...rerun.messages);
    if (rerun.status === 'INTERRUPTED') interrupted = true;
    if (!rerun.values) break;
    counts = countsFrom(aggregated, rerun.values);
    targets = lengthTargets(prepared, aggregated, rerun.values);
  }

  // Local search on the named schedule with the exact objective (schedule-local-search.ts): repairs
  // what the assignment lost (counts no agent could take, gaps the greedy fill covered expensively).
  // First a descent from the assigned counts (the MIP's near-optimal counts lie there, even when the
  // fill left it behind the incumbent), then the search from the better of the two: one descent on
  // small problems (the agent-indexed MIP below can prove the schedule optimal), iterated on large ones
  // and with several channels — for all the time left, or, single-channel with PLENTY_SECONDS left,
  // for part of it before the agent-indexed MIP polishes from the result.
  const small = prepared.agents.reduce((n, agent) => n + agent.usable.length, 0) <= SMALL_PROBLEM_CANDIDATES;
  if (!interrupted && assigned && assigned !== best.chosen && remaining() > 0.2)
    localSearch(remaining() - 0.1, false, assigned);
  if (!interrupted && remaining() > 0.2) {
    const polishAfter = prepared.channels === null && !small && remaining() >= PLENTY_SECONDS;
    localSearch(
      polishAfter ? remaining() * ITERATED_SEARCH_SHARE : remaining() - 0.1,
      !small || prepared.channels !== null,
    );
  }

  // Polish: the agent-indexed MIP from the incumbent for the time left, while the gap is open (on small
  // and medium problems it proves or closes the gap; on large ones little time is left for it).
  if (
    !interrupted &&
    prepared.channels === null &&
    remaining() > 1.5 &&
    (gapOf(best.objective, lowerBound) ?? Infinity) > gapLimit
  ) {
    const model = buildScheduleModel(prepared, context.formulation);
    if (remaining() > 0.5)
      report({ phase: 'solving', step: 'full MIP', objective: best.objective, bestBound: lowerBound ?? undefined });
    const run = runHighs(highs, model, prepared, best.chosen, {
      ...base,
      relax: false,
      gapLimit,
      timeLimit: Math.max(0.5, remaining()),
      onImprovement: (objective, bound) =>
        report({
          phase: 'solving',
          step: 'full MIP',
          objective: Math.min(objective, best.objective),
          bestBound: Math.max(bound ?? -Infinity, lowerBound ?? -Infinity),
        }),
    });
    messages.push(...run.messages);
    if (run.chosen) offer(run.chosen, 'full MIP');
    if (run.bound !== null) lowerBound = Math.max(lowerBound ?? -Infinity, run.bound);
    if (run.status === 'INTERRUPTED') interrupted = true;
  }

  const gap = gapOf(best.objective, lowerBound);
  const status: ScheduleStatus = interrupted
    ? 'INTERRUPTED'
    : gap !== null && gap <= gapLimit + 1e-12
      ? 'OPTIMAL'
      : best.source === 'SOLVER' || lowerBound !== null
        ? 'TIME_LIMIT'
        : 'SOLVER_ERROR';
  const solution = toScheduleSolution(prepared, best.chosen, {
    status,
    source: best.source,
    bestBound: lowerBound,
    mipGap: gap,
    buildSeconds,
    solveSeconds: elapsed() - solveStarted,
    model: modelSize,
    messages,
  });
  report({
    phase: 'done',
    objective: solution.objective,
    bestBound: solution.bestBound ?? undefined,
    mipGap: solution.mipGap ?? undefined,
  });
  return solution;
}
