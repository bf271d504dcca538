import { Role } from '@deskforce/platform';
import {
  chatRequirement,
  erlangA,
  erlangAForAgents,
  erlangC,
  erlangCForAgents,
  InteractionHistorySource,
  IntervalHistoryPoint,
} from '@deskforce/staffing';
import { createAgent, createTeam, createTestTenant, startTestApp, TestApp, TestTenant } from '@deskforce/testing';

const ERLANG_C = `query($input: ErlangCInput!) {
  erlangC(input: $input) { trafficErlangs agents scheduledAgents serviceLevel asaSeconds occupancy probabilityOfWaiting }
}`;
const ERLANG_A = `query($input: ErlangAInput!) {
  erlangA(input: $input) { trafficErlangs agents scheduledAgents serviceLevel asaSeconds abandonmentRate occupancy probabilityOfWaiting }
}`;
const UPLOAD = `mutation($input: UploadForecastInput!) { uploadForecast(input: $input) { intervalCount from to totalContacts } }`;
const OVERRIDE = `mutation($input: SetForecastOverrideInput!) { setForecastOverride(input: $input) { setCount clearedCount } }`;
const FORECAST = `query($input: StaffingForecastInput!) {
  staffingForecast(input: $input) {
    method wape baselineWape holdoutWeeks heldOutWeeks historyWeeks fittedIntervalMinutes cleanedDays dispersion methodScores { method wape excluded }
    sanity { recentWeeklyContacts forecastWeeklyContacts flagged reason }
    totalContacts intervals { startsAt endsAt contacts ahtSeconds source lowerContacts upperContacts }
  }
}`;
const REQUIREMENTS = `query($input: StaffingRequirementsInput!) {
  staffingRequirements(input: $input) {
    sizingMethod effectiveDeadlineSeconds
    totals { contacts requiredAgentHours scheduledAgentHours shortAgentHours overAgentHours intervalsShort intervalsBelowTarget projectedServiceLevel }
    intervals { startsAt endsAt contacts ahtSeconds forecastSource trafficErlangs netAgents requiredAgents scheduledAgents gap projectedServiceLevel projectedAsaSeconds }
  }
}`;
const CREATE_SHIFT = `mutation($input: CreateShiftInput!) { createShift(input: $input) { shift { id } } }`;

/** pyworkforce's README example (also in KPI_DEFINITIONS.md): 100 contacts in 30 minutes, AHT 3 minutes, 80/20, shrinkage 30%. */
const PYWORKFORCE = {
  contacts: 100,
  intervalSeconds: 1800,
  ahtSeconds: 180,
  serviceLevelTarget: 0.8,
  targetAnswerSeconds: 20,
  shrinkage: 0.3,
};

interface RequirementInterval {
  startsAt: string;
  contacts: number;
  ahtSeconds: number;
  forecastSource: string;
  trafficErlangs: number;
  netAgents: number;
  requiredAgents: number;
  scheduledAgents: number;
  gap: number;
  projectedServiceLevel: number | null;
  projectedAsaSeconds: number | null;
}

