import {
  averageSpeedOfAnswer,
  erlangB,
  erlangC,
  erlangCForAgents,
  ErlangCInput,
  grossUpForShrinkage,
  probabilityOfWaiting,
  serviceLevel,
  textbookErlangC,
} from './erlang-c';
import { StaffingInputError } from './staffing-input.error';

/** pyworkforce README / KPI_DEFINITIONS.md worked example: 100 contacts in 30 min, AHT 3 min, 80/20, 30% shrinkage. */
const pyworkforce: ErlangCInput = {
  contacts: 100,
  intervalSeconds: 1800,
  ahtSeconds: 180,
  serviceLevelTarget: 0.8,
  targetAnswerSeconds: 20,
  shrinkage: 0.3,
  maxOccupancy: 1,
};

/** Input for a given traffic A (AHT 300 s, 15-minute interval), 80/20, no shrinkage. */
function forTraffic(a: number, overrides: Partial<ErlangCInput> = {}): ErlangCInput {
  return {
    contacts: (a * 900) / 300,
    intervalSeconds: 900,
    ahtSeconds: 300,
    serviceLevelTarget: 0.8,
    targetAnswerSeconds: 20,
    shrinkage: 0,
    maxOccupancy: 1,
    ...overrides,
  };
}

describe('erlangC: the pyworkforce worked example', () => {
  const result = erlangC(pyworkforce);

  it('finds A = 10 Erlangs and N = 14 agents, 20 scheduled after 30% shrinkage', () => {
    expect(result.trafficErlangs).toBe(10);
    expect(result.agents).toBe(14);
    expect(result.scheduledAgents).toBe(20);
  });

  it('reports the published KPIs', () => {
    expect(result.probabilityOfWaiting).toBeCloseTo(0.1741, 4);
    expect(result.serviceLevel).toBeCloseTo(0.8884, 4);
    expect(result.occupancy).toBeCloseTo(0.714, 3);
    expect(result.asaSeconds).toBeCloseTo(7.8, 1);
  });

  it('13 agents reach only about 0.7956', () => {
    expect(serviceLevel(10, 13, 20, 180)).toBeCloseTo(0.7956, 4);
    expect(erlangCForAgents(pyworkforce, 13).serviceLevel).toBeCloseTo(0.7956, 4);
  });
});

