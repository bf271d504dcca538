import {
  createAgent,
  createTeam,
  createTestTenant,
  eventually,
  startTestApp,
  TestApp,
  TestTenant,
} from '@deskforce/testing';
import { randomUUID } from 'node:crypto';

const UPLOAD = `mutation($input: UploadForecastInput!) { uploadForecast(input: $input) { intervalCount } }`;
const TEMPLATE = `mutation($input: CreateShiftTemplateInput!) { createShiftTemplate(input: $input) { template { id } } }`;
const CREATE_SHIFT = `mutation($input: CreateShiftInput!) { createShift(input: $input) { shift { id } } }`;
const JOB_FIELDS = `id teamId channel from to intervalMinutes timeLimitSeconds status phase progress elapsedSeconds objective bestBound mipGap error errorCode
  result { shiftsCreated warnings solverStatus solutionSource requiredAgentHours underCoverageAgentHours overCoverageAgentHours underCoveredIntervals cost paidHours
           objective bestBound mipGap agents candidates messages
           baseline { shifts underCoverageAgentHours overCoverageAgentHours underCoveredIntervals cost paidHours objective } }`;
const GENERATE = `mutation($input: GenerateScheduleInput!) { generateSchedule(input: $input) { job { ${JOB_FIELDS} } } }`;
const JOB = `query($id: ID!) { scheduleJob(id: $id) { ${JOB_FIELDS} } }`;
const CANCEL = `mutation($input: CancelScheduleJobInput!) { cancelScheduleJob(input: $input) { job { id status } } }`;
const REQUIREMENTS = `query($input: StaffingRequirementsInput!) { staffingRequirements(input: $input) { totals { requiredAgentHours scheduledAgentHours shortAgentHours } } }`;

// Monday 2 to Thursday 5 March 2026 in Warsaw (UTC+1), half-hour intervals.
const FROM = '2026-03-01T23:00:00Z';
const TO = '2026-03-04T23:00:00Z';
const TARGETS = { serviceLevelTarget: 0.8, targetAnswerSeconds: 20, shrinkage: 0.1 };
/** A solver time limit within the slow project's 300 s per test (tests/support/slow-timeout.ts). */
const PROOF_LIMIT_SECONDS = 240;

/** Hourly contacts for one day, 08:00 to 18:00 local (07:00 to 17:00 UTC): two peaks. */
const DAY = [0, 0, 0, 0, 0, 0, 0, 0, 6, 12, 18, 18, 12, 12, 18, 18, 12, 6, 0, 0, 0, 0, 0, 0];

interface Job {
  id: string;
  status: string;
  phase: string;
  progress: number;
  error: string | null;
  errorCode: string | null;
  result: {
    shiftsCreated: number;
    solverStatus: string;
    underCoverageAgentHours: number;
    objective: number;
    cost: number;
    agents: number;
    candidates: number;
    baseline: { underCoverageAgentHours: number; objective: number; shifts: number } | null;
  } | null;
}

/** Reads a job until `until` holds (by default: it has ended); only the test's own timeout bounds the wait. */
function pollJob<T extends { status: string }>(
  read: () => Promise<T>,
  until: (job: T) => boolean = (job) => !['QUEUED', 'RUNNING'].includes(job.status),
): Promise<T> {
  return eventually(async () => {
    const job = await read();
    return until(job) ? job : null;
  });
}