describe('staffing', () => {
  let api: TestApp;
  let tenant: TestTenant;
  let coordinator: string;

  beforeAll(async () => {
    api = await startTestApp();
    tenant = await createTestTenant(api);
    coordinator = tenant.tokens.COORDINATOR;
  });
  afterAll(() => api.close());

  const managedTeam = (input: Record<string, unknown> = {}) =>
    createTeam(api, tenant, { timeZone: 'Europe/Warsaw', coordinatorIds: [tenant.users.COORDINATOR.id], ...input });
  const ok = async (query: string, variables: Record<string, unknown>, token = coordinator) => {
    const response = await api.gql(query, variables, token);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!;
  };

  describe('erlangC and the other calculators', () => {
    it('gives every role the same numbers as the core on the pyworkforce example', async () => {
      const expected = erlangC({ ...PYWORKFORCE, maxOccupancy: 1 });
      expect(expected).toMatchObject({ trafficErlangs: 10, agents: 14, scheduledAgents: 20 });
      for (const role of Object.values(Role)) {
        const response = await api.gql(ERLANG_C, { input: PYWORKFORCE }, tenant.tokens[role]);
        expect(response.errors).toBeUndefined();
        expect(response.data!['erlangC']).toEqual(expected);
      }
      const result = (await ok(ERLANG_C, { input: PYWORKFORCE }))['erlangC'];
      expect(result.serviceLevel).toBeCloseTo(0.8884, 4);
      expect(result.probabilityOfWaiting).toBeCloseTo(0.1741, 4);
      expect(result.occupancy).toBeCloseTo(0.714, 3);
      expect(result.asaSeconds).toBeCloseTo(7.8, 1);
    });

    it.each([
      ['shrinkage', { shrinkage: 1 }],
      ['serviceLevelTarget', { serviceLevelTarget: 1.2 }],
      ['contacts', { contacts: -5 }],
      ['ahtSeconds', { ahtSeconds: 0 }],
      ['maxOccupancy', { maxOccupancy: 0 }],
      ['asaTargetSeconds', { asaTargetSeconds: 0 }],
    ])('refuses an impossible %s with BAD_USER_INPUT naming its input path', async (field, change) => {
      const response = await api.gql(ERLANG_C, { input: { ...PYWORKFORCE, ...change } }, tenant.tokens.AGENT);
      expect(response.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: `input.${field}` }],
      });
    });

    it('refuses a service-level target of 1 (unattainable with traffic) for erlangC and erlangA', async () => {
      const c = await api.gql(ERLANG_C, { input: { ...PYWORKFORCE, serviceLevelTarget: 1 } }, tenant.tokens.AGENT);
      expect(c.data).toBeNull();
      expect(c.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.serviceLevelTarget' }],
      });
      expect(c.errors![0]!.message).toContain('unattainable');
      const a = await api.gql(
        ERLANG_A,
        { input: { ...PYWORKFORCE, patienceSeconds: 300, serviceLevelTarget: 1 } },
        coordinator,
      );
      expect(a.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.serviceLevelTarget' }],
      });
      // Just below 1 is attainable, and the answer reports a service level at or above the target.
      const near = (await ok(ERLANG_C, { input: { ...PYWORKFORCE, serviceLevelTarget: 0.9999999999994752 } }))[
        'erlangC'
      ];
      expect(near.serviceLevel).toBeGreaterThanOrEqual(0.9999999999994752);
    });

    it('erlangA matches the 200-digit reference values (pyworkforce’s ErlangA example) to 1e-9', async () => {
      // 100 contacts in 30 min, AHT 3 min, mean patience 5 min; 90/20 needs 14 agents (13 reach 0.858).
      // References: libs/staffing/src/testing/erlang-a-reference.py (birth-death chain, tagged customer).
      const result = (
        await ok(
          ERLANG_A,
          { input: { ...PYWORKFORCE, serviceLevelTarget: 0.9, patienceSeconds: 300, maxAbandonment: 0.05 } },
          tenant.tokens.AGENT,
        )
      )['erlangA'];
      expect(result).toMatchObject({ trafficErlangs: 10, agents: 14, scheduledAgents: 20 });
      const reference = {
        probabilityOfWaiting: 0.1452601142963612,
        abandonmentRate: 0.013983744122408938,
        asaSeconds: 4.195123236722681,
        occupancy: 0.7042973256268508,
        serviceLevel: 0.9167920918635469,
      };
      for (const [key, value] of Object.entries(reference)) expect(Math.abs(result[key] - value)).toBeLessThan(1e-9);
      const bad = await api.gql(ERLANG_A, { input: { ...PYWORKFORCE, patienceSeconds: 0 } }, coordinator);
      expect(bad.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.patienceSeconds' }],
      });
      const cap = await api.gql(
        ERLANG_A,
        { input: { ...PYWORKFORCE, patienceSeconds: 300, maxAbandonment: 2 } },
        coordinator,
      );
      expect(cap.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.maxAbandonment' }],
      });
    });

    it('refuses traffic beyond what it sizes instead of looping', async () => {
      const response = await api.gql(
        ERLANG_C,
        { input: { ...PYWORKFORCE, contacts: 9_000_000, ahtSeconds: 3600 } },
        coordinator,
      );
      expect(response.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.contacts' }],
      });
    });

    it('sizes chat with concurrency and deferred work with a deadline', async () => {
      const chat = await ok(
        `query($input: ChatRequirementInput!) { chatRequirement(input: $input) { requiredSlots agents scheduledAgents serviceLevel slotOccupancy } }`,
        { input: { ...PYWORKFORCE, concurrency: 3 } },
      );
      const core = chatRequirement({ ...PYWORKFORCE, maxOccupancy: 1, concurrency: 3 });
      expect(chat['chatRequirement']).toEqual({
        requiredSlots: 14,
        agents: 5,
        scheduledAgents: core.scheduledAgents,
        serviceLevel: core.serviceLevel,
        slotOccupancy: core.slotOccupancy,
      });
      // A steady 100 e-mails an hour at 6 minutes each is 10 agents busy, whatever the deadline.
      const deferred = await ok(
        `query($input: DeferredWorkRequirementInput!) { deferredWorkRequirement(input: $input) { workloadErlangs agents scheduledAgents effectiveDeadlineSeconds } }`,
        {
          input: {
            contacts: [100, 100, 100, 100],
            ahtSeconds: [360],
            intervalSeconds: 3600,
            deadlineSeconds: 3600,
            shrinkage: 0.2,
          },
        },
      );
      expect(deferred['deferredWorkRequirement'].workloadErlangs[3]).toBeCloseTo(10, 9);
      expect(deferred['deferredWorkRequirement'].scheduledAgents[3]).toBe(13);
      const bad = await api.gql(
        `query($input: DeferredWorkRequirementInput!) { deferredWorkRequirement(input: $input) { agents } }`,
        { input: { contacts: [1, 2], ahtSeconds: [1, 2, 3], intervalSeconds: 900, deadlineSeconds: 60, shrinkage: 0 } },
        coordinator,
      );
      expect(bad.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.ahtSeconds' }],
      });
    });
  });

  describe('forecasts and requirements', () => {
    // Monday 2 March 2026, 09:00 in Warsaw (UTC+1): four half hours.
    const from = '2026-03-02T08:00:00Z';
    const to = '2026-03-02T10:00:00Z';
    const contacts = [100, 60, 20, 0];
    const aht = [180, 200, 240, 180];
    const targets = { serviceLevelTarget: 0.8, targetAnswerSeconds: 20, shrinkage: 0.3, maxOccupancy: 0.85 };

    let team: { id: string };
    let agents: { id: string }[];

    beforeAll(async () => {
      team = await managedTeam();
      agents = [
        await createAgent(api, tenant, team.id),
        await createAgent(api, tenant, team.id),
        await createAgent(api, tenant, team.id),
      ];
      await ok(UPLOAD, {
        input: { teamId: team.id, channel: 'PHONE', from, intervalMinutes: 30, contacts, ahtSeconds: aht },
      });
      // Supply: agent 0 works all four half hours; agent 1 too, with a 15-minute break in the second;
      // agent 2 is on chat, which does not count for the phones.
      await ok(CREATE_SHIFT, {
        input: {
          agentId: agents[0]!.id,
          startsAt: '2026-03-02T07:00:00Z',
          endsAt: '2026-03-02T11:00:00Z',
          channel: 'PHONE',
        },
      });
      await ok(CREATE_SHIFT, {
        input: {
          agentId: agents[1]!.id,
          startsAt: '2026-03-02T08:00:00Z',
          endsAt: '2026-03-02T10:00:00Z',
          activities: [{ type: 'BREAK', startsAt: '2026-03-02T08:30:00Z', endsAt: '2026-03-02T08:45:00Z' }],
        },
      });
      await ok(CREATE_SHIFT, {
        input: {
          agentId: agents[2]!.id,
          startsAt: '2026-03-02T08:00:00Z',
          endsAt: '2026-03-02T10:00:00Z',
          channel: 'CHAT',
        },
      });
    });

    const requirements = async (extra: Record<string, unknown> = {}) =>
      (
        await ok(REQUIREMENTS, {
          input: { teamId: team.id, channel: 'PHONE', from, to, intervalMinutes: 30, ...targets, ...extra },
        })
      )['staffingRequirements'];

    it('reads back the uploaded forecast at any interval length', async () => {
      const half = (
        await ok(FORECAST, { input: { teamId: team.id, channel: 'PHONE', from, to, intervalMinutes: 30 } })
      )['staffingForecast'];
      expect(half).toMatchObject({ method: null, wape: null, totalContacts: 180 });
      expect(
        half.intervals.map((i: { contacts: number; ahtSeconds: number; source: string }) => [
          i.contacts,
          i.ahtSeconds,
          i.source,
        ]),
      ).toEqual([
        [100, 180, 'UPLOAD'],
        [60, 200, 'UPLOAD'],
        [20, 240, 'UPLOAD'],
        [0, 180, 'UPLOAD'],
      ]);
      const quarter = (
        await ok(FORECAST, {
          input: { teamId: team.id, channel: 'PHONE', from, to: '2026-03-02T08:30:00Z', intervalMinutes: 15 },
        })
      )['staffingForecast'];
      expect(quarter.intervals.map((i: { contacts: number }) => i.contacts)).toEqual([50, 50]);
      const hour = (
        await ok(FORECAST, { input: { teamId: team.id, channel: 'PHONE', from, to, intervalMinutes: 60 } })
      )['staffingForecast'];
      expect(
        hour.intervals.map((i: { contacts: number; ahtSeconds: number }) => [
          i.contacts,
          Math.round(i.ahtSeconds * 1e6) / 1e6,
        ]),
      ).toEqual([
        [160, 187.5],
        [20, 240],
      ]);
    });

    it('equals the hand computation: Erlang C required, coverage scheduled, the gap and the projected service level', async () => {
      const result = await requirements();
      expect(result.sizingMethod).toBe('ERLANG_C');
      const scheduled = [2, 1.5, 2, 2];
      const coverage = await ok(`query($input: CoverageInput!) { coverage(input: $input) { scheduledAgents } }`, {
        input: { teamId: team.id, from, to, intervalMinutes: 30, channel: 'PHONE' },
      });
      expect(coverage['coverage'].map((c: { scheduledAgents: number }) => c.scheduledAgents)).toEqual(scheduled);
      const intervals = result.intervals as RequirementInterval[];
      intervals.forEach((interval, k) => {
        const queue = { contacts: contacts[k]!, intervalSeconds: 1800, ahtSeconds: aht[k]!, ...targets };
        const required = erlangC(queue);
        // ⌊scheduled × (1 − shrinkage)⌋ agents on the phones: 1, 1, 1, 1.
        const projected = erlangCForAgents(queue, Math.floor(scheduled[k]! * 0.7 + 1e-9));
        expect(interval).toEqual({
          startsAt: new Date(Date.parse(from) + k * 1_800_000).toISOString(),
          endsAt: new Date(Date.parse(from) + (k + 1) * 1_800_000).toISOString(),
          contacts: contacts[k],
          ahtSeconds: aht[k],
          forecastSource: 'UPLOAD',
          trafficErlangs: required.trafficErlangs,
          netAgents: required.agents,
          requiredAgents: required.scheduledAgents,
          scheduledAgents: scheduled[k],
          gap: scheduled[k]! - required.scheduledAgents,
          projectedServiceLevel: projected.serviceLevel,
          projectedAsaSeconds: projected.asaSeconds,
        });
      });
      // 100 calls of 3 minutes in half an hour: A = 10, 14 on the phones (occupancy ≤ 85% needs 12, 80/20 needs 14), 20 scheduled.
      expect(intervals[0]).toMatchObject({
        trafficErlangs: 10,
        netAgents: 14,
        requiredAgents: 20,
        gap: -18,
        projectedServiceLevel: 0,
        projectedAsaSeconds: null,
      });
      expect(intervals[3]).toMatchObject({ requiredAgents: 0, projectedServiceLevel: 1 });
      const required = intervals.map((i) => i.requiredAgents);
      expect(result.totals).toMatchObject({
        contacts: 180,
        requiredAgentHours: required.reduce((s, r) => s + r, 0) / 2,
        scheduledAgentHours: 3.75,
        shortAgentHours: intervals.reduce((s, i) => s + Math.max(0, -i.gap), 0) / 2,
        intervalsShort: 3,
        intervalsBelowTarget: 3,
      });
      expect(result.totals.projectedServiceLevel).toBeCloseTo(
        intervals.reduce((s, i) => s + i.projectedServiceLevel! * i.contacts, 0) / 180,
        12,
      );
    });

    it('scales volume and AHT for what-if questions', async () => {
      const base = (await requirements()).intervals as RequirementInterval[];
      const busier = (await requirements({ volumeFactor: 1.2, ahtFactor: 1.1 })).intervals as RequirementInterval[];
      busier.forEach((interval, k) => {
        expect(interval.contacts).toBeCloseTo(contacts[k]! * 1.2, 9);
        expect(interval.ahtSeconds).toBeCloseTo(aht[k]! * 1.1, 9);
        const queue = { contacts: contacts[k]! * 1.2, intervalSeconds: 1800, ahtSeconds: aht[k]! * 1.1, ...targets };
        expect(interval.requiredAgents).toBe(erlangC(queue).scheduledAgents);
        expect(interval.requiredAgents).toBeGreaterThanOrEqual(base[k]!.requiredAgents);
      });
      expect(busier[0]!.requiredAgents).toBeGreaterThan(base[0]!.requiredAgents);
    });

    it('sizes chat and e-mail by their own methods', async () => {
      await ok(UPLOAD, {
        input: {
          teamId: team.id,
          channel: 'CHAT',
          from,
          intervalMinutes: 30,
          contacts,
          ahtSeconds: aht.map((a) => a * 2),
        },
      });
      const chat = await requirements({ channel: 'CHAT', concurrency: 2 });
      expect(chat.sizingMethod).toBe('CHAT_CONCURRENCY');
      const first = chat.intervals[0] as RequirementInterval;
      expect(first.requiredAgents).toBe(
        chatRequirement({ contacts: 100, intervalSeconds: 1800, ahtSeconds: 360, concurrency: 2, ...targets })
          .scheduledAgents,
      );
      // Agent 1's shift without a channel and agent 2's chat shift count here; agent 0's phone shift does not.
      expect(first.scheduledAgents).toBe(2);
      expect(first.projectedServiceLevel).toBe(
        erlangCForAgents({ contacts: 100, intervalSeconds: 1800, ahtSeconds: 360, targetAnswerSeconds: 20 }, 1 * 2)
          .serviceLevel,
      );

      const email = await api.gql(
        REQUIREMENTS,
        { input: { teamId: team.id, channel: 'EMAIL', from, to, intervalMinutes: 30, ...targets } },
        coordinator,
      );
      expect(email.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.responseDeadlineSeconds' }],
      });
      const sized = await requirements({ channel: 'EMAIL', responseDeadlineSeconds: 7200 });
      expect(sized).toMatchObject({ sizingMethod: 'DEFERRED_WORK', effectiveDeadlineSeconds: 7200 });
      expect(sized.intervals[0].projectedServiceLevel).toBeNull();
    });

    it('sizes a phone queue with abandonment by Erlang A when asked, and refuses a target of 1 before reading', async () => {
      const missing = await api.gql(
        REQUIREMENTS,
        {
          input: {
            teamId: team.id,
            channel: 'PHONE',
            from,
            to,
            intervalMinutes: 30,
            ...targets,
            sizingMethod: 'ERLANG_A',
          },
        },
        coordinator,
      );
      expect(missing.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.patienceSeconds' }],
      });
      const sized = await requirements({ sizingMethod: 'ERLANG_A', patienceSeconds: 300, maxAbandonment: 0.05 });
      expect(sized.sizingMethod).toBe('ERLANG_A');
      (sized.intervals as RequirementInterval[]).forEach((interval, k) => {
        const queue = {
          contacts: contacts[k]!,
          intervalSeconds: 1800,
          ahtSeconds: aht[k]!,
          ...targets,
          patienceSeconds: 300,
          maxAbandonment: 0.05,
        };
        expect(interval.requiredAgents).toBe(erlangA(queue).scheduledAgents);
        expect(interval.projectedServiceLevel).toBe(
          erlangAForAgents(queue, Math.floor(interval.scheduledAgents * 0.7 + 1e-9)).serviceLevel,
        );
      });
      const unattainable = await api.gql(
        REQUIREMENTS,
        {
          input: {
            teamId: team.id,
            channel: 'PHONE',
            from,
            to,
            intervalMinutes: 30,
            ...targets,
            serviceLevelTarget: 1,
          },
        },
        coordinator,
      );
      expect(unattainable.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.serviceLevelTarget' }],
      });
    });

    it('lets a planner override single intervals and clear them again', async () => {
      const overridden = await ok(OVERRIDE, {
        input: {
          teamId: team.id,
          channel: 'PHONE',
          intervalMinutes: 30,
          intervals: [
            { startsAt: '2026-03-02T08:30:00Z', contacts: 80, ahtSeconds: 150 },
            { startsAt: '2026-03-02T09:30:00Z', contacts: null },
          ],
        },
      });
      expect(overridden['setForecastOverride']).toEqual({ setCount: 1, clearedCount: 1 });
      const read = (
        await ok(FORECAST, { input: { teamId: team.id, channel: 'PHONE', from, to, intervalMinutes: 30 } })
      )['staffingForecast'];
      expect(
        read.intervals.map((i: { contacts: number; ahtSeconds: number; source: string }) => [
          i.contacts,
          i.ahtSeconds,
          i.source,
        ]),
      ).toEqual([
        [100, 180, 'UPLOAD'],
        [80, 150, 'OVERRIDE'],
        [20, 240, 'UPLOAD'],
        [0, 300, 'NONE'],
      ]);
      expect(read.method).toBe('NO_HISTORY');
      const refused = await api.gql(
        OVERRIDE,
        {
          input: {
            teamId: team.id,
            channel: 'PHONE',
            intervals: [{ startsAt: '2026-03-02T08:10:00Z', contacts: 5, ahtSeconds: 100 }],
          },
        },
        coordinator,
      );
      expect(refused.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.intervals.0.startsAt' }],
      });
      const noAht = await api.gql(
        OVERRIDE,
        {
          input: { teamId: team.id, channel: 'PHONE', intervals: [{ startsAt: '2026-03-02T08:15:00Z', contacts: 5 }] },
        },
        coordinator,
      );
      expect(noAht.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.intervals.0.ahtSeconds' }],
      });
      // Put the upload back for the other tests.
      await ok(UPLOAD, {
        input: { teamId: team.id, channel: 'PHONE', from, intervalMinutes: 30, contacts, ahtSeconds: aht },
      });
    });

    it('refuses windows off the quarter-hour grid or not a whole number of intervals', async () => {
      const offGrid = await api.gql(
        REQUIREMENTS,
        {
          input: {
            teamId: team.id,
            channel: 'PHONE',
            from: '2026-03-02T08:05:00Z',
            to,
            intervalMinutes: 30,
            ...targets,
          },
        },
        coordinator,
      );
      expect(offGrid.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.from' }],
      });
      const ragged = await api.gql(
        REQUIREMENTS,
        {
          input: {
            teamId: team.id,
            channel: 'PHONE',
            from,
            to: '2026-03-02T09:15:00Z',
            intervalMinutes: 30,
            ...targets,
          },
        },
        coordinator,
      );
      expect(ragged.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.to' }] });
      const badShrinkage = await api.gql(
        REQUIREMENTS,
        { input: { teamId: team.id, channel: 'PHONE', from, to, ...targets, shrinkage: 1 } },
        coordinator,
      );
      expect(badShrinkage.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.shrinkage' }],
      });
    });

    it('forecasts from the interaction history by local weekday and time, with the held-out weeks’ WAPE', async () => {
      const history = api.app.get(InteractionHistorySource);
      // Four weeks before Monday 9 March 2026 in Warsaw, read by quarter hour: 12 contacts an hour on weekdays
      // 09:00-17:00 local, 240 s each; nothing otherwise.
      const spy = jest.spyOn(history, 'intervalHistory').mockImplementation(async (_actor, query) => {
        const points: IntervalHistoryPoint[] = [];
        for (let ms = query.from.getTime(); ms < query.to.getTime(); ms += query.intervalMinutes * 60_000) {
          const local = new Date(ms + 3_600_000); // Warsaw is UTC+1 in February and early March
          const weekday = local.getUTCDay();
          const hour = local.getUTCHours();
          if (weekday >= 1 && weekday <= 5 && hour >= 9 && hour < 17)
            points.push({ start: new Date(ms), contacts: (12 * query.intervalMinutes) / 60, ahtSeconds: 240 });
        }
        return points;
      });
      try {
        const historyTeam = await managedTeam();
        const read = (
          await ok(FORECAST, {
            input: {
              teamId: historyTeam.id,
              channel: 'PHONE',
              from: '2026-03-09T07:00:00Z',
              to: '2026-03-09T10:00:00Z',
              intervalMinutes: 60,
              historyWeeks: 4,
            },
          })
        )['staffingForecast'];
        // History is read by quarter hour whatever the resolution asked for: every resolution splits one fit.
        expect(spy).toHaveBeenCalledWith(
          expect.objectContaining({ tenantId: tenant.tenantId }),
          expect.objectContaining({ teamId: historyTeam.id, channel: 'PHONE', intervalMinutes: 15 }),
        );
        expect(read.historyWeeks).toBe(4);
        // Rolling origin: weeks 4 and 3 before the window are each forecast from the weeks before them.
        expect(read.holdoutWeeks).toBe(2);
        expect(read.heldOutWeeks).toEqual(['2026-03-02T07:00:00.000Z', '2026-02-23T07:00:00.000Z']);
        expect(read.fittedIntervalMinutes).toBe(60);
        expect(read.methodScores.length).toBeGreaterThanOrEqual(4);
        // Every method repeats a steady week exactly; none beats the seasonal naive forecast, which is kept.
        expect(read.method).toBe('SEASONAL_NAIVE');
        expect(read.wape).toBeCloseTo(0, 9);
        expect(read.baselineWape).toBeCloseTo(0, 9);
        // Closed at night: no multiplicative season.
        expect(
          read.methodScores.find((m: { method: string }) => m.method === 'HOLT_WINTERS_MULTIPLICATIVE'),
        ).toMatchObject({ wape: null, excluded: expect.any(String) });
        expect(read.sanity).toEqual({
          recentWeeklyContacts: 480,
          forecastWeeklyContacts: expect.any(Number),
          flagged: false,
          reason: null,
        });
        expect(read.sanity.forecastWeeklyContacts).toBeCloseTo(480, 6);
        // 08:00 local: closed; 09:00 and 10:00 local: 12 contacts, 240 s.
        expect(
          read.intervals.map((i: { contacts: number; ahtSeconds: number; source: string }) => [
            Math.round(i.contacts * 1e6) / 1e6,
            i.ahtSeconds,
            i.source,
          ]),
        ).toEqual([
          [0, 240, 'HISTORY'],
          [12, 240, 'HISTORY'],
          [12, 240, 'HISTORY'],
        ]);
        // 80% prediction interval around 12 (dispersion at least Poisson's).
        expect(read.intervals[1].lowerContacts).toBeLessThan(12);
        expect(read.intervals[1].upperContacts).toBeGreaterThan(12);
        // Requirements sized at the upper bound need at least as many agents.
        const sized = (upper: boolean) =>
          ok(REQUIREMENTS, {
            input: {
              teamId: historyTeam.id,
              channel: 'PHONE',
              from: '2026-03-09T07:00:00Z',
              to: '2026-03-09T10:00:00Z',
              intervalMinutes: 60,
              historyWeeks: 4,
              shrinkage: 0,
              ...(upper ? { forecastBound: 'UPPER_80' } : {}),
            },
          });
        const point = (await sized(false))['staffingRequirements'].intervals as RequirementInterval[];
        const high = (await sized(true))['staffingRequirements'].intervals as RequirementInterval[];
        expect(high[1]!.contacts).toBeCloseTo(read.intervals[1].upperContacts, 9);
        expect(high[1]!.requiredAgents).toBeGreaterThanOrEqual(point[1]!.requiredAgents);
      } finally {
        spy.mockRestore();
      }
    });
  });

  describe('authorization and tenants', () => {
    it('keeps forecasts and requirements to planners, and to the team’s coordinators', async () => {
      const team = await managedTeam();
      const other = await createTeam(api, tenant, { timeZone: 'Europe/Warsaw' });
      const upload = (teamId: string, token: string) =>
        api.gql(
          UPLOAD,
          { input: { teamId, channel: 'PHONE', from: '2026-03-02T08:00:00Z', contacts: [1], ahtSeconds: [100] } },
          token,
        );
      expect((await upload(team.id, tenant.tokens.AGENT)).errors![0]!.extensions.code).toBe('FORBIDDEN');
      expect((await upload(team.id, tenant.tokens.TRAINER)).errors![0]!.extensions.code).toBe('FORBIDDEN');
      expect((await upload(other.id, coordinator)).errors![0]!.extensions.code).toBe('FORBIDDEN');
      expect((await upload(team.id, coordinator)).errors).toBeUndefined();
      const requirements = (teamId: string, token: string) =>
        api.gql(
          REQUIREMENTS,
          {
            input: { teamId, channel: 'PHONE', from: '2026-03-02T08:00:00Z', to: '2026-03-02T09:00:00Z', shrinkage: 0 },
          },
          token,
        );
      expect((await requirements(team.id, tenant.tokens.AGENT)).errors![0]!.extensions.code).toBe('FORBIDDEN');
      // Another team's contact volumes and handle times are its KPIs: a coordinator reads only their own teams'.
      expect((await requirements(other.id, coordinator)).errors![0]!.extensions.code).toBe('FORBIDDEN');
      expect((await requirements(other.id, tenant.tokens.DIRECTOR)).errors).toBeUndefined();
      expect((await requirements(team.id, coordinator)).errors).toBeUndefined();
      const forecast = await api.gql(
        FORECAST,
        { input: { teamId: other.id, channel: 'PHONE', from: '2026-03-02T08:00:00Z', to: '2026-03-02T09:00:00Z' } },
        coordinator,
      );
      expect(forecast.errors![0]!.extensions.code).toBe('FORBIDDEN');
    });

    it("gives another tenant NOT_FOUND for a team's forecast, requirements and uploads, and writes nothing", async () => {
      const team = await managedTeam();
      await ok(UPLOAD, {
        input: { teamId: team.id, channel: 'PHONE', from: '2026-03-02T08:00:00Z', contacts: [7], ahtSeconds: [100] },
      });
      const intruder = await createTestTenant(api, 'Intruder');
      const window = { teamId: team.id, channel: 'PHONE', from: '2026-03-02T08:00:00Z', to: '2026-03-02T09:00:00Z' };
      const attempts: [string, Record<string, unknown>][] = [
        [FORECAST, { input: window }],
        [REQUIREMENTS, { input: { ...window, shrinkage: 0 } }],
        [
          UPLOAD,
          {
            input: {
              teamId: team.id,
              channel: 'PHONE',
              from: '2026-03-02T08:00:00Z',
              contacts: [999],
              ahtSeconds: [100],
            },
          },
        ],
        [
          OVERRIDE,
          {
            input: {
              teamId: team.id,
              channel: 'PHONE',
              intervals: [{ startsAt: '2026-03-02T08:00:00Z', contacts: null }],
            },
          },
        ],
      ];
      for (const [query, variables] of attempts) {
        const response = await api.gql(query, variables, intruder.tokens.DIRECTOR);
        expect(response.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.teamId' });
      }
      expect(
        await api.sql(`SELECT contacts FROM staffing_forecast_intervals WHERE team_id = $1 ORDER BY starts_at`, [
          team.id,
        ]),
      ).toEqual([{ contacts: 7 }]);
    });
  });
});