describe('erlangC: exact values', () => {
  // Reference values computed independently with mpmath at 60 significant digits (Erlang B recursion
  // in exact-enough arithmetic, cross-checked against the factorial formula Aᴺ/N!·N/(N−A) ÷ (Σ + …)).
  // The digits are kept as computed (more than a double holds) so that the source of each value stays checkable.
  /* eslint-disable no-loss-of-precision */
  const references: Array<{ a: number; n: number; t: number; aht: number; c: number; sl: number; asa: number }> = [
    { a: 10, n: 14, t: 20, aht: 180, c: 0.17413193359504984264, sl: 0.88835001917946688425, asa: 7.835937011777242919 },
    { a: 10, n: 13, t: 20, aht: 180, c: 0.28527045303649293634, sl: 0.7955947884177831191, asa: 17.11622718218957618 },
    { a: 2, n: 3, t: 20, aht: 180, c: 4 / 9, sl: 0.6022936369713912113, asa: 80 },
    { a: 50, n: 60, t: 20, aht: 300, c: 0.11730205613220740777, sl: 0.93977511628400267783, asa: 3.519061683966222233 },
    {
      a: 100,
      n: 110,
      t: 30,
      aht: 240,
      c: 0.23700750028505272902,
      sl: 0.93209621427648952057,
      asa: 5.6881800068412654966,
    },
    {
      a: 1000,
      n: 1030,
      t: 20,
      aht: 300,
      c: 0.24890878584360197987,
      sl: 0.96631385896777475446,
      asa: 2.4890878584360197987,
    },
    {
      a: 10000,
      n: 10050,
      t: 20,
      aht: 300,
      c: 0.50568909110815691133,
      sl: 0.98196005072802949877,
      asa: 3.034134546648941468,
    },
    { a: 0.5, n: 1, t: 15, aht: 120, c: 0.5, sl: 0.53029346859326210694, asa: 120 },
  ];
  /* eslint-enable no-loss-of-precision */

  it.each(references)('A = $a, N = $n matches the 60-digit reference to 1e-9', ({ a, n, t, aht, c, sl, asa }) => {
    expect(Math.abs(probabilityOfWaiting(a, n) - c)).toBeLessThan(1e-9);
    expect(Math.abs(serviceLevel(a, n, t, aht) - sl)).toBeLessThan(1e-9);
    expect(Math.abs((averageSpeedOfAnswer(a, n, aht) ?? NaN) - asa)).toBeLessThan(1e-9 * Math.max(1, asa));
  });

  it('Erlang B matches closed forms for small N', () => {
    // B(A,1) = A/(1+A); B(A,2) = (A²/2)/(1 + A + A²/2).
    expect(erlangB(3, 0)).toBe(1);
    expect(erlangB(3, 1)).toBeCloseTo(3 / 4, 15);
    expect(erlangB(3, 2)).toBeCloseTo(4.5 / 8.5, 15);
    expect(erlangB(0, 5)).toBe(0);
  });

  // Required head counts decided in 60-digit arithmetic (mpmath), including the KPIs at that N.
  it.each([
    { a: 1000, target: 0.8, n: 1015, sl: 0.80589747938571 },
    { a: 10000, target: 0.8, n: 10021, sl: 0.812155583469573 },
    { a: 25, target: 0.9, n: 32, sl: 0.920423826521317 },
  ])('A = $a at $target/20 needs N = $n', ({ a, target, n, sl }) => {
    const result = erlangC(forTraffic(a, { serviceLevelTarget: target }));
    expect(result.agents).toBe(n);
    expect(result.serviceLevel).toBeCloseTo(sl, 12);
  });

  it('agrees with the textbook sum-of-terms implementation to 1e-12 for A ≤ 100', () => {
    for (let a = 0.25; a <= 100; a += 0.75) {
      for (const n of [Math.floor(a) + 1, Math.floor(a) + 2, Math.ceil(a * 1.1) + 1, Math.ceil(a * 1.3) + 2]) {
        // Same inputs through both code paths: the textbook one at its first candidate N.
        const viaTextbook = textbookErlangC({
          ...forTraffic(a),
          serviceLevelTarget: 1e-9, // any N > A meets it, so the textbook returns its first N …
          maxOccupancy: a / n, // … and the occupancy cap moves that first N exactly to n.
        });
        expect(viaTextbook.agents).toBe(n);
        expect(Math.abs(viaTextbook.probabilityOfWaiting - probabilityOfWaiting(a, n))).toBeLessThan(1e-12);
      }
    }
  });

  it('gives the same head count as the textbook implementation over a grid of inputs', () => {
    for (const contacts of [1, 7, 33, 120, 480, 900]) {
      for (const aht of [60, 240, 600]) {
        for (const target of [0.5, 0.8, 0.95]) {
          for (const asaTargetSeconds of [undefined, 15]) {
            const input: ErlangCInput = {
              ...pyworkforce,
              contacts,
              ahtSeconds: aht,
              serviceLevelTarget: target,
              asaTargetSeconds,
            };
            const fast = erlangC(input);
            const slow = textbookErlangC(input);
            expect(fast.agents).toBe(slow.agents);
            expect(Math.abs(fast.serviceLevel - slow.serviceLevel)).toBeLessThan(1e-12);
          }
        }
      }
    }
  });
});

