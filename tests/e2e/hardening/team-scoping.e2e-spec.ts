import { Role } from '@deskforce/platform';
import {
  addTeamRecords,
  createAgent,
  createTeam,
  createTestTenant,
  INTROSPECTION_QUERY,
  IntrospectedSchema,
  SchemaWalker,
  signIn,
  startTestApp,
  TEST_PASSWORD,
  TestApp,
  TestTenant,
  TypeRef,
} from '@deskforce/testing';
import { permissions } from '../../../apps/api/src/permissions';

/**
 * Coordinators act on the teams they coordinate. Every operation a coordinator may call that takes an id,
 * called by the coordinator of team A with team B's ids (of the right kind, by the argument's name),
 * answers FORBIDDEN or NOT_FOUND, and team B's rows are unchanged afterwards. The reads that are shared
 * across the tenant on purpose are listed below with the reason; new operations are covered as they appear.
 */
const SHARED_ACROSS_TEAMS: Record<string, string> = {
  'Query.team': 'the team directory is readable by every role',
  'Query.teams': 'the team directory is readable by every role',
  'Query.agent': 'the agent directory (names, teams, skills) is readable by every role',
  'Query.agents': 'the agent directory is readable by every role',
  'Query.shifts':
    'published and draft shifts are readable by planners and trainers of the tenant (booking training across teams)',
  'Query.shiftTemplates': 'templates are listed for the whole tenant; applying one is scoped',
  'Query.scheduleJob': 'schedule jobs are readable by every planner, like shifts',
  'Query.scheduleJobs': 'schedule jobs are readable by every planner, like shifts',
  'Query.mentorships': 'mentorships are readable by every role of the tenant',
  'Query.mentoringSessions': 'mentoring sessions are readable by every role of the tenant',
  'Query.timeOffRequests': 'filters to the teams the coordinator manages (answers an empty list, checked below)',
  'Query.shiftSwaps': 'filters to the teams the coordinator manages (answers an empty list, checked below)',
  'Query.trainingModules': 'the training catalogue is tenant-wide',
  'Query.trainingModule': 'the training catalogue is tenant-wide',
  'Query.learningPaths': 'the training catalogue is tenant-wide',
  'Query.learningPath': 'the training catalogue is tenant-wide',
  'Query.suggestMentors': 'ranks candidates across the tenant for the coordinator’s own mentee',
  'Query.trainingImpact':
    'takes only a module of the tenant-wide catalogue and aggregates over the teams the coordinator manages',
};

/** Inputs that take one of two ids: the walker fills both, the operation wants one. */
const ONE_OF: Record<string, string[]> = { 'Mutation.assignTraining': ['moduleId', 'teamId'] };

