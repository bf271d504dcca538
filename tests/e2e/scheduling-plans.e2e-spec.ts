import { createAgent, createTeam, createTestTenant, startTestApp, TestApp, TestTenant } from '@deskforce/testing';

const CREATE_SHIFT = `mutation($input: CreateShiftInput!) { createShift(input: $input) { shift { id version } } }`;
const CREATE_TEMPLATE = `mutation($input: CreateShiftTemplateInput!) { createShiftTemplate(input: $input) { template { id startTime durationMinutes daysOfWeek activities { type durationMinutes } } } }`;
const APPLY = `mutation($input: ApplyShiftTemplateInput!) {
  applyShiftTemplate(input: $input) { createdCount shifts { agentId startsAt startsAtLocal endsAtLocal workSeconds activities { type startsAt } } warnings { rule } }
}`;

describe('templates, time off, swaps and coverage', () => {
  let api: TestApp;
  let tenant: TestTenant;
  let token: string;

  beforeAll(async () => {
    api = await startTestApp();
    tenant = await createTestTenant(api);
    token = tenant.tokens.COORDINATOR;
  });
  afterAll(() => api.close());

  const managedTeam = (timeZone: string) =>
    createTeam(api, tenant, { timeZone, coordinatorIds: [tenant.users.COORDINATOR.id] });
  const createShift = async (input: Record<string, unknown>) => {
    const response = await api.gql(CREATE_SHIFT, { input }, token);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!['createShift'].shift as { id: string; version: number };
  };
  const template = async (input: Record<string, unknown> = {}) => {
    const response = await api.gql(
      CREATE_TEMPLATE,
      {
        input: {
          name: 'Day shift',
          startTime: '09:00',
          durationMinutes: 510,
          daysOfWeek: [1, 2, 3, 4, 5],
          activities: [{ type: 'LUNCH', durationMinutes: 30, earliestStartMinutes: 210, latestStartMinutes: 300 }],
          ...input,
        },
      },
      token,
    );
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!['createShiftTemplate'].template as { id: string };
  };

  describe('templates across daylight-saving changes', () => {
    it.each([
      ['Europe/Warsaw', '2026-03-23', '2026-04-03', '+01:00', '+02:00', '2026-03-29'],
      ['America/New_York', '2026-03-02', '2026-03-13', '-05:00', '-04:00', '2026-03-08'],
      ['Europe/Warsaw', '2026-10-19', '2026-10-30', '+02:00', '+01:00', '2026-10-25'],
    ])(
      'keeps a 09:00 template at 09:00 local in %s from %s to %s',
      async (timeZone, from, to, before, after, change) => {
        const team = await managedTeam(timeZone);
        const agent = await createAgent(api, tenant, team.id);
        const { id } = await template({ teamId: team.id });
        const applied = await api.gql(APPLY, { input: { templateId: id, agentIds: [agent.id], from, to } }, token);
        expect(applied.errors).toBeUndefined();
        const shifts = applied.data!['applyShiftTemplate'].shifts as {
          startsAtLocal: string;
          endsAtLocal: string;
          workSeconds: number;
        }[];
        expect(shifts).toHaveLength(10);
        for (const shift of shifts) {
          const offset = shift.startsAtLocal.slice(0, 10) < change ? before : after;
          expect(shift.startsAtLocal).toBe(`${shift.startsAtLocal.slice(0, 10)}T09:00:00${offset}`);
          expect(shift.endsAtLocal).toBe(`${shift.startsAtLocal.slice(0, 10)}T17:30:00${offset}`);
          expect(shift.workSeconds).toBe(8 * 3600);
        }
      },
    );

    it('staggers lunches across agents inside the template window', async () => {
      const team = await managedTeam('Europe/Warsaw');
      const agents = [
        await createAgent(api, tenant, team.id),
        await createAgent(api, tenant, team.id),
        await createAgent(api, tenant, team.id),
      ];
      const { id } = await template({ teamId: team.id, daysOfWeek: [1] });
      const applied = await api.gql(
        APPLY,
        { input: { templateId: id, agentIds: agents.map((a) => a.id), from: '2026-02-02', to: '2026-02-02' } },
        token,
      );
      const lunches = (applied.data!['applyShiftTemplate'].shifts as { activities: { startsAt: string }[] }[]).map(
        (s) => s.activities[0]!.startsAt,
      );
      // 09:00 local = 08:00Z; lunch window 3.5 h to 5 h in, agents 15 minutes apart.
      expect(lunches).toEqual(['2026-02-02T11:30:00.000Z', '2026-02-02T11:45:00.000Z', '2026-02-02T12:00:00.000Z']);
    });

    it('is all or nothing, listing every violation when it refuses', async () => {
      const team = await managedTeam('Europe/Warsaw');
      const free = await createAgent(api, tenant, team.id);
      const busy = await createAgent(api, tenant, team.id);
      await createShift({ agentId: busy.id, startsAt: '2026-02-10T16:00:00Z', endsAt: '2026-02-10T22:00:00Z' });
      await createShift({ agentId: busy.id, startsAt: '2026-02-12T17:00:00Z', endsAt: '2026-02-12T23:00:00Z' });
      const { id } = await template({ teamId: team.id });
      const refused = await api.gql(
        APPLY,
        { input: { templateId: id, agentIds: [free.id, busy.id], from: '2026-02-09', to: '2026-02-13' } },
        token,
      );
      expect(refused.errors![0]!.extensions.code).toBe('CONFLICT');
      const violations = refused.errors![0]!.extensions['violations'] as { rule: string; agentId: string }[];
      expect(violations.map((v) => [v.rule, v.agentId])).toEqual(
        expect.arrayContaining([
          ['NO_OVERLAP', busy.id],
          ['MIN_REST', busy.id],
        ]),
      );
      // Tuesday overlaps 16:00-22:00; Wednesday starts 10 h after it, Thursday ends 30 min before 17:00, Friday 9 h after 23:00.
      expect(violations.filter((v) => v.rule === 'NO_OVERLAP')).toHaveLength(1);
      expect(violations.filter((v) => v.rule === 'MIN_REST')).toHaveLength(3);
      expect(await api.sql(`SELECT 1 FROM shifts WHERE agent_id = $1`, [free.id])).toHaveLength(0);
    });

    it('refuses a window in the wrong order and an unknown template', async () => {
      const team = await managedTeam('Europe/Warsaw');
      const agent = await createAgent(api, tenant, team.id);
      const { id } = await template({ teamId: team.id });
      const reversed = await api.gql(
        APPLY,
        { input: { templateId: id, agentIds: [agent.id], from: '2026-02-13', to: '2026-02-09' } },
        token,
      );
      expect(reversed.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.to' }],
      });
      const unknown = await api.gql(
        APPLY,
        { input: { templateId: agent.id, agentIds: [agent.id], from: '2026-02-09', to: '2026-02-13' } },
        token,
      );
      expect(unknown.errors![0]!.extensions.code).toBe('NOT_FOUND');
    });
  });

  describe('time off', () => {
    it('an agent asks, a coordinator approves and cancels the colliding shift in the same transaction', async () => {
      const team = await managedTeam('Europe/Warsaw');
      const agent = await createAgent(api, tenant, team.id, { userId: (await newAgentUser()).id });
      const colliding = await createShift({
        agentId: agent.id,
        startsAt: '2026-07-06T07:00:00Z',
        endsAt: '2026-07-06T15:00:00Z',
      });
      const outside = await createShift({
        agentId: agent.id,
        startsAt: '2026-07-13T07:00:00Z',
        endsAt: '2026-07-13T15:00:00Z',
      });

      const asked = await api.gql(
        `mutation($input: RequestTimeOffInput!) { requestTimeOff(input: $input) { request { id agentId status type } } }`,
        {
          input: {
            type: 'VACATION',
            startsAt: '2026-07-06T00:00:00+02:00',
            endsAt: '2026-07-11T00:00:00+02:00',
            note: 'Summer',
          },
        },
        agentToken,
      );
      expect(asked.data!['requestTimeOff'].request).toMatchObject({
        agentId: agent.id,
        status: 'PENDING',
        type: 'VACATION',
      });
      const requestId = asked.data!['requestTimeOff'].request.id;

      const approved = await api.gql(
        `mutation($input: ApproveTimeOffInput!) { approveTimeOff(input: $input) { request { status decidedBy } collidingShifts { id status } cancelledShiftIds } }`,
        { input: { requestId, cancelCollidingShifts: true, reason: 'Enjoy' } },
        token,
      );
      expect(approved.data!['approveTimeOff']).toEqual({
        request: { status: 'APPROVED', decidedBy: tenant.users.COORDINATOR.id },
        collidingShifts: [{ id: colliding.id, status: 'CANCELLED' }],
        cancelledShiftIds: [colliding.id],
      });
      expect(await api.sql(`SELECT status FROM shifts WHERE id = $1`, [outside.id])).toEqual([{ status: 'DRAFT' }]);

      const inTimeOff = await api.gql(
        CREATE_SHIFT,
        { input: { agentId: agent.id, startsAt: '2026-07-07T07:00:00Z', endsAt: '2026-07-07T15:00:00Z' } },
        token,
      );
      expect(inTimeOff.errors![0]!.extensions['violations']).toEqual([expect.objectContaining({ rule: 'TIME_OFF' })]);

      const twice = await api.gql(
        `mutation($input: ApproveTimeOffInput!) { approveTimeOff(input: $input) { request { id } } }`,
        { input: { requestId } },
        token,
      );
      expect(twice.errors![0]!.extensions.code).toBe('CONFLICT');
    });

    it('a denial needs a reason, and agents see only their own requests', async () => {
      const team = await managedTeam('Europe/Warsaw');
      const agent = await createAgent(api, tenant, team.id);
      const asked = await api.gql(
        `mutation($input: RequestTimeOffInput!) { requestTimeOff(input: $input) { request { id } } }`,
        {
          input: {
            agentId: agent.id,
            type: 'PERSONAL',
            startsAt: '2026-08-03T08:00:00Z',
            endsAt: '2026-08-03T12:00:00Z',
          },
        },
        token,
      );
      const requestId = asked.data!['requestTimeOff'].request.id;
      const noReason = await api.gql(
        `mutation($input: DenyTimeOffInput!) { denyTimeOff(input: $input) { request { id } } }`,
        { input: { requestId, reason: '' } },
        token,
      );
      expect(noReason.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.reason' }],
      });
      const denied = await api.gql(
        `mutation($input: DenyTimeOffInput!) { denyTimeOff(input: $input) { request { status decisionReason } } }`,
        { input: { requestId, reason: 'Peak week' } },
        token,
      );
      expect(denied.data!['denyTimeOff'].request).toEqual({ status: 'DENIED', decisionReason: 'Peak week' });
      const seen = await api.gql(`{ timeOffRequests { edges { node { id } } } }`, {}, agentToken);
      expect(seen.data!['timeOffRequests'].edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(
        requestId,
      );
    });
  });

  describe('swaps', () => {
    it('refuses a swap that would break minimum rest and changes nothing; approves a valid one', async () => {
      const team = await managedTeam('Europe/Warsaw');
      const giver = await createAgent(api, tenant, team.id, { userId: (await newAgentUser()).id });
      const giverToken = agentToken;
      const taker = await createAgent(api, tenant, team.id, { userId: (await newAgentUser()).id });
      const takerToken = agentToken;
      await createShift({ agentId: taker.id, startsAt: '2026-09-07T12:00:00Z', endsAt: '2026-09-07T20:00:00Z' });
      const early = await createShift({
        agentId: giver.id,
        startsAt: '2026-09-08T05:00:00Z',
        endsAt: '2026-09-08T13:00:00Z',
      });

      const propose = async (shiftId: string, targetShiftId?: string) =>
        (
          await api.gql(
            `mutation($input: ProposeShiftSwapInput!) { proposeShiftSwap(input: $input) { swap { id status } } }`,
            {
              input: { shiftId, targetAgentId: taker.id, targetShiftId },
            },
            giverToken,
          )
        ).data!['proposeShiftSwap'].swap as { id: string; status: string };
      const accept = (swapId: string) =>
        api.gql(
          `mutation($input: RespondToShiftSwapInput!) { respondToShiftSwap(input: $input) { swap { status } } }`,
          { input: { swapId, accept: true } },
          takerToken,
        );
      const decide = (swapId: string) =>
        api.gql(
          `mutation($input: DecideShiftSwapInput!) { decideShiftSwap(input: $input) { swap { status } } }`,
          { input: { swapId, approve: true } },
          token,
        );

      const bad = await propose(early.id);
      expect(bad.status).toBe('PROPOSED');
      expect((await accept(bad.id)).data!['respondToShiftSwap'].swap.status).toBe('ACCEPTED');
      const before = await api.sql(`SELECT id, agent_id, version FROM shifts WHERE agent_id IN ($1, $2) ORDER BY id`, [
        giver.id,
        taker.id,
      ]);
      const refused = await decide(bad.id);
      expect(refused.errors![0]!.extensions).toMatchObject({
        code: 'CONFLICT',
        violations: [expect.objectContaining({ rule: 'MIN_REST', agentId: taker.id })],
      });
      expect(
        await api.sql(`SELECT id, agent_id, version FROM shifts WHERE agent_id IN ($1, $2) ORDER BY id`, [
          giver.id,
          taker.id,
        ]),
      ).toEqual(before);
      expect(await api.sql(`SELECT status FROM shift_swaps WHERE id = $1`, [bad.id])).toEqual([{ status: 'ACCEPTED' }]);

      // An exchange of two same-time shifts on another day: both move in one transaction.
      const giverLate = await createShift({
        agentId: giver.id,
        startsAt: '2026-09-10T08:00:00Z',
        endsAt: '2026-09-10T16:00:00Z',
      });
      const takerSame = await createShift({
        agentId: taker.id,
        startsAt: '2026-09-10T08:00:00Z',
        endsAt: '2026-09-10T16:00:00Z',
        channel: 'PHONE',
      });
      const good = await propose(giverLate.id, takerSame.id);
      await accept(good.id);
      expect((await decide(good.id)).data!['decideShiftSwap'].swap.status).toBe('APPROVED');
      expect(
        await api.sql(`SELECT id, agent_id FROM shifts WHERE id IN ($1, $2) ORDER BY starts_at, channel NULLS FIRST`, [
          giverLate.id,
          takerSame.id,
        ]),
      ).toEqual([
        { id: giverLate.id, agent_id: taker.id },
        { id: takerSame.id, agent_id: giver.id },
      ]);
    });

    it('lets only the agent asked answer, and only an accepted swap be decided', async () => {
      const team = await managedTeam('Europe/Warsaw');
      const giver = await createAgent(api, tenant, team.id);
      const taker = await createAgent(api, tenant, team.id);
      const s = await createShift({
        agentId: giver.id,
        startsAt: '2026-09-14T08:00:00Z',
        endsAt: '2026-09-14T16:00:00Z',
      });
      const swap = (
        await api.gql(
          `mutation($input: ProposeShiftSwapInput!) { proposeShiftSwap(input: $input) { swap { id } } }`,
          {
            input: { shiftId: s.id, targetAgentId: taker.id },
          },
          token,
        )
      ).data!['proposeShiftSwap'].swap;
      const early = await api.gql(
        `mutation($input: DecideShiftSwapInput!) { decideShiftSwap(input: $input) { swap { status } } }`,
        { input: { swapId: swap.id, approve: true } },
        token,
      );
      expect(early.errors![0]!.extensions.code).toBe('CONFLICT');
      const stranger = await api.gql(
        `mutation($input: RespondToShiftSwapInput!) { respondToShiftSwap(input: $input) { swap { status } } }`,
        { input: { swapId: swap.id, accept: true } },
        agentToken,
      );
      expect(stranger.errors![0]!.extensions.code).toBe('FORBIDDEN');
    });
  });

  describe('coverage', () => {
    it('equals a count by hand, with breaks, lunch and time off subtracted and part-intervals as fractions', async () => {
      const team = await managedTeam('Europe/London');
      const phone = await createAgent(api, tenant, team.id, { channels: ['PHONE'] });
      const chat = await createAgent(api, tenant, team.id, { channels: ['CHAT'] });
      await createShift({
        agentId: phone.id,
        startsAt: '2026-01-12T09:00:00Z',
        endsAt: '2026-01-12T17:00:00Z',
        channel: 'PHONE',
        activities: [
          { type: 'BREAK', startsAt: '2026-01-12T10:00:00Z', endsAt: '2026-01-12T10:15:00Z' },
          { type: 'LUNCH', startsAt: '2026-01-12T12:00:00Z', endsAt: '2026-01-12T12:30:00Z' },
        ],
      });
      await createShift({ agentId: chat.id, startsAt: '2026-01-12T09:10:00Z', endsAt: '2026-01-12T13:00:00Z' });
      const timeOff = await api.gql(
        `mutation($input: RequestTimeOffInput!) { requestTimeOff(input: $input) { request { id } } }`,
        {
          input: {
            agentId: chat.id,
            type: 'PERSONAL',
            startsAt: '2026-01-12T12:00:00Z',
            endsAt: '2026-01-12T13:00:00Z',
          },
        },
        token,
      );
      await api.gql(
        `mutation($input: ApproveTimeOffInput!) { approveTimeOff(input: $input) { request { id } } }`,
        { input: { requestId: timeOff.data!['requestTimeOff'].request.id } },
        token,
      );

      const COVERAGE = `query($input: CoverageInput!) { coverage(input: $input) { startsAt scheduledAgents } }`;
      const response = await api.gql(
        COVERAGE,
        { input: { teamId: team.id, from: '2026-01-12T09:00:00Z', to: '2026-01-12T13:00:00Z', intervalMinutes: 15 } },
        token,
      );
      const values = (response.data!['coverage'] as { scheduledAgents: number }[]).map((c) => c.scheduledAgents);
      // By hand: 09:00 both (chat from 09:10: 5/15), phone's break 10:00-10:15, phone's lunch and chat's time off from 12:00, phone back at 12:30.
      expect(values).toEqual(
        [1 + 1 / 3, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 2, 0, 0, 1, 1].map((v) => Math.round(v * 1e6) / 1e6),
      );

      const hourly = await api.gql(
        COVERAGE,
        {
          input: {
            teamId: team.id,
            from: '2026-01-12T09:00:00Z',
            to: '2026-01-12T13:00:00Z',
            intervalMinutes: 60,
            channel: 'PHONE',
          },
        },
        token,
      );
      expect((hourly.data!['coverage'] as { scheduledAgents: number }[]).map((c) => c.scheduledAgents)).toEqual([
        1, 0.75, 1, 0.5,
      ]);

      const badInterval = await api.gql(
        COVERAGE,
        { input: { teamId: team.id, from: '2026-01-12T09:00:00Z', to: '2026-01-12T13:00:00Z', intervalMinutes: 20 } },
        token,
      );
      expect(badInterval.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.intervalMinutes' }],
      });
    });
  });

  /** A new AGENT user of the tenant, signed in; sets `agentToken`. */
  let agentToken = '';
  async function newAgentUser(): Promise<{ id: string }> {
    const email = `agent-${Math.random().toString(36).slice(2)}@example.test`;
    const created = await api.gql(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } } }`,
      {
        input: { email, password: 'a long enough password', role: 'AGENT' },
      },
      tenant.tokens.ADMIN,
    );
    const login = await api.gql(`mutation($input: LoginInput!) { login(input: $input) { accessToken } }`, {
      input: { email, password: 'a long enough password' },
    });
    agentToken = login.data!['login'].accessToken;
    return created.data!['createUser'].user;
  }
});