describe('erlangC: identities between the outputs', () => {
  const inputs: ErlangCInput[] = [
    pyworkforce,
    forTraffic(3.7),
    forTraffic(42.4, { serviceLevelTarget: 0.9, targetAnswerSeconds: 30 }),
    forTraffic(250, { serviceLevelTarget: 0.7, targetAnswerSeconds: 60 }),
    forTraffic(1234.5, { serviceLevelTarget: 0.95 }),
  ];

  it.each(inputs)('occupancy × N = A, N > A, and N − 1 agents miss the target (contacts = $contacts)', (input) => {
    const r = erlangC(input);
    expect(r.agents).toBeGreaterThan(r.trafficErlangs);
    expect(r.occupancy * r.agents).toBeCloseTo(r.trafficErlangs, 9);
    expect(r.serviceLevel).toBeGreaterThanOrEqual(input.serviceLevelTarget);
    const fewer = serviceLevel(r.trafficErlangs, r.agents - 1, input.targetAnswerSeconds, input.ahtSeconds);
    expect(fewer).toBeLessThan(input.serviceLevelTarget);
  });

  it('service level rises and ASA falls monotonically with N', () => {
    const a = 57.3;
    let previousSl = -1;
    let previousAsa = Infinity;
    for (let n = 58; n < 120; n++) {
      const sl = serviceLevel(a, n, 20, 300);
      const asa = averageSpeedOfAnswer(a, n, 300) ?? Infinity;
      expect(sl).toBeGreaterThan(previousSl);
      expect(asa).toBeLessThan(previousAsa);
      previousSl = sl;
      previousAsa = asa;
    }
  });
});

