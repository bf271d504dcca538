import { ZENDESK_SIGNATURE_HEADER, ZENDESK_TIMESTAMP_HEADER, zendeskSignature } from '@deskforce/integrations';
import { createTeam, createTestTenant, startTestApp, TestApp, TestTenant } from '@deskforce/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const CREATE = `mutation($input: CreateHelpDeskHookInput!) { createHelpDeskHook(input: $input) { hook { id vendor name path createdAt } } }`;
const DELETE = `mutation($input: DeleteHelpDeskHookInput!) { deleteHelpDeskHook(input: $input) { deletedId } }`;
const MAP = `mutation($input: MapExternalIdentityInput!) { mapExternalIdentity(input: $input) { identity { externalRef } } }`;

/** A ticket.created delivery in Zendesk's shape (the connectors' fixture), as a new ticket `id`. */
function delivery(id: string): Record<string, unknown> {
  const fixture = JSON.parse(
    readFileSync(
      join(__dirname, '../../../libs/integrations/src/lib/connectors/fixtures/zendesk-webhook-ticket-created.json'),
      'utf8',
    ),
  ) as Record<string, unknown>;
  return { ...fixture, id: `evt-${id}`, detail: { ...(fixture['detail'] as object), id } };
}

/**
 * POST /hooks/zendesk/<tenant>/<hook>: a Zendesk webhook authenticated by Zendesk's signature (base64
 * HMAC-SHA256 of the timestamp header followed by the raw body, with the webhook's signing secret) instead
 * of an API token. A delivery signed with another secret, altered after signing, stale, or sent to another
 * tenant's address is refused with 401 and writes nothing.
 */
describe('signed Zendesk hooks', () => {
  const SECRET = 'dGhpcy1pcy1hLXplbmRlc2stc2lnbmluZy1zZWNyZXQ=';
  let api: TestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let hook: { id: string; path: string };

  async function post(
    path: string,
    raw: string,
    sign: { secret?: string; timestamp?: string; signedBody?: string } = {},
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read by shape
  ): Promise<{ status: number; body: Record<string, any> }> {
    const timestamp = sign.timestamp ?? new Date().toISOString();
    const response = await fetch(api.url.replace('/graphql', path), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [ZENDESK_TIMESTAMP_HEADER]: timestamp,
        [ZENDESK_SIGNATURE_HEADER]: zendeskSignature(sign.secret ?? SECRET, timestamp, sign.signedBody ?? raw),
      },
      body: raw,
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- answers are read by shape
  }

  const stored = async (t: TestTenant) =>
    (
      await api.sql<{ external_id: string }>(
        `SELECT external_id FROM interactions WHERE tenant_id = $1 AND source = 'zendesk' ORDER BY 1`,
        [t.tenantId],
      )
    ).map((r) => r.external_id);

  beforeAll(async () => {
    api = await startTestApp();
    tenant = await createTestTenant(api);
    other = await createTestTenant(api, 'Other Org');
    const team = await createTeam(api, tenant);
    const mapped = await api.gql(
      MAP,
      { input: { kind: 'TEAM', externalRef: 'zendesk:group:98001', teamId: team.id } },
      tenant.tokens.ADMIN,
    );
    expect(mapped.errors).toBeUndefined();
  });
  afterAll(() => api.close());

  it('lets an admin store a signing secret, never answered back, and audits it without the secret', async () => {
    const input = { vendor: 'ZENDESK', name: 'Zendesk, main brand', signingSecret: SECRET };
    const director = await api.gql(CREATE, { input }, tenant.tokens.DIRECTOR);
    expect(director.errors![0]!.extensions!['code']).toBe('FORBIDDEN');
    const short = await api.gql(CREATE, { input: { ...input, signingSecret: 'short' } }, tenant.tokens.ADMIN);
    expect(short.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.signingSecret' }],
    });
    const created = await api.gql(CREATE, { input }, tenant.tokens.ADMIN);
    expect(created.errors).toBeUndefined();
    hook = created.data!['createHelpDeskHook'].hook;
    expect(hook).toMatchObject({
      vendor: 'ZENDESK',
      name: 'Zendesk, main brand',
      path: `/hooks/zendesk/${tenant.tenantId}/${hook.id}`,
    });
    const listed = await api.gql(`{ helpDeskHooks { edges { node { id path } } } }`, {}, tenant.tokens.DIRECTOR);
    expect(listed.data!['helpDeskHooks'].edges).toEqual([{ node: { id: hook.id, path: hook.path } }]);
    const audit = await api.gql(
      `{ auditLog(filter: { entityType: "HELP_DESK_HOOK" }) { edges { node { action after } } } }`,
      {},
      tenant.tokens.ADMIN,
    );
    const entries = audit.data!['auditLog'].edges as { node: { action: string; after: object } }[];
    expect(entries.map((e) => e.node)).toEqual([
      { action: 'CREATE', after: { id: hook.id, vendor: 'ZENDESK', name: 'Zendesk, main brand' } },
    ]);
    expect(JSON.stringify(entries)).not.toContain(SECRET);
  });

  it('takes a delivery signed with the secret, verified over the raw body as sent', async () => {
    // Indented JSON: a signature checked against a re-serialised body would not match.
    const raw = JSON.stringify(delivery('7001'), null, 2);
    const answer = await post(hook.path, raw);
    expect(answer).toEqual({
      status: 200,
      body: {
        inserted: 1,
        updated: 0,
        unchanged: 0,
        ignored: 0,
        rejected: 0,
        results: [{ index: 0, ticketId: '7001', outcome: 'inserted' }],
      },
    });
    expect(await stored(tenant)).toEqual(['7001']);
  });

  it('refuses a wrong signature, an altered body, a stale or missing timestamp and another address with 401, writing nothing', async () => {
    const raw = JSON.stringify(delivery('7002'));
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
    const refusals = [
      await post(hook.path, raw, { secret: `${SECRET}x` }),
      await post(hook.path, raw, { signedBody: JSON.stringify(delivery('7003')) }),
      await post(hook.path, raw, { timestamp: minutesAgo(10) }),
      await post(hook.path, raw, { timestamp: new Date(Date.now() + 10 * 60_000).toISOString() }),
      await post(hook.path, raw, { timestamp: 'yesterday' }),
      await post(`/hooks/zendesk/${other.tenantId}/${hook.id}`, raw),
      await post(`/hooks/zendesk/not-a-tenant/${hook.id}`, raw),
    ];
    for (const refused of refusals) {
      expect(refused).toMatchObject({ status: 401, body: { errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] } });
      expect(JSON.stringify(refused.body)).not.toMatch(/stack|SELECT|at /);
    }
    // Without the signature headers at all.
    const unsigned = await fetch(api.url.replace('/graphql', hook.path), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: raw,
    });
    expect(unsigned.status).toBe(401);
    // Within the tolerance (four minutes old) it is accepted.
    expect((await post(hook.path, JSON.stringify(delivery('7004')), { timestamp: minutesAgo(4) })).status).toBe(200);
    expect(await stored(tenant)).toEqual(['7001', '7004']);
    expect(await stored(other)).toEqual([]);
  });

  it('accepts nothing more once the hook is deleted', async () => {
    const deleted = await api.gql(DELETE, { input: { id: hook.id } }, tenant.tokens.ADMIN);
    expect(deleted.data!['deleteHelpDeskHook']).toEqual({ deletedId: hook.id });
    expect((await post(hook.path, JSON.stringify(delivery('7005')))).status).toBe(401);
    expect(await stored(tenant)).toEqual(['7001', '7004']);
  });
});
