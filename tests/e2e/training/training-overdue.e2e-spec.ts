import { EVENT_HEADER, DESKFORCE_SIGNATURE_HEADER, verifyDelivery } from '@deskforce/integrations';
import { JobQueue, TenantDatabase } from '@deskforce/platform';
import { TRAINING_OVERDUE_QUEUE, TrainingOverdueSweep } from '@deskforce/training';
import {
  createAgent,
  createTeam,
  createTestTenant,
  eventually,
  startTestApp,
  startWebhookReceiver,
  TestApp,
  TestTenant,
  WebhookReceiver,
} from '@deskforce/testing';
import { randomUUID } from 'node:crypto';

/**
 * training.overdue: the periodic sweep announces each assignment that passed its due date without being
 * completed or waived, once, through the outbox, to the endpoints subscribed to it (signed like every
 * delivery). The test runs the sweep for its own tenant (the periodic one looks at every tenant).
 */
describe('training.overdue', () => {
  let api: TestApp;
  let tenant: TestTenant;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    api = await startTestApp();
    tenant = await createTestTenant(api);
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await api.close();
    await receiver.close();
  });

  const gql = async (query: string, input: Record<string, unknown>, token = tenant.tokens.DIRECTOR) => {
    const response = await api.gql(query, { input }, token);
    expect(response.errors).toBeUndefined();
    return response.data!;
  };

  it('announces an overdue, unfinished assignment once to the endpoints subscribed to it', async () => {
    const { secret } = (
      await gql(
        `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { id events } } }`,
        { url: receiver.url, events: ['TRAINING_OVERDUE'] },
        tenant.tokens.ADMIN,
      )
    )['createWebhookEndpoint'];
    // An endpoint for other events gets nothing.
    await gql(
      `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } } }`,
      { url: `${receiver.url}/other`, events: ['SCHEDULE_PUBLISHED'] },
      tenant.tokens.ADMIN,
    );
    const team = await createTeam(api, tenant);
    const [late, waived, notYet] = [
      await createAgent(api, tenant, team.id),
      await createAgent(api, tenant, team.id),
      await createAgent(api, tenant, team.id),
    ];
    const module = (
      await gql(
        `mutation($input: CreateTrainingModuleInput!) { createTrainingModule(input: $input) { module { id } } }`,
        {
          title: 'Refund policy',
          category: 'PRODUCT',
          contentUrl: 'https://kb.example.test/refunds',
          estimatedMinutes: 20,
        },
      )
    )['createTrainingModule'].module as { id: string };
    const assign = (agentIds: string[], dueAt: string) =>
      gql(`mutation($input: AssignTrainingInput!) { assignTraining(input: $input) { createdCount } }`, {
        moduleId: module.id,
        agentIds,
        dueAt,
      });
    await assign([late.id, waived.id], '2026-01-05T09:00:00Z');
    await assign([notYet.id], '2099-01-05T09:00:00Z');
    const ids = Object.fromEntries(
      (
        await api.sql<{ agent_id: string; id: string }>(
          `SELECT agent_id, id FROM training_assignments WHERE tenant_id = $1`,
          [tenant.tenantId],
        )
      ).map((r) => [r.agent_id, r.id]),
    );
    await gql(`mutation($input: WaiveTrainingInput!) { waiveTraining(input: $input) { assignment { id } } }`, {
      assignmentId: ids[waived.id],
      reason: 'Joined from the refunds team',
    });

    const sweep = api.app.get(TrainingOverdueSweep);
    expect(await sweep.sweepTenant(tenant.tenantId, new Date())).toBe(1);
    // Once: the next sweeps announce nothing more.
    expect(await sweep.sweepTenant(tenant.tenantId, new Date())).toBe(0);

    await eventually(async () => receiver.received.length > 0);
    const [request] = receiver.received;
    expect(request!.headers[EVENT_HEADER]).toBe('training.overdue');
    expect(
      verifyDelivery(secret, request!.headers[DESKFORCE_SIGNATURE_HEADER] as string, request!.body, Date.now()),
    ).toEqual({ ok: true });
    expect(JSON.parse(request!.body)).toMatchObject({
      event: 'training.overdue',
      data: {
        assignmentId: ids[late.id],
        agentId: late.id,
        teamId: team.id,
        moduleId: module.id,
        pathId: null,
        status: 'ASSIGNED',
        progressPercent: 0,
        dueAt: '2026-01-05T09:00:00.000Z',
      },
    });
    // The other endpoint and the other assignments: nothing (the delivery rows say so, whatever the timing).
    const deliveries = await api.sql<{ event: string; assignment: string }>(
      `SELECT event, payload->'data'->>'assignmentId' AS assignment FROM webhook_deliveries WHERE tenant_id = $1`,
      [tenant.tenantId],
    );
    expect(deliveries).toEqual([{ event: 'training.overdue', assignment: ids[late.id] }]);
    expect(receiver.received).toHaveLength(1);
  });

  it('offers the periodic sweep to the job queue once per period, whichever process offers it', async () => {
    // Every process offers a sweep each period; the queue keeps one per key and period (the key is this
    // test's own, so that no real sweep is involved).
    const queue = api.app.get(JobQueue);
    const db = api.app.get(TenantDatabase);
    const key = `test-${randomUUID()}`;
    const offer = () => db.systemTransaction(() => queue.sendOnce(TRAINING_OVERDUE_QUEUE, {}, key, 3600));
    expect(await offer()).toBe(true);
    expect(await offer()).toBe(false);
  });
});
