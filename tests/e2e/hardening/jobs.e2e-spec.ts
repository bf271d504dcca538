import {
  ApiProcess,
  createAgent,
  createScratchDatabase,
  createTeam,
  createTestTenant,
  startApiProcess,
  startTestApp,
  TestApp,
  TestTenant,
} from '@deskforce/testing';

/**
 * Schedule generation on the PostgreSQL job queue with leases, across two API processes on one database:
 * two tenants' jobs run side by side; a process that stalls (SIGSTOP) for less than its lease keeps its
 * job and finishes it; a process killed with its job has that job marked INTERRUPTED by the other within
 * a minute.
 */
describe('schedule jobs across API processes', () => {
  const JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';
  const LEASE_SECONDS = 15;
  let database: { url: string; drop(): Promise<void> };
  let admin: TestApp;
  let processes: ApiProcess[] = [];
  let a: TestTenant;
  let b: TestTenant;

  // The week of Monday 2 March 2026 in Warsaw.
  const FROM = '2026-03-01T23:00:00Z';
  const TO = '2026-03-08T23:00:00Z';
  const DAY = [0, 0, 0, 0, 0, 0, 0, 0, 30, 60, 90, 90, 60, 60, 90, 90, 60, 30, 0, 0, 0, 0, 0, 0];

  beforeAll(async () => {
    database = await createScratchDatabase();
    const env = {
      DATABASE_URL: database.url,
      JWT_SECRET,
      NODE_ENV: 'production',
      SEED_DEMO: 'false',
      SOLVER_CONCURRENCY: '1',
      JOB_LEASE_SECONDS: String(LEASE_SECONDS),
    };
    processes = [
      await startApiProcess(env, { timeoutMs: 120_000 }),
      await startApiProcess(env, { timeoutMs: 120_000 }),
    ];
    // Tenants and data are made through an app in this process that solves nothing itself.
    admin = await startTestApp({ DATABASE_URL: database.url, SOLVER_CONCURRENCY: '0' });
    [a, b] = [await createTestTenant(admin, 'Tenant A'), await createTestTenant(admin, 'Tenant B')];
  }, 240_000);
  afterAll(async () => {
    for (const p of processes) p.kill();
    await admin?.close();
    await database?.drop();
  });

  const gql = async (tenant: TestTenant, query: string, variables: Record<string, unknown>) => {
    const response = await admin.gql(query, variables, tenant.tokens.DIRECTOR);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!;
  };

  /** A team of `agents` phone agents, ten templates and a week of forecast: with many agents, a job of some seconds. */
  async function team(tenant: TestTenant, agents: number): Promise<string> {
    const created = await createTeam(admin, tenant, { timeZone: 'Europe/Warsaw' });
    for (let i = 0; i < agents; i++)
      await createAgent(admin, tenant, created.id, { hourlyCost: 18 + (i % 7), channels: ['PHONE'] });
    for (const startTime of [
      '06:45',
      '07:00',
      '07:30',
      '08:00',
      '08:15',
      '08:45',
      '09:30',
      '10:00',
      '10:45',
      '11:00',
    ]) {
      const name = `Start ${startTime}`;
      await gql(
        tenant,
        `mutation($input: CreateShiftTemplateInput!) { createShiftTemplate(input: $input) { template { id } } }`,
        {
          input: {
            teamId: created.id,
            name,
            startTime,
            durationMinutes: 480,
            daysOfWeek: [1, 2, 3, 4, 5, 6, 7],
            channel: 'PHONE',
          },
        },
      );
    }
    const hourly = Array.from({ length: 7 }, () => DAY).flat();
    await gql(tenant, `mutation($input: UploadForecastInput!) { uploadForecast(input: $input) { intervalCount } }`, {
      input: {
        teamId: created.id,
        channel: 'PHONE',
        from: FROM,
        intervalMinutes: 60,
        contacts: hourly,
        ahtSeconds: hourly.map(() => 300),
      },
    });
    return created.id;
  }

  async function generate(tenant: TestTenant, teamId: string, timeLimitSeconds: number): Promise<string> {
    const data = await gql(
      tenant,
      `mutation($input: GenerateScheduleInput!) { generateSchedule(input: $input) { job { id } } }`,
      {
        input: {
          teamId,
          channel: 'PHONE',
          from: FROM,
          to: TO,
          intervalMinutes: 15,
          serviceLevelTarget: 0.8,
          targetAnswerSeconds: 20,
          shrinkage: 0.1,
          timeLimitSeconds,
          mipRelativeGap: 0,
        },
      },
    );
    return data['generateSchedule'].job.id as string;
  }

  const job = async (id: string) =>
    (
      await admin.sql<{ status: string; lease_owner: string | null; error: string | null }>(
        `SELECT status, lease_owner, error FROM schedule_generation_jobs WHERE id = $1`,
        [id],
      )
    )[0]!;

  /** Polls until `check` finds something; each test's own timeout bounds the wait (`what` names it when read). */
  async function until<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
    for (;;) {
      const found = await check();
      if (found !== undefined) return found;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  /** The API process holding a job's lease. */
  const ownerOf = (leaseOwner: string) => processes.find((p) => leaseOwner.split(':')[1] === String(p.child.pid))!;

  it("runs two tenants' jobs side by side, and a short job does not wait behind a long one", async () => {
    const [teamA, teamB] = [await team(a, 60), await team(b, 6)];
    const long = await generate(a, teamA, 20);
    const longOwner = await until('the long job to start', async () => (await job(long)).lease_owner ?? undefined);
    const short = await generate(b, teamB, 3);
    const shortOwner = await until('the short job to start', async () => (await job(short)).lease_owner ?? undefined);
    expect(shortOwner).not.toBe(longOwner);
    for (const id of [short, long]) {
      expect(
        await until('the job to end', async () =>
          ['QUEUED', 'RUNNING'].includes((await job(id)).status) ? undefined : (await job(id)).status,
        ),
      ).toBe('SUCCEEDED');
    }
    // Side by side: the short job started before the long one finished.
    const [times] = await admin.sql<{ overlap: boolean }>(
      `SELECT s.started_at < l.finished_at AS overlap FROM schedule_generation_jobs s, schedule_generation_jobs l WHERE s.id = $1 AND l.id = $2`,
      [short, long],
    );
    expect(times!.overlap).toBe(true);
  }, 300_000);

  it('lets a process that stalls for less than its lease keep its job and finish it', async () => {
    const teamId = await team(a, 30);
    const id = await generate(a, teamId, 15);
    const running = await until('the job to start', async () => {
      const j = await job(id);
      return j.status === 'RUNNING' && j.lease_owner ? j : undefined;
    });
    const stalled = ownerOf(running.lease_owner!);
    stalled.child.kill('SIGSTOP');
    // Longer than several sweeps of the other process, shorter than the lease.
    await new Promise((resolve) => setTimeout(resolve, (LEASE_SECONDS - 6) * 1000));
    expect((await job(id)).status).toBe('RUNNING');
    stalled.child.kill('SIGCONT');
    expect(
      await until('the job to end', async () =>
        (await job(id)).status === 'RUNNING' ? undefined : (await job(id)).status,
      ),
    ).toBe('SUCCEEDED');
  }, 300_000);

  it('marks INTERRUPTED, once its lease lapses, the job of a process that was killed', async () => {
    const teamId = await team(b, 30);
    const id = await generate(b, teamId, 60);
    const running = await until('the job to start', async () => {
      const j = await job(id);
      return j.status === 'RUNNING' && j.lease_owner ? j : undefined;
    });
    const victim = ownerOf(running.lease_owner!);
    victim.kill();
    await victim.exited;
    const ended = await until('the job to be marked', async () =>
      (await job(id)).status === 'RUNNING' ? undefined : job(id),
    );
    expect(ended.status).toBe('INTERRUPTED');
    expect(ended.error).toMatch(/interrupted/i);
  }, 300_000);
});
