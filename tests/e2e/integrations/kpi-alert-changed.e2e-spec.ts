import { DESKFORCE_SIGNATURE_HEADER, EVENT_HEADER, verifyDelivery } from '@deskforce/integrations';
import { KpiAlertSweep } from '@deskforce/performance';
import {
  createAgent,
  createTeam,
  createTestTenant,
  ingest,
  eventually,
  startTestApp,
  startWebhookReceiver,
  TestApp,
  TestTenant,
  WebhookReceiver,
} from '@deskforce/testing';

/**
 * kpi.alert.changed: the periodic evaluation of KPI targets (over the last 7 days) sends an event when a
 * team's status for a target changes, and nothing while it stays. The test runs the evaluation for its own
 * tenant at a fixed instant (the periodic one looks at every tenant, at the time it runs).
 */
describe('kpi.alert.changed', () => {
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

  it('announces each change of a target status once, with the status before and after', async () => {
    const created = await api.gql(
      `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret } }`,
      { input: { url: receiver.url, events: ['KPI_ALERT_CHANGED'] } },
      tenant.tokens.ADMIN,
    );
    const secret = created.data!['createWebhookEndpoint'].secret as string;
    const team = await createTeam(api, tenant);
    const agent = await createAgent(api, tenant, team.id);
    const target = await api.gql(
      `mutation($input: SetKpiTargetInput!) { setKpiTarget(input: $input) { target { id } } }`,
      { input: { teamId: team.id, metric: 'FIRST_RESPONSE_TIME_MEAN', value: 60 } },
      tenant.tokens.DIRECTOR,
    );
    const targetId = target.data!['setKpiTarget'].target.id as string;
    const contact = (externalId: string, firstResponseAt: string) => ({
      source: 'zendesk',
      externalId,
      channel: 'EMAIL',
      agentId: agent.id,
      status: 'OPEN',
      createdAt: '2026-03-05T10:00:00Z',
      firstResponseAt,
    });
    const sweep = api.app.get(KpiAlertSweep);
    // The window is the 7 days before the hour of `now`: 2026-03-03T00:00Z to 2026-03-10T00:00Z.
    const now = new Date('2026-03-10T00:30:00Z');

    // No contacts: NO_DATA, as before any evaluation: nothing to say.
    expect(await sweep.sweepTenant(tenant.tenantId, now)).toBe(0);
    // First reply after 30 s: mean 30 ≤ 60 with more than 5% to spare → ON_TRACK.
    await ingest(api, tenant, 'interactions', [contact('c1', '2026-03-05T10:00:30Z')]);
    expect(await sweep.sweepTenant(tenant.tenantId, now)).toBe(1);
    expect(await sweep.sweepTenant(tenant.tenantId, now)).toBe(0);
    // A second after 150 s: mean (30 + 150) / 2 = 90 > 60 → OFF_TRACK.
    await ingest(api, tenant, 'interactions', [contact('c2', '2026-03-05T10:02:30Z')]);
    expect(await sweep.sweepTenant(tenant.tenantId, now)).toBe(1);
    // A contact outside the window changes nothing.
    await ingest(api, tenant, 'interactions', [
      { ...contact('c3', '2026-02-01T10:00:01Z'), createdAt: '2026-02-01T10:00:00Z' },
    ]);
    expect(await sweep.sweepTenant(tenant.tenantId, now)).toBe(0);

    await eventually(async () => receiver.received.length >= 2);
    expect(receiver.received.map((r) => r.headers[EVENT_HEADER])).toEqual(['kpi.alert.changed', 'kpi.alert.changed']);
    for (const r of receiver.received)
      expect(verifyDelivery(secret, r.headers[DESKFORCE_SIGNATURE_HEADER] as string, r.body, Date.now())).toEqual({
        ok: true,
      });
    const data = receiver.received
      .map((r) => (JSON.parse(r.body) as { data: Record<string, unknown> }).data)
      .sort((a, b) => String(a['previousStatus']).localeCompare(String(b['previousStatus'])));
    const common = {
      targetId,
      teamId: team.id,
      metric: 'FIRST_RESPONSE_TIME_MEAN',
      targetValue: 60,
      comparison: 'AT_MOST',
      unit: 'SECONDS',
      from: '2026-03-03T00:00:00.000Z',
      to: '2026-03-10T00:00:00.000Z',
    };
    expect(data).toEqual([
      { ...common, previousStatus: 'NO_DATA', status: 'ON_TRACK', value: 30, sampleSize: 1 },
      { ...common, previousStatus: 'ON_TRACK', status: 'OFF_TRACK', value: 90, sampleSize: 2 },
    ]);
    const deliveries = await api.sql(`SELECT event FROM webhook_deliveries WHERE tenant_id = $1`, [tenant.tenantId]);
    expect(deliveries).toHaveLength(2);

    // A removed target takes its remembered status with it, and says nothing more.
    await api.gql(
      `mutation($input: RemoveKpiTargetInput!) { removeKpiTarget(input: $input) { removedId } }`,
      { input: { id: targetId } },
      tenant.tokens.DIRECTOR,
    );
    expect(await sweep.sweepTenant(tenant.tenantId, now)).toBe(0);
    expect(await api.sql(`SELECT 1 FROM kpi_alert_states WHERE tenant_id = $1`, [tenant.tenantId])).toEqual([]);
  });
});
