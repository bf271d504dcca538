import { chatRequirement, ChatRequirementInput, deferredWorkRequirement } from './channel-requirements';
import { erlangC } from './erlang-c';
import { StaffingInputError } from './staffing-input.error';

const chat: ChatRequirementInput = {
  contacts: 100,
  intervalSeconds: 1800,
  ahtSeconds: 180,
  serviceLevelTarget: 0.8,
  targetAnswerSeconds: 20,
  shrinkage: 0.3,
  maxOccupancy: 1,
  concurrency: 3,
};

describe('chatRequirement', () => {
  it('sizes slots with Erlang C and divides by the concurrency, rounding up', () => {
    const r = chatRequirement(chat);
    // The slots are the pyworkforce example: A = 10, 14 slots → ceil(14 / 3) = 5 agents.
    expect(r.trafficErlangs).toBe(10);
    expect(r.requiredSlots).toBe(14);
    expect(r.agents).toBe(5);
    expect(r.scheduledAgents).toBe(8); // ceil(5 / 0.7) = ceil(7.14)
    // 5 agents staff 15 slots, so the KPIs are those of 15 servers.
    expect(r.slotOccupancy).toBeCloseTo(10 / 15, 12);
    expect(r.serviceLevel).toBeGreaterThan(erlangC(chat).serviceLevel);
  });

  it('concurrency 1 is plain Erlang C', () => {
    const r = chatRequirement({ ...chat, concurrency: 1 });
    const phone = erlangC(chat);
    expect(r.agents).toBe(phone.agents);
    expect(r.scheduledAgents).toBe(phone.scheduledAgents);
    expect(r.serviceLevel).toBeCloseTo(phone.serviceLevel, 12);
  });

  it('no chats need no agent', () => {
    expect(chatRequirement({ ...chat, contacts: 0 })).toMatchObject({ agents: 0, scheduledAgents: 0, serviceLevel: 1 });
  });

  it.each([0, 1.5, -2])('rejects concurrency %p', (concurrency) => {
    expect(() => chatRequirement({ ...chat, concurrency })).toThrow(StaffingInputError);
  });
});

describe('deferredWorkRequirement', () => {
  const base = { intervalSeconds: 900, ahtSeconds: 300, maxOccupancy: 1, shrinkage: 0 };

  it('with steady volume needs contacts × AHT ÷ interval whatever the deadline', () => {
    for (const deadlineSeconds of [600, 900, 3600, 4 * 3600]) {
      const r = deferredWorkRequirement({ ...base, contacts: new Array(40).fill(30), deadlineSeconds });
      // Once the first deadline window has filled, 30 × 300 s ÷ 900 s = 10 agents busy.
      const settled = Math.ceil(deadlineSeconds / 900) + 1;
      for (let t = settled; t < 40; t++) expect(r.workloadErlangs[t]).toBeCloseTo(10, 9);
      expect(r.agents[39]).toBe(10);
    }
  });

  it('spreads a peak over the deadline window (D = 2 intervals gives ¼, ½, ¼), by hand', () => {
    const r = deferredWorkRequirement({ ...base, contacts: [0, 36, 0, 0, 0], deadlineSeconds: 1800 });
    // Work = 36 × 300 = 10,800 agent-s = 12 agent-intervals; the kernel puts ¼, ½, ¼ of it in
    // intervals 1, 2, 3: 3, 6 and 3 Erlangs.
    expect(r.workloadErlangs.map((x) => Number(x.toFixed(9)))).toEqual([0, 3, 6, 3, 0]);
    expect(r.agents).toEqual([0, 3, 6, 3, 0]);
    expect(r.spilledAgentSeconds).toBe(0);
  });

  it('a short deadline keeps the work in its interval plus a small spill-over', () => {
    // D = I/3: Area(0) = I²/2 − (I − D)²/2 = 5/18 I², Area(1) = D²/2 = 1/18 I², over I·D = 6/18 I².
    const r = deferredWorkRequirement({ ...base, contacts: [0, 36, 0], deadlineSeconds: 300 });
    expect(r.workloadErlangs[1]).toBeCloseTo(12 * (5 / 6), 12);
    expect(r.workloadErlangs[2]).toBeCloseTo(12 * (1 / 6), 12);
  });

  it('places every agent-second once: workload inside the series plus spill-over equals the work', () => {
    const contacts = [5, 0, 12, 40, 7, 0, 0, 3];
    const aht = [200, 300, 250, 400, 100, 300, 300, 900];
    const r = deferredWorkRequirement({ ...base, contacts, ahtSeconds: aht, deadlineSeconds: 7200 });
    const work = contacts.reduce((s, c, i) => s + c * aht[i], 0);
    const placed = r.workloadErlangs.reduce((s, l) => s + l * 900, 0);
    expect(placed + r.spilledAgentSeconds).toBeCloseTo(work, 6);
    expect(r.spilledAgentSeconds).toBeGreaterThan(0);
  });

  it('divides by the occupancy cap and grosses up for shrinkage', () => {
    const r = deferredWorkRequirement({
      ...base,
      contacts: new Array(10).fill(24),
      deadlineSeconds: 900,
      maxOccupancy: 0.8,
      shrinkage: 0.2,
    });
    // 24 × 300 ÷ 900 = 8 Erlangs → 8 / 0.8 = 10 agents → 10 / 0.8 = 12.5 → 13 scheduled.
    expect(r.agents[9]).toBe(10);
    expect(r.scheduledAgents[9]).toBe(13);
  });

  it('raises a deadline shorter than the handle time to the handle time', () => {
    const r = deferredWorkRequirement({ ...base, contacts: [3, 3], ahtSeconds: [300, 1200], deadlineSeconds: 60 });
    expect(r.effectiveDeadlineSeconds).toBe(1200);
  });

  it('rejects impossible input naming the field', () => {
    expect(() => deferredWorkRequirement({ ...base, contacts: [1, -1], deadlineSeconds: 60 })).toThrow(
      expect.objectContaining({ field: 'contacts[1]' }),
    );
    expect(() => deferredWorkRequirement({ ...base, contacts: [1], deadlineSeconds: 0 })).toThrow(
      expect.objectContaining({ field: 'deadlineSeconds' }),
    );
    expect(() =>
      deferredWorkRequirement({ ...base, contacts: [1, 2], ahtSeconds: [300], deadlineSeconds: 60 }),
    ).toThrow(expect.objectContaining({ field: 'ahtSeconds' }));
  });
});
