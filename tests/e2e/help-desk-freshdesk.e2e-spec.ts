import { generateFreshdesk, VendorImporter } from '@deskforce/integrations';
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
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A Freshdesk account's history (generated tickets with stats, and satisfaction ratings) reaches Deskforce
 * through the import command in one organisation and through POST /hooks/freshdesk in another: the same
 * KPIs; Freshdesk's ratings become our CSAT with the same share of positive answers.
 */
describe('help desk: Freshdesk', () => {
  const TICKETS = 2000;
  const AGENTS = 12;
  const GROUPS = 3;
  const generated = generateFreshdesk({ seed: 7, tickets: TICKETS, agents: AGENTS, groups: GROUPS });
  let api: TestApp;
  let folder: string;
  let file: string;
  let ratingsFile: string;
  const MAP = `mutation($input: MapExternalIdentityInput!) { mapExternalIdentity(input: $input) { identity { externalRef } } }`;
  const WINDOW = { from: '2024-02-01T00:00:00Z', to: '2024-06-01T00:00:00Z' };
  const METRICS = [
    'CONTACTS',
    'FIRST_RESPONSE_TIME_MEAN',
    'FIRST_RESPONSE_TIME_P90',
    'UNANSWERED_CONTACTS',
    'RESOLUTION_TIME_MEAN',
    'RESOLUTION_TIME_MEDIAN',
    'RESOLUTION_RATE',
    'REOPEN_RATE',
  ];

  /** Freshdesk names agents and groups by number only: every one is mapped, but the twelfth agent when `skipLast`. */
  async function organisation(skipLast: boolean) {
    const tenant = await createTestTenant(api);
    const teams = [];
    for (let g = 0; g < GROUPS; g++) teams.push(await createTeam(api, tenant));
    const agents = [];
    for (let i = 0; i < AGENTS; i++) agents.push(await createAgent(api, tenant, teams[i % GROUPS]!.id));
    for (let g = 0; g < GROUPS; g++)
      await api.gql(
        MAP,
        { input: { kind: 'TEAM', externalRef: `freshdesk:group:${550000 + g}`, teamId: teams[g]!.id } },
        tenant.tokens.ADMIN,
      );
    for (let i = 0; i < AGENTS - (skipLast ? 1 : 0); i++) {
      await api.gql(
        MAP,
        { input: { kind: 'AGENT', externalRef: `freshdesk:agent:${440000 + i}`, agentId: agents[i]!.id } },
        tenant.tokens.ADMIN,
      );
    }
    return { tenant, agents };
  }

  async function kpis(tenant: TestTenant, metrics: string[], groupBy: string[] = []) {
    const report = await api.gql(KPIS_QUERY, { input: { ...WINDOW, metrics, groupBy } }, tenant.tokens.DIRECTOR);
    expect(report.errors).toBeUndefined();
    return report.data!['kpis'].rows as Parameters<typeof valuesOf>[0][];
  }

  beforeAll(async () => {
    api = await startTestApp();
    folder = await mkdtemp(join(tmpdir(), 'deskforce-freshdesk-'));
    file = join(folder, 'tickets.json');
    ratingsFile = join(folder, 'ratings.json');
    await writeFile(file, JSON.stringify(generated.pages));
    await writeFile(ratingsFile, JSON.stringify(generated.ratings));
  });
  afterAll(async () => {
    await api.close();
    await rm(folder, { recursive: true, force: true });
  });

  let cli: Awaited<ReturnType<typeof organisation>>;
  const ofAgent12 = generated.truth.filter((t) => t.agentIndex === AGENTS - 1).length;
  const ratingsOfAgent12 = generated.ratings.filter((r) => r['agent_id'] === 440000 + AGENTS - 1).length;

  it('imports tickets and ratings through the CLI, rejects an unmapped agent by name, and accepts it once mapped', async () => {
    cli = await organisation(true);
    const run = await runCli('import.ts', ['freshdesk', file, '--ratings', ratingsFile, '--tenant', cli.tenant.slug], {
      DATABASE_URL: api.config.databaseUrl,
      LOG_LEVEL: 'warn',
    });
    expect(run.stderr).not.toContain('Import failed');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${TICKETS - ofAgent12} inserted, 0 updated, 0 unchanged, ${ofAgent12} rejected`);
    expect(run.stdout).toContain(`${generated.ratings.length - ratingsOfAgent12} inserted`);
    const rejects = (await readFile(`${file}.rejected.csv`, 'utf8')).trim().split('\n');
    expect(rejects.slice(1).every((line) => line.includes('unknown agent freshdesk:agent:440011'))).toBe(true);

    await api.gql(
      MAP,
      { input: { kind: 'AGENT', externalRef: 'freshdesk:agent:440011', agentId: cli.agents[AGENTS - 1]!.id } },
      cli.tenant.tokens.ADMIN,
    );
    const again = await api.app.get(VendorImporter).import({
      tenantId: cli.tenant.tenantId,
      vendor: 'freshdesk',
      file,
      ratingsFile,
    });
    expect(again.tickets).toMatchObject({ inserted: ofAgent12, unchanged: TICKETS - ofAgent12, rejected: 0 });
    expect(again.surveys).toMatchObject({ inserted: ratingsOfAgent12, rejected: 0 });

    // Freshdesk's positive answers (101–103) are exactly our satisfied (4–5).
    const [row] = await kpis(cli.tenant, ['CSAT']);
    const positive = generated.ratings.filter(
      (r) => ((r['ratings'] as { default_question: number }).default_question as number) > 100,
    ).length;
    expect(valuesOf(row!)['CSAT']).toEqual({
      value: expect.closeTo((100 * positive) / generated.ratings.length, 6) as number,
      sampleSize: generated.ratings.length,
    });
  });

  it('takes the same tickets through POST /hooks/freshdesk to the same KPIs, and ignores an older version', async () => {
    const hooked = await organisation(false);
    const url = api.url.replace('/graphql', '/hooks/freshdesk');
    const post = async (body: unknown) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${hooked.tenant.tokens.DIRECTOR}` },
        body: JSON.stringify(body),
      });
      return {
        status: response.status,
        body: (await response.json()) as { inserted: number; rejected: number; results: unknown[] },
      };
    };
    let inserted = 0;
    for (const page of generated.pages) {
      const answer = await post(page);
      expect(answer.status).toBe(200);
      expect(answer.body.rejected).toBe(0);
      inserted += answer.body.inserted;
    }
    expect(inserted).toBe(TICKETS);
    const grouped = async (tenant: TestTenant) =>
      Object.fromEntries((await kpis(tenant, METRICS, ['CHANNEL'])).map((r) => [r.group.channel, valuesOf(r)]));
    expect(await grouped(hooked.tenant)).toEqual(await grouped(cli.tenant));

    const ticket = generated.pages[0]![0]!;
    const older = { ...ticket, status: 2, updated_at: '2020-01-01T00:00:00Z' };
    expect((await post(older)).body).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 1,
      results: [{ outcome: 'unchanged', ticketId: String(ticket['id']) }],
    });
    const malformed = await post({ ...ticket, status: 'open' });
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).toContain('"field":"status"');
  });

  it('imports any other system through a mapping file: header checked, rows rejected by column, unknown agents by email', async () => {
    const fixtures = join(__dirname, '../../libs/integrations/src/lib/connectors/fixtures');
    const contacts = join(folder, 'phonebox.csv');
    const mappingFile = join(folder, 'phonebox.json');
    await copyFile(join(fixtures, 'generic-contacts.csv'), contacts);
    await copyFile(join(fixtures, 'generic-mapping.json'), mappingFile);
    const tenant = await createTestTenant(api);
    const team = await createTeam(api, tenant);
    await createAgent(api, tenant, team.id, { email: 'ana.lopez@example.test' });
    const ben = await createAgent(api, tenant, team.id, { email: 'b.okafor@example.test' });
    for (const queue of ['Q1', 'Q2'])
      await api.gql(
        MAP,
        { input: { kind: 'TEAM', externalRef: `phonebox:group:${queue}`, teamId: team.id } },
        tenant.tokens.ADMIN,
      );

    const run = await runCli('import.ts', ['mapping', contacts, '--mapping', mappingFile, '--tenant', tenant.slug], {
      DATABASE_URL: api.config.databaseUrl,
      LOG_LEVEL: 'warn',
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2 inserted, 0 updated, 0 unchanged, 3 rejected');
    expect(await readFile(`${contacts}.rejected.csv`, 'utf8')).toBe(
      'line,field,message\n' +
        '4,agent,"ticket C-102: unknown agent email:ben.okafor@example.test (ben.okafor@example.test): map it to a Deskforce agent, then re-send"\n' +
        '5,Started,"ticket C-103: ""16/04/2024 25:00:00"" is not a date in the format dd/MM/yyyy HH:mm:ss (Europe/Paris)"\n' +
        '6,Type,"ticket C-104: ""Fax"" has no mapping (add it to the mapping\'s values)"\n',
    );
    // Ben's Deskforce email differs from the phone system's: map the email reference.
    await api.gql(
      MAP,
      { input: { kind: 'AGENT', externalRef: 'email:Ben.Okafor@example.test', agentId: ben.id } },
      tenant.tokens.ADMIN,
    );
    const again = await api.app.get(VendorImporter).import({
      tenantId: tenant.tenantId,
      vendor: 'mapping',
      mapping: JSON.parse(await readFile(mappingFile, 'utf8')),
      file: contacts,
    });
    expect(again.tickets).toMatchObject({ inserted: 1, unchanged: 2, rejected: 2 });
    const stored = await api.sql<{ external_id: string; channel: string; status: string }>(
      `SELECT external_id, channel, status FROM interactions WHERE tenant_id = $1 ORDER BY external_id`,
      [tenant.tenantId],
    );
    expect(stored).toEqual([
      { external_id: 'C-100', channel: 'PHONE', status: 'RESOLVED' },
      { external_id: 'C-101', channel: 'VOICEMAIL', status: 'OPEN' }, // stored natively since the channels widened
      { external_id: 'C-102', channel: 'PHONE', status: 'ESCALATED' },
    ]);

    const broken = join(folder, 'broken.json');
    await writeFile(
      broken,
      JSON.stringify({
        version: 1,
        source: 'phonebox',
        fields: {
          externalId: { column: 'Nope' },
          createdAt: { column: 'Started' },
          channel: { column: 'Type' },
          status: { column: 'Outcome' },
        },
      }),
    );
    const refused = await runCli('import.ts', ['mapping', contacts, '--mapping', broken, '--tenant', tenant.slug], {
      DATABASE_URL: api.config.databaseUrl,
      LOG_LEVEL: 'warn',
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('fields.externalId.column: column "Nope" is not in the file\'s header');
  });
});
