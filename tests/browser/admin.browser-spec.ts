import { createServer, IncomingMessage } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  accessibilityProblems,
  ConsoleBrowser,
  consoleUrl,
  demoTenantId,
  gqlAs,
  openBrowser,
  openScreen,
  saveScreenshot,
  settled,
  signIn,
  sql,
} from './support/browser';

/** An admin sees the organisation's users and adds one. */
describe('admin', () => {
  let browser: ConsoleBrowser & { errors: string[] };

  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(() => browser.close());

  it('lands on users and roles and adds a trainer', async () => {
    const { page } = browser;
    await signIn(page, 'admin@demo.test');
    await page.getByRole('heading', { level: 1, name: 'Users and roles' }).waitFor();
    await settled(page);
    await page.getByTestId('users').getByText('director@demo.test').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'admin');

    await page.getByRole('textbox', { name: 'Email' }).fill('second.trainer@demo.test');
    await page.getByRole('textbox', { name: 'Name' }).fill('Aylin Kaya');
    await page.getByRole('textbox', { name: 'Password' }).fill('a long enough password');
    await page.getByRole('combobox', { name: 'Role', exact: true }).selectOption('TRAINER');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByText('second.trainer@demo.test can now sign in.').waitFor();
    await page.getByTestId('users').getByText('Aylin Kaya').waitFor();
    const stored = await sql<{ role: string; display_name: string }>(
      `SELECT role, display_name FROM users WHERE tenant_id = $1 AND email = 'second.trainer@demo.test'`,
      [await demoTenantId()],
    );
    expect(stored).toEqual([{ role: 'TRAINER', display_name: 'Aylin Kaya' }]);
    expect(browser.errors).toEqual([]);
  });

  it('changes a role, deactivates and reactivates a user', async () => {
    const { page } = browser;
    const tenantId = await demoTenantId();
    const who = 'second.trainer@demo.test';
    await page.getByRole('combobox', { name: `Role of ${who}` }).selectOption('COORDINATOR');
    await page.getByText(`${who} has a new role; their sessions have ended.`).waitFor();
    const user = async () =>
      (
        await sql<{ role: string; deactivated: boolean }>(
          `SELECT role, deactivated_at IS NOT NULL AS deactivated FROM users WHERE tenant_id = $1 AND email = $2`,
          [tenantId, who],
        )
      )[0];
    expect(await user()).toEqual({ role: 'COORDINATOR', deactivated: false });

    await page.getByRole('button', { name: `Deactivate ${who}` }).click();
    await page.getByText(`${who} can no longer sign in; their sessions have ended.`).waitFor();
    expect(await user()).toEqual({ role: 'COORDINATOR', deactivated: true });
    await page.getByRole('button', { name: `Reactivate ${who}` }).click();
    await page.getByText(`${who} can sign in again.`).waitFor();
    expect(await user()).toEqual({ role: 'COORDINATOR', deactivated: false });
    expect(browser.errors).toEqual([]);
  });

  it('creates an API token that an integration can use once, and revokes it', async () => {
    const { page } = browser;
    await openScreen(page, 'API tokens');
    await page.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor();
    await page.getByRole('textbox', { name: 'Name' }).fill('Zendesk webhook');
    await page.getByRole('combobox', { name: 'Role', exact: true }).selectOption('DIRECTOR');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByText('Token “Zendesk webhook” created').waitFor();
    const token = (await page.getByTestId('new-token').textContent())!.trim();
    expect(await accessibilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'admin-api-tokens');

    // The integration's view: the token is a bearer credential with the role chosen.
    const asIntegration = async () => {
      const response = await fetch(`${consoleUrl()}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ teams(first: 1) { totalCount } }' }),
      });
      return (await response.json()) as {
        data?: { teams: { totalCount: number } };
        errors?: { extensions: { code: string } }[];
      };
    };
    expect((await asIntegration()).data?.teams.totalCount).toBeGreaterThan(0);
    const stored = await sql<{ role: string }>(
      `SELECT role FROM api_tokens WHERE tenant_id = $1 AND name = 'Zendesk webhook'`,
      [await demoTenantId()],
    );
    expect(stored).toEqual([{ role: 'DIRECTOR' }]);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Revoke Zendesk webhook' }).click();
    await page.getByTestId('api-tokens').getByText('Revoked').waitFor();
    expect((await asIntegration()).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(browser.errors).toEqual([]);
  });

  it('adds a webhook endpoint that receives a signed event, shows the delivery, and deletes it', async () => {
    const { page } = browser;
    // The receiver an admin would run: answers 204 and keeps what it got.
    const received: { headers: IncomingMessage['headers']; body: string }[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/deskforce`;
    try {
      await openScreen(page, 'Webhooks');
      await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
      await page.getByRole('textbox', { name: 'URL' }).fill(url);
      await page.getByRole('checkbox', { name: 'Time off decided' }).check();
      await page.getByRole('button', { name: 'Add endpoint' }).click();
      await page.getByText(`Endpoint ${url} added`).waitFor();
      expect((await page.getByTestId('webhook-secret').textContent())!.trim()).not.toBe('');
      expect(await accessibilityProblems(page)).toEqual([]);
      await saveScreenshot(page, 'admin-webhooks');

      // An agent asks for a day off; the coordinator declines: the endpoint hears of it.
      const me = await gqlAs<{ me: { agent: { id: string } } }>('agent@demo.test', '{ me { agent { id } } }');
      const day = new Date(Date.now() + 60 * 86_400_000);
      const asked = await gqlAs<{ requestTimeOff: { request: { id: string } } }>(
        'agent@demo.test',
        'mutation($input: RequestTimeOffInput!) { requestTimeOff(input: $input) { request { id } } }',
        {
          input: {
            type: 'VACATION',
            startsAt: day.toISOString(),
            endsAt: new Date(day.getTime() + 86_400_000).toISOString(),
            note: 'webhook test',
          },
        },
      );
      expect(me.me.agent.id).toBeTruthy();
      await gqlAs(
        'coordinator@demo.test',
        'mutation($input: DenyTimeOffInput!) { denyTimeOff(input: $input) { request { id } } }',
        {
          input: { requestId: asked.requestTimeOff.request.id, reason: 'Peak week' },
        },
      );
      await page.getByRole('button', { name: 'Deliveries' }).click();
      await page.getByTestId('webhook-deliveries').getByText('Delivered').waitFor({ timeout: 30_000 });
      expect(received).toHaveLength(1);
      expect(received[0]!.headers['deskforce-event']).toBe('timeoff.decided');
      expect(received[0]!.headers['deskforce-signature']).toMatch(/\S/);
      expect(JSON.parse(received[0]!.body)).toMatchObject({ event: 'timeoff.decided' });

      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: `Delete ${url}` }).click();
      await page.getByTestId('webhook-endpoints').getByText(url).waitFor({ state: 'detached' });
      expect(
        await sql(`SELECT 1 FROM webhook_endpoints WHERE tenant_id = $1 AND url = $2`, [await demoTenantId(), url]),
      ).toEqual([]);
      expect(browser.errors).toEqual([]);
    } finally {
      receiver.close();
    }
  });

  it('sets an organisation-wide labor rule and puts it back', async () => {
    const { page } = browser;
    await openScreen(page, 'Organisation');
    await page.getByRole('heading', { level: 1, name: 'Organisation settings' }).waitFor();
    await page.getByText('Organisation: Demo Support Co').waitFor();
    const enforcement = page.getByRole('combobox', { name: 'Enforcement of Minimum rest' });
    const before = await enforcement.inputValue();
    const stored = async () =>
      sql<{ enforcement: string }>(
        `SELECT enforcement FROM labor_rule_settings WHERE tenant_id = $1 AND team_id IS NULL AND rule = 'MIN_REST'`,
        [await demoTenantId()],
      );
    const other = before === 'SOFT' ? 'HARD' : 'SOFT';
    await enforcement.selectOption(other);
    const row = page.getByTestId('labor-rules').getByRole('row', { name: /Minimum rest/ });
    await row.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Minimum rest saved; new changes are judged by it.').waitFor();
    expect(await stored()).toEqual([{ enforcement: other }]);
    expect(await accessibilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'admin-settings');

    await enforcement.selectOption(before);
    await row.getByRole('button', { name: 'Save' }).click();
    // Saved and read back: nothing left to save on the row.
    await row.locator('button:disabled', { hasText: 'Save' }).waitFor();
    expect(await stored()).toEqual([{ enforcement: before }]);
    expect(browser.errors).toEqual([]);
  });
});
