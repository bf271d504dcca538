// Student's t quantile from stdlib (maintained, tested against reference implementations) rather than our own.
import tQuantileOf from '@stdlib/stats-base-dists-t-quantile';

/** One agent's value of a metric in the window before and in the window after the event. */
export interface Pair {
  before: number;
  after: number;
}

export enum ImpactVerdict {
  /** Fewer than `minSample` pairs: too few to say anything. */
  INSUFFICIENT_DATA = 'INSUFFICIENT_DATA',
  /** The interval includes 0: the data are consistent with no change. */
  NO_CLEAR_EFFECT = 'NO_CLEAR_EFFECT',
  /** The whole interval lies on the better side, given the metric's direction. */
  IMPROVED = 'IMPROVED',
  /** The whole interval lies on the worse side. */
  WORSENED = 'WORSENED',
}

export interface PairedDifference {
  n: number;
  meanBefore: number | null;
  meanAfter: number | null;
  /** Mean of (after − before). */
  meanDifference: number | null;
  /** Sample standard deviation of the differences (n − 1 in the denominator). */
  standardDeviation: number | null;
  /** t(1 − α/2, n − 1). */
  tQuantile: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  verdict: ImpactVerdict;
}

/** Below this many pairs the verdict is INSUFFICIENT_DATA even if an interval can be computed. */
export const MIN_PAIRS_FOR_VERDICT = 5;

/**
 * The paired-samples t interval for the mean difference after − before: d̄ ± t(1 − α/2, n − 1) · s_d / √n
 * (e.g. Moore, McCabe & Craig, "Introduction to the Practice of Statistics", the matched-pairs t procedure).
 * `higherIsBetter` turns the sign of a clear difference into IMPROVED or WORSENED.
 */
export function pairedDifference(
  pairs: readonly Pair[],
  higherIsBetter: boolean,
  confidence = 0.95,
  minSample = MIN_PAIRS_FOR_VERDICT,
): PairedDifference {
  const n = pairs.length;
  const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
  if (n === 0) {
    return {
      n,
      meanBefore: null,
      meanAfter: null,
      meanDifference: null,
      standardDeviation: null,
      tQuantile: null,
      ciLow: null,
      ciHigh: null,
      verdict: ImpactVerdict.INSUFFICIENT_DATA,
    };
  }
  const differences = pairs.map((p) => p.after - p.before);
  const meanDifference = mean(differences);
  const base = {
    n,
    meanBefore: mean(pairs.map((p) => p.before)),
    meanAfter: mean(pairs.map((p) => p.after)),
    meanDifference,
  };
  if (n < 2)
    return {
      ...base,
      standardDeviation: null,
      tQuantile: null,
      ciLow: null,
      ciHigh: null,
      verdict: ImpactVerdict.INSUFFICIENT_DATA,
    };
  const variance = differences.reduce((s, d) => s + (d - meanDifference) ** 2, 0) / (n - 1);
  const standardDeviation = Math.sqrt(variance);
  const tQuantile = tQuantileOf(1 - (1 - confidence) / 2, n - 1);
  const halfWidth = (tQuantile * standardDeviation) / Math.sqrt(n);
  const ciLow = meanDifference - halfWidth;
  const ciHigh = meanDifference + halfWidth;
  let verdict: ImpactVerdict;
  if (n < minSample) verdict = ImpactVerdict.INSUFFICIENT_DATA;
  else if (ciLow <= 0 && ciHigh >= 0) verdict = ImpactVerdict.NO_CLEAR_EFFECT;
  else verdict = ciLow > 0 === higherIsBetter ? ImpactVerdict.IMPROVED : ImpactVerdict.WORSENED;
  return { ...base, standardDeviation, tQuantile, ciLow, ciHigh, verdict };
}
