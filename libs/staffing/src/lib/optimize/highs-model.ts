/**
 * A linear model as sparse rows, and one HiGHS run on it: the plumbing the two-stage solver shares
 * between its aggregated model and its assignment models.
 */
import type { Highs, HighsCallbackMap } from 'highs';
import type { RowDraft } from './schedule-model.builder';

export interface LinearModel {
  colCost: number[];
  colLower: number[];
  colUpper: number[];
  /** 1 = integer, 0 = continuous. */
  integrality: number[];
  rows: RowDraft[];
  offset: number;
}

export interface HighsRunSettings {
  relax: boolean;
  timeLimit: number;
  gapLimit: number;
  seed: number;
  shouldStop?: () => boolean;
  highsOptions?: Record<string, string | number | boolean>;
  onImprovement?: (objective: number, bestBound?: number, gap?: number) => void;
  /** A feasible starting point (column values) for a MIP. */
  start?: number[];
}

export interface HighsRunResult {
  /** 'OPTIMAL' (within the gap), 'TIME_LIMIT', 'INTERRUPTED', 'INFEASIBLE', or null (anything else, e.g. a failure). */
  status: 'OPTIMAL' | 'TIME_LIMIT' | 'INTERRUPTED' | 'INFEASIBLE' | null;
  /** Column values of the best solution, when there is one. */
  values: Float64Array | null;
  objective: number | null;
  /** MIP dual bound (or LP optimum), when finite. */
  bound: number | null;
  messages: string[];
}

const MODEL_STATUS = { optimal: 7, infeasible: 8, timeLimit: 13, interrupted: 17 } as const;
const FEASIBLE_SOLUTION = 2;

export function addColumn(model: LinearModel, cost: number, lower: number, upper: number, integer: boolean): number {
  model.colCost.push(cost);
  model.colLower.push(lower);
  model.colUpper.push(upper);
  model.integrality.push(integer ? 1 : 0);
  return model.colCost.length - 1;
}

export function emptyModel(): LinearModel {
  return { colCost: [], colLower: [], colUpper: [], integrality: [], rows: [], offset: 0 };
}

export function runModel(highs: Highs, model: LinearModel, settings: HighsRunSettings): HighsRunResult {
  const messages: string[] = [];
  const finite = (x: number): number => (x === Infinity ? highs.infinity : x === -Infinity ? -highs.infinity : x);
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of model.rows) {
    for (let i = 0; i < row.indices.length; i++) {
      indices.push(row.indices[i]!);
      values.push(row.values[i]!);
    }
    starts.push(indices.length);
  }
  const numCols = model.colCost.length;
  const numRows = model.rows.length;
  const instance = highs.createModel({
    numCols,
    numRows,
    colCost: model.colCost,
    colLower: model.colLower.map(finite),
    colUpper: model.colUpper.map(finite),
    rowLower: model.rows.map((r) => finite(r.lower)),
    rowUpper: model.rows.map((r) => finite(r.upper)),
    offset: model.offset,
    ...(settings.relax ? {} : { integrality: model.integrality as Array<0 | 1> }),
    matrix: { format: 'csr', numRows, numCols, starts, indices, values },
  });
  try {
    instance.options.set({
      output_flag: false,
      time_limit: Math.max(0.05, settings.timeLimit),
      mip_rel_gap: settings.gapLimit,
      random_seed: settings.seed,
    });
    if (settings.highsOptions) instance.options.set(settings.highsOptions);
    if (settings.start && !settings.relax) instance.setSolution({ colValue: settings.start });
    const interrupt = (event: { interrupt(): void }): undefined => {
      if (settings.shouldStop?.()) event.interrupt();
      return undefined;
    };
    const callbacks: HighsCallbackMap = {
      [highs.constants.callbackType.mipImprovingSolution]: (event) => {
        const { objective_function_value: objective, mip_dual_bound: bound, mip_gap: gap } = event.data;
        if (objective !== undefined) settings.onImprovement?.(objective, bound, gap);
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
    const status =
      run.modelStatus === MODEL_STATUS.optimal
        ? 'OPTIMAL'
        : run.modelStatus === MODEL_STATUS.timeLimit
          ? 'TIME_LIMIT'
          : run.modelStatus === MODEL_STATUS.interrupted
            ? 'INTERRUPTED'
            : run.modelStatus === MODEL_STATUS.infeasible
              ? 'INFEASIBLE'
              : null;
    if (status === null) messages.push(`HiGHS ended with model status ${run.modelStatus}.`);
    const hasSolution = Number(instance.info.get('primal_solution_status')) === FEASIBLE_SOLUTION;
    const objective = hasSolution ? instance.getObjectiveValue() : null;
    let bound: number | null = null;
    if (settings.relax) {
      bound = status === 'OPTIMAL' ? objective : null;
    } else {
      const dual = Number(instance.info.get('mip_dual_bound'));
      bound = Number.isFinite(dual) ? dual : null;
    }
    return { status, values: hasSolution ? instance.getSolution().colValue : null, objective, bound, messages };
  } catch (error) {
    messages.push(`HiGHS failed: ${error instanceof Error ? error.message : String(error)}`);
    return { status: null, values: null, objective: null, bound: null, messages };
  } finally {
    instance.dispose();
  }
}
