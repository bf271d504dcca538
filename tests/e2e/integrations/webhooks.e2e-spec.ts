import { DELIVERY_HEADER, DESKFORCE_SIGNATURE_HEADER, EVENT_HEADER, verifyDelivery } from '@deskforce/integrations';
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

const CREATE = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { id url events active } } }`;
const DELIVERIES = `query($endpointId: ID!) { webhookDeliveries(endpointId: $endpointId) { totalCount edges { node {
  id event eventId status attempts lastStatusCode lastError deliveredAt resentFromId payload attemptLog { attempt statusCode error } } } } }`;

describe('webhooks out', () => {
  let api: TestApp;
  let tenant: TestTenant;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    // Short backoff so retries happen within the test, loopback receivers allowed (refused by default in
    // production): the test configuration's defaults, written out here because the test rests on them.
    api = await startTestApp({
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_RETRY_BASE_MS: '100',
      WEBHOOK_MAX_ATTEMPTS: '5',
    });
    tenant = await createTestTenant(api);
    receiver = await startWebhookReceiver(2);
  });
  afterAll(async () => {
    await api.close();
    await receiver.close();
  });

  async function deliveries(endpointId: string) {
    const response = await api.gql(DELIVERIES, { endpointId }, tenant.tokens.DIRECTOR);
    expect(response.errors).toBeUndefined();
    return response.data!['webhookDeliveries'] as { totalCount: number; edges: { node: Record<string, any> }[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  it('delivers a signed schedule.published exactly once after two failed attempts, shows the attempts, and re-sends', async () => {
    const created = await api.gql(
      CREATE,
      { input: { url: receiver.url, events: ['SCHEDULE_PUBLISHED'], description: 'Slack bridge' } },
      tenant.tokens.ADMIN,
    );
    expect(created.errors).toBeUndefined();
    const { secret, endpoint } = created.data!['createWebhookEndpoint'];
    expect(secret).toMatch(/^whsec_/);
    expect(endpoint).toMatchObject({ url: receiver.url, events: ['SCHEDULE_PUBLISHED'], active: true });
    // An endpoint for another event gets nothing from a publish.
    const other = await api.gql(
      CREATE,
      { input: { url: receiver.url, events: ['TIMEOFF_DECIDED'] } },
      tenant.tokens.ADMIN,
    );
    const otherId = other.data!['createWebhookEndpoint'].endpoint.id as string;

    const team = await createTeam(api, tenant);
    const agent = await createAgent(api, tenant, team.id);
    const shift = await api.gql(
      `mutation($input: CreateShiftInput!) { createShift(input: $input) { shift { id } } }`,
      {
        input: { agentId: agent.id, startsAt: '2026-03-02T09:00:00Z', endsAt: '2026-03-02T17:00:00Z' },
      },
      tenant.tokens.DIRECTOR,
    );
    expect(shift.errors).toBeUndefined();
    const published = await api.gql(
      `mutation($input: PublishScheduleInput!) { publishSchedule(input: $input) { publishedCount } }`,
      {
        input: { teamId: team.id, from: '2026-03-02T00:00:00Z', to: '2026-03-03T00:00:00Z' },
      },
      tenant.tokens.DIRECTOR,
    );
    expect(published.data!['publishSchedule'].publishedCount).toBe(1);

    const delivered = await eventually(async () => {
      const page = await deliveries(endpoint.id);
      return page.edges[0]?.node['status'] === 'DELIVERED' ? page : undefined;
    });
    expect(delivered.totalCount).toBe(1);
    const delivery = delivered.edges[0]!.node;
    expect(delivery).toMatchObject({
      event: 'SCHEDULE_PUBLISHED',
      status: 'DELIVERED',
      attempts: 3,
      lastStatusCode: 204,
      lastError: null,
      resentFromId: null,
    });
    expect(delivery['attemptLog'].map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 500, 204]);
    expect(delivery['attemptLog'][0].error).toMatch(/HTTP 500/);

    // The receiver saw three requests of the one delivery, and accepted exactly one.
    expect(receiver.received.map((r) => r.answered)).toEqual([500, 500, 204]);
    const accepted = receiver.received.filter((r) => r.answered === 204);
    expect(accepted).toHaveLength(1);
    const [request] = accepted;
    expect(request!.headers[EVENT_HEADER]).toBe('schedule.published');
    expect(request!.headers[DELIVERY_HEADER]).toBe(delivery['id']);
    expect(request!.headers['content-type']).toBe('application/json');
    // The signature verifies with the secret shown once, over the raw body; a wrong secret does not.
    expect(
      verifyDelivery(secret, request!.headers[DESKFORCE_SIGNATURE_HEADER] as string, request!.body, Date.now()),
    ).toEqual({ ok: true });
    expect(
      verifyDelivery('whsec_wrong', request!.headers[DESKFORCE_SIGNATURE_HEADER] as string, request!.body, Date.now()),
    ).toEqual({ ok: false, reason: 'mismatch' });
    const body = JSON.parse(request!.body);
    expect(body).toMatchObject({
      id: delivery['eventId'],
      event: 'schedule.published',
      data: { teamId: team.id, publishedCount: 1, shiftIds: [shift.data!['createShift'].shift.id] },
    });
    expect((await deliveries(otherId)).totalCount).toBe(0);

    // Re-sent: a new delivery of the same event, delivered at its first attempt.
    const resent = await api.gql(
      `mutation($input: ResendWebhookDeliveryInput!) { resendWebhookDelivery(input: $input) { delivery { id eventId status resentFromId } } }`,
      {
        input: { deliveryId: delivery['id'] },
      },
      tenant.tokens.ADMIN,
    );
    expect(resent.errors).toBeUndefined();
    const again = resent.data!['resendWebhookDelivery'].delivery;
    expect(again).toMatchObject({ eventId: delivery['eventId'], status: 'PENDING', resentFromId: delivery['id'] });
    await eventually(async () =>
      (await deliveries(endpoint.id)).edges.find((e) => e.node['id'] === again.id && e.node['status'] === 'DELIVERED'),
    );
    expect(receiver.received).toHaveLength(4);
    expect(receiver.received[3]!.headers[DELIVERY_HEADER]).toBe(again.id);
    expect(JSON.parse(receiver.received[3]!.body).id).toBe(delivery['eventId']);
  });

  it('lets only admins change endpoints, audits the changes without the secret, and checks addresses', async () => {
    const refused = await api.gql(
      CREATE,
      { input: { url: receiver.url, events: ['SWAP_DECIDED'] } },
      tenant.tokens.DIRECTOR,
    );
    expect(refused.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const bad = await api.gql(
      CREATE,
      { input: { url: 'ftp://example.com/x', events: ['SWAP_DECIDED'] } },
      tenant.tokens.ADMIN,
    );
    expect(bad.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');

    const created = await api.gql(
      CREATE,
      { input: { url: receiver.url, events: ['SWAP_DECIDED'] } },
      tenant.tokens.ADMIN,
    );
    const { secret, endpoint } = created.data!['createWebhookEndpoint'];
    const updated = await api.gql(
      `mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { endpoint { id events active } } }`,
      {
        input: { id: endpoint.id, events: ['SWAP_DECIDED', 'TIMEOFF_DECIDED'], active: false },
      },
      tenant.tokens.ADMIN,
    );
    expect(updated.data!['updateWebhookEndpoint'].endpoint).toEqual({
      id: endpoint.id,
      events: ['SWAP_DECIDED', 'TIMEOFF_DECIDED'],
      active: false,
    });
    const list = await api.gql(
      `{ webhookEndpoints { totalCount edges { node { id active } } } }`,
      {},
      tenant.tokens.DIRECTOR,
    );
    expect(list.data!['webhookEndpoints'].edges).toEqual(
      expect.arrayContaining([{ node: { id: endpoint.id, active: false } }]),
    );
    const deleted = await api.gql(
      `mutation($input: DeleteWebhookEndpointInput!) { deleteWebhookEndpoint(input: $input) { deletedId } }`,
      { input: { id: endpoint.id } },
      tenant.tokens.ADMIN,
    );
    expect(deleted.data!['deleteWebhookEndpoint'].deletedId).toBe(endpoint.id);

    const audit = await api.gql(
      `query($filter: AuditLogFilter) { auditLog(filter: $filter) { edges { node { action actorUserId before after } } } }`,
      {
        filter: { entityType: 'WEBHOOK_ENDPOINT', entityId: endpoint.id },
      },
      tenant.tokens.ADMIN,
    );
    const entries = audit.data!['auditLog'].edges.map((e: { node: { action: string } }) => e.node);
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['DELETE', 'UPDATE', 'CREATE']);
    expect(entries[1]).toMatchObject({
      actorUserId: tenant.users.ADMIN.id,
      before: { active: true, events: ['swap.decided'] },
      after: { active: false },
    });
    expect(JSON.stringify(entries)).not.toContain(secret);
  });
});