describe('team scoping for coordinators over every operation', () => {
  let api: TestApp;
  let tenant: TestTenant;
  let walker: SchemaWalker;
  let coordinatorA: string;
  let bIds: Map<string, string>;
  let teamB: string;

  const ID_KINDS: [RegExp, string][] = [
    [/^(teamId|teamIds)$/, 'teams'],
    [/^(mentorId|mentorIds)$/, 'mentor'],
    [/^(agentId|agentIds|targetAgentId|leadAgentId|menteeId|menteeIds)$/, 'agents'],
    [/^(shiftId|targetShiftId|shiftIds|entityId)$/, 'shifts'],
    [/^templateId(s)?$/, 'shift_templates'],
    [/^requestId$/, 'time_off_requests'],
    [/^swapId$/, 'shift_swaps'],
    [/^activityId$/, 'shift_activities'],
    [/^jobId$/, 'schedule_generation_jobs'],
    [/^assignmentId$/, 'training_assignments'],
    // Not team-scoped themselves (the tenant's catalogue and users), but needed beside team B's ids.
    [/^(moduleId|moduleIds)$/, 'training_modules'],
    [/^(pathId|pathIds)$/, 'learning_paths'],
    [/^userId$/, 'users'],
    [/^mentorshipId$/, 'mentorships'],
  ];
  const OPERATION_KINDS: [RegExp, string][] = [
    [/TrainingAssignmentRule/i, 'training_assignment_rules'],
    [/KpiTarget/i, 'kpi_targets'],
    [/ScheduleJob/i, 'schedule_generation_jobs'],
    [/Template/i, 'shift_templates'],
    [/Shift/i, 'shifts'],
    [/Team/i, 'teams'],
    [/Agent/i, 'agents'],
  ];

  beforeAll(async () => {
    api = await startTestApp();
    tenant = await createTestTenant(api, 'Scoping Org');
    walker = new SchemaWalker(
      (await api.gql<{ __schema: IntrospectedSchema }>(INTROSPECTION_QUERY, {}, tenant.tokens.ADMIN)).data!.__schema,
    );
    const gql = async (query: string, input: Record<string, unknown>, token = tenant.tokens.DIRECTOR) => {
      const response = await api.gql(query, { input }, token);
      if (response.errors) throw new Error(JSON.stringify(response.errors));
      return response.data!;
    };
    // A second coordinator, for team A; the tenant's own coordinator coordinates team B.
    const email = `coordinator-a@${tenant.slug}.test`;
    const created = await gql(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } } }`,
      { email, password: TEST_PASSWORD, role: 'COORDINATOR' },
      tenant.tokens.ADMIN,
    );
    await createTeam(api, tenant, { coordinatorIds: [created['createUser'].user.id] });
    coordinatorA = await signIn(api, email, TEST_PASSWORD);

    const team = await createTeam(api, tenant, { coordinatorIds: [tenant.users.COORDINATOR.id] });
    teamB = team.id;
    const agent = await createAgent(api, tenant, team.id, { userId: tenant.users.AGENT.id });
    const other = await createAgent(api, tenant, team.id);
    const shift = (
      await gql(`mutation($input: CreateShiftInput!) { createShift(input: $input) { shift { id } } }`, {
        agentId: agent.id,
        startsAt: '2026-01-05T09:00:00Z',
        endsAt: '2026-01-05T17:00:00Z',
        activities: [{ type: 'LUNCH', startsAt: '2026-01-05T12:00:00Z', endsAt: '2026-01-05T12:30:00Z' }],
      })
    )['createShift'].shift;
    await gql(`mutation($input: CreateShiftInput!) { createShift(input: $input) { shift { id } } }`, {
      agentId: other.id,
      startsAt: '2026-01-06T09:00:00Z',
      endsAt: '2026-01-06T17:00:00Z',
    });
    await gql(
      `mutation($input: CreateShiftTemplateInput!) { createShiftTemplate(input: $input) { template { id } } }`,
      { teamId: team.id, name: 'Day', startTime: '09:00', durationMinutes: 480, daysOfWeek: [1] },
    );
    await gql(
      `mutation($input: RequestTimeOffInput!) { requestTimeOff(input: $input) { request { id } } }`,
      { type: 'VACATION', startsAt: '2026-02-02T00:00:00Z', endsAt: '2026-02-03T00:00:00Z' },
      tenant.tokens.AGENT,
    );
    const records = await addTeamRecords(api, tenant, {
      teamId: team.id,
      agentId: agent.id,
      otherAgentId: other.id,
      shiftId: shift.id,
    });

    bIds = new Map();
    for (const [table, column] of [
      ['teams', 'id'],
      ['agents', 'team_id'],
      ['shifts', 'team_id'],
      ['shift_templates', 'team_id'],
      ['kpi_targets', 'team_id'],
      ['training_assignment_rules', 'team_id'],
    ] as const) {
      const [row] = await api.sql<{ id: string }>(
        `SELECT id FROM ${table} WHERE tenant_id = $1 AND ${column} = $2 ORDER BY id LIMIT 1`,
        [tenant.tenantId, team.id],
      );
      if (row) bIds.set(table, row.id);
    }
    const agentOfB = `SELECT id FROM agents WHERE tenant_id = $1 AND team_id = $2`;
    for (const [table, column] of [
      ['time_off_requests', 'agent_id'],
      ['shift_swaps', 'requester_agent_id'],
      ['training_assignments', 'agent_id'],
      ['mentorships', 'mentee_id'],
    ] as const) {
      const [row] = await api.sql<{ id: string }>(
        `SELECT id FROM ${table} WHERE tenant_id = $1 AND ${column} IN (${agentOfB}) ORDER BY id LIMIT 1`,
        [tenant.tenantId, team.id],
      );
      if (row) bIds.set(table, row.id);
    }
    const job = (
      await gql(`mutation($input: GenerateScheduleInput!) { generateSchedule(input: $input) { job { id } } }`, {
        teamId: team.id,
        channel: 'PHONE',
        from: '2026-03-02T00:00:00Z',
        to: '2026-03-03T00:00:00Z',
        shrinkage: 0.1,
        timeLimitSeconds: 1,
      })
    )['generateSchedule'].job;
    for (let i = 0; i < 300; i++) {
      const [row] = await api.sql<{ status: string }>(`SELECT status FROM schedule_generation_jobs WHERE id = $1`, [
        job.id,
      ]);
      if (!['QUEUED', 'RUNNING'].includes(row!.status)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    bIds.set('schedule_generation_jobs', job.id);
    bIds.set('training_modules', records.moduleId);
    bIds.set('learning_paths', records.pathId);
    bIds.set('users', tenant.users.TRAINER.id);
    bIds.set('mentor', records.seniorId);
    bIds.set('agents', agent.id);
    const [activity] = await api.sql<{ id: string }>(
      `SELECT id FROM shift_activities WHERE tenant_id = $1 AND shift_id = $2`,
      [tenant.tenantId, shift.id],
    );
    bIds.set('shift_activities', activity!.id);
  }, 120_000);
  afterAll(() => api.close());

  const fingerprint = async (): Promise<string> => {
    const tables = [
      'agents',
      'shifts',
      'shift_activities',
      'shift_templates',
      'time_off_requests',
      'shift_swaps',
      'labor_rule_settings',
      'kpi_targets',
      'training_assignments',
      'mentorships',
      'staffing_forecast_intervals',
    ];
    const parts = await Promise.all(
      tables.map((t) =>
        api.sql<{ h: string }>(
          `SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${t} x WHERE tenant_id = $1`,
          [tenant.tenantId],
        ),
      ),
    );
    return parts.map((p, i) => `${tables[i]}:${p[0]!.h}`).join(',');
  };

  it("answers team A's coordinator FORBIDDEN or NOT_FOUND for team B, and changes nothing of B's", async () => {
    const before = await fingerprint();
    const failures: string[] = [];
    const unknownKinds = new Set<string>();
    const checked: string[] = [];
    for (const operation of walker.operations()) {
      const permission = permissions[operation.key];
      if (permission === 'PUBLIC' || !permission?.includes(Role.COORDINATOR) || SHARED_ACROSS_TEAMS[operation.key])
        continue;
      if (!operation.field.args.some((arg) => walker.carriesIds(arg.type))) continue;
      const idFor = (name: string, ref: TypeRef): unknown => {
        const isList = ref.kind === 'LIST' || ref.ofType?.kind === 'LIST';
        const inner = isList ? (ref.kind === 'LIST' ? ref.ofType! : ref.ofType!.ofType!) : ref;
        if ((inner.kind === 'NON_NULL' ? inner.ofType! : inner).name !== 'ID') return undefined;
        const table =
          name === 'id'
            ? OPERATION_KINDS.find(([pattern]) => pattern.test(operation.field.name))?.[1]
            : ID_KINDS.find(([pattern]) => pattern.test(name))?.[1];
        const id = table ? bIds.get(table) : undefined;
        if (!id) unknownKinds.add(`${operation.key}: ${name}`);
        return isList ? [id ?? teamB] : (id ?? teamB);
      };
      const request = walker.request(operation, idFor, { optionalIds: true });
      for (const field of ONE_OF[operation.key] ?? [])
        delete (request.variables['input'] as Record<string, unknown>)[field];
      // A list filtered by team B's ids may also answer with nothing of B's in it.
      const list = walker.returnFields(operation).includes('totalCount');
      const response = await api.gql(
        list ? request.query.replace('{ __typename }', '{ totalCount }') : request.query,
        request.variables,
        coordinatorA,
      );
      checked.push(operation.key);
      const code = response.errors?.[0]?.extensions.code;
      const emptyList =
        list && !code && (response.data?.[operation.field.name] as { totalCount: number }).totalCount === 0;
      if (!emptyList && (!code || !['FORBIDDEN', 'NOT_FOUND'].includes(code))) {
        failures.push(
          `${operation.key} answered ${code ? `${code}: ${response.errors![0]!.message}` : JSON.stringify(response.data).slice(0, 160)}`,
        );
      }
    }
    expect(failures).toEqual([]);
    expect([...unknownKinds]).toEqual([]);
    expect(checked).toEqual(
      expect.arrayContaining([
        'Query.coverage',
        'Query.laborRules',
        'Mutation.createShift',
        'Query.kpis',
        'Mutation.generateSchedule',
      ]),
    );
    expect(await fingerprint()).toBe(before);
  }, 120_000);

  it("lists none of team B's time off or swaps to team A's coordinator", async () => {
    const requests = await api.gql(
      `{ timeOffRequests(first: 50) { totalCount } shiftSwaps(first: 50) { totalCount } }`,
      {},
      coordinatorA,
    );
    expect(requests.data).toEqual({ timeOffRequests: { totalCount: 0 }, shiftSwaps: { totalCount: 0 } });
  });

  it('refuses a tenant-wide template or rule from a coordinator, and lets a director make them', async () => {
    const template = `mutation($input: CreateShiftTemplateInput!) { createShiftTemplate(input: $input) { template { id teamId } } }`;
    const input = { name: 'Everyone', startTime: '08:00', durationMinutes: 480, daysOfWeek: [1, 2, 3] };
    expect((await api.gql(template, { input }, coordinatorA)).errors![0]!.extensions.code).toBe('FORBIDDEN');
    expect(
      (await api.gql(template, { input }, tenant.tokens.DIRECTOR)).data!['createShiftTemplate'].template.teamId,
    ).toBeNull();
    const rule = `mutation($input: SetLaborRuleInput!) { setLaborRule(input: $input) { rules { rule } } }`;
    expect(
      (await api.gql(rule, { input: { rule: 'MIN_REST', enforcement: 'SOFT', value: 10 } }, coordinatorA)).errors![0]!
        .extensions.code,
    ).toBe('FORBIDDEN');
  });
});
