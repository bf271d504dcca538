import { createAgent, createTeam, createTestTenant, startTestApp, TestApp, TestTenant } from '@deskforce/testing';
import { DateTime } from 'luxon';

/**
 * What the console's screens need from scheduling: clearing a range of drafts in one go, publishing refused
 * while drafts break hard rules, violations with names and times, cancelling a pending time-off request
 * (and refusing a duplicate), and the agent's swap board.
 */
const CREATE_SHIFT = `mutation($input: CreateShiftInput!) { createShift(input: $input) { shift { id version } } }`;
const PUBLISH = `mutation($input: PublishScheduleInput!) { publishSchedule(input: $input) { publishedCount } }`;
const CLEAR = `mutation($input: ClearDraftShiftsInput!) { clearDraftShifts(input: $input) { deletedCount deletedShiftIds } }`;
const SET_RULE = `mutation($input: SetLaborRuleInput!) { setLaborRule(input: $input) { rules { rule } } }`;
const REQUEST = `mutation($input: RequestTimeOffInput!) { requestTimeOff(input: $input) { request { id status } } }`;
const CANCEL = `mutation($input: CancelTimeOffInput!) { cancelTimeOff(input: $input) { request { id status version } } }`;

describe('scheduling for the console', () => {
  let api: TestApp;
  let tenant: TestTenant;
  let coordinator: string;

  beforeAll(async () => {
    api = await startTestApp();
    tenant = await createTestTenant(api);
    coordinator = tenant.tokens.COORDINATOR;
  });
  afterAll(() => api.close());

  const shift = async (agentId: string, startsAt: string, endsAt: string, extra: Record<string, unknown> = {}) => {
    const response = await api.gql(CREATE_SHIFT, { input: { agentId, startsAt, endsAt, ...extra } }, coordinator);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!['createShift'].shift as { id: string; version: number };
  };

  describe('clearDraftShifts', () => {
    it('deletes the team’s drafts in the range in one go, keeps published shifts and other teams’, and audits each', async () => {
      const team = await createTeam(api, tenant, {
        timeZone: 'Europe/Warsaw',
        coordinatorIds: [tenant.users.COORDINATOR.id],
      });
      const other = await createTeam(api, tenant, {
        timeZone: 'Europe/Warsaw',
        coordinatorIds: [tenant.users.COORDINATOR.id],
      });
      const [a, b] = [await createAgent(api, tenant, team.id), await createAgent(api, tenant, team.id)];
      const elsewhere = await createAgent(api, tenant, other.id);
      const inRange = [
        await shift(a.id, '2026-09-07T07:00:00Z', '2026-09-07T15:00:00Z', {
          activities: [{ type: 'LUNCH', startsAt: '2026-09-07T11:00:00Z', endsAt: '2026-09-07T11:30:00Z' }],
        }),
        await shift(b.id, '2026-09-08T07:00:00Z', '2026-09-08T15:00:00Z'),
      ];
      const published = await shift(a.id, '2026-09-09T07:00:00Z', '2026-09-09T15:00:00Z');
      await api.gql(
        PUBLISH,
        { input: { teamId: team.id, from: '2026-09-09T00:00:00Z', to: '2026-09-10T00:00:00Z' } },
        coordinator,
      );
      const later = await shift(a.id, '2026-09-15T07:00:00Z', '2026-09-15T15:00:00Z');
      const otherTeam = await shift(elsewhere.id, '2026-09-07T07:00:00Z', '2026-09-07T15:00:00Z');

      const cleared = await api.gql(
        CLEAR,
        { input: { teamId: team.id, from: '2026-09-07T00:00:00+02:00', to: '2026-09-14T00:00:00+02:00' } },
        coordinator,
      );
      expect(cleared.errors).toBeUndefined();
      expect(cleared.data!['clearDraftShifts'].deletedCount).toBe(2);
      expect([...cleared.data!['clearDraftShifts'].deletedShiftIds].sort()).toEqual(inRange.map((s) => s.id).sort());

      const left = await api.sql<{ id: string; status: string }>(
        `SELECT id, status FROM shifts WHERE tenant_id = $1 ORDER BY starts_at, id`,
        [tenant.tenantId],
      );
      expect(left.map((s) => s.id).sort()).toEqual([published.id, later.id, otherTeam.id].sort());
      expect(
        await api.sql(`SELECT 1 FROM shift_activities WHERE tenant_id = $1 AND shift_id = $2`, [
          tenant.tenantId,
          inRange[0]!.id,
        ]),
      ).toHaveLength(0);
      const audit = await api.sql<{ entity_id: string }>(
        `SELECT entity_id FROM audit_log WHERE tenant_id = $1 AND action = 'DELETE'`,
        [tenant.tenantId],
      );
      expect(audit.map((r) => r.entity_id).sort()).toEqual(inRange.map((s) => s.id).sort());

      const again = await api.gql(
        CLEAR,
        { input: { teamId: team.id, from: '2026-09-07T00:00:00+02:00', to: '2026-09-14T00:00:00+02:00' } },
        coordinator,
      );
      expect(again.data!['clearDraftShifts']).toEqual({ deletedCount: 0, deletedShiftIds: [] });
    });

    it('is refused to a coordinator of another team and to agents, and refuses a reversed range', async () => {
      const team = await createTeam(api, tenant, { timeZone: 'Europe/Warsaw' });
      const agent = await createAgent(api, tenant, team.id);
      const draft = await api.gql(
        CREATE_SHIFT,
        { input: { agentId: agent.id, startsAt: '2026-09-21T07:00:00Z', endsAt: '2026-09-21T15:00:00Z' } },
        tenant.tokens.DIRECTOR,
      );
      const input = { teamId: team.id, from: '2026-09-21T00:00:00Z', to: '2026-09-28T00:00:00Z' };
      expect((await api.gql(CLEAR, { input }, coordinator)).errors![0]!.extensions.code).toBe('FORBIDDEN');
      expect((await api.gql(CLEAR, { input }, tenant.tokens.AGENT)).errors![0]!.extensions.code).toBe('FORBIDDEN');
      const reversed = await api.gql(
        CLEAR,
        { input: { ...input, from: input.to, to: input.from } },
        tenant.tokens.DIRECTOR,
      );
      expect(reversed.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.to' }],
      });
      expect(
        await api.sql(`SELECT 1 FROM shifts WHERE tenant_id = $1 AND id = $2`, [
          tenant.tenantId,
          draft.data!['createShift'].shift.id,
        ]),
      ).toHaveLength(1);
    });
  });

  describe('who changed a shift', () => {
    it('names the user behind the latest change, for a planner whose edit came too late', async () => {
      const team = await createTeam(api, tenant, {
        timeZone: 'Europe/Warsaw',
        coordinatorIds: [tenant.users.COORDINATOR.id],
      });
      const agent = await createAgent(api, tenant, team.id);
      const draft = await shift(agent.id, '2026-09-28T07:00:00Z', '2026-09-28T15:00:00Z');
      const UPDATE = `mutation($input: UpdateShiftInput!) { updateShift(input: $input) { shift { version } } }`;
      await api.gql(
        UPDATE,
        { input: { id: draft.id, version: 1, startsAt: '2026-09-28T08:00:00Z', endsAt: '2026-09-28T16:00:00Z' } },
        tenant.tokens.DIRECTOR,
      );
      const late = await api.gql(UPDATE, { input: { id: draft.id, version: 1, note: 'mine' } }, coordinator);
      expect(late.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', rule: 'STALE_VERSION', currentVersion: 2 });
      const who = await api.gql(
        `query($filter: AuditLogFilter) { auditLog(filter: $filter, first: 1) { edges { node { action actor { email role } } } } }`,
        { filter: { entityId: draft.id } },
        coordinator,
      );
      expect(who.data!['auditLog'].edges).toEqual([
        { node: { action: 'UPDATE', actor: { email: tenant.users.DIRECTOR.email, role: 'DIRECTOR' } } },
      ]);
    });
  });

  describe('publishing and violations', () => {
    it('refuses to publish drafts that break a hard rule, listing them with the agent’s name and the times', async () => {
      const team = await createTeam(api, tenant, {
        timeZone: 'Europe/Istanbul',
        coordinatorIds: [tenant.users.COORDINATOR.id],
      });
      const agent = await createAgent(api, tenant, team.id, { name: 'Selin Kaya' });
      const ten = await shift(agent.id, '2026-10-05T06:00:00Z', '2026-10-05T16:00:00Z');
      const fine = await shift(agent.id, '2026-10-06T06:00:00Z', '2026-10-06T14:00:00Z');
      await api.gql(
        SET_RULE,
        { input: { teamId: team.id, rule: 'SHIFT_LENGTH', enforcement: 'HARD', value: 2, maxValue: 9 } },
        coordinator,
      );

      const range = { teamId: team.id, from: '2026-10-05T00:00:00+03:00', to: '2026-10-12T00:00:00+03:00' };
      const refused = await api.gql(PUBLISH, { input: range }, coordinator);
      expect(refused.errors![0]!.extensions).toMatchObject({
        code: 'CONFLICT',
        rule: 'LABOR_RULES',
        violations: [{ rule: 'SHIFT_LENGTH', enforcement: 'HARD', agentId: agent.id, shiftIds: [ten.id] }],
      });
      const statuses = await api.sql<{ status: string }>(
        `SELECT status FROM shifts WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
        [tenant.tenantId, [ten.id, fine.id]],
      );
      expect(statuses.map((s) => s.status)).toEqual(['DRAFT', 'DRAFT']);

      const listed = await api.gql(
        `query($input: ScheduleViolationsInput!) { scheduleViolations(input: $input) { rule agent { name } shifts { id startsAtLocal endsAtLocal } } }`,
        { input: range },
        coordinator,
      );
      expect(listed.data!['scheduleViolations']).toEqual([
        {
          rule: 'SHIFT_LENGTH',
          agent: { name: 'Selin Kaya' },
          shifts: [
            { id: ten.id, startsAtLocal: '2026-10-05T09:00:00+03:00', endsAtLocal: '2026-10-05T19:00:00+03:00' },
          ],
        },
      ]);

      // Once the rule allows it again (or the shift is fixed), the week publishes.
      await api.gql(
        SET_RULE,
        { input: { teamId: team.id, rule: 'SHIFT_LENGTH', enforcement: 'HARD', value: 2, maxValue: 12 } },
        coordinator,
      );
      expect((await api.gql(PUBLISH, { input: range }, coordinator)).data!['publishSchedule'].publishedCount).toBe(2);
    });
  });

  describe('time off', () => {
    it('refuses a duplicate of a pending request, lets the agent cancel it, and then ask again', async () => {
      const team = await createTeam(api, tenant, {
        timeZone: 'Europe/Warsaw',
        coordinatorIds: [tenant.users.COORDINATOR.id],
      });
      await createAgent(api, tenant, team.id, { userId: tenant.users.AGENT.id });
      const agentToken = tenant.tokens.AGENT;
      const span = { type: 'VACATION', startsAt: '2026-11-02T00:00:00+01:00', endsAt: '2026-11-07T00:00:00+01:00' };
      const first = await api.gql(REQUEST, { input: span }, agentToken);
      expect(first.errors).toBeUndefined();
      const id = first.data!['requestTimeOff'].request.id as string;

      const overlapping = await api.gql(
        REQUEST,
        {
          input: {
            ...span,
            type: 'PERSONAL',
            startsAt: '2026-11-04T00:00:00+01:00',
            endsAt: '2026-11-05T00:00:00+01:00',
          },
        },
        agentToken,
      );
      expect(overlapping.errors![0]!.extensions).toMatchObject({
        code: 'CONFLICT',
        rule: 'DUPLICATE_REQUEST',
        existingRequestId: id,
      });

      const stranger = await api.gql(CANCEL, { input: { requestId: id } }, tenant.tokens.TRAINER);
      expect(stranger.errors![0]!.extensions.code).toBe('FORBIDDEN');

      const cancelled = await api.gql(CANCEL, { input: { requestId: id } }, agentToken);
      expect(cancelled.errors).toBeUndefined();
      expect(cancelled.data!['cancelTimeOff'].request).toEqual({ id, status: 'CANCELLED', version: 2 });
      const again = await api.gql(CANCEL, { input: { requestId: id } }, agentToken);
      expect(again.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', status: 'CANCELLED' });

      const renewed = await api.gql(REQUEST, { input: span }, agentToken);
      expect(renewed.errors).toBeUndefined();
      const rows = await api.sql<{ status: string }>(
        `SELECT status FROM time_off_requests WHERE tenant_id = $1 ORDER BY created_at`,
        [tenant.tenantId],
      );
      expect(rows.map((r) => r.status)).toEqual(['CANCELLED', 'PENDING']);
      const audit = await api.sql(
        `SELECT 1 FROM audit_log WHERE tenant_id = $1 AND entity_id = $2 AND action = 'CANCEL'`,
        [tenant.tenantId, id],
      );
      expect(audit).toHaveLength(1);

      // A decided request cannot be withdrawn.
      const renewedId = renewed.data!['requestTimeOff'].request.id;
      await api.gql(
        `mutation($input: ApproveTimeOffInput!) { approveTimeOff(input: $input) { request { status } } }`,
        { input: { requestId: renewedId } },
        coordinator,
      );
      expect(
        (await api.gql(CANCEL, { input: { requestId: renewedId } }, agentToken)).errors![0]!.extensions,
      ).toMatchObject({ code: 'CONFLICT', status: 'APPROVED' });
    });

    it('holds in the database too: two pending requests of one agent over the same time cannot both be stored', async () => {
      const team = await createTeam(api, tenant, { timeZone: 'Europe/Warsaw' });
      const agent = await createAgent(api, tenant, team.id);
      const insert = (id: string) =>
        api.sql(
          `INSERT INTO time_off_requests (tenant_id, id, agent_id, type, starts_at, ends_at, requested_by) VALUES ($1, $2, $3, 'SICK', '2026-12-01T00:00Z', '2026-12-02T00:00Z', $4)`,
          [tenant.tenantId, id, agent.id, tenant.users.DIRECTOR.id],
        );
      await insert('00000000-0000-4000-8000-000000000001');
      await expect(insert('00000000-0000-4000-8000-000000000002')).rejects.toThrow(/time_off_no_overlapping_pending/);
    });
  });

  describe('swap board', () => {
    it('shows the agent teammates’ published shifts they could work, their own, and their swaps with names and times', async () => {
      const t = await createTestTenant(api, 'Swap Org');
      const team = await createTeam(api, t, { timeZone: 'Europe/Warsaw' });
      const otherTeam = await createTeam(api, t, { timeZone: 'Europe/Warsaw' });
      const me = await createAgent(api, t, team.id, {
        name: 'Zofia Nowak',
        userId: t.users.AGENT.id,
        channels: ['PHONE'],
        skills: [{ skill: 'billing', proficiency: 3 }],
      });
      const mate = await createAgent(api, t, team.id, { name: 'Piotr Kowalski', channels: ['PHONE', 'EMAIL'] });
      const outsider = await createAgent(api, t, otherTeam.id, { name: 'Emre Demir' });
      const monday = DateTime.now().setZone('Europe/Warsaw').startOf('week').plus({ weeks: 2 });
      const at = (day: number, hour: number) => monday.plus({ days: day, hours: hour }).toISO()!;
      const create = async (agentId: string, day: number, extra: Record<string, unknown> = {}) => {
        const r = await api.gql(
          CREATE_SHIFT,
          { input: { agentId, startsAt: at(day, 9), endsAt: at(day, 17), ...extra } },
          t.tokens.DIRECTOR,
        );
        if (r.errors) throw new Error(JSON.stringify(r.errors));
        return r.data!['createShift'].shift.id as string;
      };
      const mine = await create(me.id, 0);
      const takeable = await create(mate.id, 1, { channel: 'PHONE' });
      await create(mate.id, 2, { channel: 'EMAIL' }); // not a channel of mine
      const draftOnly = await create(mate.id, 3);
      await create(outsider.id, 1);
      for (const teamId of [team.id, otherTeam.id]) {
        await api.gql(PUBLISH, { input: { teamId, from: at(0, 0), to: at(3, 0) } }, t.tokens.DIRECTOR);
      }

      const BOARD = `query($input: SwapBoardInput!) { swapBoard(input: $input) {
        openShifts { agentName shift { id startsAtLocal } } myShifts { id }
        swaps { status requesterName targetName shift { id } targetShift { id startsAt } } } }`;
      const window = { from: at(0, 0), to: at(7, 0) };
      const board = await api.gql(BOARD, { input: window }, t.tokens.AGENT);
      expect(board.errors).toBeUndefined();
      expect(board.data!['swapBoard'].openShifts).toEqual([
        { agentName: 'Piotr Kowalski', shift: { id: takeable, startsAtLocal: at(1, 9).replace('.000', '') } },
      ]);
      expect(board.data!['swapBoard'].myShifts).toEqual([{ id: mine }]);
      expect(board.data!['swapBoard'].openShifts.map((s: { shift: { id: string } }) => s.shift.id)).not.toContain(
        draftOnly,
      );

      const proposed = await api.gql(
        `mutation($input: ProposeShiftSwapInput!) { proposeShiftSwap(input: $input) { swap { id } } }`,
        { input: { shiftId: mine, targetAgentId: mate.id, targetShiftId: takeable } },
        t.tokens.AGENT,
      );
      expect(proposed.errors).toBeUndefined();
      const after = await api.gql(BOARD, { input: window }, t.tokens.AGENT);
      expect(after.data!['swapBoard'].swaps).toEqual([
        {
          status: 'PROPOSED',
          requesterName: 'Zofia Nowak',
          targetName: 'Piotr Kowalski',
          shift: { id: mine },
          targetShift: { id: takeable, startsAt: new Date(at(1, 9)).toISOString() },
        },
      ]);
      const stored = await api.sql(
        `SELECT 1 FROM shift_swaps WHERE tenant_id = $1 AND shift_id = $2 AND target_shift_id = $3`,
        [t.tenantId, mine, takeable],
      );
      expect(stored).toHaveLength(1);
    });

    it('is for agents only and bounded to 62 days', async () => {
      const range = { from: '2026-09-01T00:00:00Z', to: '2026-09-08T00:00:00Z' };
      expect(
        (
          await api.gql(
            `query($input: SwapBoardInput!) { swapBoard(input: $input) { myShifts { id } } }`,
            { input: range },
            coordinator,
          )
        ).errors![0]!.extensions.code,
      ).toBe('FORBIDDEN');
      const long = await api.gql(
        `query($input: SwapBoardInput!) { swapBoard(input: $input) { myShifts { id } } }`,
        { input: { ...range, to: '2026-12-01T00:00:00Z' } },
        tenant.tokens.AGENT,
      );
      expect(long.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.to' }] });
    });
  });
});
