import { createAgent, createTeam, createTestTenant, startTestApp, TestApp, TestTenant } from '@deskforce/testing';

const CREATE_SHIFT = `mutation($input: CreateShiftInput!) {
  createShift(input: $input) { shift { id agentId status version startsAt endsAt workSeconds activities { id type } } warnings { rule enforcement shiftIds message } }
}`;
const SET_RULE = `mutation($input: SetLaborRuleInput!) { setLaborRule(input: $input) { rules { rule enforcement value maxValue source } } }`;

describe('scheduling', () => {
  let api: TestApp;
  let tenant: TestTenant;
  let team: { id: string };
  let coordinator: string;

  beforeAll(async () => {
    api = await startTestApp();
    tenant = await createTestTenant(api);
    team = await createTeam(api, tenant, { timeZone: 'Europe/Warsaw', coordinatorIds: [tenant.users.COORDINATOR.id] });
    coordinator = tenant.tokens.COORDINATOR;
  });
  afterAll(() => api.close());

  const shift = async (
    agentId: string,
    startsAt: string,
    endsAt: string,
    extra: Record<string, unknown> = {},
    token = coordinator,
  ) => api.gql(CREATE_SHIFT, { input: { agentId, startsAt, endsAt, ...extra } }, token);

  describe('shifts', () => {
    it('moves breaks and lunch with a moved or resized shift, and refuses only when they cannot fit', async () => {
      const agent = await createAgent(api, tenant, team.id);
      const created = await shift(agent.id, '2026-03-16T08:00:00Z', '2026-03-16T16:00:00Z', {
        channel: 'PHONE',
        activities: [
          { type: 'BREAK', startsAt: '2026-03-16T10:00:00Z', endsAt: '2026-03-16T10:15:00Z' },
          { type: 'LUNCH', startsAt: '2026-03-16T12:00:00Z', endsAt: '2026-03-16T12:30:00Z' },
        ],
      });
      expect(created.errors).toBeUndefined();
      const id = created.data!['createShift'].shift.id;
      const UPDATE = `mutation($input: UpdateShiftInput!) { updateShift(input: $input) { shift { version startsAt endsAt activities { type startsAt endsAt } } } }`;
      // Two hours later: the break and the lunch come along.
      const moved = await api.gql(
        UPDATE,
        { input: { id, version: 1, startsAt: '2026-03-16T10:00:00Z', endsAt: '2026-03-16T18:00:00Z' } },
        coordinator,
      );
      expect(moved.errors).toBeUndefined();
      expect(moved.data!['updateShift'].shift.activities).toEqual([
        { type: 'BREAK', startsAt: '2026-03-16T12:00:00.000Z', endsAt: '2026-03-16T12:15:00.000Z' },
        { type: 'LUNCH', startsAt: '2026-03-16T14:00:00.000Z', endsAt: '2026-03-16T14:30:00.000Z' },
      ]);
      // Cut to 10:00-13:00: the lunch would end past 13:00, so it is re-placed to end there.
      const shortened = await api.gql(
        UPDATE,
        { input: { id, version: 2, endsAt: '2026-03-16T13:00:00Z' } },
        coordinator,
      );
      expect(shortened.errors).toBeUndefined();
      expect(shortened.data!['updateShift'].shift.activities).toEqual([
        { type: 'BREAK', startsAt: '2026-03-16T12:00:00.000Z', endsAt: '2026-03-16T12:15:00.000Z' },
        { type: 'LUNCH', startsAt: '2026-03-16T12:30:00.000Z', endsAt: '2026-03-16T13:00:00.000Z' },
      ]);
      // 40 minutes cannot hold a 15-minute break and a 30-minute lunch: refused, nothing changes.
      const tooShort = await api.gql(
        UPDATE,
        { input: { id, version: 3, endsAt: '2026-03-16T10:40:00Z' } },
        coordinator,
      );
      expect(tooShort.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', rule: 'ACTIVITIES_DO_NOT_FIT' });
      const still = await api.gql(
        `query($filter: ShiftFilter) { shifts(filter: $filter) { edges { node { version endsAt } } } }`,
        { filter: { agentIds: [agent.id] } },
        coordinator,
      );
      expect(still.data!['shifts'].edges[0].node).toEqual({ version: 3, endsAt: '2026-03-16T13:00:00.000Z' });
    });

    it('moves back-to-back activities with their shift, the first into the place the second leaves', async () => {
      const agent = await createAgent(api, tenant, team.id);
      const created = await shift(agent.id, '2026-03-17T08:00:00Z', '2026-03-17T12:00:00Z', {
        activities: [
          { type: 'BREAK', startsAt: '2026-03-17T10:00:00Z', endsAt: '2026-03-17T10:15:00Z' },
          { type: 'LUNCH', startsAt: '2026-03-17T10:15:00Z', endsAt: '2026-03-17T10:45:00Z' },
        ],
      });
      const id = created.data!['createShift'].shift.id;
      const UPDATE = `mutation($input: UpdateShiftInput!) { updateShift(input: $input) { shift { version activities { type startsAt endsAt } } } }`;
      // 15 minutes later: the break moves onto the start of the lunch's old place; no overlap once both have moved.
      const later = await api.gql(
        UPDATE,
        { input: { id, version: 1, startsAt: '2026-03-17T08:15:00Z', endsAt: '2026-03-17T12:15:00Z' } },
        coordinator,
      );
      expect(later.errors).toBeUndefined();
      expect(later.data!['updateShift'].shift).toEqual({
        version: 2,
        activities: [
          { type: 'BREAK', startsAt: '2026-03-17T10:15:00.000Z', endsAt: '2026-03-17T10:30:00.000Z' },
          { type: 'LUNCH', startsAt: '2026-03-17T10:30:00.000Z', endsAt: '2026-03-17T11:00:00.000Z' },
        ],
      });
    });

    it('creates a draft shift with a lunch, counts work time without it, and shows it in local time', async () => {
      const agent = await createAgent(api, tenant, team.id);
      const created = await shift(agent.id, '2026-03-02T08:00:00Z', '2026-03-02T16:30:00Z', {
        channel: 'PHONE',
        activities: [{ type: 'LUNCH', startsAt: '2026-03-02T12:00:00Z', endsAt: '2026-03-02T12:30:00Z' }],
      });
      expect(created.errors).toBeUndefined();
      expect(created.data!['createShift'].shift).toMatchObject({
        status: 'DRAFT',
        version: 1,
        workSeconds: 8 * 3600,
        activities: [{ type: 'LUNCH' }],
      });
      const id = created.data!['createShift'].shift.id;
      const read = await api.gql(
        `query($filter: ShiftFilter) { shifts(filter: $filter) { totalCount edges { node { id startsAtLocal endsAtLocal(timeZone: "America/New_York") agent { id } team { timeZone } } } } }`,
        { filter: { agentIds: [agent.id] } },
        coordinator,
      );
      expect(read.data!['shifts'].edges[0].node).toEqual({
        id,
        startsAtLocal: '2026-03-02T09:00:00+01:00',
        endsAtLocal: '2026-03-02T11:30:00-05:00',
        agent: { id: agent.id },
        team: { timeZone: 'Europe/Warsaw' },
      });
    });

    it('refuses a span that ends before it starts, and an activity outside the shift, writing nothing', async () => {
      const agent = await createAgent(api, tenant, team.id);
      const reversed = await shift(agent.id, '2026-03-03T16:00:00Z', '2026-03-03T08:00:00Z');
      expect(reversed.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.endsAt' }],
      });
      const outside = await shift(agent.id, '2026-03-03T08:00:00Z', '2026-03-03T16:00:00Z', {
        activities: [{ type: 'BREAK', startsAt: '2026-03-03T17:00:00Z', endsAt: '2026-03-03T17:15:00Z' }],
      });
      expect(outside.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.activities.0' }],
      });
      expect(await api.sql(`SELECT 1 FROM shifts WHERE agent_id = $1`, [agent.id])).toHaveLength(0);
    });

    it('uses optimistic concurrency: a stale version gets CONFLICT', async () => {
      const agent = await createAgent(api, tenant, team.id);
      const created = (await shift(agent.id, '2026-03-04T08:00:00Z', '2026-03-04T16:00:00Z')).data!['createShift']
        .shift;
      const UPDATE = `mutation($input: UpdateShiftInput!) { updateShift(input: $input) { shift { version startsAt } } }`;
      const moved = await api.gql(
        UPDATE,
        { input: { id: created.id, version: 1, startsAt: '2026-03-04T09:00:00Z', endsAt: '2026-03-04T17:00:00Z' } },
        coordinator,
      );
      expect(moved.errors).toBeUndefined();
      expect(moved.data!['updateShift'].shift).toEqual({ version: 2, startsAt: '2026-03-04T09:00:00.000Z' });
      const stale = await api.gql(UPDATE, { input: { id: created.id, version: 1, note: 'late edit' } }, coordinator);
      expect(stale.errors![0]!.extensions).toMatchObject({
        code: 'CONFLICT',
        rule: 'STALE_VERSION',
        currentVersion: 2,
      });
    });

    it('deletes a draft but cancels a published shift, and audits every change', async () => {
      const agent = await createAgent(api, tenant, team.id);
      const draft = (await shift(agent.id, '2026-03-05T08:00:00Z', '2026-03-05T16:00:00Z')).data!['createShift'].shift;
      const other = (await shift(agent.id, '2026-03-06T08:00:00Z', '2026-03-06T16:00:00Z')).data!['createShift'].shift;
      const published = await api.gql(
        `mutation($input: PublishScheduleInput!) { publishSchedule(input: $input) { publishedCount shifts { id status } } }`,
        { input: { teamId: team.id, from: '2026-03-06T00:00:00+01:00', to: '2026-03-07T00:00:00+01:00' } },
        coordinator,
      );
      expect(published.data!['publishSchedule'].shifts).toEqual(
        expect.arrayContaining([{ id: other.id, status: 'PUBLISHED' }]),
      );
      const DELETE = `mutation($input: DeleteShiftInput!) { deleteShift(input: $input) { shiftId cancelled } }`;
      expect(
        (await api.gql(DELETE, { input: { id: draft.id, version: 1 } }, coordinator)).data!['deleteShift'],
      ).toEqual({ shiftId: draft.id, cancelled: false });
      expect(
        (await api.gql(DELETE, { input: { id: other.id, version: 2 } }, coordinator)).data!['deleteShift'],
      ).toEqual({ shiftId: other.id, cancelled: true });
      expect(await api.sql(`SELECT status FROM shifts WHERE agent_id = $1`, [agent.id])).toEqual([
        { status: 'CANCELLED' },
      ]);

      const audit = await api.gql(
        `query($filter: AuditLogFilter) { auditLog(filter: $filter) { edges { node { entityId action actorUserId before after } } } }`,
        { filter: { agentId: agent.id, entityType: 'SHIFT' } },
        tenant.tokens.DIRECTOR,
      );
      const entries = audit.data!['auditLog'].edges.map(
        (e: { node: { entityId: string; action: string } }) =>
          `${e.node.entityId === draft.id ? 'draft' : 'other'}:${e.node.action}`,
      );
      expect(entries).toEqual(['other:CANCEL', 'draft:DELETE', 'other:PUBLISH', 'other:CREATE', 'draft:CREATE']);
      expect(audit.data!['auditLog'].edges[0].node).toMatchObject({
        actorUserId: tenant.users.COORDINATOR.id,
        before: { status: 'PUBLISHED' },
        after: { status: 'CANCELLED' },
      });
    });

    it('shows an agent only their published shifts in mySchedule', async () => {
      const agent = await createAgent(api, tenant, team.id, { userId: tenant.users.AGENT.id });
      await shift(agent.id, '2026-03-09T08:00:00Z', '2026-03-09T16:00:00Z');
      const toPublish = (await shift(agent.id, '2026-03-10T08:00:00Z', '2026-03-10T16:00:00Z')).data!['createShift']
        .shift;
      await api.gql(
        `mutation($input: PublishScheduleInput!) { publishSchedule(input: $input) { publishedCount } }`,
        {
          input: { teamId: team.id, from: '2026-03-10T00:00:00Z', to: '2026-03-11T00:00:00Z' },
        },
        coordinator,
      );
      const mine = await api.gql(
        `{ mySchedule(from: "2026-03-09T00:00:00Z", to: "2026-03-16T00:00:00Z") { id status } }`,
        {},
        tenant.tokens.AGENT,
      );
      expect(mine.data!['mySchedule']).toEqual([{ id: toPublish.id, status: 'PUBLISHED' }]);
      const denied = await api.gql(`{ shifts { totalCount } }`, {}, tenant.tokens.AGENT);
      expect(denied.errors![0]!.extensions.code).toBe('FORBIDDEN');
    });

    it('never lets a coordinator plan another coordinator’s team', async () => {
      const otherTeam = await createTeam(api, tenant);
      const agent = await createAgent(api, tenant, otherTeam.id);
      const refused = await shift(agent.id, '2026-03-11T08:00:00Z', '2026-03-11T16:00:00Z');
      expect(refused.errors![0]!.extensions.code).toBe('FORBIDDEN');
    });
  });

  describe('no overlap, under concurrency', () => {
    it('20 concurrent createShift calls for overlapping spans of one agent end with exactly one shift', async () => {
      const agent = await createAgent(api, tenant, team.id);
      const attempts = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          shift(
            agent.id,
            `2026-04-01T${String(8 + (i % 4)).padStart(2, '0')}:00:00Z`,
            `2026-04-01T${String(14 + (i % 4)).padStart(2, '0')}:00:00Z`,
          ),
        ),
      );
      const created = attempts.filter((a) => !a.errors);
      const refused = attempts.filter((a) => a.errors);
      expect(created).toHaveLength(1);
      const winner = created[0]!.data!['createShift'].shift.id;
      for (const attempt of refused) {
        expect(attempt.errors![0]!.extensions).toMatchObject({
          code: 'CONFLICT',
          rule: 'NO_OVERLAP',
          conflictingShiftIds: [winner],
        });
      }
      expect(await api.sql(`SELECT id FROM shifts WHERE agent_id = $1`, [agent.id])).toEqual([{ id: winner }]);
    });

    it('the database itself refuses an overlap that bypasses the service', async () => {
      const agent = await createAgent(api, tenant, team.id);
      await shift(agent.id, '2026-04-02T08:00:00Z', '2026-04-02T16:00:00Z');
      await expect(
        api.sql(
          `INSERT INTO shifts (tenant_id, id, agent_id, team_id, starts_at, ends_at) VALUES ($1, gen_random_uuid(), $2, $3, '2026-04-02T12:00:00Z', '2026-04-02T20:00:00Z')`,
          [tenant.tenantId, agent.id, team.id],
        ),
      ).rejects.toThrow(/shifts_no_overlap/);
    });

    it('the database itself keeps activities inside their shift, from either side', async () => {
      const agent = await createAgent(api, tenant, team.id);
      const created = await shift(agent.id, '2026-04-03T08:00:00Z', '2026-04-03T16:00:00Z', {
        activities: [{ type: 'LUNCH', startsAt: '2026-04-03T12:00:00Z', endsAt: '2026-04-03T12:30:00Z' }],
      });
      const { id, activities } = created.data!['createShift'].shift as { id: string; activities: { id: string }[] };
      await expect(
        api.sql(`UPDATE shift_activities SET ends_at = '2026-04-03T16:30:00Z' WHERE id = $1`, [activities[0]!.id]),
      ).rejects.toThrow(/activity outside its shift/);
      await expect(api.sql(`UPDATE shifts SET ends_at = '2026-04-03T12:15:00Z' WHERE id = $1`, [id])).rejects.toThrow(
        /shift would leave an activity outside/,
      );
    });
  });

  describe('labor rules', () => {
    let rulesTeam: { id: string };
    beforeAll(async () => {
      rulesTeam = await createTeam(api, tenant, {
        timeZone: 'Europe/Warsaw',
        coordinatorIds: [tenant.users.COORDINATOR.id],
      });
    });

    it('refuses less than 11 h of rest by default, naming the rule and both shifts', async () => {
      const agent = await createAgent(api, tenant, rulesTeam.id);
      const first = (await shift(agent.id, '2026-05-04T12:00:00Z', '2026-05-04T20:00:00Z')).data!['createShift'].shift;
      const second = await shift(agent.id, '2026-05-05T05:00:00Z', '2026-05-05T13:00:00Z');
      expect(second.errors![0]!.extensions).toMatchObject({
        code: 'CONFLICT',
        rule: 'LABOR_RULES',
        violations: [{ rule: 'MIN_REST', enforcement: 'HARD', shiftIds: [first.id, expect.any(String)] }],
      });
    });

    it('turns a rule into a warning when a team sets it SOFT, and the tenant default still applies elsewhere', async () => {
      const soft = await api.gql(
        SET_RULE,
        { input: { teamId: rulesTeam.id, rule: 'MIN_REST', enforcement: 'SOFT', value: 11 } },
        coordinator,
      );
      expect(soft.data!['setLaborRule'].rules).toEqual(
        expect.arrayContaining([{ rule: 'MIN_REST', enforcement: 'SOFT', value: 11, maxValue: null, source: 'TEAM' }]),
      );
      const agent = await createAgent(api, tenant, rulesTeam.id);
      const first = (await shift(agent.id, '2026-05-11T12:00:00Z', '2026-05-11T20:00:00Z')).data!['createShift'].shift;
      const second = await shift(agent.id, '2026-05-12T05:00:00Z', '2026-05-12T13:00:00Z');
      expect(second.errors).toBeUndefined();
      expect(second.data!['createShift'].warnings).toEqual([
        {
          rule: 'MIN_REST',
          enforcement: 'SOFT',
          shiftIds: [first.id, second.data!['createShift'].shift.id],
          message: expect.stringContaining('9 h of rest'),
        },
        // An afternoon then a morning start are also seven hours apart: START_TIME_SPREAD warns (SOFT by default).
        expect.objectContaining({ rule: 'START_TIME_SPREAD', enforcement: 'SOFT' }),
      ]);

      const elsewhere = await createAgent(api, tenant, team.id);
      await shift(elsewhere.id, '2026-05-11T12:00:00Z', '2026-05-11T20:00:00Z');
      expect(
        (await shift(elsewhere.id, '2026-05-12T05:00:00Z', '2026-05-12T13:00:00Z')).errors![0]!.extensions.code,
      ).toBe('CONFLICT');
      await api.gql(
        SET_RULE,
        { input: { teamId: rulesTeam.id, rule: 'MIN_REST', enforcement: 'HARD', value: 11 } },
        coordinator,
      );
    });

    it('refuses a week over contract + 8 hours, and a seventh day in a row', async () => {
      const agent = await createAgent(api, tenant, rulesTeam.id, { contractedWeeklyHours: 20 });
      for (const day of ['18', '19', '20'])
        expect((await shift(agent.id, `2026-05-${day}T06:00:00Z`, `2026-05-${day}T15:00:00Z`)).errors).toBeUndefined();
      const fourth = await shift(agent.id, '2026-05-21T06:00:00Z', '2026-05-21T15:00:00Z'); // 36 h > 28 h
      expect(fourth.errors![0]!.extensions['violations']).toEqual([
        expect.objectContaining({ rule: 'MAX_WEEKLY_HOURS' }),
      ]);

      const runner = await createAgent(api, tenant, rulesTeam.id);
      // Thursday 4 to Wednesday 10 June: four days in one ISO week and three in the next (MIN_DAYS_OFF holds).
      for (const day of ['04', '05', '06', '07', '08', '09'])
        expect((await shift(runner.id, `2026-06-${day}T08:00:00Z`, `2026-06-${day}T12:00:00Z`)).errors).toBeUndefined();
      const seventh = await shift(runner.id, '2026-06-10T08:00:00Z', '2026-06-10T12:00:00Z');
      expect(seventh.errors![0]!.extensions['violations']).toEqual([
        expect.objectContaining({ rule: 'MAX_CONSECUTIVE_DAYS' }),
      ]);
    });

    it('checks shift length, channels and skills, and lists violations after a rule is tightened', async () => {
      const agent = await createAgent(api, tenant, rulesTeam.id, {
        channels: ['PHONE'],
        skills: [{ skill: 'billing', proficiency: 3 }],
      });
      const tooLong = await shift(agent.id, '2026-06-15T04:00:00Z', '2026-06-15T17:00:00Z');
      expect(tooLong.errors![0]!.extensions['violations']).toEqual([expect.objectContaining({ rule: 'SHIFT_LENGTH' })]);
      const wrong = await shift(agent.id, '2026-06-15T06:00:00Z', '2026-06-15T14:00:00Z', {
        channel: 'EMAIL',
        skill: 'sales',
      });
      expect((wrong.errors![0]!.extensions['violations'] as { rule: string }[]).map((v) => v.rule)).toEqual([
        'SKILL_MATCH',
        'SKILL_MATCH',
      ]);

      const ten = (await shift(agent.id, '2026-06-16T06:00:00Z', '2026-06-16T16:00:00Z')).data!['createShift'].shift;
      await api.gql(
        SET_RULE,
        { input: { teamId: rulesTeam.id, rule: 'SHIFT_LENGTH', enforcement: 'HARD', value: 2, maxValue: 9 } },
        coordinator,
      );
      const violations = await api.gql(
        `query($input: ScheduleViolationsInput!) { scheduleViolations(input: $input) { rule shiftIds } }`,
        { input: { teamId: rulesTeam.id, from: '2026-06-15T00:00:00Z', to: '2026-06-22T00:00:00Z' } },
        coordinator,
      );
      expect(violations.data!['scheduleViolations']).toEqual([{ rule: 'SHIFT_LENGTH', shiftIds: [ten.id] }]);
      await api.gql(
        SET_RULE,
        { input: { teamId: rulesTeam.id, rule: 'SHIFT_LENGTH', enforcement: 'HARD', value: 2, maxValue: 12 } },
        coordinator,
      );
    });

    it('lets only admins and directors set tenant-wide rules', async () => {
      const refused = await api.gql(SET_RULE, { input: { rule: 'MIN_REST', enforcement: 'OFF' } }, coordinator);
      expect(refused.errors![0]!.extensions.code).toBe('FORBIDDEN');
      const bad = await api.gql(
        SET_RULE,
        { input: { teamId: rulesTeam.id, rule: 'MAX_CONSECUTIVE_DAYS', enforcement: 'HARD', value: 40 } },
        coordinator,
      );
      expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.value' }] });
    });
  });
});
