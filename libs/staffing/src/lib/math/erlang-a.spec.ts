import { erlangA, erlangAForAgents, ErlangAInput } from './erlang-a';
import gammainc from '@stdlib/math-base-special-gammainc';
import { erlangB, erlangC, erlangCForAgents } from './erlang-c';
import { StaffingInputError } from './staffing-input.error';

/** pyworkforce's ErlangA example: 100 contacts in 30 min, AHT 3 min, patience 5 min, 80/20. */
const example: ErlangAInput = {
  contacts: 100,
  intervalSeconds: 1800,
  ahtSeconds: 180,
  patienceSeconds: 300,
  serviceLevelTarget: 0.8,
  targetAnswerSeconds: 20,
  shrinkage: 0,
  maxOccupancy: 1,
};

describe('erlangAForAgents: exact values', () => {
  // 200-digit references from libs/staffing/src/testing/erlang-a-reference.py: the truncated birth-death
  // chain for P(wait), P(abandon), the mean wait and occupancy, and a tagged customer with a hypoexponential
  // offered wait for the service level; an independent route from the series and incomplete-gamma forms of
  // erlang-a.ts. The digits are kept as computed.
  /* eslint-disable no-loss-of-precision */
  const references = [
    {
      contacts: 100,
      interval: 1800,
      aht: 180,
      patience: 300,
      n: 14,
      t: 20,
      pWait: 0.14526011429636120293,
      pAbandon: 0.013983744122408937537,
      asa: 4.1951232367226812612,
      occupancy: 0.7042973256268507589,
      sl: 0.91679209186354687114,
    },
    {
      contacts: 100,
      interval: 1800,
      aht: 180,
      patience: 300,
      n: 10,
      t: 20,
      pWait: 0.5994333180281381836,
      pAbandon: 0.10943799955850192314,
      asa: 32.831399867550576943,
      occupancy: 0.89056200044149807686,
      sl: 0.51681016864026894025,
    },
    {
      contacts: 100,
      interval: 1800,
      aht: 180,
      patience: 300,
      n: 8,
      t: 20,
      pWait: 0.84756976974023780044,
      pAbandon: 0.23186413468671066737,
      asa: 69.559240406013200212,
      occupancy: 0.96016983164161166578,
      sl: 0.22645182115908740054,
    },
    {
      contacts: 2.4,
      interval: 900,
      aht: 300,
      patience: 60,
      n: 1,
      t: 15,
      pWait: 0.47775970894557734871,
      pAbandon: 0.40280036381802829201,
      asa: 24.16802182908169752,
      occupancy: 0.47775970894557734871,
      sl: 0.54060811043479705716,
    },
    {
      contacts: 187.5,
      interval: 900,
      aht: 240,
      patience: 120,
      n: 45,
      t: 30,
      pWait: 0.66923446878355222237,
      pAbandon: 0.12864056878162909224,
      asa: 15.436868253795491069,
      occupancy: 0.96817714579818989751,
      sl: 0.69723863095751738006,
    },
    {
      contacts: 187.5,
      interval: 900,
      aht: 240,
      patience: 120,
      n: 55,
      t: 30,
      pWait: 0.2203534472490919919,
      pAbandon: 0.026678553115143116457,
      asa: 3.2014263738171739749,
      occupancy: 0.88483767898623353049,
      sl: 0.94992877798863598221,
    },
    {
      contacts: 1200,
      interval: 900,
      aht: 300,
      patience: 600,
      n: 395,
      t: 20,
      pWait: 0.70388147926129966587,
      pAbandon: 0.023209942040850680083,
      asa: 13.92596522451040805,
      occupancy: 0.98915448907255627333,
      sl: null,
    },
  ];
  /* eslint-enable no-loss-of-precision */

  it.each(references)('$contacts contacts, N = $n matches the 200-digit reference to 1e-9', (r) => {
    const m = erlangAForAgents(
      {
        contacts: r.contacts,
        intervalSeconds: r.interval,
        ahtSeconds: r.aht,
        patienceSeconds: r.patience,
        targetAnswerSeconds: r.t,
      },
      r.n,
    );
    expect(Math.abs(m.probabilityOfWaiting - r.pWait)).toBeLessThan(1e-9);
    expect(Math.abs(m.abandonmentRate - r.pAbandon)).toBeLessThan(1e-9);
    expect(Math.abs(m.asaSeconds - r.asa)).toBeLessThan(1e-9 * Math.max(1, r.asa));
    expect(Math.abs((m.occupancy ?? NaN) - r.occupancy)).toBeLessThan(1e-9);
    if (r.sl !== null) expect(Math.abs(m.serviceLevel - r.sl)).toBeLessThan(1e-9);
  });

  it('matches pyworkforce’s published snapshot for N = 14 (its rounding)', () => {
    const m = erlangAForAgents(example, 14);
    expect(m.probabilityOfWaiting.toFixed(5)).toBe('0.14526');
    expect(m.abandonmentRate.toFixed(6)).toBe('0.013984');
    expect((m.occupancy ?? 0).toFixed(6)).toBe('0.704297');
    expect((m.asaSeconds / 60).toFixed(6)).toBe('0.069919'); // pyworkforce reports minutes
    expect(m.serviceLevel.toFixed(6)).toBe('0.916792');
  });

  it('agrees with the Garnett–Mandelbaum–Reiman closed forms', () => {
    // GMR (2002): with x = Nμ/θ, y = λ/θ, ρ = λ/(Nμ), A(x, y) = x·eʸ·y⁻ˣ·γ(x, y) and E = Erlang B(A, N):
    //   P(W > 0) = A(x, y)·E ÷ (1 + (A(x, y) − 1)·E),  P(Ab | W > 0) = 1 ÷ (ρ·A(x, y)) + 1 − 1 ÷ ρ.
    // γ here is the (non-regularised) incomplete gamma function of @stdlib, not the series of erlang-a.ts.
    const a = 10;
    const ratio = 300 / 180; // μ/θ
    for (const n of [6, 10, 14, 20]) {
      const x = n * ratio;
      const y = a * ratio;
      const bigA = Math.exp(Math.log(x) + y - x * Math.log(y) + Math.log(gammainc(y, x, false)));
      const rho = a / n;
      const e = erlangB(a, n);
      const pWait = (bigA * e) / (1 + (bigA - 1) * e);
      const pAbGivenWait = 1 / (rho * bigA) + 1 - 1 / rho;
      const m = erlangAForAgents(example, n);
      expect(Math.abs(m.probabilityOfWaiting - pWait)).toBeLessThan(1e-12);
      expect(Math.abs(m.abandonmentRate - pWait * pAbGivenWait)).toBeLessThan(1e-12);
      // Occupancy × N = carried traffic = A·(1 − P(abandon)).
      expect(Math.abs((m.occupancy ?? 0) * n - a * (1 - m.abandonmentRate))).toBeLessThan(1e-12);
    }
  });

  it('tends to Erlang C as patience grows (stable queue)', () => {
    for (const n of [11, 14, 20]) {
      const a = erlangAForAgents({ ...example, patienceSeconds: 1e9 }, n);
      const c = erlangCForAgents(example, n);
      expect(Math.abs(a.probabilityOfWaiting - c.probabilityOfWaiting)).toBeLessThan(1e-6);
      expect(Math.abs(a.serviceLevel - c.serviceLevel)).toBeLessThan(1e-6);
    }
  });

  it('is monotone in N and finite below A, where Erlang C has no steady state', () => {
    let previous = erlangAForAgents(example, 0);
    expect(previous).toMatchObject({
      serviceLevel: 0,
      abandonmentRate: 1,
      probabilityOfWaiting: 1,
      occupancy: null,
      asaSeconds: 300,
    });
    for (let n = 1; n <= 30; n++) {
      const m = erlangAForAgents(example, n);
      expect(m.serviceLevel).toBeGreaterThanOrEqual(previous.serviceLevel - 1e-15);
      expect(m.abandonmentRate).toBeLessThanOrEqual(previous.abandonmentRate + 1e-15);
      expect(m.probabilityOfWaiting).toBeLessThanOrEqual(previous.probabilityOfWaiting + 1e-15);
      previous = m;
    }
  });

  it('the series and incomplete-gamma routes agree where both apply, and very long patience stays fast', () => {
    // 20,000 Erlangs, AHT 60 s, patience 1 day, N far below A: the terms of S grow for ~10⁷ steps,
    // so the incomplete-gamma route is taken; the result must still be a distribution of sensible values.
    const huge = erlangAForAgents(
      { contacts: 300_000, intervalSeconds: 900, ahtSeconds: 60, patienceSeconds: 86_400, targetAnswerSeconds: 20 },
      10_000,
    );
    expect(huge.probabilityOfWaiting).toBeCloseTo(1, 12);
    expect(huge.abandonmentRate).toBeCloseTo(0.5, 9); // half the offered work cannot be carried
    expect(huge.occupancy).toBeCloseTo(1, 9);
    expect(huge.serviceLevel).toBeGreaterThanOrEqual(0);
    expect(huge.serviceLevel).toBeLessThan(0.01);
  });
});

