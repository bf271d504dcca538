import { createAgent, createTeam, createTestTenant, startTestApp, TestApp, TestTenant } from '@deskforce/testing';
import { TrainingMetric } from '@deskforce/training';
import { ASSIGN, createModule, createPath, DailyMetricsFixture, useMetricsFixture } from './training-helpers';

const COMPLETE = `mutation($input: CompleteTrainingInput!) { completeTraining(input: $input) { assignment { status } } }`;
const IMPACT = `query($input: TrainingImpactInput!) {
  trainingImpact(input: $input) {
    moduleId windowDays confidenceLevel completedAgents eligibleAgents
    metrics { metric higherIsBetter n meanBefore meanAfter meanDifference standardDeviation tQuantile ciLow ciHigh verdict pairs { agentId before after difference } }
  }
}`;
const DAY = 86_400_000;

describe('training reports', () => {
  let api: TestApp;
  let tenant: TestTenant;
  let team: { id: string };
  let trainer: string;

  beforeAll(async () => {
    api = await startTestApp();
    tenant = await createTestTenant(api);
    team = await createTeam(api, tenant, { name: 'Reports A', coordinatorIds: [tenant.users.COORDINATOR.id] });
    trainer = tenant.tokens.TRAINER;
  });
  afterAll(() => api.close());

  /** Assigns the module to new agents and completes it for them; returns the agents and assignment ids. */
  async function completedBy(
    count: number,
    moduleId: string,
    teamId = team.id,
  ): Promise<{ agentId: string; assignmentId: string }[]> {
    const agents = await Promise.all(Array.from({ length: count }, () => createAgent(api, tenant, teamId)));
    const assigned = await api.gql(
      ASSIGN,
      { input: { moduleId, agentIds: agents.map((a) => a.id), dueAt: '2099-01-01T00:00:00Z' } },
      trainer,
    );
    const rows = assigned.data!['assignTraining'].assignments.map((a: { id: string; agentId: string }) => ({
      agentId: a.agentId,
      assignmentId: a.id,
    }));
    for (const r of rows)
      expect((await api.gql(COMPLETE, { input: { assignmentId: r.assignmentId } }, trainer)).errors).toBeUndefined();
    return rows;
  }

  /** Moves a completion back in time (a fixture: completions happen "now" through the API). */
  async function completedDaysAgo(assignmentId: string, days: number): Promise<number> {
    await api.sql(
      `UPDATE training_assignments SET completed_at = date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - make_interval(days => $2) + interval '10 hours'
        WHERE id = $1`,
      [assignmentId, days],
    );
    const [row] = await api.sql<{ completed_at: Date }>(`SELECT completed_at FROM training_assignments WHERE id = $1`, [
      assignmentId,
    ]);
    return Math.floor(row!.completed_at.getTime() / DAY) * DAY; // the UTC day of completion
  }

  describe('trainingImpact', () => {
    let moduleId: string;
    let fixture: DailyMetricsFixture;
    const csatBefore = [70, 72, 68, 75, 71, 69];
    const csatGain = [5, 7, 6, 4, 8, 6]; // mean 6, s = √2
    const frtDrop = [30, 20, 25, 35, 28, 22]; // seconds faster
    const resolutionChange = [-5, 4, -3, 6, -2, 1]; // no clear direction

    beforeAll(async () => {
      moduleId = (await createModule(api, tenant, { title: 'De-escalation' })).id;
      const done = await completedBy(7, moduleId);
      const days: number[] = [];
      for (const [i, d] of done.slice(0, 6).entries()) days.push(await completedDaysAgo(d.assignmentId, 40 + i));
      // The seventh completed 5 days ago: its 14-day after-window has not ended.
      await completedDaysAgo(done[6]!.assignmentId, 5);

      fixture = new DailyMetricsFixture();
      done.slice(0, 6).forEach(({ agentId }, i) => {
        const day = days[i]!;
        const before = new Date(day - 14 * DAY);
        const after = new Date(day + DAY);
        fixture.set(agentId, TrainingMetric.CSAT, before, 14, csatBefore[i]!);
        fixture.set(agentId, TrainingMetric.CSAT, after, 14, csatBefore[i]! + csatGain[i]!);
        fixture.set(agentId, TrainingMetric.FIRST_RESPONSE_TIME_MEDIAN, before, 14, 300 + 10 * i);
        fixture.set(agentId, TrainingMetric.FIRST_RESPONSE_TIME_MEDIAN, after, 14, 300 + 10 * i - frtDrop[i]!);
        fixture.set(agentId, TrainingMetric.RESOLUTION_RATE, before, 14, 80);
        fixture.set(agentId, TrainingMetric.RESOLUTION_RATE, after, 14, 80 + resolutionChange[i]!);
        // Outside both windows (the completion day itself, and long before): must not count.
        fixture.set(agentId, TrainingMetric.CSAT, new Date(day), 1, 0);
        fixture.set(agentId, TrainingMetric.CSAT, new Date(day - 40 * DAY), 10, 0);
        fixture.set(agentId, TrainingMetric.CSAT, new Date(day + 15 * DAY), 10, 0);
      });
    });

    it('reports n = 0 while no KPI source is wired', async () => {
      const response = await api.gql(
        IMPACT,
        { input: { moduleId, metrics: ['CSAT'], windowDays: 14 } },
        tenant.tokens.DIRECTOR,
      );
      expect(response.errors).toBeUndefined();
      expect(response.data!['trainingImpact']).toMatchObject({
        completedAgents: 7,
        eligibleAgents: 6,
        metrics: [{ metric: 'CSAT', n: 0, meanDifference: null, ciLow: null, verdict: 'INSUFFICIENT_DATA', pairs: [] }],
      });
    });

    it('pairs each agent’s window before and after completion and gives the paired 95% t interval of a known effect', async () => {
      useMetricsFixture(api, fixture);
      const response = await api.gql(
        IMPACT,
        { input: { moduleId, metrics: ['CSAT', 'FIRST_RESPONSE_TIME_MEDIAN', 'RESOLUTION_RATE'], windowDays: 14 } },
        tenant.tokens.DIRECTOR,
      );
      expect(response.errors).toBeUndefined();
      const impact = response.data!['trainingImpact'];
      expect(impact).toMatchObject({
        moduleId,
        windowDays: 14,
        confidenceLevel: 0.95,
        completedAgents: 7,
        eligibleAgents: 6,
      });
      const [csat, frt, resolution] = impact.metrics;

      // CSAT: differences 5, 7, 6, 4, 8, 6 → mean 6, s = √2, t(0.975, 5) = 2.570582, half-width = 2.570582·√2/√6 = 1.484126.
      expect(csat).toMatchObject({ metric: 'CSAT', higherIsBetter: true, n: 6, verdict: 'IMPROVED' });
      expect(csat.meanBefore).toBeCloseTo(70.8333, 4);
      expect(csat.meanAfter).toBeCloseTo(76.8333, 4);
      expect(csat.meanDifference).toBeCloseTo(6, 10);
      expect(csat.standardDeviation).toBeCloseTo(Math.SQRT2, 10);
      expect(csat.tQuantile).toBeCloseTo(2.570582, 6);
      expect(csat.ciLow).toBeCloseTo(6 - 1.484126, 5);
      expect(csat.ciHigh).toBeCloseTo(6 + 1.484126, 5);
      expect(csat.pairs.map((p: { difference: number }) => p.difference).sort()).toEqual([...csatGain].sort());

      // FRT fell by 26.67 s on average: lower is better, so IMPROVED.
      expect(frt).toMatchObject({
        metric: 'FIRST_RESPONSE_TIME_MEDIAN',
        higherIsBetter: false,
        n: 6,
        verdict: 'IMPROVED',
      });
      expect(frt.meanDifference).toBeCloseTo(-26.6667, 4);
      expect(frt.ciHigh).toBeLessThan(0);

      // Resolution rate moved both ways: the interval spans 0.
      expect(resolution).toMatchObject({ n: 6, verdict: 'NO_CLEAR_EFFECT' });
      expect(resolution.meanDifference).toBeCloseTo(1 / 6, 10);
      expect(resolution.ciLow).toBeLessThan(0);
      expect(resolution.ciHigh).toBeGreaterThan(0);
    });

    it('says INSUFFICIENT_DATA below five agents, while still giving the interval', async () => {
      const small = (await createModule(api, tenant)).id;
      const done = await completedBy(3, small);
      const fixture = useMetricsFixture(api);
      for (const [i, d] of done.entries()) {
        const day = await completedDaysAgo(d.assignmentId, 30);
        fixture.set(d.agentId, TrainingMetric.CSAT, new Date(day - 14 * DAY), 14, 70);
        fixture.set(d.agentId, TrainingMetric.CSAT, new Date(day + DAY), 14, 80 + i);
      }
      const impact = (await api.gql(IMPACT, { input: { moduleId: small, metrics: ['CSAT'], windowDays: 14 } }, trainer))
        .data!['trainingImpact'];
      expect(impact.metrics[0]).toMatchObject({ n: 3, meanDifference: 11, verdict: 'INSUFFICIENT_DATA' });
      expect(impact.metrics[0].ciLow).not.toBeNull();
    });

    it('refuses a window outside 7–180 days and an unknown module', async () => {
      expect(
        (await api.gql(IMPACT, { input: { moduleId, metrics: ['CSAT'], windowDays: 3 } }, trainer)).errors![0]!
          .extensions,
      ).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.windowDays' }],
      });
      expect(
        (
          await api.gql(
            IMPACT,
            { input: { moduleId: '00000000-0000-4000-8000-000000000000', metrics: ['CSAT'], windowDays: 14 } },
            trainer,
          )
        ).errors![0]!.extensions,
      ).toMatchObject({
        code: 'NOT_FOUND',
        field: 'input.moduleId',
      });
    });
  });

  describe('completion and onboarding', () => {
    it('counts completion and overdue by team, module and path', async () => {
      const reportTenant = await createTestTenant(api);
      const t1 = await createTeam(api, reportTenant, { name: 'Alpha' });
      const t2 = await createTeam(api, reportTenant, { name: 'Beta' });
      const [m1, m2] = [await createModule(api, reportTenant), await createModule(api, reportTenant)];
      const path = await createPath(api, reportTenant, [
        { moduleId: m1.id, dueAfterDays: 5 },
        { moduleId: m2.id, dueAfterDays: 10 },
      ]);
      const [a1, a2, b1] = [
        await createAgent(api, reportTenant, t1.id),
        await createAgent(api, reportTenant, t1.id),
        await createAgent(api, reportTenant, t2.id),
      ];
      const tr = reportTenant.tokens.TRAINER;
      // Path started long ago for a1 and a2 (everything overdue unless done); a single module for b1, not yet due.
      const onPath = (
        await api.gql(ASSIGN, { input: { pathId: path.id, agentIds: [a1.id, a2.id], startsOn: '2020-01-06' } }, tr)
      ).data!['assignTraining'].assignments;
      await api.gql(ASSIGN, { input: { moduleId: m1.id, agentIds: [b1.id], dueAt: '2099-01-01T00:00:00Z' } }, tr);
      const of = (agentId: string, moduleId: string) =>
        onPath.find((a: { agentId: string; moduleId: string }) => a.agentId === agentId && a.moduleId === moduleId).id;
      await api.gql(COMPLETE, { input: { assignmentId: of(a1.id, m1.id) } }, tr);
      await api.gql(COMPLETE, { input: { assignmentId: of(a1.id, m2.id) } }, tr);
      await api.gql(
        `mutation($input: WaiveTrainingInput!) { waiveTraining(input: $input) { assignment { id } } }`,
        { input: { assignmentId: of(a2.id, m2.id), reason: 'Senior hire' } },
        tr,
      );

      const REPORT = `query($input: TrainingCompletionReportInput!) { trainingCompletionReport(input: $input) { groupId name assigned completed waived open overdue completionRate } }`;
      const byTeam = (await api.gql(REPORT, { input: { groupBy: 'TEAM' } }, reportTenant.tokens.DIRECTOR)).data![
        'trainingCompletionReport'
      ];
      expect(byTeam).toEqual([
        {
          groupId: t1.id,
          name: 'Alpha',
          assigned: 4,
          completed: 2,
          waived: 1,
          open: 0,
          overdue: 1,
          completionRate: 2 / 3,
        },
        { groupId: t2.id, name: 'Beta', assigned: 1, completed: 0, waived: 0, open: 1, overdue: 0, completionRate: 0 },
      ]);
      const byModule = (await api.gql(REPORT, { input: { groupBy: 'MODULE' } }, reportTenant.tokens.DIRECTOR)).data![
        'trainingCompletionReport'
      ];
      expect(byModule.find((r: { groupId: string }) => r.groupId === m1.id)).toMatchObject({
        assigned: 3,
        completed: 1,
        open: 1,
        overdue: 1,
      });
      const byPath = (await api.gql(REPORT, { input: { groupBy: 'PATH' } }, reportTenant.tokens.DIRECTOR)).data![
        'trainingCompletionReport'
      ];
      expect(byPath).toEqual([
        {
          groupId: path.id,
          name: expect.any(String),
          assigned: 4,
          completed: 2,
          waived: 1,
          open: 0,
          overdue: 1,
          completionRate: 2 / 3,
        },
      ]);

      // Time to complete onboarding per agent: a1 finished (timestamps set as a fixture), a2 has one module overdue.
      await api.sql(`UPDATE training_assignments SET completed_at = '2020-01-15T11:00:00Z' WHERE agent_id = $1`, [
        a1.id,
      ]);
      const ONBOARDING = `query($input: OnboardingReportInput!) { onboardingReport(input: $input) { totalCount completedCount medianDaysToComplete
        edges { node { agentId agent { id } startedOn modulesTotal modulesDone overdueCount completedAt daysToComplete } } } }`;
      const onboarding = (await api.gql(ONBOARDING, { input: { pathId: path.id } }, reportTenant.tokens.DIRECTOR))
        .data!['onboardingReport'];
      // Started 2020-01-06 00:00 in Warsaw (2020-01-05T23:00Z); finished 2020-01-15T11:00Z: 9.5 days.
      expect(onboarding).toMatchObject({ totalCount: 2, completedCount: 1, medianDaysToComplete: 9.5 });
      const rows = new Map(onboarding.edges.map((e: { node: { agentId: string } }) => [e.node.agentId, e.node]));
      expect(rows.get(a1.id)).toMatchObject({
        startedOn: '2020-01-06',
        modulesTotal: 2,
        modulesDone: 2,
        overdueCount: 0,
        completedAt: '2020-01-15T11:00:00.000Z',
        daysToComplete: 9.5,
        agent: { id: a1.id },
      });
      expect(rows.get(a2.id)).toMatchObject({
        modulesDone: 1,
        overdueCount: 1,
        completedAt: null,
        daysToComplete: null,
      });
    });

    it('keeps a coordinator’s reports to the teams they coordinate', async () => {
      const REPORT = `query($input: TrainingCompletionReportInput!) { trainingCompletionReport(input: $input) { groupId } }`;
      const other = await createTeam(api, tenant);
      const mine = (await api.gql(REPORT, { input: { groupBy: 'TEAM' } }, tenant.tokens.COORDINATOR)).data![
        'trainingCompletionReport'
      ];
      expect(mine.map((r: { groupId: string }) => r.groupId)).toEqual([team.id]);
      expect(
        (await api.gql(REPORT, { input: { groupBy: 'TEAM', teamIds: [other.id] } }, tenant.tokens.COORDINATOR))
          .errors![0]!.extensions.code,
      ).toBe('FORBIDDEN');
    });
  });
});
