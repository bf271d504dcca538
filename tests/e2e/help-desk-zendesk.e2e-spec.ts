import { generateZendesk, mapZendeskExportPage, VendorImporter } from '@deskforce/integrations';
import {
  createAgent,
  createTeam,
  createTestTenant,
  KPIS_QUERY,
  runCli,
  startTestApp,
  TestApp,
  TestTenant,
  valuesOf,
} from '@deskforce/testing';
import { IANAZone } from 'luxon';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The teams' business calendar (Warsaw, the teams' zone): Monday to Friday 09:00–17:00, Easter Monday
 * 2024 off; the history crosses the DST night of 31 March 2024.
 */
const ZONE = 'Europe/Warsaw';
const WEEKDAY = [{ start: '09:00', end: '17:00' }];
const CALENDAR = {
  weekly: { monday: WEEKDAY, tuesday: WEEKDAY, wednesday: WEEKDAY, thursday: WEEKDAY, friday: WEEKDAY },
  holidays: [{ date: '2024-04-01', name: 'Easter Monday' }],
};

/**
 * Business minutes between two instants, counted independently of the application's calendar code: the
 * span is walked minute by minute of UTC (the first and last pieces may be parts of a minute); a minute
 * counts when the Warsaw wall clock then reads a weekday between 09:00 and 17:00 and not 1 April 2024.
 * Every zone offset and window edge is a whole minute, so a minute is wholly in or out.
 */
const offsets = new Map<number, number>();
function businessMinutesByWalk(fromMs: number, toMs: number): number {
  const zone = IANAZone.create(ZONE);
  let total = 0;
  for (let t = fromMs; t < toMs;) {
    const minuteStart = Math.floor(t / 60_000) * 60_000;
    const next = Math.min(minuteStart + 60_000, toMs);
    const block = Math.floor(minuteStart / 900_000);
    if (!offsets.has(block)) offsets.set(block, zone.offset(block * 900_000));
    const local = new Date(minuteStart + offsets.get(block)! * 60_000);
    const weekday = (local.getUTCDay() + 6) % 7; // Monday 0
    const minuteOfDay = local.getUTCHours() * 60 + local.getUTCMinutes();
    const holiday = local.toISOString().startsWith('2024-04-01');
    if (weekday < 5 && minuteOfDay >= 540 && minuteOfDay < 1020 && !holiday) total += (next - t) / 60_000;
    t = next;
  }
  return total;
}

/**
 * A Zendesk account's history (generated in the vendor's shapes: incremental export pages with metric sets
 * and users, and the webhook deliveries telling the same story) reaches Deskforce through the import
 * command in one organisation and through POST /hooks/zendesk in another; both answer the same KPIs, and
 * our first-reply time equals the reply_time_in_minutes the export carries, in calendar and in business
 * minutes (the teams have a business calendar; the export's business minutes come from an independent walk).
 */