describe('erlangA: agents needed', () => {
  it('finds the smallest N meeting 80/20 and an abandonment cap, and never one below a target', () => {
    const r = erlangA({ ...example, maxAbandonment: 0.05, shrinkage: 0.3 });
    expect(r.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(r.abandonmentRate).toBeLessThanOrEqual(0.05);
    const fewer = erlangAForAgents(example, r.agents - 1);
    expect(fewer.serviceLevel < 0.8 || fewer.abandonmentRate > 0.05).toBe(true);
    // 13 agents (reference script: SL 0.8582 at 13, 0.7723 at 12), where Erlang C needs 14: callers who
    // hang up shorten the queue for the others.
    expect(r.agents).toBe(13);
    expect(erlangC({ ...example, shrinkage: 0 }).agents).toBe(14);
    expect(r.scheduledAgents).toBe(19);
  });

  it('a tight abandonment cap or an ASA ceiling can decide the head count', () => {
    const sl = erlangA(example).agents;
    const capped = erlangA({ ...example, maxAbandonment: 0.001 });
    expect(capped.agents).toBeGreaterThan(sl);
    expect(capped.abandonmentRate).toBeLessThanOrEqual(0.001);
    expect(erlangAForAgents(example, capped.agents - 1).abandonmentRate).toBeGreaterThan(0.001);
    const asa = erlangA({ ...example, asaTargetSeconds: 1 });
    expect(asa.asaSeconds).toBeLessThanOrEqual(1);
    expect(erlangAForAgents(example, asa.agents - 1).asaSeconds).toBeGreaterThan(1);
  });

  it('answers for a national-scale queue quickly', () => {
    const r = erlangA({ ...example, contacts: 30_000, intervalSeconds: 900, ahtSeconds: 300, maxAbandonment: 0.02 });
    expect(r.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(r.abandonmentRate).toBeLessThanOrEqual(0.02);
    const fewer = erlangAForAgents(
      { ...example, contacts: 30_000, intervalSeconds: 900, ahtSeconds: 300 },
      r.agents - 1,
    );
    expect(fewer.serviceLevel < 0.8 || fewer.abandonmentRate > 0.02).toBe(true);
    // Below the 10,000 Erlangs offered: with abandonment a slightly understaffed queue is still stable.
    expect(r.agents).toBeLessThan(10_000);
  });

  it('no traffic needs no agent', () => {
    expect(erlangA({ ...example, contacts: 0 })).toMatchObject({
      agents: 0,
      scheduledAgents: 0,
      serviceLevel: 1,
      abandonmentRate: 0,
    });
  });

  it.each<[Partial<ErlangAInput>, string]>([
    [{ patienceSeconds: 0 }, 'patienceSeconds'],
    [{ patienceSeconds: -5 }, 'patienceSeconds'],
    [{ serviceLevelTarget: 1 }, 'serviceLevelTarget'],
    [{ serviceLevelTarget: 0 }, 'serviceLevelTarget'],
    [{ maxAbandonment: 0 }, 'maxAbandonment'],
    [{ maxAbandonment: 1.5 }, 'maxAbandonment'],
    [{ asaTargetSeconds: 0 }, 'asaTargetSeconds'],
    [{ shrinkage: 1 }, 'shrinkage'],
    [{ maxOccupancy: 0 }, 'maxOccupancy'],
    [{ contacts: -1 }, 'contacts'],
  ])('rejects %p naming field %s', (override, field) => {
    expect(() => erlangA({ ...example, ...override })).toThrow(StaffingInputError);
    expect(() => erlangA({ ...example, ...override })).toThrow(expect.objectContaining({ field }));
  });
});
