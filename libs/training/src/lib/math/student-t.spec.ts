import { logGamma, regularizedIncompleteBeta, studentTCdf, studentTQuantile } from './student-t';

describe('Student t', () => {
  // Two-sided 95% critical values t(0.975, ν), from the standard tables (NIST/SEMATECH e-Handbook 1.3.6.7.2).
  it.each([
    [1, 12.7062047],
    [2, 4.30265273],
    [3, 3.18244631],
    [4, 2.77644511],
    [5, 2.57058184],
    [9, 2.26215716],
    [10, 2.22813885],
    [30, 2.04227246],
    [100, 1.98397152],
  ])('t(0.975, %i) = %f', (df, expected) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(expected, 6);
  });

  it('gives other quantiles and is symmetric', () => {
    expect(studentTQuantile(0.95, 10)).toBeCloseTo(1.81246112, 6);
    expect(studentTQuantile(0.995, 5)).toBeCloseTo(4.03214298, 6);
    expect(studentTQuantile(0.025, 4)).toBeCloseTo(-2.77644511, 6);
    expect(studentTQuantile(0.5, 7)).toBe(0);
  });

  it('approaches the normal quantile for large ν', () => {
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.959964, 4);
  });

  it('has a CDF that agrees with closed forms', () => {
    // ν = 1 is Cauchy: F(t) = ½ + atan(t)/π.
    for (const t of [-3, -0.5, 0, 0.7, 4]) expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 12);
    // ν = 2: F(t) = ½ + t / (2·√(2 + t²)).
    for (const t of [-2, 0.3, 5]) expect(studentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 12);
  });

  it('computes ln Γ and I_x(a, b) with known answers', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(regularizedIncompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12); // uniform
    expect(regularizedIncompleteBeta(0.4, 2, 3)).toBeCloseTo(0.5248, 12); // Σ_{j=2..4} C(4,j)·x^j·(1−x)^(4−j)
  });

  it('refuses impossible arguments', () => {
    expect(() => studentTQuantile(1, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(0.9, 0)).toThrow(RangeError);
  });
});
