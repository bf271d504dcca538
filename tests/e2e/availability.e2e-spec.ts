import {
  createAgent,
  createTeam,
  createTestTenant,
  eventually,
  startTestApp,
  TestApp,
  TestTenant,
} from '@deskforce/testing';

const SET = `mutation($input: SetAgentAvailabilityInput!) {
  setAgentAvailability(input: $input) { availability { agentId windows { weekday startTime endTime } exceptions { date available startTime endTime note } preferences { kind weekday templateId weight } } }
}`;
const GET = `query($agentId: ID) { agentAvailability(agentId: $agentId) { agentId windows { weekday startTime endTime } exceptions { date available startTime endTime } preferences { kind weekday weight } } }`;
const CREATE_SHIFT = `mutation($input: CreateShiftInput!) { createShift(input: $input) { shift { id } } }`;
const TEMPLATE = `mutation($input: CreateShiftTemplateInput!) { createShiftTemplate(input: $input) { template { id } } }`;
const UPLOAD = `mutation($input: UploadForecastInput!) { uploadForecast(input: $input) { intervalCount } }`;
const GENERATE = `mutation($input: GenerateScheduleInput!) { generateSchedule(input: $input) { job { id } } }`;
const JOB = `query($id: ID!) { scheduleJob(id: $id) { status error result { shiftsCreated preferences { agentId met unmet results } } } }`;

/**
 * Agents' availability and wishes: agents enter their own, coordinators read their teams', work outside
 * availability is refused (labor rule AVAILABILITY, HARD by default) and never generated.
 */
