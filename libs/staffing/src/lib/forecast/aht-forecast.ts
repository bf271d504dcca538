/**
 * Handle-time forecast: the workload-weighted average AHT per interval of week,
 *   AHTₚ = Σ contactsᵢ·AHTᵢ ÷ Σ contactsᵢ over history intervals i with phase p,  [seconds]
 * which is total handle time ÷ contacts handled (KPI_DEFINITIONS.md, AHT), so a busy Monday
 * morning weighs more than a quiet night interval. Phases without contacts (or without AHT data)
 * fall back to the overall weighted mean; with no data at all, to `defaultAhtSeconds`.
 */
import { requireInteger, requirePositive, StaffingInputError } from '../math/staffing-input.error';
import { validateSeries } from './volume-forecast';

export interface AhtForecastOptions {
  seasonLength: number;
  horizon: number;
  /** AHT to use when the history has no handled contact at all (a new queue). */
  defaultAhtSeconds?: number;
}

export interface AhtForecastResult {
  /** `horizon` AHT values in seconds, starting at the interval after the history. */
  values: number[];
  /** The overall weighted mean AHT of the history (null without data). */
  overallAhtSeconds: number | null;
  /** How many forecast intervals used the fallback because their phase had no data. */
  fallbackIntervals: number;
}

/**
 * @param counts contacts handled per history interval
 * @param ahtSeconds AHT per history interval in seconds; null (or any value where the count is 0)
 *   means "no data"
 */
export function forecastAht(
  counts: readonly number[],
  ahtSeconds: ReadonlyArray<number | null>,
  options: AhtForecastOptions,
): AhtForecastResult {
  validateSeries('counts', counts);
  if (!Array.isArray(ahtSeconds) || ahtSeconds.length !== counts.length) {
    throw new StaffingInputError('ahtSeconds', 'ahtSeconds must have one value (or null) per history interval.');
  }
  ahtSeconds.forEach((v, i) => {
    if (v !== null && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) {
      throw new StaffingInputError(`ahtSeconds[${i}]`, `ahtSeconds[${i}] must be null or a finite number ≥ 0.`);
    }
  });
  requireInteger('seasonLength', options.seasonLength, 1);
  requireInteger('horizon', options.horizon, 0);
  if (options.defaultAhtSeconds !== undefined) requirePositive('defaultAhtSeconds', options.defaultAhtSeconds);

  const L = options.seasonLength;
  const workload = new Array<number>(L).fill(0); // Σ contacts × AHT, agent-seconds
  const handled = new Array<number>(L).fill(0); // Σ contacts
  let totalWorkload = 0;
  let totalHandled = 0;
  for (let i = 0; i < counts.length; i++) {
    const aht = ahtSeconds[i];
    if (aht === null || counts[i] === 0) continue;
    workload[i % L] += counts[i] * aht;
    handled[i % L] += counts[i];
    totalWorkload += counts[i] * aht;
    totalHandled += counts[i];
  }
  const overall = totalHandled > 0 ? totalWorkload / totalHandled : null;
  const fallback = overall ?? options.defaultAhtSeconds;
  if (fallback === undefined) {
    throw new StaffingInputError(
      'defaultAhtSeconds',
      'The history has no handled contact with a handle time; pass defaultAhtSeconds.',
    );
  }
  const n = counts.length;
  const values: number[] = [];
  let fallbackIntervals = 0;
  for (let h = 0; h < options.horizon; h++) {
    const p = (n + h) % L;
    if (handled[p] > 0) {
      values.push(workload[p] / handled[p]);
    } else {
      values.push(fallback);
      fallbackIntervals++;
    }
  }
  return { values, overallAhtSeconds: overall, fallbackIntervals };
}