describe('erlangC: binding constraints and edge cases', () => {
  it('zero contacts need no agent', () => {
    expect(erlangC({ ...pyworkforce, contacts: 0 })).toEqual({
      trafficErlangs: 0,
      agents: 0,
      scheduledAgents: 0,
      serviceLevel: 1,
      asaSeconds: 0,
      occupancy: 0,
      probabilityOfWaiting: 0,
    });
    // AHT and interval do not matter when nothing arrives.
    expect(erlangC({ ...pyworkforce, contacts: 0, ahtSeconds: 0, intervalSeconds: 0 }).agents).toBe(0);
  });

  it('an ASA target can be the binding constraint', () => {
    const r = erlangC({ ...pyworkforce, asaTargetSeconds: 5 });
    expect(r.agents).toBe(15); // 14 agents reach SL 0.888 but ASA 7.8 s > 5 s
    expect(r.asaSeconds).toBeLessThanOrEqual(5);
    expect(averageSpeedOfAnswer(10, 14, 180)).toBeGreaterThan(5);
  });

  it('an occupancy cap can be the binding constraint', () => {
    const r = erlangC({ ...pyworkforce, maxOccupancy: 0.65 });
    expect(r.agents).toBe(16); // 10 / 0.65 = 15.4
    expect(r.occupancy).toBeLessThanOrEqual(0.65);
    expect(10 / 15).toBeGreaterThan(0.65);
  });

  it('an occupancy cap met exactly does not cost an extra agent', () => {
    // A = 8, cap 0.8 → N = 10 exactly (8/10 = 0.8 in doubles only up to rounding).
    expect(erlangC(forTraffic(8, { serviceLevelTarget: 0.01, maxOccupancy: 0.8 })).agents).toBe(10);
  });

  // Their speed is measured in benchmarks/staffing (erlang-c), against the textbook in the same run.
  it('A = 1,000 and A = 10,000 answer with N > A and a finite service level', () => {
    const big = erlangC(forTraffic(1000));
    const huge = erlangC(forTraffic(10000));
    expect(big.agents).toBeGreaterThan(1000);
    expect(huge.agents).toBeGreaterThan(10000);
    expect(Number.isFinite(huge.serviceLevel)).toBe(true);
  });

  it('guards the shrinkage division against floating error', () => {
    expect(grossUpForShrinkage(14, 0.3)).toBe(20);
    expect(grossUpForShrinkage(7, 0.3)).toBe(10);
    expect(grossUpForShrinkage(14.01, 0.3)).toBe(21);
    expect(grossUpForShrinkage(21, 0.3)).toBe(30);
    expect(grossUpForShrinkage(13, 0)).toBe(13);
    expect(grossUpForShrinkage(1, 0.35)).toBe(2);
  });

  it('refuses a service-level target of 1 with traffic (unattainable), accepts it without', () => {
    expect(() => erlangC({ ...pyworkforce, serviceLevelTarget: 1, shrinkage: 0 })).toThrow(
      expect.objectContaining({ field: 'serviceLevelTarget', message: expect.stringContaining('unattainable') }),
    );
    expect(() => textbookErlangC({ ...pyworkforce, serviceLevelTarget: 1 })).toThrow(StaffingInputError);
    expect(erlangC({ ...pyworkforce, contacts: 0, serviceLevelTarget: 1 })).toMatchObject({
      agents: 0,
      serviceLevel: 1,
    });
  });

  it('never returns a head count whose own service level is below the target, however close the target is to 1', () => {
    for (const target of [0.999999, 0.9999999999, 0.9999999999994752, 0.9999999999999, 1 - 2 ** -52]) {
      for (const a of [0.3, 10, 250, 4000]) {
        const r = erlangC(forTraffic(a, { serviceLevelTarget: target }));
        expect(r.serviceLevel).toBeGreaterThanOrEqual(target);
        // … and it is the smallest such N.
        expect(serviceLevel(a, r.agents - 1, 20, 300)).toBeLessThan(target);
      }
    }
  });

  it('starts the Erlang B recursion late for large A without losing a bit that matters', () => {
    // Full recursion from n = 1 against the shortcut, relative difference at the rounding level.
    for (const a of [60, 500, 1000, 7500, 10000]) {
      for (const n of [Math.ceil(a) + 1, Math.ceil(a + Math.sqrt(a)), Math.ceil(a * 1.2)]) {
        let b = 1;
        for (let k = 1; k <= n; k++) b = (a * b) / (k + a * b);
        expect(Math.abs(erlangB(a, n) - b) / b).toBeLessThan(1e-12);
      }
      // Below A the shortcut is not used: B(A, n) for n < A is the full recursion.
      let b = 1;
      const below = Math.floor(a / 2);
      for (let k = 1; k <= below; k++) b = (a * b) / (k + a * b);
      expect(erlangB(a, below)).toBe(b);
    }
  });

  it('reports SL 0 and no ASA when N ≤ A', () => {
    expect(serviceLevel(10, 10, 20, 180)).toBe(0);
    expect(serviceLevel(10, 4, 20, 180)).toBe(0);
    expect(averageSpeedOfAnswer(10, 10, 180)).toBeNull();
    expect(probabilityOfWaiting(10, 9)).toBe(1);
    const few = erlangCForAgents(pyworkforce, 5);
    expect(few).toEqual({
      trafficErlangs: 10,
      agents: 5,
      serviceLevel: 0,
      asaSeconds: null,
      occupancy: 1,
      probabilityOfWaiting: 1,
    });
    expect(erlangCForAgents(pyworkforce, 0).occupancy).toBeNull();
    expect(erlangCForAgents({ ...pyworkforce, contacts: 0 }, 0)).toMatchObject({
      serviceLevel: 1,
      asaSeconds: 0,
      occupancy: 0,
    });
  });

  it.each<[Partial<ErlangCInput>, string]>([
    [{ contacts: -1 }, 'contacts'],
    [{ contacts: Number.NaN }, 'contacts'],
    [{ contacts: Infinity }, 'contacts'],
    [{ intervalSeconds: 0 }, 'intervalSeconds'],
    [{ ahtSeconds: 0 }, 'ahtSeconds'],
    [{ ahtSeconds: -3 }, 'ahtSeconds'],
    [{ serviceLevelTarget: 0 }, 'serviceLevelTarget'],
    [{ serviceLevelTarget: 1.2 }, 'serviceLevelTarget'],
    [{ targetAnswerSeconds: -1 }, 'targetAnswerSeconds'],
    [{ asaTargetSeconds: 0 }, 'asaTargetSeconds'],
    [{ shrinkage: 1 }, 'shrinkage'],
    [{ shrinkage: -0.1 }, 'shrinkage'],
    [{ maxOccupancy: 0 }, 'maxOccupancy'],
    [{ maxOccupancy: 1.01 }, 'maxOccupancy'],
  ])('rejects %p naming field %s', (override, field) => {
    let thrown: unknown;
    try {
      erlangC({ ...pyworkforce, ...override });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StaffingInputError);
    expect((thrown as StaffingInputError).field).toBe(field);
    expect((thrown as StaffingInputError).message).toContain(field);
  });
});