describe('schedule generation', () => {
  let api: TestApp;
  let tenant: TestTenant;
  let coordinator: string;

  beforeAll(async () => {
    api = await startTestApp();
    tenant = await createTestTenant(api);
    coordinator = tenant.tokens.COORDINATOR;
  });
  afterAll(() => api.close());

  const ok = async (query: string, variables: Record<string, unknown>, token = coordinator) => {
    const response = await api.gql(query, variables, token);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!;
  };

  /** A team with four phone agents, an early and a late template, and three days of uploaded forecast. */
  async function fixture() {
    const team = await createTeam(api, tenant, {
      timeZone: 'Europe/Warsaw',
      coordinatorIds: [tenant.users.COORDINATOR.id],
    });
    const agents = [];
    for (const hourlyCost of [20, 20, 25, 30])
      agents.push(await createAgent(api, tenant, team.id, { hourlyCost, channels: ['PHONE'] }));
    const early = await ok(TEMPLATE, {
      input: {
        teamId: team.id,
        name: 'Early',
        startTime: '07:30',
        durationMinutes: 510,
        daysOfWeek: [1, 2, 3, 4, 5],
        channel: 'PHONE',
        activities: [{ type: 'LUNCH', durationMinutes: 30, earliestStartMinutes: 240, latestStartMinutes: 270 }],
      },
    });
    const late = await ok(TEMPLATE, {
      input: {
        teamId: team.id,
        name: 'Late',
        startTime: '10:00',
        durationMinutes: 510,
        daysOfWeek: [1, 2, 3, 4, 5],
        activities: [{ type: 'LUNCH', durationMinutes: 30, earliestStartMinutes: 240, latestStartMinutes: 270 }],
      },
    });
    // A chat-only template must not be used for the phones.
    await ok(TEMPLATE, {
      input: {
        teamId: team.id,
        name: 'Chat',
        startTime: '09:00',
        durationMinutes: 480,
        daysOfWeek: [1, 2, 3],
        channel: 'CHAT',
      },
    });
    const hourly = [...DAY, ...DAY, ...DAY];
    await ok(UPLOAD, {
      input: {
        teamId: team.id,
        channel: 'PHONE',
        from: FROM,
        intervalMinutes: 60,
        contacts: hourly,
        ahtSeconds: hourly.map(() => 300),
      },
    });
    return {
      team,
      agents,
      templates: [early['createShiftTemplate'].template.id, late['createShiftTemplate'].template.id] as string[],
    };
  }

  /** Polls the job until `until` holds (by default: it has ended). */
  const waitFor = (id: string, until?: (job: Job) => boolean): Promise<Job> =>
    pollJob(async () => (await ok(JOB, { id }))['scheduleJob'] as Job, until);

  it('runs a job to completion through GraphQL: drafts that break no rule and cover at least what greedy covers', async () => {
    const { team, agents } = await fixture();
    // Agent 0 already works Tuesday 06:00-14:30 local; agent 1 is off on Wednesday.
    await ok(CREATE_SHIFT, {
      input: {
        agentId: agents[0]!.id,
        startsAt: '2026-03-03T05:00:00Z',
        endsAt: '2026-03-03T13:30:00Z',
        channel: 'PHONE',
      },
    });
    const asked = await ok(
      `mutation($input: RequestTimeOffInput!) { requestTimeOff(input: $input) { request { id } } }`,
      {
        input: {
          agentId: agents[1]!.id,
          type: 'VACATION',
          startsAt: '2026-03-03T23:00:00Z',
          endsAt: '2026-03-04T23:00:00Z',
        },
      },
    );
    await ok(`mutation($input: ApproveTimeOffInput!) { approveTimeOff(input: $input) { request { status } } }`, {
      input: { requestId: asked['requestTimeOff'].request.id },
    });
    const before = (
      await ok(REQUIREMENTS, {
        input: { teamId: team.id, channel: 'PHONE', from: FROM, to: TO, intervalMinutes: 30, ...TARGETS },
      })
    )['staffingRequirements'].totals;

    const queued = (
      await ok(GENERATE, {
        input: {
          teamId: team.id,
          channel: 'PHONE',
          from: FROM,
          to: TO,
          intervalMinutes: 30,
          // Far more than the proof takes (seconds): the job stops once the schedule is proven within the gap,
          // so OPTIMAL below does not hang on how fast the machine is, only on the solver.
          timeLimitSeconds: PROOF_LIMIT_SECONDS,
          ...TARGETS,
        },
      })
    )['generateSchedule'].job;
    expect(queued).toMatchObject({
      teamId: team.id,
      channel: 'PHONE',
      status: 'QUEUED',
      intervalMinutes: 30,
      timeLimitSeconds: PROOF_LIMIT_SECONDS,
      result: null,
    });

    const job = await waitFor(queued.id);
    expect(job).toMatchObject({ status: 'SUCCEEDED', phase: 'DONE', progress: 1, error: null });
    const result = job.result!;
    expect(result.solverStatus).toBe('OPTIMAL');
    expect(result.agents).toBe(4);
    expect(result.shiftsCreated).toBeGreaterThan(0);
    expect(result.baseline).not.toBeNull();
    expect(result.underCoverageAgentHours).toBeLessThanOrEqual(result.baseline!.underCoverageAgentHours + 1e-9);
    expect(result.objective).toBeLessThanOrEqual(result.baseline!.objective + 1e-6);

    const written = await api.sql<{
      agent_id: string;
      starts_at: Date;
      ends_at: Date;
      status: string;
      channel: string;
    }>(`SELECT agent_id, starts_at, ends_at, status, channel FROM shifts WHERE note = $1 ORDER BY starts_at`, [
      `Generated by schedule job ${job.id}`,
    ]);
    expect(written).toHaveLength(result.shiftsCreated);
    expect(new Set(written.map((s) => s.status))).toEqual(new Set(['DRAFT']));
    expect(new Set(written.map((s) => s.channel))).toEqual(new Set(['PHONE']));
    // No shift in the time off, and none on agent 0's busy Tuesday.
    expect(
      written.filter((s) => s.agent_id === agents[1]!.id && s.starts_at.toISOString().startsWith('2026-03-04')),
    ).toEqual([]);
    expect(
      written.filter((s) => s.agent_id === agents[0]!.id && s.starts_at.toISOString().startsWith('2026-03-03')),
    ).toEqual([]);
    // Every hard rule holds (the shifts went through createDrafts), and no soft one is broken either.
    const violations = await ok(
      `query($input: ScheduleViolationsInput!) { scheduleViolations(input: $input) { rule message } }`,
      {
        input: { teamId: team.id, from: '2026-02-23T00:00:00Z', to: '2026-03-16T00:00:00Z' },
      },
    );
    expect(violations['scheduleViolations']).toEqual([]);

    const after = (
      await ok(REQUIREMENTS, {
        input: { teamId: team.id, channel: 'PHONE', from: FROM, to: TO, intervalMinutes: 30, ...TARGETS },
      })
    )['staffingRequirements'].totals;
    expect(after.scheduledAgentHours).toBeGreaterThan(before.scheduledAgentHours);
    expect(after.shortAgentHours).toBeLessThan(before.shortAgentHours);

    const listed = await ok(
      `query($filter: ScheduleJobFilter) { scheduleJobs(filter: $filter, first: 5) { totalCount edges { node { id status } } } }`,
      { filter: { teamId: team.id } },
    );
    expect(listed['scheduleJobs']).toEqual({ totalCount: 1, edges: [{ node: { id: job.id, status: 'SUCCEEDED' } }] });
    const ended = await api.gql(CANCEL, { input: { id: job.id } }, coordinator);
    expect(ended.errors![0]!.extensions.code).toBe('CONFLICT');
  });

  it('allows one job per team at a time, and cancels a job without writing anything', async () => {
    const { team } = await fixture();
    const first = (
      await ok(GENERATE, {
        input: {
          teamId: team.id,
          channel: 'PHONE',
          from: FROM,
          to: TO,
          intervalMinutes: 30,
          timeLimitSeconds: 30,
          ...TARGETS,
        },
      })
    )['generateSchedule'].job;
    const second = await api.gql(
      GENERATE,
      { input: { teamId: team.id, channel: 'PHONE', from: FROM, to: TO, intervalMinutes: 30, ...TARGETS } },
      coordinator,
    );
    expect(second.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', jobId: first.id });
    const cancelled = await ok(CANCEL, { input: { id: first.id } });
    // The answer waits a few seconds for the solver to stop; on a very busy machine it may still be stopping.
    expect(['CANCELLED', 'RUNNING']).toContain(cancelled['cancelScheduleJob'].job.status);
    const settled = await waitFor(first.id);
    expect(settled.status).toBe('CANCELLED');
    expect(await api.sql(`SELECT 1 FROM shifts WHERE team_id = $1`, [team.id])).toHaveLength(0);
  });

  it('refuses a request that cannot produce anything, and other teams and tenants', async () => {
    const bare = await createTeam(api, tenant, {
      timeZone: 'Europe/Warsaw',
      coordinatorIds: [tenant.users.COORDINATOR.id],
    });
    const input = { teamId: bare.id, channel: 'PHONE', from: FROM, to: TO, intervalMinutes: 30, ...TARGETS };
    const noTemplates = await api.gql(GENERATE, { input }, coordinator);
    expect(noTemplates.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.templateIds' }],
    });
    const unknownTemplate = await api.gql(GENERATE, { input: { ...input, templateIds: [randomUUID()] } }, coordinator);
    expect(unknownTemplate.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.templateIds.0' });
    const badWindow = await api.gql(GENERATE, { input: { ...input, to: FROM } }, coordinator);
    expect(badWindow.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.to' }] });

    const { team } = await fixture();
    const notTheirs = await createTeam(api, tenant, { timeZone: 'Europe/Warsaw' });
    const forbidden = await api.gql(GENERATE, { input: { ...input, teamId: notTheirs.id } }, coordinator);
    expect(forbidden.errors![0]!.extensions.code).toBe('FORBIDDEN');
    const asTrainer = await api.gql(GENERATE, { input: { ...input, teamId: team.id } }, tenant.tokens.TRAINER);
    expect(asTrainer.errors![0]!.extensions.code).toBe('FORBIDDEN');

    const job = (await ok(GENERATE, { input: { ...input, teamId: team.id, timeLimitSeconds: 5 } }))['generateSchedule']
      .job;
    const intruder = await createTestTenant(api, 'Intruder');
    const foreignTeam = await api.gql(GENERATE, { input: { ...input, teamId: team.id } }, intruder.tokens.DIRECTOR);
    expect(foreignTeam.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.teamId' });
    expect((await api.gql(JOB, { id: job.id }, intruder.tokens.DIRECTOR)).errors![0]!.extensions.code).toBe(
      'NOT_FOUND',
    );
    expect(
      (await api.gql(CANCEL, { input: { id: job.id } }, intruder.tokens.DIRECTOR)).errors![0]!.extensions.code,
    ).toBe('NOT_FOUND');
    const list = await api.gql(`{ scheduleJobs { totalCount } }`, {}, intruder.tokens.DIRECTOR);
    expect(list.data!['scheduleJobs'].totalCount).toBe(0);
    await waitFor(job.id);
  });

  it('marks INTERRUPTED a job whose process died (its lease lapsed) when the next process starts', async () => {
    const team = await createTeam(api, tenant, { timeZone: 'Europe/Warsaw' });
    const id = randomUUID();
    // A job whose process died a minute ago: still RUNNING, its lease lapsed.
    await api.sql(
      `INSERT INTO schedule_generation_jobs (tenant_id, id, team_id, channel, starts_at, ends_at, interval_minutes, time_limit_seconds, parameters, status, requested_by, lease_owner, lease_expires_at, started_at)
       VALUES ($1, $2, $3, 'PHONE', $4, $5, 30, 60, '{}', 'RUNNING', $6, 'gone:1:dead', now() - interval '1 minute', now() - interval '2 minutes')`,
      [tenant.tenantId, id, team.id, FROM, TO, tenant.users.COORDINATOR.id],
    );
    const restarted = await startTestApp();
    try {
      const job = (await restarted.gql(JOB, { id }, tenant.tokens.DIRECTOR)).data!['scheduleJob'] as Job;
      expect(job).toMatchObject({ status: 'INTERRUPTED', errorCode: 'INTERRUPTED' });
      expect(job.error).toMatch(/interrupted/);
    } finally {
      await restarted.close();
    }
  });
});

describe('schedule generation: every channel of a team in one job', () => {
  let api: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    api = await startTestApp();
    tenant = await createTestTenant(api);
  });
  afterAll(() => api.close());

  it('plans phone and chat together, splitting agents who serve both, and reports coverage per channel', async () => {
    const coordinator = tenant.tokens.COORDINATOR;
    const ok = async (query: string, variables: Record<string, unknown>) => {
      const response = await api.gql(query, variables, coordinator);
      if (response.errors) throw new Error(JSON.stringify(response.errors));
      return response.data!;
    };
    const team = await createTeam(api, tenant, {
      timeZone: 'Europe/Warsaw',
      coordinatorIds: [tenant.users.COORDINATOR.id],
      channels: ['PHONE', 'CHAT'],
    });
    for (const channels of [['PHONE'], ['PHONE'], ['CHAT'], ['PHONE', 'CHAT'], ['PHONE', 'CHAT']])
      await createAgent(api, tenant, team.id, { channels });
    await ok(TEMPLATE, {
      input: { teamId: team.id, name: 'Day', startTime: '08:00', durationMinutes: 480, daysOfWeek: [1, 2, 3] },
    });
    await ok(TEMPLATE, {
      input: { teamId: team.id, name: 'Late', startTime: '10:00', durationMinutes: 480, daysOfWeek: [1, 2, 3] },
    });
    const hourly = [...DAY, ...DAY, ...DAY];
    await ok(UPLOAD, {
      input: {
        teamId: team.id,
        channel: 'PHONE',
        from: FROM,
        intervalMinutes: 60,
        contacts: hourly,
        ahtSeconds: hourly.map(() => 300),
      },
    });
    await ok(UPLOAD, {
      input: {
        teamId: team.id,
        channel: 'CHAT',
        from: FROM,
        intervalMinutes: 60,
        contacts: hourly.map((c) => c / 2),
        ahtSeconds: hourly.map(() => 600),
      },
    });
    const GENERATE_ALL = `mutation($input: GenerateScheduleInput!) { generateSchedule(input: $input) { job { id channel } } }`;
    const queued = (
      await ok(GENERATE_ALL, {
        input: {
          teamId: team.id,
          channel: 'PHONE',
          allChannels: true,
          concurrency: 2,
          from: FROM,
          to: TO,
          intervalMinutes: 60,
          timeLimitSeconds: 15,
          ...TARGETS,
        },
      })
    )['generateSchedule'].job;
    expect(queued.channel).toBe('PHONE');
    const READ = `query($id: ID!) { scheduleJob(id: $id) { status error result { shiftsCreated underCoverageAgentHours
      channelCoverage { channel requiredAgentHours underCoverageAgentHours overCoverageAgentHours underCoveredIntervals }
      baseline { underCoverageAgentHours objective } objective } } }`;
    const job = await pollJob<{
      status: string;
      error: string | null;
      result: {
        shiftsCreated: number;
        objective: number;
        channelCoverage: { channel: string; requiredAgentHours: number; underCoverageAgentHours: number }[];
        baseline: { objective: number } | null;
      } | null;
    }>(async () => (await ok(READ, { id: queued.id }))['scheduleJob']);
    expect(job).toMatchObject({ status: 'SUCCEEDED', error: null });
    const result = job.result!;
    expect(result.channelCoverage.map((c) => c.channel)).toEqual(['PHONE', 'CHAT']);
    for (const channel of result.channelCoverage) {
      expect(channel.requiredAgentHours).toBeGreaterThan(0);
      expect(channel.underCoverageAgentHours).toBeLessThan(channel.requiredAgentHours);
    }
    expect(result.objective).toBeLessThanOrEqual(result.baseline!.objective + 1e-6);
    // The drafts are written without a channel (the agent serves whichever of theirs is needed) and break no rule.
    const written = await api.sql<{ channel: string | null }>(`SELECT channel FROM shifts WHERE note = $1`, [
      `Generated by schedule job ${queued.id}`,
    ]);
    expect(written).toHaveLength(result.shiftsCreated);
    expect(new Set(written.map((s) => s.channel))).toEqual(new Set([null]));
    const violations = await ok(
      `query($input: ScheduleViolationsInput!) { scheduleViolations(input: $input) { rule } }`,
      { input: { teamId: team.id, from: '2026-02-23T00:00:00Z', to: '2026-03-16T00:00:00Z' } },
    );
    expect(violations['scheduleViolations']).toEqual([]);
  });
});