describe('availability', () => {
  let api: TestApp;
  let tenant: TestTenant;
  let team: { id: string };
  let me: { id: string };

  beforeAll(async () => {
    api = await startTestApp();
    tenant = await createTestTenant(api);
    team = await createTeam(api, tenant, { timeZone: 'Europe/Warsaw', coordinatorIds: [tenant.users.COORDINATOR.id] });
    me = await createAgent(api, tenant, team.id, { userId: tenant.users.AGENT.id, channels: ['PHONE'] });
  });
  afterAll(() => api.close());

  const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '08:00', endTime: '18:00' }));

  it('lets an agent enter their own availability and wishes, and the coordinator read them', async () => {
    const set = await api.gql(
      SET,
      {
        input: {
          windows: weekdays,
          exceptions: [
            { date: '2026-03-04', available: false, note: 'dentist' },
            { date: '2026-03-07', available: true, startTime: '10:00', endTime: '14:00' },
          ],
          preferences: [{ kind: 'AVOID', weekday: 5, weight: 2 }],
        },
      },
      tenant.tokens.AGENT,
    );
    expect(set.errors).toBeUndefined();
    expect(set.data!['setAgentAvailability'].availability).toEqual({
      agentId: me.id,
      windows: weekdays,
      exceptions: [
        { date: '2026-03-04', available: false, startTime: null, endTime: null, note: 'dentist' },
        { date: '2026-03-07', available: true, startTime: '10:00', endTime: '14:00', note: null },
      ],
      preferences: [{ kind: 'AVOID', weekday: 5, templateId: null, weight: 2 }],
    });
    const read = await api.gql(GET, { agentId: me.id }, tenant.tokens.COORDINATOR);
    expect(read.errors).toBeUndefined();
    expect(read.data!['agentAvailability'].windows).toEqual(weekdays);
    const own = await api.gql(GET, {}, tenant.tokens.AGENT);
    expect(own.data!['agentAvailability'].agentId).toBe(me.id);
  });

  it('refuses bad input with the field, other agents’ availability, and coordinators writing it', async () => {
    const backwards = await api.gql(
      SET,
      { input: { windows: [{ weekday: 1, startTime: '18:00', endTime: '08:00' }] } },
      tenant.tokens.AGENT,
    );
    expect(backwards.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.windows.0.endTime' }],
    });
    const badTime = await api.gql(
      SET,
      { input: { windows: [{ weekday: 1, startTime: '25:00', endTime: '26:00' }] } },
      tenant.tokens.AGENT,
    );
    expect(badTime.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    const overlap = await api.gql(
      SET,
      {
        input: {
          windows: [
            { weekday: 2, startTime: '08:00', endTime: '12:00' },
            { weekday: 2, startTime: '11:00', endTime: '15:00' },
          ],
        },
      },
      tenant.tokens.AGENT,
    );
    expect(overlap.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.windows.1' }],
    });
    const other = await createAgent(api, tenant, team.id);
    const notMine = await api.gql(SET, { input: { agentId: other.id, windows: [] } }, tenant.tokens.AGENT);
    expect(notMine.errors![0]!.extensions.code).toBe('FORBIDDEN');
    expect((await api.gql(GET, { agentId: other.id }, tenant.tokens.AGENT)).errors![0]!.extensions.code).toBe(
      'FORBIDDEN',
    );
    expect(
      (await api.gql(SET, { input: { agentId: other.id, windows: [] } }, tenant.tokens.COORDINATOR)).errors![0]!
        .extensions.code,
    ).toBe('FORBIDDEN');
    const otherTeam = await createTeam(api, tenant);
    const stranger = await createAgent(api, tenant, otherTeam.id);
    expect((await api.gql(GET, { agentId: stranger.id }, tenant.tokens.COORDINATOR)).errors![0]!.extensions.code).toBe(
      'FORBIDDEN',
    );
    // Nothing was written by the refused calls.
    const still = await api.gql(GET, {}, tenant.tokens.AGENT);
    expect(still.data!['agentAvailability'].windows).toEqual(weekdays);
  });

  it('refuses a shift outside availability (AVAILABILITY, HARD) and accepts one inside', async () => {
    // Monday 2 March 2026, Warsaw UTC+1: 08:00-16:00 local fits, 17:00-21:00 local does not.
    const inside = await api.gql(
      CREATE_SHIFT,
      { input: { agentId: me.id, startsAt: '2026-03-02T07:00:00Z', endsAt: '2026-03-02T15:00:00Z', channel: 'PHONE' } },
      tenant.tokens.COORDINATOR,
    );
    expect(inside.errors).toBeUndefined();
    const outside = await api.gql(
      CREATE_SHIFT,
      { input: { agentId: me.id, startsAt: '2026-03-03T16:00:00Z', endsAt: '2026-03-03T20:00:00Z', channel: 'PHONE' } },
      tenant.tokens.COORDINATOR,
    );
    expect(outside.errors![0]!.extensions).toMatchObject({
      code: 'CONFLICT',
      violations: [expect.objectContaining({ rule: 'AVAILABILITY', enforcement: 'HARD' })],
    });
    // The dated exception: Wednesday 4 March is off all day.
    const dentist = await api.gql(
      CREATE_SHIFT,
      { input: { agentId: me.id, startsAt: '2026-03-04T08:00:00Z', endsAt: '2026-03-04T12:00:00Z', channel: 'PHONE' } },
      tenant.tokens.COORDINATOR,
    );
    expect(dentist.errors![0]!.extensions.violations).toEqual([expect.objectContaining({ rule: 'AVAILABILITY' })]);
    // A team that switches the rule off may plan outside it.
    const off = await api.gql(
      `mutation($input: SetLaborRuleInput!) { setLaborRule(input: $input) { rules { rule enforcement } } }`,
      { input: { teamId: team.id, rule: 'AVAILABILITY', enforcement: 'OFF' } },
      tenant.tokens.COORDINATOR,
    );
    expect(off.errors).toBeUndefined();
    const allowed = await api.gql(
      CREATE_SHIFT,
      { input: { agentId: me.id, startsAt: '2026-03-03T16:00:00Z', endsAt: '2026-03-03T20:00:00Z', channel: 'PHONE' } },
      tenant.tokens.COORDINATOR,
    );
    expect(allowed.errors).toBeUndefined();
    await api.gql(
      `mutation($input: SetLaborRuleInput!) { setLaborRule(input: $input) { rules { rule } } }`,
      { input: { teamId: team.id, rule: 'AVAILABILITY', enforcement: 'HARD' } },
      tenant.tokens.COORDINATOR,
    );
  });

  it('never generates a shift outside availability, and reports the wishes met', async () => {
    const genTeam = await createTeam(api, tenant, {
      timeZone: 'Europe/Warsaw',
      coordinatorIds: [tenant.users.COORDINATOR.id],
    });
    const agents: { id: string }[] = [];
    for (let i = 0; i < 3; i++)
      agents.push(await createAgent(api, tenant, genTeam.id, { channels: ['PHONE'], hourlyCost: 20 + i }));
    // The cheapest agent can only work mornings (until 13:00): the 12:00 template is never theirs.
    await api.gql(
      SET,
      {
        input: {
          agentId: agents[0]!.id,
          windows: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '06:00', endTime: '13:00' })),
          preferences: [{ kind: 'PREFER', weekday: 2, weight: 1 }],
        },
      },
      tenant.tokens.ADMIN,
    );
    for (const [name, startTime] of [
      ['Morning', '07:00'],
      ['Noon', '12:00'],
    ]) {
      const created = await api.gql(
        TEMPLATE,
        {
          input: { teamId: genTeam.id, name, startTime, durationMinutes: 300, daysOfWeek: [1, 2, 3], channel: 'PHONE' },
        },
        tenant.tokens.COORDINATOR,
      );
      expect(created.errors).toBeUndefined();
    }
    const day = Array.from({ length: 24 }, (_, h) => (h >= 6 && h < 16 ? 20 : 0));
    const hourly = [...day, ...day, ...day];
    await api.gql(
      UPLOAD,
      {
        input: {
          teamId: genTeam.id,
          channel: 'PHONE',
          from: '2026-03-01T23:00:00Z',
          intervalMinutes: 60,
          contacts: hourly,
          ahtSeconds: hourly.map(() => 300),
        },
      },
      tenant.tokens.COORDINATOR,
    );
    const queued = await api.gql(
      GENERATE,
      {
        input: {
          teamId: genTeam.id,
          channel: 'PHONE',
          from: '2026-03-01T23:00:00Z',
          to: '2026-03-04T23:00:00Z',
          intervalMinutes: 60,
          timeLimitSeconds: 10,
          serviceLevelTarget: 0.8,
          targetAnswerSeconds: 20,
          shrinkage: 0,
        },
      },
      tenant.tokens.COORDINATOR,
    );
    expect(queued.errors).toBeUndefined();
    const id = queued.data!['generateSchedule'].job.id as string;
    const job = await eventually<{
      status: string;
      error: string | null;
      result: { shiftsCreated: number; preferences: { agentId: string; met: number; unmet: number }[] } | null;
    }>(async () => {
      const read = (await api.gql(JOB, { id }, tenant.tokens.COORDINATOR)).data!['scheduleJob'];
      return ['QUEUED', 'RUNNING'].includes(read.status) ? null : read;
    });
    expect(job).toMatchObject({ status: 'SUCCEEDED', error: null });
    expect(job!.result!.shiftsCreated).toBeGreaterThan(0);
    const written = await api.sql<{ agent_id: string; starts_at: Date; ends_at: Date }>(
      `SELECT agent_id, starts_at, ends_at FROM shifts WHERE note = $1`,
      [`Generated by schedule job ${id}`],
    );
    for (const shift of written.filter((s) => s.agent_id === agents[0]!.id)) {
      // Warsaw is UTC+1 in early March: 13:00 local is 12:00 UTC.
      expect(shift.ends_at.getUTCHours() + shift.ends_at.getUTCMinutes() / 60).toBeLessThanOrEqual(12);
    }
    expect(written.some((s) => s.agent_id === agents[0]!.id)).toBe(true);
    expect(job!.result!.preferences).toEqual([
      expect.objectContaining({ agentId: agents[0]!.id, met: expect.any(Number), unmet: expect.any(Number) }),
    ]);
  });
});
