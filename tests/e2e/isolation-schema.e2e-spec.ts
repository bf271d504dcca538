import {
  addTeamRecords,
  createAgent,
  createTeam,
  createTestTenant,
  eventually,
  INTROSPECTION_QUERY,
  IntrospectedSchema,
  SchemaWalker,
  startTestApp,
  TestApp,
  TestTenant,
  TypeRef,
} from '@deskforce/testing';

/**
 * Tenant isolation over the whole schema: every query and mutation that takes an id, called by tenant A
 * with tenant B's ids (of the right kind, by the argument's name), gets NOT_FOUND or FORBIDDEN — or, for
 * a list filtered by B's ids, nothing of B — and tenant B's data is unchanged afterwards. New operations are
 * covered as they appear; an id argument whose kind cannot be told from its name fails the test.
 */
/** Optional ids left out per operation, where the input takes exactly one of them (kind AGENT: agentId). */
const ONE_OF_IDS: Record<string, string[]> = { 'Mutation.mapExternalIdentity': ['teamId'] };

describe('tenant isolation over every operation', () => {
  let api: TestApp;
  let a: TestTenant;
  let b: TestTenant;
  let walker: SchemaWalker;
  let bIds: Map<string, string>;
  let tables: string[];

  /** Argument and field names → the table whose ids they carry. */
  const ID_KINDS: [RegExp, string][] = [
    [/^(teamId|teamIds)$/, 'teams'],
    [/^(agentId|agentIds|targetAgentId|leadAgentId|menteeId|mentorId|mentorIds|menteeIds)$/, 'agents'],
    [/^(shiftId|targetShiftId|shiftIds)$/, 'shifts'],
    [/^(userId|coordinatorIds|userIds)$/, 'users'],
    [/^templateId(s)?$/, 'shift_templates'],
    [/^requestId$/, 'time_off_requests'],
    [/^swapId$/, 'shift_swaps'],
    [/^activityId$/, 'shift_activities'],
    [/^entityId$/, 'shifts'],
    [/^jobId$/, 'schedule_generation_jobs'],
    [/^(moduleId|moduleIds|prerequisiteModuleIds)$/, 'training_modules'],
    [/^(pathId|pathIds)$/, 'learning_paths'],
    [/^assignmentId$/, 'training_assignments'],
    [/^mentorshipId$/, 'mentorships'],
    [/^endpointId$/, 'webhook_endpoints'],
    [/^deliveryId$/, 'webhook_deliveries'],
  ];
  /** For an operation's own `id`: the entity named in the operation. */
  const OPERATION_KINDS: [RegExp, string][] = [
    [/WebhookEndpoint/i, 'webhook_endpoints'],
    [/HelpDeskHook/i, 'help_desk_hooks'],
    [/TrainingAssignmentRule/i, 'training_assignment_rules'],
    [/TrainingModule/i, 'training_modules'],
    [/LearningPath/i, 'learning_paths'],
    [/KpiTarget/i, 'kpi_targets'],
    [/ApiToken/i, 'api_tokens'],
    [/ScheduleJob/i, 'schedule_generation_jobs'],
    [/Template/i, 'shift_templates'],
    [/Shift/i, 'shifts'],
    [/Team/i, 'teams'],
    [/Agent/i, 'agents'],
    [/User/i, 'users'],
  ];

  beforeAll(async () => {
    api = await startTestApp();
    a = await createTestTenant(api, 'Isolation A');
    b = await createTestTenant(api, 'Isolation B');
    walker = new SchemaWalker(
      (await api.gql<{ __schema: IntrospectedSchema }>(INTROSPECTION_QUERY, {}, a.tokens.ADMIN)).data!.__schema,
    );

    // Tenant B gets one of everything, made through the API.
    const team = await createTeam(api, b, { coordinatorIds: [b.users.COORDINATOR.id] });
    const agent = await createAgent(api, b, team.id, { userId: b.users.AGENT.id });
    const other = await createAgent(api, b, team.id);
    const gql = async (query: string, input: Record<string, unknown>, token = b.tokens.DIRECTOR) => {
      const response = await api.gql(query, { input }, token);
      if (response.errors) throw new Error(JSON.stringify(response.errors));
      return response.data!;
    };
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
      b.tokens.AGENT,
    );
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
    // The job works in the background; wait until it is done so that B's rows hold still.
    await eventually(async () => {
      const [row] = await api.sql<{ status: string }>(`SELECT status FROM schedule_generation_jobs WHERE id = $1`, [
        job.id,
      ]);
      return !['QUEUED', 'RUNNING'].includes(row!.status);
    }, 100);
    // A webhook endpoint with one delivery (the other agent's shift published), switched off so that the
    // delivery settles (FAILED) before the check and B's rows hold still.
    const endpoint = (
      await gql(
        `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } } }`,
        {
          url: 'http://127.0.0.1:9/hook',
          events: ['SCHEDULE_PUBLISHED'],
        },
        b.tokens.ADMIN,
      )
    )['createWebhookEndpoint'].endpoint;
    await gql(`mutation($input: PublishScheduleInput!) { publishSchedule(input: $input) { publishedCount } }`, {
      teamId: team.id,
      from: '2026-01-06T00:00:00Z',
      to: '2026-01-07T00:00:00Z',
    });
    await gql(
      `mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { endpoint { id } } }`,
      { id: endpoint.id, active: false },
      b.tokens.ADMIN,
    );
    await eventually(async () => {
      const [row] = await api.sql<{ status: string }>(`SELECT status FROM webhook_deliveries WHERE tenant_id = $1`, [
        b.tenantId,
      ]);
      return row!.status !== 'PENDING';
    }, 100);
    await addTeamRecords(api, b, { teamId: team.id, agentId: agent.id, otherAgentId: other.id, shiftId: shift.id });
    await gql(
      `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`,
      { name: 'B integration', role: 'DIRECTOR' },
      b.tokens.ADMIN,
    );
    await gql(
      `mutation($input: CreateHelpDeskHookInput!) { createHelpDeskHook(input: $input) { hook { id } } }`,
      { vendor: 'ZENDESK', name: 'B Zendesk', signingSecret: 'b-zendesk-signing-secret' },
      b.tokens.ADMIN,
    );

    tables = (
      await api.sql<{ table_name: string }>(
        `SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
          WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE' ORDER BY 1`,
      )
    ).map((r) => r.table_name);
    bIds = new Map();
    for (const table of tables) {
      const hasId = await api.sql(
        `SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND column_name = 'id'`,
        [table],
      );
      if (hasId.length === 0) continue;
      const [row] = await api.sql<{ id: string }>(`SELECT id FROM ${table} WHERE tenant_id = $1 ORDER BY id LIMIT 1`, [
        b.tenantId,
      ]);
      if (row) bIds.set(table, row.id);
    }
  }, 120_000);
  afterAll(() => api.close());

  /** A fingerprint of every row tenant B owns. */
  const fingerprint = async (): Promise<string> => {
    const parts = await Promise.all(
      tables.map((t) =>
        api.sql<{ h: string }>(
          `SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${t} x WHERE tenant_id = $1`,
          [b.tenantId],
        ),
      ),
    );
    return parts.map((p, i) => `${tables[i]}:${p[0]!.h}`).join(',');
  };

  it("answers tenant A with NOT_FOUND or FORBIDDEN for tenant B's ids, never with B's data, and changes nothing of B's", async () => {
    const before = await fingerprint();
    const unknownKinds = new Set<string>();
    const checked: string[] = [];
    const failures: string[] = [];
    const allB = [...bIds.values()];

    for (const operation of walker.operations()) {
      if (operation.key === 'Mutation.login' || !operation.field.args.some((arg) => walker.carriesIds(arg.type)))
        continue;
      const idFor = (name: string, ref: TypeRef): unknown => {
        if (
          (ref.kind === 'NON_NULL' ? ref.ofType! : ref).name !== 'ID' &&
          !(ref.kind === 'LIST' || ref.ofType?.kind === 'LIST')
        )
          return undefined;
        const isList = ref.kind === 'LIST' || ref.ofType?.kind === 'LIST';
        const inner = isList ? (ref.kind === 'LIST' ? ref.ofType! : ref.ofType!.ofType!) : ref;
        if ((inner.kind === 'NON_NULL' ? inner.ofType! : inner).name !== 'ID') return undefined;
        const table =
          name === 'id'
            ? OPERATION_KINDS.find(([pattern]) => pattern.test(operation.field.name))?.[1]
            : ID_KINDS.find(([pattern]) => pattern.test(name))?.[1];
        if (!table) unknownKinds.add(`${operation.key}: ${name}`);
        const id = (table && bIds.get(table)) ?? allB[0]!;
        return isList ? [id] : id;
      };
      const request = walker.request(operation, idFor, { optionalIds: true });
      // Batch ingest answers per row: a row naming another tenant's records is rejected, the others land.
      const batch = walker.returnFields(operation).includes('rejected');
      const query = batch
        ? request.query.replace('{ __typename }', '{ inserted updated rejected { field message } }')
        : request.query;
      const variables = request.variables;
      // Inputs that take one of several ids: send the first (both at once is a BAD_USER_INPUT before any look-up).
      for (const name of ONE_OF_IDS[operation.key] ?? []) delete (variables['input'] as Record<string, unknown>)[name];
      const response = await api.gql(
        query,
        variables,
        operation.kind === 'mutation' ? a.tokens.DIRECTOR : a.tokens.ADMIN,
      );
      checked.push(operation.key);
      const code = response.errors?.[0]?.extensions.code;
      const leaked = allB.filter((id) => JSON.stringify(response.data ?? {}).includes(id));
      const payload = response.data?.[operation.field.name] as
        { inserted?: number; updated?: number; rejected?: unknown[] } | undefined;
      if (leaked.length > 0) failures.push(`${operation.key} returned tenant B's ${leaked.join(', ')}`);
      else if (batch && !code) {
        if (payload!.inserted !== 0 || payload!.updated !== 0 || payload!.rejected!.length === 0)
          failures.push(`${operation.key} accepted a row with tenant B's ids: ${JSON.stringify(payload)}`);
      } else if (code ? !['NOT_FOUND', 'FORBIDDEN'].includes(code) : operation.kind === 'mutation') {
        failures.push(
          `${operation.key} answered ${code ?? 'with data'}: ${JSON.stringify(response.errors?.[0]?.message ?? variables).slice(0, 200)}`,
        );
      }
    }
    expect(failures).toEqual([]);
    expect([...unknownKinds]).toEqual([]);
    expect(checked.length).toBeGreaterThan(15);
    expect(await fingerprint()).toBe(before);
  }, 120_000);
});
