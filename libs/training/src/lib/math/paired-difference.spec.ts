import { ImpactVerdict, pairedDifference } from './paired-difference';

describe('pairedDifference', () => {
  it('computes the matched-pairs t interval of a worked example', () => {
    // Differences 2, 4, 6, 8, 10: mean 6, s = √10, t(0.975, 4) = 2.776445, half-width = 2.776445·√2 = 3.926486.
    const pairs = [2, 4, 6, 8, 10].map((d, i) => ({ before: 50 + i, after: 50 + i + d }));
    const result = pairedDifference(pairs, true);
    expect(result.n).toBe(5);
    expect(result.meanBefore).toBeCloseTo(52, 12);
    expect(result.meanAfter).toBeCloseTo(58, 12);
    expect(result.meanDifference).toBeCloseTo(6, 12);
    expect(result.standardDeviation).toBeCloseTo(Math.sqrt(10), 12);
    expect(result.tQuantile).toBeCloseTo(2.776445, 5);
    expect(result.ciLow).toBeCloseTo(6 - 3.926486, 5);
    expect(result.ciHigh).toBeCloseTo(6 + 3.926486, 5);
    expect(result.verdict).toBe(ImpactVerdict.IMPROVED);
  });

  // Two-sided 95% critical values t(0.975, n − 1), from the standard tables (NIST/SEMATECH e-Handbook 1.3.6.7.2).
  it.each([
    [2, 12.7062047],
    [3, 4.30265273],
    [5, 2.77644511],
    [11, 2.22813885],
    [31, 2.04227246],
    [101, 1.98397152],
  ])('uses t(0.975, n − 1) from the printed table for %i pairs', (n, expected) => {
    const pairs = Array.from({ length: n }, (_, i) => ({ before: 10, after: 10 + (i % 3) }));
    expect(pairedDifference(pairs, true).tQuantile).toBeCloseTo(expected, 6);
  });

  it('calls a clear rise WORSENED when lower is better (a response time that went up)', () => {
    const pairs = [30, 32, 28, 31, 29, 30].map((d) => ({ before: 100, after: 100 + d }));
    expect(pairedDifference(pairs, false).verdict).toBe(ImpactVerdict.WORSENED);
    expect(
      pairedDifference(
        pairs.map((p) => ({ before: p.after, after: p.before })),
        false,
      ).verdict,
    ).toBe(ImpactVerdict.IMPROVED);
  });

  it('says NO_CLEAR_EFFECT when the interval spans 0', () => {
    const pairs = [-5, 4, -3, 6, -2, 1].map((d) => ({ before: 10, after: 10 + d }));
    const result = pairedDifference(pairs, true);
    expect(result.ciLow!).toBeLessThan(0);
    expect(result.ciHigh!).toBeGreaterThan(0);
    expect(result.verdict).toBe(ImpactVerdict.NO_CLEAR_EFFECT);
  });

  it('says INSUFFICIENT_DATA below five pairs but still gives the interval from two on', () => {
    const four = [1, 2, 3, 4].map((d) => ({ before: 0, after: d }));
    const result = pairedDifference(four, true);
    expect(result.verdict).toBe(ImpactVerdict.INSUFFICIENT_DATA);
    expect(result.ciLow).not.toBeNull();
    expect(pairedDifference([{ before: 1, after: 2 }], true)).toMatchObject({
      n: 1,
      meanDifference: 1,
      ciLow: null,
      verdict: ImpactVerdict.INSUFFICIENT_DATA,
    });
    expect(pairedDifference([], true)).toMatchObject({
      n: 0,
      meanDifference: null,
      verdict: ImpactVerdict.INSUFFICIENT_DATA,
    });
  });

  it('gives a zero-width interval when every agent moved by the same amount', () => {
    const result = pairedDifference(
      [1, 2, 3, 4, 5].map((b) => ({ before: b, after: b + 3 })),
      true,
    );
    expect(result).toMatchObject({
      meanDifference: 3,
      standardDeviation: 0,
      ciLow: 3,
      ciHigh: 3,
      verdict: ImpactVerdict.IMPROVED,
    });
  });
});
