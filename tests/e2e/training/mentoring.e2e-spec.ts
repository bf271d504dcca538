import { createAgent, createTeam, createTestTenant, startTestApp, TestApp, TestTenant } from '@deskforce/testing';
import { useMetricsFixture } from './training-helpers';

const CREATE = `mutation($input: CreateMentorshipInput!) { createMentorship(input: $input) { mentorship { id status mentorId menteeId mentor { id } startsOn endsOn } } }`;
const LOG = `mutation($input: LogMentoringSessionInput!) { logMentoringSession(input: $input) { session { id heldAt durationMinutes targetMetric targetSkill followUps mentorActivityId menteeActivityId } } }`;
const SUGGEST = `query($menteeId: ID!, $first: Int) { suggestMentors(menteeId: $menteeId, first: $first) { mentor { id } score reason reasons sameTeam sharedSkills freeCapacity kpiStrengths { metric mentorValue menteeValue } } }`;

describe('mentoring', () => {
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

  const mentorship = (mentorId: string, menteeId: string, token = coordinator) =>
    api.gql(
      CREATE,
      {
        input: {
          mentorId,
          menteeId,
          goals: 'Handle billing disputes alone',
          startsOn: '2026-03-02',
          endsOn: '2026-06-30',
        },
      },
      token,
    );

  it('needs a mentor of level SENIOR or above', async () => {
    const [entry, mentee] = [
      await createAgent(api, tenant, team.id, { level: 'ENTRY' }),
      await createAgent(api, tenant, team.id),
    ];
    expect((await mentorship(entry.id, mentee.id)).errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.mentorId' }],
    });
    expect((await mentorship(mentee.id, mentee.id)).errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.menteeId' }],
    });
    const lead = await createAgent(api, tenant, team.id, { level: 'TEAM_LEAD' });
    expect((await mentorship(lead.id, mentee.id)).data!['createMentorship'].mentorship).toMatchObject({
      status: 'ACTIVE',
      mentor: { id: lead.id },
      startsOn: '2026-03-02',
      endsOn: '2026-06-30',
    });
    expect((await mentorship(lead.id, mentee.id)).errors![0]!.extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'input.menteeId',
    });
  });

  it('holds a mentor to their capacity (3 by default), frees a place when a mentorship ends, and lets the capacity change', async () => {
    const mentor = await createAgent(api, tenant, team.id, { level: 'SENIOR' });
    const mentees = await Promise.all([1, 2, 3, 4].map(() => createAgent(api, tenant, team.id)));
    const ids: string[] = [];
    for (const m of mentees.slice(0, 3))
      ids.push((await mentorship(mentor.id, m.id)).data!['createMentorship'].mentorship.id);
    const fourth = await mentorship(mentor.id, mentees[3]!.id);
    expect(fourth.errors![0]!.extensions).toMatchObject({
      code: 'CONFLICT',
      rule: 'MENTOR_AT_CAPACITY',
      capacity: 3,
      activeMentees: 3,
    });

    const SET = `mutation($input: SetMentorCapacityInput!) { setMentorCapacity(input: $input) { agentId capacity activeMentees } }`;
    expect(
      (await api.gql(SET, { input: { agentId: mentor.id, capacity: 2 } }, coordinator)).errors![0]!.extensions,
    ).toMatchObject({ code: 'CONFLICT', rule: 'CAPACITY_BELOW_ACTIVE' });
    const ended = await api.gql(
      `mutation($input: EndMentorshipInput!) { endMentorship(input: $input) { mentorship { status endNote } } }`,
      { input: { mentorshipId: ids[0], note: 'Goals met' } },
      coordinator,
    );
    expect(ended.data!['endMentorship'].mentorship).toEqual({ status: 'ENDED', endNote: 'Goals met' });
    expect((await mentorship(mentor.id, mentees[3]!.id)).errors).toBeUndefined();
    expect(
      (await api.gql(SET, { input: { agentId: mentor.id, capacity: 4 } }, coordinator)).data!['setMentorCapacity'],
    ).toEqual({ agentId: mentor.id, capacity: 4, activeMentees: 3 });
    expect((await mentorship(mentor.id, mentees[0]!.id)).errors).toBeUndefined();
  });

  it('holds the capacity under concurrent requests: 8 at once for 3 places end with exactly 3 mentorships', async () => {
    const mentor = await createAgent(api, tenant, team.id, { level: 'SPECIALIST' });
    const mentees = await Promise.all(Array.from({ length: 8 }, () => createAgent(api, tenant, team.id)));
    const attempts = await Promise.all(mentees.map((m) => mentorship(mentor.id, m.id)));
    const created = attempts.filter((a) => !a.errors);
    expect(created).toHaveLength(3);
    for (const refused of attempts.filter((a) => a.errors))
      expect(refused.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', rule: 'MENTOR_AT_CAPACITY' });
    expect(
      await api.sql(`SELECT count(*)::int AS n FROM mentorships WHERE mentor_id = $1 AND status = 'ACTIVE'`, [
        mentor.id,
      ]),
    ).toEqual([{ n: 3 }]);
  });

  it('has the database refuse a fourth mentee that bypasses the service', async () => {
    const mentor = await createAgent(api, tenant, team.id, { level: 'SENIOR' });
    const mentees = await Promise.all([1, 2, 3, 4].map(() => createAgent(api, tenant, team.id)));
    for (const m of mentees.slice(0, 3)) await mentorship(mentor.id, m.id);
    await expect(
      api.sql(
        `INSERT INTO mentorships (tenant_id, id, mentor_id, mentee_id, goals, starts_on) VALUES ($1, gen_random_uuid(), $2, $3, 'x', '2026-03-02')`,
        [tenant.tenantId, mentor.id, mentees[3]!.id],
      ),
    ).rejects.toThrow(/capacity/);
  });

  it('logs sessions, booked as MENTORING in both schedules when asked, or not at all', async () => {
    const mentor = await createAgent(api, tenant, team.id, { level: 'SENIOR', userId: tenant.users.AGENT.id });
    const mentee = await createAgent(api, tenant, team.id);
    const id = (await mentorship(mentor.id, mentee.id)).data!['createMentorship'].mentorship.id;
    const SHIFT = `mutation($input: CreateShiftInput!) { createShift(input: $input) { shift { id } } }`;
    await api.gql(
      SHIFT,
      { input: { agentId: mentor.id, startsAt: '2026-09-07T07:00:00Z', endsAt: '2026-09-07T15:00:00Z' } },
      coordinator,
    );

    const session = {
      mentorshipId: id,
      heldAt: '2026-09-07T10:00:00Z',
      durationMinutes: 45,
      notes: 'Went through three escalations',
      targetMetric: 'CSAT',
      targetSkill: 'billing',
      followUps: ['Shadow a refund call'],
    };
    // The mentee has no shift then: nothing is written, not even the mentor's activity.
    const refused = await api.gql(LOG, { input: { ...session, bookInSchedules: true } }, coordinator);
    expect(refused.errors![0]!.extensions).toMatchObject({
      code: 'CONFLICT',
      rule: 'NO_COVERING_SHIFT',
      agentId: mentee.id,
    });
    expect(
      await api.sql(`SELECT 1 FROM shift_activities a JOIN shifts s ON s.id = a.shift_id WHERE s.agent_id = $1`, [
        mentor.id,
      ]),
    ).toHaveLength(0);

    await api.gql(
      SHIFT,
      { input: { agentId: mentee.id, startsAt: '2026-09-07T08:00:00Z', endsAt: '2026-09-07T16:00:00Z' } },
      coordinator,
    );
    const booked = await api.gql(LOG, { input: { ...session, bookInSchedules: true } }, coordinator);
    expect(booked.errors).toBeUndefined();
    const logged = booked.data!['logMentoringSession'].session;
    expect(logged).toMatchObject({
      durationMinutes: 45,
      targetMetric: 'CSAT',
      targetSkill: 'billing',
      followUps: ['Shadow a refund call'],
    });
    const activities = await api.sql<{ id: string; agent_id: string; type: string; ends_at: Date }>(
      `SELECT a.id, s.agent_id, a.type, a.ends_at FROM shift_activities a JOIN shifts s ON s.id = a.shift_id WHERE s.agent_id = ANY($1) ORDER BY s.agent_id = $2 DESC`,
      [[mentor.id, mentee.id], mentor.id],
    );
    expect(activities.map((a) => [a.id, a.type, a.ends_at.toISOString()])).toEqual([
      [logged.mentorActivityId, 'MENTORING', '2026-09-07T10:45:00.000Z'],
      [logged.menteeActivityId, 'MENTORING', '2026-09-07T10:45:00.000Z'],
    ]);

    // The mentor (an agent) logs their own session without booking; the mentee cannot.
    const own = await api.gql(LOG, { input: { ...session, heldAt: '2026-09-14T10:00:00Z' } }, tenant.tokens.AGENT);
    expect(own.data!['logMentoringSession'].session.mentorActivityId).toBeNull();
    const sessions = await api.gql(
      `{ mentoringSessions { totalCount edges { node { heldAt } } } }`,
      {},
      tenant.tokens.AGENT,
    );
    expect(sessions.data!['mentoringSessions']).toEqual({
      totalCount: 2,
      edges: [{ node: { heldAt: '2026-09-14T10:00:00.000Z' } }, { node: { heldAt: '2026-09-07T10:00:00.000Z' } }],
    });
  });

  describe('suggestMentors', () => {
    let suggestTeam: { id: string };
    let mentee: { id: string };
    let peer: { id: string };
    let far: { id: string };
    let full: { id: string };

    beforeAll(async () => {
      // A tenant of its own, so the pool is known.
      tenant = await createTestTenant(api);
      suggestTeam = await createTeam(api, tenant, { coordinatorIds: [tenant.users.COORDINATOR.id] });
      const otherTeam = await createTeam(api, tenant);
      mentee = await createAgent(api, tenant, suggestTeam.id, {
        level: 'ENTRY',
        skills: [
          { skill: 'billing', proficiency: 1 },
          { skill: 'returns', proficiency: 2 },
        ],
      });
      peer = await createAgent(api, tenant, suggestTeam.id, {
        level: 'SENIOR',
        skills: [
          { skill: 'billing', proficiency: 5 },
          { skill: 'returns', proficiency: 2 },
        ],
      });
      far = await createAgent(api, tenant, otherTeam.id, {
        level: 'SENIOR',
        skills: [{ skill: 'sales', proficiency: 5 }],
      });
      full = await createAgent(api, tenant, suggestTeam.id, {
        level: 'TEAM_LEAD',
        skills: [{ skill: 'billing', proficiency: 5 }],
      });
      await createAgent(api, tenant, suggestTeam.id, {
        level: 'ENTRY',
        skills: [{ skill: 'billing', proficiency: 5 }],
      }); // not a mentor level
      await api.gql(
        `mutation($input: SetMentorCapacityInput!) { setMentorCapacity(input: $input) { capacity } }`,
        { input: { agentId: full.id, capacity: 0 } },
        tenant.tokens.TRAINER,
      );
    });

    it('without KPI values ranks by shared skills, team and free places, with the reasons', async () => {
      const response = await api.gql(SUGGEST, { menteeId: mentee.id }, tenant.tokens.TRAINER);
      expect(response.errors).toBeUndefined();
      const suggestions = response.data!['suggestMentors'];
      expect(suggestions.map((s: { mentor: { id: string } }) => s.mentor.id)).toEqual([peer.id, far.id]);
      expect(suggestions[0]).toMatchObject({
        sameTeam: true,
        sharedSkills: ['billing', 'returns'],
        freeCapacity: 3,
        kpiStrengths: [],
        reasons: [
          'Knows billing better than the mentee.',
          'Shares the skill returns.',
          'Works on the same team.',
          '3 of 3 mentoring places free.',
        ],
      });
      expect(suggestions[0].reason).toBe(suggestions[0].reasons.join(' '));
      expect(suggestions[1]).toMatchObject({ sameTeam: false, sharedSkills: [] });
    });

    it('with KPI values puts the mentor strongest on the mentee’s weakest KPIs first, saying so', async () => {
      const fixture = useMetricsFixture(api);
      const since = new Date(Date.now() - 30 * 86_400_000);
      fixture.set(mentee.id, 'CSAT' as never, since, 20, 62);
      fixture.set(peer.id, 'CSAT' as never, since, 20, 70);
      fixture.set(far.id, 'CSAT' as never, since, 20, 96);
      fixture.set(mentee.id, 'AVERAGE_HANDLE_TIME' as never, since, 20, 600);
      fixture.set(peer.id, 'AVERAGE_HANDLE_TIME' as never, since, 20, 500);
      fixture.set(far.id, 'AVERAGE_HANDLE_TIME' as never, since, 20, 300);
      const suggestions = (await api.gql(SUGGEST, { menteeId: mentee.id }, tenant.tokens.COORDINATOR)).data![
        'suggestMentors'
      ];
      expect(suggestions[0].mentor.id).toBe(far.id);
      expect(suggestions[0].kpiStrengths).toEqual(
        expect.arrayContaining([
          { metric: 'CSAT', mentorValue: 96, menteeValue: 62 },
          { metric: 'AVERAGE_HANDLE_TIME', mentorValue: 300, menteeValue: 600 },
        ]),
      );
      expect(suggestions[0].reason).toMatch(/Strong on (CSAT|AVERAGE_HANDLE_TIME), one of the mentee's weakest/);
      // The window asked of the source is the last 90 days by default.
      const query = fixture.calls.at(-1)!;
      expect(Math.round((query.to.getTime() - query.from.getTime()) / 86_400_000)).toBe(90);
    });

    it('keeps a coordinator to the teams they coordinate', async () => {
      const response = await api.gql(SUGGEST, { menteeId: far.id }, tenant.tokens.COORDINATOR);
      expect(response.errors![0]!.extensions.code).toBe('FORBIDDEN');
    });
  });
});
