import { createAgent, createTeam, createTestTenant, startTestApp, TestApp, TestTenant } from '@deskforce/testing';
import { ASSIGN, ASSIGNMENT_FIELDS, CREATE_PATH, createModule, createPath } from './training-helpers';

const PROGRESS = `mutation($input: RecordTrainingProgressInput!) { recordTrainingProgress(input: $input) { assignment { ${ASSIGNMENT_FIELDS} quizAttempts { score passed moduleVersion } } } }`;
const COMPLETE = `mutation($input: CompleteTrainingInput!) { completeTraining(input: $input) { assignment { ${ASSIGNMENT_FIELDS} } } }`;
const WAIVE = `mutation($input: WaiveTrainingInput!) { waiveTraining(input: $input) { assignment { ${ASSIGNMENT_FIELDS} } } }`;
const LIST = `query($filter: TrainingAssignmentFilter, $first: Int, $after: String) {
  trainingAssignments(filter: $filter, first: $first, after: $after) { totalCount edges { node { ${ASSIGNMENT_FIELDS} } } pageInfo { hasNextPage endCursor } }
}`;

describe('training: modules, paths and assignments', () => {
  let api: TestApp;
  let tenant: TestTenant;
  let team: { id: string };
  let trainer: string;

  beforeAll(async () => {
    api = await startTestApp();
    tenant = await createTestTenant(api);
    team = await createTeam(api, tenant, { timeZone: 'Europe/Warsaw', coordinatorIds: [tenant.users.COORDINATOR.id] });
    trainer = tenant.tokens.TRAINER;
  });
  afterAll(() => api.close());

  const assignModule = async (moduleId: string, agentIds: string[], dueAt = '2099-01-01T00:00:00Z', token = trainer) =>
    api.gql(ASSIGN, { input: { moduleId, agentIds, dueAt } }, token);

  describe('learning paths', () => {
    it('refuses a prerequisite cycle with BAD_USER_INPUT naming the modules around it, writing nothing', async () => {
      const [a, b, c] = [
        await createModule(api, tenant),
        await createModule(api, tenant),
        await createModule(api, tenant),
      ];
      const name = `Cyclic ${a.id}`;
      const refused = await api.gql(
        CREATE_PATH,
        {
          input: {
            name,
            modules: [
              { moduleId: a.id, dueAfterDays: 1, prerequisiteModuleIds: [c.id] },
              { moduleId: b.id, dueAfterDays: 2, prerequisiteModuleIds: [a.id] },
              { moduleId: c.id, dueAfterDays: 3, prerequisiteModuleIds: [b.id] },
            ],
          },
        },
        trainer,
      );
      expect(refused.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.modules.0.prerequisiteModuleIds' }],
      });
      expect(refused.errors![0]!.message).toContain(`"${a.title}"`);
      expect(refused.errors![0]!.message).toMatch(/cycle/);
      expect(
        await api.sql(`SELECT 1 FROM learning_paths WHERE tenant_id = $1 AND name = $2`, [tenant.tenantId, name]),
      ).toHaveLength(0);

      // A path that is fine, then an update that would close a cycle: refused, the path unchanged.
      const path = await createPath(api, tenant, [
        { moduleId: a.id, dueAfterDays: 1 },
        { moduleId: b.id, dueAfterDays: 2, prerequisiteModuleIds: [a.id] },
      ]);
      const update = await api.gql(
        `mutation($input: UpdateLearningPathInput!) { updateLearningPath(input: $input) { path { id } } }`,
        {
          input: {
            id: path.id,
            modules: [
              { moduleId: a.id, dueAfterDays: 1, prerequisiteModuleIds: [b.id] },
              { moduleId: b.id, dueAfterDays: 2, prerequisiteModuleIds: [a.id] },
            ],
          },
        },
        trainer,
      );
      expect(update.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
      expect(
        await api.sql(`SELECT module_id, prerequisite_id FROM learning_path_prerequisites WHERE path_id = $1`, [
          path.id,
        ]),
      ).toEqual([{ module_id: b.id, prerequisite_id: a.id }]);
    });

    it('refuses a prerequisite outside the path and a module listed twice', async () => {
      const [a, outside] = [await createModule(api, tenant), await createModule(api, tenant)];
      const foreign = await api.gql(
        CREATE_PATH,
        {
          input: {
            name: `P ${a.id}`,
            modules: [{ moduleId: a.id, dueAfterDays: 1, prerequisiteModuleIds: [outside.id] }],
          },
        },
        trainer,
      );
      expect(foreign.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.modules.0.prerequisiteModuleIds.0' }],
      });
      const twice = await api.gql(
        CREATE_PATH,
        {
          input: {
            name: `Q ${a.id}`,
            modules: [
              { moduleId: a.id, dueAfterDays: 1 },
              { moduleId: a.id, dueAfterDays: 2 },
            ],
          },
        },
        trainer,
      );
      expect(twice.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.modules.1.moduleId' }],
      });
    });

    it('enforces prerequisite order: a module cannot start before its prerequisites are completed or waived', async () => {
      const [basics, tools, escalation] = [
        await createModule(api, tenant),
        await createModule(api, tenant),
        await createModule(api, tenant),
      ];
      const path = await createPath(api, tenant, [
        { moduleId: basics.id, dueAfterDays: 7 },
        { moduleId: tools.id, dueAfterDays: 14, prerequisiteModuleIds: [basics.id] },
        { moduleId: escalation.id, dueAfterDays: 21, prerequisiteModuleIds: [tools.id] },
      ]);
      const agent = await createAgent(api, tenant, team.id);
      const assigned = await api.gql(
        ASSIGN,
        { input: { pathId: path.id, agentIds: [agent.id], startsOn: '2099-03-02' } },
        trainer,
      );
      expect(assigned.errors).toBeUndefined();
      const byModule = new Map(
        assigned.data!['assignTraining'].assignments.map((a: { moduleId: string }) => [a.moduleId, a]),
      );
      // Due at the end of the start day + dueAfterDays, in the team's zone (Warsaw, UTC+1 in March 2099).
      expect(byModule.get(basics.id)).toMatchObject({
        status: 'ASSIGNED',
        pathId: path.id,
        dueAt: '2099-03-09T23:00:00.000Z',
        blockedByModuleIds: [],
      });
      expect(byModule.get(tools.id)).toMatchObject({
        dueAt: '2099-03-16T23:00:00.000Z',
        blockedByModuleIds: [basics.id],
      });
      const [a, b, c] = [basics, tools, escalation].map((m) => (byModule.get(m.id) as { id: string }).id);

      const early = await api.gql(PROGRESS, { input: { assignmentId: b, progressPercent: 10 } }, trainer);
      expect(early.errors![0]!.extensions).toMatchObject({
        code: 'CONFLICT',
        rule: 'PREREQUISITES_INCOMPLETE',
        missingModuleIds: [basics.id],
      });
      expect((await api.gql(COMPLETE, { input: { assignmentId: b } }, trainer)).errors![0]!.extensions).toMatchObject({
        rule: 'PREREQUISITES_INCOMPLETE',
      });
      expect(await api.sql(`SELECT status, progress_percent FROM training_assignments WHERE id = $1`, [b])).toEqual([
        { status: 'ASSIGNED', progress_percent: 0 },
      ]);

      expect(
        (await api.gql(PROGRESS, { input: { assignmentId: a, progressPercent: 50 } }, trainer)).data![
          'recordTrainingProgress'
        ].assignment,
      ).toMatchObject({ status: 'IN_PROGRESS', progressPercent: 50 });
      expect(
        (await api.gql(COMPLETE, { input: { assignmentId: a } }, trainer)).data!['completeTraining'].assignment,
      ).toMatchObject({ status: 'COMPLETED', progressPercent: 100 });
      const started = await api.gql(PROGRESS, { input: { assignmentId: b, progressPercent: 20 } }, trainer);
      expect(started.data!['recordTrainingProgress'].assignment).toMatchObject({
        status: 'IN_PROGRESS',
        blockedByModuleIds: [],
      });

      // A waived prerequisite counts as done.
      await api.gql(WAIVE, { input: { assignmentId: b, reason: 'Already certified on the tools' } }, trainer);
      expect(
        (await api.gql(PROGRESS, { input: { assignmentId: c, progressPercent: 5 } }, trainer)).errors,
      ).toBeUndefined();
    });
  });

  describe('assignments', () => {
    it('never doubles an assignment: assigning twice, or concurrently, leaves one per agent and module', async () => {
      const module = await createModule(api, tenant);
      const [x, y] = [await createAgent(api, tenant, team.id), await createAgent(api, tenant, team.id)];
      const first = await assignModule(module.id, [x.id, y.id]);
      expect(first.data!['assignTraining']).toMatchObject({ createdCount: 2, alreadyAssignedCount: 0 });
      const again = await assignModule(module.id, [x.id, y.id], '2099-06-01T00:00:00Z');
      expect(again.data!['assignTraining']).toMatchObject({ createdCount: 0, alreadyAssignedCount: 2 });
      // The existing assignments are returned as they are (their due date kept).
      expect(again.data!['assignTraining'].assignments.map((a: { id: string }) => a.id).sort()).toEqual(
        first.data!['assignTraining'].assignments.map((a: { id: string }) => a.id).sort(),
      );
      expect(again.data!['assignTraining'].assignments[0].dueAt).toBe('2099-01-01T00:00:00.000Z');

      const other = await createModule(api, tenant);
      const z = await createAgent(api, tenant, team.id);
      const concurrent = await Promise.all(Array.from({ length: 8 }, () => assignModule(other.id, [x.id, z.id])));
      expect(concurrent.every((r) => r.errors === undefined)).toBe(true);
      expect(concurrent.reduce((sum, r) => sum + r.data!['assignTraining'].createdCount, 0)).toBe(2);
      expect(
        await api.sql(`SELECT agent_id FROM training_assignments WHERE module_id = $1 ORDER BY agent_id`, [other.id]),
      ).toHaveLength(2);

      // By team: every active agent, the ones already assigned left alone.
      const byTeam = await api.gql(
        ASSIGN,
        { input: { moduleId: module.id, teamId: team.id, dueAt: '2099-01-01T00:00:00Z' } },
        tenant.tokens.COORDINATOR,
      );
      expect(byTeam.data!['assignTraining'].alreadyAssignedCount).toBe(2);
      expect(byTeam.data!['assignTraining'].createdCount).toBeGreaterThanOrEqual(1);
    });

    it('derives OVERDUE from the due date, never storing it, and filters by it', async () => {
      const module = await createModule(api, tenant);
      const [late, onTime, done] = [
        await createAgent(api, tenant, team.id),
        await createAgent(api, tenant, team.id),
        await createAgent(api, tenant, team.id),
      ];
      await assignModule(module.id, [late.id, done.id], '2020-01-01T00:00:00Z');
      await assignModule(module.id, [onTime.id], '2099-01-01T00:00:00Z');
      const [doneAssignment] = await api.sql<{ id: string }>(
        `SELECT id FROM training_assignments WHERE agent_id = $1`,
        [done.id],
      );
      expect(
        (await api.gql(COMPLETE, { input: { assignmentId: doneAssignment!.id } }, trainer)).errors,
      ).toBeUndefined();

      const statusOf = async (status?: string) =>
        (await api.gql(LIST, { filter: { moduleIds: [module.id], ...(status ? { status } : {}) } }, trainer)).data![
          'trainingAssignments'
        ].edges.map(
          (e: { node: { agentId: string; status: string } }) =>
            `${e.node.agentId === late.id ? 'late' : e.node.agentId === onTime.id ? 'onTime' : 'done'}:${e.node.status}`,
        );
      expect((await statusOf()).sort()).toEqual(['done:COMPLETED', 'late:OVERDUE', 'onTime:ASSIGNED']);
      expect(await statusOf('OVERDUE')).toEqual(['late:OVERDUE']);
      expect(await statusOf('ASSIGNED')).toEqual(['onTime:ASSIGNED']);
      expect(
        await api.sql(`SELECT DISTINCT status FROM training_assignments WHERE module_id = $1 ORDER BY status`, [
          module.id,
        ]),
      ).toEqual([{ status: 'ASSIGNED' }, { status: 'COMPLETED' }]);

      // Time passing is enough: move the due date into the past and the same row reads OVERDUE.
      await api.sql(`UPDATE training_assignments SET due_at = now() - interval '1 minute' WHERE agent_id = $1`, [
        onTime.id,
      ]);
      expect((await statusOf('OVERDUE')).sort()).toEqual(['late:OVERDUE', 'onTime:OVERDUE']);
    });

    it('pages assignments by due date', async () => {
      const module = await createModule(api, tenant);
      const agents = await Promise.all([1, 2, 3].map(() => createAgent(api, tenant, team.id)));
      for (const [i, a] of agents.entries()) await assignModule(module.id, [a.id], `2099-0${i + 1}-01T00:00:00Z`);
      const page1 = (await api.gql(LIST, { filter: { moduleIds: [module.id] }, first: 2 }, trainer)).data![
        'trainingAssignments'
      ];
      expect(page1).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
      const page2 = (
        await api.gql(LIST, { filter: { moduleIds: [module.id] }, first: 2, after: page1.pageInfo.endCursor }, trainer)
      ).data!['trainingAssignments'];
      expect([...page1.edges, ...page2.edges].map((e: { node: { agentId: string } }) => e.node.agentId)).toEqual(
        agents.map((a) => a.id),
      );
      expect(page2.pageInfo.hasNextPage).toBe(false);
    });

    it('requires the passing score on the current version to complete, keeping every quiz attempt', async () => {
      const module = await createModule(api, tenant, { passingScore: 80 });
      const agent = await createAgent(api, tenant, team.id);
      const id = (await assignModule(module.id, [agent.id])).data!['assignTraining'].assignments[0].id;
      expect((await api.gql(COMPLETE, { input: { assignmentId: id } }, trainer)).errors![0]!.extensions).toMatchObject({
        code: 'CONFLICT',
        rule: 'PASSING_SCORE_NOT_MET',
        passingScore: 80,
        bestScore: null,
      });
      await api.gql(PROGRESS, { input: { assignmentId: id, quizScore: 60 } }, trainer);
      expect((await api.gql(COMPLETE, { input: { assignmentId: id } }, trainer)).errors![0]!.extensions).toMatchObject({
        rule: 'PASSING_SCORE_NOT_MET',
        bestScore: 60,
      });
      const passed = await api.gql(
        PROGRESS,
        { input: { assignmentId: id, quizScore: 85.5, progressPercent: 90 } },
        trainer,
      );
      expect(passed.data!['recordTrainingProgress'].assignment.quizAttempts).toEqual([
        { score: 60, passed: false, moduleVersion: 1 },
        { score: 85.5, passed: true, moduleVersion: 1 },
      ]);
      expect(
        (await api.gql(COMPLETE, { input: { assignmentId: id } }, trainer)).data!['completeTraining'].assignment,
      ).toMatchObject({ status: 'COMPLETED', completedVersion: 1 });
      expect(
        (await api.gql(PROGRESS, { input: { assignmentId: id, progressPercent: 10 } }, trainer)).errors![0]!.extensions,
      ).toMatchObject({ code: 'CONFLICT', rule: 'ASSIGNMENT_FINISHED' });
    });

    it('waives with a reason, and keeps the history of every change', async () => {
      const module = await createModule(api, tenant);
      const agent = await createAgent(api, tenant, team.id);
      const id = (await assignModule(module.id, [agent.id])).data!['assignTraining'].assignments[0].id;
      await api.gql(PROGRESS, { input: { assignmentId: id, progressPercent: 30 } }, trainer);
      expect(
        (await api.gql(WAIVE, { input: { assignmentId: id, reason: '' } }, trainer)).errors![0]!.extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.reason' }] });
      const waived = await api.gql(
        WAIVE,
        { input: { assignmentId: id, reason: 'Transferred from the partner academy' } },
        tenant.tokens.COORDINATOR,
      );
      expect(waived.data!['waiveTraining'].assignment).toMatchObject({
        status: 'WAIVED',
        waivedReason: 'Transferred from the partner academy',
      });
      expect(
        (await api.gql(WAIVE, { input: { assignmentId: id, reason: 'again' } }, trainer)).errors![0]!.extensions.code,
      ).toBe('CONFLICT');
      const history = await api.gql(
        `query($filter: TrainingAssignmentFilter) { trainingAssignments(filter: $filter) { edges { node { history { edges { node { action actorUserId before after } } } } } } }`,
        { filter: { agentIds: [agent.id] } },
        trainer,
      );
      const entries = history.data!['trainingAssignments'].edges[0].node.history.edges.map(
        (e: { node: unknown }) => e.node,
      );
      expect(entries.map((e: { action: string }) => e.action)).toEqual(['WAIVE', 'PROGRESS', 'ASSIGN']);
      expect(entries[0]).toMatchObject({
        actorUserId: tenant.users.COORDINATOR.id,
        before: { status: 'IN_PROGRESS', progressPercent: 30 },
        after: { status: 'WAIVED' },
      });
    });

    it('validates the input: one of moduleId/pathId, one of agentIds/teamId, a due date for a module, known ids', async () => {
      const module = await createModule(api, tenant);
      const agent = await createAgent(api, tenant, team.id);
      const field = async (input: Record<string, unknown>) =>
        (await api.gql(ASSIGN, { input }, trainer)).errors![0]!.extensions;
      expect(await field({ agentIds: [agent.id], dueAt: '2099-01-01T00:00:00Z' })).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.moduleId' }],
      });
      expect(await field({ moduleId: module.id, dueAt: '2099-01-01T00:00:00Z' })).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.agentIds' }],
      });
      expect(await field({ moduleId: module.id, agentIds: [agent.id] })).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.dueAt' }],
      });
      expect(
        await field({
          moduleId: module.id,
          agentIds: [agent.id, '00000000-0000-4000-8000-000000000000'],
          dueAt: '2099-01-01T00:00:00Z',
        }),
      ).toMatchObject({ code: 'NOT_FOUND', field: 'input.agentIds.1' });
      expect(await api.sql(`SELECT 1 FROM training_assignments WHERE agent_id = $1`, [agent.id])).toHaveLength(0);
    });

    it('lets a coordinator assign only to teams they coordinate, and an agent act only on their own training', async () => {
      const module = await createModule(api, tenant);
      const elsewhere = await createAgent(api, tenant, (await createTeam(api, tenant)).id);
      expect(
        (await assignModule(module.id, [elsewhere.id], undefined, tenant.tokens.COORDINATOR)).errors![0]!.extensions
          .code,
      ).toBe('FORBIDDEN');

      const me = await createAgent(api, tenant, team.id, { userId: tenant.users.AGENT.id });
      const colleague = await createAgent(api, tenant, team.id);
      const assigned = (await assignModule(module.id, [me.id, colleague.id])).data!['assignTraining'].assignments;
      const mine = assigned.find((a: { agentId: string }) => a.agentId === me.id).id;
      const theirs = assigned.find((a: { agentId: string }) => a.agentId === colleague.id).id;
      const myTraining = await api.gql(
        `{ myTraining { totalCount edges { node { id module { title } } } } }`,
        {},
        tenant.tokens.AGENT,
      );
      expect(myTraining.data!['myTraining']).toEqual({
        totalCount: 1,
        edges: [{ node: { id: mine, module: { title: module.title } } }],
      });
      expect(
        (await api.gql(PROGRESS, { input: { assignmentId: theirs, progressPercent: 50 } }, tenant.tokens.AGENT))
          .errors![0]!.extensions.code,
      ).toBe('FORBIDDEN');
      expect(
        (await api.gql(COMPLETE, { input: { assignmentId: mine } }, tenant.tokens.AGENT)).data!['completeTraining']
          .assignment.status,
      ).toBe('COMPLETED');
    });
  });

  describe('tenant isolation', () => {
    it("reads another tenant's training ids as unknown", async () => {
      const other = await createTestTenant(api, 'Other Org');
      const theirModule = await createModule(api, other);
      const theirTeam = await createTeam(api, other);
      const theirAgent = await createAgent(api, other, theirTeam.id);
      const theirPath = await createPath(api, other, [{ moduleId: theirModule.id, dueAfterDays: 3 }]);
      const mine = await createAgent(api, tenant, team.id);
      const codes = await Promise.all([
        api.gql(`query($id: ID!) { trainingModule(id: $id) { id } }`, { id: theirModule.id }, trainer),
        api.gql(`query($id: ID!) { learningPath(id: $id) { id } }`, { id: theirPath.id }, trainer),
        assignModule(theirModule.id, [mine.id]),
        assignModule((await createModule(api, tenant)).id, [theirAgent.id]),
        api.gql(ASSIGN, { input: { pathId: theirPath.id, teamId: theirTeam.id } }, trainer),
      ]);
      expect(codes.map((r) => r.errors?.[0]?.extensions.code)).toEqual([
        'NOT_FOUND',
        'NOT_FOUND',
        'NOT_FOUND',
        'NOT_FOUND',
        'NOT_FOUND',
      ]);
      expect(await api.sql(`SELECT 1 FROM training_assignments WHERE tenant_id = $1`, [other.tenantId])).toHaveLength(
        0,
      );
    });
  });

  describe('policies', () => {
    it('asks every agent to acknowledge a POLICY module again when a new version is published', async () => {
      const policy = await createModule(api, tenant, {
        category: 'POLICY',
        contentMarkdown: '# Data protection\nNever read card numbers aloud.',
        contentUrl: null,
      });
      const [p, q] = [await createAgent(api, tenant, team.id), await createAgent(api, tenant, team.id)];
      const ids: string[] = (await assignModule(policy.id, [p.id, q.id])).data!['assignTraining'].assignments.map(
        (a: { id: string }) => a.id,
      );
      expect(
        (await api.gql(COMPLETE, { input: { assignmentId: ids[0] } }, trainer)).errors![0]!.extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.acknowledgedVersion' }] });
      for (const id of ids) {
        expect(
          (await api.gql(COMPLETE, { input: { assignmentId: id, acknowledgedVersion: 1 } }, trainer)).data![
            'completeTraining'
          ].assignment,
        ).toMatchObject({ status: 'COMPLETED', acknowledgedVersion: 1 });
      }

      const bumped = await api.gql(
        `mutation($input: UpdateTrainingModuleInput!) { updateTrainingModule(input: $input) { module { version } reopenedAssignmentCount } }`,
        {
          input: {
            id: policy.id,
            contentMarkdown: '# Data protection\nNever read card numbers aloud. Never write them down.',
            newVersion: true,
            reacknowledgeDueAt: '2099-02-01T00:00:00+01:00',
          },
        },
        trainer,
      );
      expect(bumped.data!['updateTrainingModule']).toEqual({ module: { version: 2 }, reopenedAssignmentCount: 2 });
      const reopened = (await api.gql(LIST, { filter: { moduleIds: [policy.id] } }, trainer)).data![
        'trainingAssignments'
      ].edges.map((e: { node: unknown }) => e.node);
      expect(reopened).toEqual([
        expect.objectContaining({
          status: 'ASSIGNED',
          acknowledgedVersion: 1,
          completedAt: null,
          dueAt: '2099-01-31T23:00:00.000Z',
        }),
        expect.objectContaining({
          status: 'ASSIGNED',
          acknowledgedVersion: 1,
          completedAt: null,
          dueAt: '2099-01-31T23:00:00.000Z',
        }),
      ]);

      const stale = await api.gql(COMPLETE, { input: { assignmentId: ids[0], acknowledgedVersion: 1 } }, trainer);
      expect(stale.errors![0]!.extensions).toMatchObject({
        code: 'CONFLICT',
        rule: 'STALE_VERSION',
        currentVersion: 2,
      });
      const current = await api.gql(COMPLETE, { input: { assignmentId: ids[0], acknowledgedVersion: 2 } }, trainer);
      expect(current.data!['completeTraining'].assignment).toMatchObject({
        status: 'COMPLETED',
        completedVersion: 2,
        acknowledgedVersion: 2,
      });
      expect(
        await api.sql(
          `SELECT agent_id, version FROM policy_acknowledgements WHERE module_id = $1 ORDER BY version, agent_id`,
          [policy.id],
        ),
      ).toHaveLength(3);

      // A new version of a non-policy module reopens nothing.
      const product = await createModule(api, tenant);
      const agentId = p.id;
      const done = (await assignModule(product.id, [agentId])).data!['assignTraining'].assignments[0].id;
      await api.gql(COMPLETE, { input: { assignmentId: done } }, trainer);
      const v2 = await api.gql(
        `mutation($input: UpdateTrainingModuleInput!) { updateTrainingModule(input: $input) { reopenedAssignmentCount } }`,
        { input: { id: product.id, newVersion: true } },
        trainer,
      );
      expect(v2.data!['updateTrainingModule'].reopenedAssignmentCount).toBe(0);
    });
  });

  describe('assignment rules and schedules', () => {
    it('gives every new ENTRY agent of the team the path on creation, due from the hire date', async () => {
      const ruleTeam = await createTeam(api, tenant, {
        timeZone: 'Europe/Warsaw',
        coordinatorIds: [tenant.users.COORDINATOR.id],
      });
      const [intro, billing] = [await createModule(api, tenant), await createModule(api, tenant)];
      const path = await createPath(api, tenant, [
        { moduleId: intro.id, dueAfterDays: 7 },
        { moduleId: billing.id, dueAfterDays: 30, prerequisiteModuleIds: [intro.id] },
      ]);
      const rule = await api.gql(
        `mutation($input: CreateTrainingAssignmentRuleInput!) { createTrainingAssignmentRule(input: $input) { rule { id level team { id } path { id } } } }`,
        { input: { teamId: ruleTeam.id, pathId: path.id } },
        tenant.tokens.COORDINATOR,
      );
      expect(rule.data!['createTrainingAssignmentRule'].rule).toMatchObject({
        level: 'ENTRY',
        team: { id: ruleTeam.id },
        path: { id: path.id },
      });

      const hire = await createAgent(api, tenant, ruleTeam.id, { level: 'ENTRY', hireDate: '2026-02-02' });
      const senior = await createAgent(api, tenant, ruleTeam.id, { level: 'SENIOR', hireDate: '2026-02-02' });
      const assigned = await api.sql<{ module_id: string; due_at: Date; path_id: string }>(
        `SELECT module_id, due_at, path_id FROM training_assignments WHERE agent_id = $1 ORDER BY due_at`,
        [hire.id],
      );
      expect(assigned.map((a) => [a.module_id, a.due_at.toISOString(), a.path_id])).toEqual([
        [intro.id, '2026-02-09T23:00:00.000Z', path.id], // end of 9 Feb in Warsaw
        [billing.id, '2026-03-04T23:00:00.000Z', path.id],
      ]);
      expect(
        await api.sql(`SELECT started_on::text FROM learning_path_enrollments WHERE agent_id = $1`, [hire.id]),
      ).toEqual([{ started_on: '2026-02-02' }]);
      expect(await api.sql(`SELECT 1 FROM training_assignments WHERE agent_id = $1`, [senior.id])).toHaveLength(0);
      expect(
        await api.sql(`SELECT action FROM audit_log WHERE agent_id = $1 AND entity_type = 'TRAINING_ASSIGNMENT'`, [
          hire.id,
        ]),
      ).toEqual([{ action: 'ASSIGN_BY_RULE' }, { action: 'ASSIGN_BY_RULE' }]);

      await api.gql(
        `mutation($input: DeleteTrainingAssignmentRuleInput!) { deleteTrainingAssignmentRule(input: $input) { ruleId } }`,
        { input: { id: rule.data!['createTrainingAssignmentRule'].rule.id } },
        trainer,
      );
      const later = await createAgent(api, tenant, ruleTeam.id, { level: 'ENTRY' });
      expect(await api.sql(`SELECT 1 FROM training_assignments WHERE agent_id = $1`, [later.id])).toHaveLength(0);
    });

    it('books a module session into the agent’s shift as a TRAINING activity, and refuses when no shift covers it', async () => {
      const module = await createModule(api, tenant);
      const agent = await createAgent(api, tenant, team.id);
      const id = (await assignModule(module.id, [agent.id])).data!['assignTraining'].assignments[0].id;
      const shift = await api.gql(
        `mutation($input: CreateShiftInput!) { createShift(input: $input) { shift { id } } }`,
        {
          input: { agentId: agent.id, startsAt: '2026-09-07T07:00:00Z', endsAt: '2026-09-07T15:00:00Z' },
        },
        tenant.tokens.COORDINATOR,
      );
      const BOOK = `mutation($input: BookTrainingSessionInput!) { bookTrainingSession(input: $input) { session { id shiftActivityId startsAt } shift { id activities { id type } } warnings assignment { sessions { id } } } }`;
      const booked = await api.gql(
        BOOK,
        { input: { assignmentId: id, startsAt: '2026-09-07T09:00:00Z', endsAt: '2026-09-07T10:30:00Z' } },
        trainer,
      );
      expect(booked.errors).toBeUndefined();
      const payload = booked.data!['bookTrainingSession'];
      expect(payload.shift).toEqual({
        id: shift.data!['createShift'].shift.id,
        activities: [{ id: payload.session.shiftActivityId, type: 'TRAINING' }],
      });

      const overlapping = await api.gql(
        BOOK,
        { input: { assignmentId: id, startsAt: '2026-09-07T10:00:00Z', endsAt: '2026-09-07T11:00:00Z' } },
        trainer,
      );
      expect(overlapping.errors![0]!.extensions.code).toBe('CONFLICT');
      const noShift = await api.gql(
        BOOK,
        { input: { assignmentId: id, startsAt: '2026-09-08T09:00:00Z', endsAt: '2026-09-08T10:00:00Z' } },
        trainer,
      );
      expect(noShift.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', rule: 'NO_COVERING_SHIFT' });
      expect(await api.sql(`SELECT 1 FROM training_sessions WHERE assignment_id = $1`, [id])).toHaveLength(1);
    });
  });
});