describe('help desk: Zendesk', () => {
  const TICKETS = 2000;
  const AGENTS = 12;
  const GROUPS = 3;
  const generated = generateZendesk({
    seed: 13,
    tickets: TICKETS,
    agents: AGENTS,
    groups: GROUPS,
    pageSize: 500,
    businessMinutes: businessMinutesByWalk,
  });
  let api: TestApp;
  let folder: string;
  let file: string;

  const MAP = `mutation($input: MapExternalIdentityInput!) { mapExternalIdentity(input: $input) { identity { kind externalRef source agentId teamId } } }`;
  const WINDOW = { from: '2024-02-01T00:00:00Z', to: '2024-06-01T00:00:00Z' };
  const COMPARED = [
    'CONTACTS',
    'FIRST_RESPONSE_TIME_MEAN',
    'FIRST_RESPONSE_TIME_MEDIAN',
    'FIRST_RESPONSE_TIME_P90',
    'UNANSWERED_CONTACTS',
    'RESOLUTION_TIME_MEAN',
    'RESOLUTION_TIME_MEDIAN',
    'RESOLUTION_RATE',
    'FIRST_CONTACT_RESOLUTION_RATE',
    'REOPEN_RATE',
    'ESCALATION_RATE',
    'FIRST_RESPONSE_BUSINESS_TIME_MEAN',
    'FIRST_RESPONSE_BUSINESS_TIME_MEDIAN',
    'RESOLUTION_BUSINESS_TIME_MEAN',
    'RESOLUTION_BUSINESS_TIME_P90',
  ];

  /**
   * An organisation with the generator's three groups as teams (in Warsaw, with the business calendar) and
   * twelve agents (emails as Zendesk's users sideload has them).
   */
  async function organisation(emailOf: (i: number) => string) {
    const tenant = await createTestTenant(api);
    const teams = [];
    for (let g = 0; g < GROUPS; g++) {
      const team = await createTeam(api, tenant, { timeZone: ZONE });
      const set = await api.gql(
        `mutation($input: SetTeamBusinessCalendarInput!) { setTeamBusinessCalendar(input: $input) { team { id } } }`,
        { input: { teamId: team.id, ...CALENDAR } },
        tenant.tokens.ADMIN,
      );
      expect(set.errors).toBeUndefined();
      teams.push(team);
    }
    const agents = [];
    for (let i = 0; i < AGENTS; i++)
      agents.push(await createAgent(api, tenant, teams[i % GROUPS]!.id, { email: emailOf(i) }));
    for (let g = 0; g < GROUPS; g++) {
      const mapped = await api.gql(
        MAP,
        { input: { kind: 'TEAM', externalRef: `zendesk:group:${98100 + g}`, teamId: teams[g]!.id } },
        tenant.tokens.ADMIN,
      );
      expect(mapped.errors).toBeUndefined();
    }
    return { tenant, teams, agents };
  }

  async function kpis(tenant: TestTenant, groupBy: string[] = []) {
    const report = await api.gql(
      KPIS_QUERY,
      { input: { ...WINDOW, metrics: [...COMPARED, 'CSAT'], groupBy } },
      tenant.tokens.DIRECTOR,
    );
    expect(report.errors).toBeUndefined();
    return report.data!['kpis'].rows as Parameters<typeof valuesOf>[0][];
  }

  async function hook(token: string | null, body: unknown, path = 'zendesk') {
    const response = await fetch(api.url.replace('/graphql', `/hooks/${path}`), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- answers are read by shape
  }

  beforeAll(async () => {
    api = await startTestApp();
    folder = await mkdtemp(join(tmpdir(), 'deskforce-zendesk-'));
    file = join(folder, 'zendesk-export.json');
    await writeFile(file, JSON.stringify(generated.pages));
  });
  afterAll(async () => {
    await api.close();
    await rm(folder, { recursive: true, force: true });
  });

  let cli: Awaited<ReturnType<typeof organisation>>;
  let hooked: Awaited<ReturnType<typeof organisation>>;
  const ofAgent12 = generated.truth.filter((t) => t.agentIndex === AGENTS - 1).length;

  it('imports the export through the CLI; an agent it cannot resolve is a rejection naming them, accepted after mapping', async () => {
    // Agents resolve by the email Zendesk's users sideload gives, except the twelfth, whose email differs here.
    cli = await organisation((i) => (i === AGENTS - 1 ? 'someone.else@example.test' : `agent${i + 1}@example.test`));
    const run = await runCli('import.ts', ['zendesk', file, '--tenant', cli.tenant.slug], {
      DATABASE_URL: api.config.databaseUrl,
      LOG_LEVEL: 'warn',
    });
    expect(run.stderr).not.toContain('Import failed');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${TICKETS - ofAgent12} inserted, 0 updated, 0 unchanged, ${ofAgent12} rejected`);
    const rejects = (await readFile(`${file}.rejected.csv`, 'utf8')).trim().split('\n');
    expect(rejects).toHaveLength(ofAgent12 + 1);
    expect(rejects[1]).toMatch(
      /^\d+,agent,"ticket \d+: unknown agent zendesk:user:361011 \(agent12@example\.test\): map it to a Deskforce agent, then re-send"$/,
    );

    const mapped = await api.gql(
      MAP,
      { input: { kind: 'AGENT', externalRef: 'zendesk:user:361011', agentId: cli.agents[AGENTS - 1]!.id } },
      cli.tenant.tokens.ADMIN,
    );
    expect(mapped.data!['mapExternalIdentity'].identity).toEqual({
      kind: 'AGENT',
      externalRef: 'zendesk:user:361011',
      source: 'zendesk',
      agentId: cli.agents[AGENTS - 1]!.id,
      teamId: null,
    });
    const again = await api.app.get(VendorImporter).import({ tenantId: cli.tenant.tenantId, vendor: 'zendesk', file });
    expect(again.tickets).toMatchObject({
      inserted: ofAgent12,
      updated: 0,
      unchanged: TICKETS - ofAgent12,
      rejected: 0,
    });
    expect(again.stale).toBe(0);
    const audit = await api.gql(
      `{ auditLog(filter: { entityType: "EXTERNAL_IDENTITY" }) { edges { node { action agentId after } } } }`,
      {},
      cli.tenant.tokens.ADMIN,
    );
    expect(
      audit.data!['auditLog'].edges.map((e: { node: { action: string; agentId: string | null } }) => [
        e.node.action,
        e.node.agentId,
      ]),
    ).toContainEqual(['CREATE', cli.agents[AGENTS - 1]!.id]);
  });

  it('takes the same history as webhook deliveries and answers the same KPIs', async () => {
    hooked = await organisation((i) => `agent${i + 1}@example.test`);
    // Webhooks name agents by their Zendesk user id only (no email): each is mapped.
    for (let i = 0; i < AGENTS; i++) {
      await api.gql(
        MAP,
        { input: { kind: 'AGENT', externalRef: `zendesk:user:${361000 + i}`, agentId: hooked.agents[i]!.id } },
        hooked.tenant.tokens.ADMIN,
      );
    }
    const token = (
      await api.gql(
        `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`,
        { input: { name: 'Zendesk', role: 'DIRECTOR' } },
        hooked.tenant.tokens.ADMIN,
      )
    ).data!['createApiToken'].token as string;
    let rejected = 0;
    for (let from = 0; from < generated.webhooks.length; from += 1000) {
      const answer = await hook(token, generated.webhooks.slice(from, from + 1000));
      expect(answer.status).toBe(200);
      rejected += answer.body['rejected'] as number;
    }
    expect(rejected).toBe(0);

    const [viaCli, viaHooks] = [await kpis(cli.tenant, ['CHANNEL']), await kpis(hooked.tenant, ['CHANNEL'])];
    const compared = (rows: typeof viaCli) =>
      Object.fromEntries(
        rows.map((r) => [
          r.group.channel,
          Object.fromEntries(Object.entries(valuesOf(r)).filter(([metric]) => metric !== 'CSAT')),
        ]),
      );
    expect(compared(viaHooks)).toEqual(compared(viaCli));
    expect(viaCli.reduce((n, r) => n + valuesOf(r)['CONTACTS']!.value!, 0)).toBe(TICKETS);
    // Each ticket is counted on its own channel (WEB, API, MESSAGING, VOICEMAIL included), as the connector maps it.
    const byChannel = new Map<string, number>();
    for (const page of generated.pages)
      for (const c of mapZendeskExportPage(page).contacts)
        byChannel.set(c.channel, (byChannel.get(c.channel) ?? 0) + 1);
    expect(Object.fromEntries(viaCli.map((r) => [r.group.channel, valuesOf(r)['CONTACTS']!.value]))).toEqual(
      Object.fromEntries(byChannel),
    );
    expect([...byChannel.keys()]).toEqual(expect.arrayContaining(['WEB', 'API', 'MESSAGING', 'VOICEMAIL']));
  });

  it("equals the export's own first-reply time (reply_time_in_minutes.calendar) and its satisfaction score", async () => {
    const metrics = generated.pages.flatMap(
      (p) => p['metric_sets'] as { reply_time_in_minutes: { calendar: number | null } }[],
    );
    const replies = metrics.map((m) => m.reply_time_in_minutes.calendar).filter((m): m is number => m !== null);
    const [row] = await kpis(cli.tenant);
    const values = valuesOf(row!);
    expect(values['FIRST_RESPONSE_TIME_MEAN']!.sampleSize).toBe(replies.length);
    expect(values['FIRST_RESPONSE_TIME_MEAN']!.value).toBeCloseTo(
      (replies.reduce((s, m) => s + m, 0) / replies.length) * 60,
      6,
    );
    // Zendesk's satisfaction score: good ÷ (good + bad); ours, CSAT %, counts good as 5 and bad as 1.
    const scores = generated.pages.flatMap((p) =>
      (p['tickets'] as { satisfaction_rating: { score: string } }[]).map((t) => t.satisfaction_rating.score),
    );
    const good = scores.filter((s) => s === 'good').length;
    const bad = scores.filter((s) => s === 'bad').length;
    expect(values['CSAT']!.sampleSize).toBe(good + bad);
    expect(values['CSAT']!.value).toBeCloseTo((100 * good) / (good + bad), 6);
  });

  it("equals the export's business first-reply time (reply_time_in_minutes.business), ticket by ticket and on average", async () => {
    const metrics = generated.pages.flatMap(
      (p) => p['metric_sets'] as { ticket_id: number; reply_time_in_minutes: { business: number | null } }[],
    );
    const exported = new Map(
      metrics.filter((m) => m.reply_time_in_minutes.business !== null).map((m) => [String(m.ticket_id), m]),
    );
    // Some replies fall on nights, weekends, Easter Monday and the DST night; most of the calendar time is not business time.
    const businessMinutes = [...exported.values()].map((m) => m.reply_time_in_minutes.business!);
    expect(businessMinutes.filter((m) => m === 0).length).toBeGreaterThan(50);
    // Ticket by ticket: our exact business time, rounded to minutes as Zendesk reports them, is the export's.
    const stored = await api.sql<{ external_id: string; ms: string }>(
      `SELECT external_id, first_response_business_ms AS ms FROM interactions
        WHERE tenant_id = $1 AND source = 'zendesk' AND first_response_at IS NOT NULL`,
      [cli.tenant.tenantId],
    );
    expect(stored).toHaveLength(exported.size);
    const differing = stored.filter(
      (r) => Math.round(Number(r.ms) / 60_000) !== exported.get(r.external_id)?.reply_time_in_minutes.business,
    );
    expect(differing).toEqual([]);
    // On average: our business mean equals the walk's exact mean, and the export's (whole minutes) within half a minute.
    const truth = generated.truth.filter((t) => t.firstResponseAt !== null);
    const exact =
      truth.reduce((s, t) => s + businessMinutesByWalk(Date.parse(t.createdAt), Date.parse(t.firstResponseAt!)), 0) /
      truth.length;
    const values = valuesOf((await kpis(cli.tenant))[0]!);
    expect(values['FIRST_RESPONSE_BUSINESS_TIME_MEAN']!.sampleSize).toBe(exported.size);
    expect(values['FIRST_RESPONSE_BUSINESS_TIME_MEAN']!.value).toBeCloseTo(exact * 60, 6);
    const theirs = businessMinutes.reduce((s, m) => s + m, 0) / businessMinutes.length;
    expect(Math.abs(values['FIRST_RESPONSE_BUSINESS_TIME_MEAN']!.value! - theirs * 60)).toBeLessThanOrEqual(30);
    expect(values['FIRST_RESPONSE_BUSINESS_TIME_MEAN']!.value!).toBeLessThan(
      values['FIRST_RESPONSE_TIME_MEAN']!.value! / 2,
    );
  });

  it('is idempotent on the ticket and its update time, and answers what happened to each delivery', async () => {
    const first = generated.webhooks.slice(0, 200);
    const again = await hook(hooked.tenant.tokens.DIRECTOR, first);
    expect(again.body).toMatchObject({ inserted: 0, updated: 0, rejected: 0 });
    // A late delivery (an older ticket update than the one stored) changes nothing.
    const created = generated.webhooks.find((w) => w['type'] === 'zen:event-type:ticket.created')!;
    const late = await hook(hooked.tenant.tokens.DIRECTOR, created);
    expect(late).toEqual({
      status: 200,
      body: {
        inserted: 0,
        updated: 0,
        unchanged: 1,
        ignored: 0,
        rejected: 0,
        results: [{ index: 0, ticketId: (created['detail'] as { id: string }).id, outcome: 'unchanged' }],
      },
    });
    // A new ticket assigned to a user nobody mapped: a rejection naming them; accepted once mapped.
    const stranger = {
      ...created,
      id: 'new-1',
      detail: { ...(created['detail'] as object), id: '999001', assignee_id: '999' },
    };
    const refused = await hook(hooked.tenant.tokens.DIRECTOR, stranger);
    expect(refused.body['results']).toEqual([
      {
        index: 0,
        ticketId: '999001',
        outcome: 'rejected',
        field: 'agent',
        reason: 'unknown agent zendesk:user:999: map it to a Deskforce agent, then re-send',
      },
    ]);
    await api.gql(
      MAP,
      { input: { kind: 'AGENT', externalRef: 'zendesk:user:999', agentId: hooked.agents[0]!.id } },
      hooked.tenant.tokens.ADMIN,
    );
    expect((await hook(hooked.tenant.tokens.DIRECTOR, stranger)).body['results']).toEqual([
      { index: 0, ticketId: '999001', outcome: 'inserted' },
    ]);
  });

  it('folds deliveries of one new ticket arriving at the same time one after the other', async () => {
    // A reopened ticket's whole story, under a new id, sent as concurrent requests in reverse order.
    const truth = generated.truth.find((t) => t.reopenCount > 0 && t.agentIndex !== null)!;
    const story = generated.webhooks
      .filter((w) => (w['detail'] as { id: string }).id === truth.externalId)
      .map((w) => ({ ...w, id: `${w['id'] as string}-copy`, detail: { ...(w['detail'] as object), id: '888001' } }));
    const answers = await Promise.all(
      [...story].reverse().map((delivery) => hook(hooked.tenant.tokens.DIRECTOR, delivery)),
    );
    expect(answers.map((a) => a.status)).toEqual(story.map(() => 200));
    const [row] = await api.sql<{ first_response_at: Date; resolved_at: Date; reopen_count: number; status: string }>(
      `SELECT first_response_at, resolved_at, reopen_count, status FROM interactions WHERE tenant_id = $1 AND source = 'zendesk' AND external_id = '888001'`,
      [hooked.tenant.tenantId],
    );
    expect(row).toEqual({
      first_response_at: new Date(truth.firstResponseAt!),
      resolved_at: new Date(truth.resolvedAt!),
      reopen_count: truth.reopenCount,
      status: 'RESOLVED',
    });
  });

  it('answers 401 without a valid token and 400 naming the field of a malformed body, never a stack trace', async () => {
    const delivery = generated.webhooks[0]!;
    expect(await hook(null, delivery)).toMatchObject({
      status: 401,
      body: { errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] },
    });
    expect((await hook('not-a-token', delivery)).status).toBe(401);
    expect(await hook(hooked.tenant.tokens.AGENT, delivery)).toMatchObject({ status: 403 });
    const noId = await hook(hooked.tenant.tokens.DIRECTOR, {
      ...delivery,
      detail: { ...(delivery['detail'] as object), id: undefined },
    });
    expect(noId.status).toBe(400);
    expect(noId.body['errors'][0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'detail.id' } });
    const notJson = await hook(hooked.tenant.tokens.DIRECTOR, '{"type": ');
    expect(notJson.status).toBe(400);
    for (const answer of [noId, notJson]) expect(JSON.stringify(answer.body)).not.toMatch(/\bat \/|\.ts:\d+/);
  });

  it('lists the mappings to admins and directors only, and unmaps with an audit entry', async () => {
    const list = await api.gql(
      `{ externalIdentities(kind: AGENT, first: 5) { totalCount edges { node { externalRef agentId } } pageInfo { hasNextPage } } }`,
      {},
      hooked.tenant.tokens.DIRECTOR,
    );
    expect(list.data!['externalIdentities']).toMatchObject({ totalCount: AGENTS + 1, pageInfo: { hasNextPage: true } });
    expect(list.data!['externalIdentities'].edges[0].node.externalRef).toBe('zendesk:user:361000');
    const denied = await api.gql(`{ externalIdentities { totalCount } }`, {}, hooked.tenant.tokens.COORDINATOR);
    expect(denied.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    const unmap = `mutation($input: UnmapExternalIdentityInput!) { unmapExternalIdentity(input: $input) { removed { externalRef } } }`;
    const removed = await api.gql(
      unmap,
      { input: { kind: 'AGENT', externalRef: 'zendesk:user:999' } },
      hooked.tenant.tokens.ADMIN,
    );
    expect(removed.data!['unmapExternalIdentity']).toEqual({ removed: { externalRef: 'zendesk:user:999' } });
    expect(
      (await api.gql(unmap, { input: { kind: 'AGENT', externalRef: 'zendesk:user:999' } }, hooked.tenant.tokens.ADMIN))
        .data!['unmapExternalIdentity'],
    ).toEqual({ removed: null });
    const wrongKind = await api.gql(
      MAP,
      { input: { kind: 'TEAM', externalRef: 'zendesk:group:1', agentId: hooked.agents[0]!.id } },
      hooked.tenant.tokens.ADMIN,
    );
    expect(wrongKind.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });
});
