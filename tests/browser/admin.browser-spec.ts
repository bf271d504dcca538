import { accessibilityProblems, ConsoleBrowser, consoleUrl, demoTenantId, openBrowser, openScreen, saveScreenshot, settled, signIn, sql } from './support/browser';

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
    const stored = await sql<{ role: string; display_name: string }>(`SELECT role, display_name FROM users WHERE tenant_id = $1 AND email = 'second.trainer@demo.test'`, [await demoTenantId()]);
    expect(stored).toEqual([{ role: 'TRAINER', display_name: 'Aylin Kaya' }]);
    expect(browser.errors).toEqual([]);
  });

  it('changes a role, deactivates and reactivates a user', async () => {
    const { page } = browser;
    const tenantId = await demoTenantId();
    const who = 'second.trainer@demo.test';
    await page.getByRole('combobox', { name: `Role of ${who}` }).selectOption('COORDINATOR');
    await page.getByText(`${who} has a new role; their sessions have ended.`).waitFor();
    const user = async () => (await sql<{ role: string; deactivated: boolean }>(`SELECT role, deactivated_at IS NOT NULL AS deactivated FROM users WHERE tenant_id = $1 AND email = $2`, [tenantId, who]))[0];
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
      return (await response.json()) as { data?: { teams: { totalCount: number } }; errors?: { extensions: { code: string } }[] };
    };
    expect((await asIntegration()).data?.teams.totalCount).toBeGreaterThan(0);
    const stored = await sql<{ role: string }>(`SELECT role FROM api_tokens WHERE tenant_id = $1 AND name = 'Zendesk webhook'`, [await demoTenantId()]);
    expect(stored).toEqual([{ role: 'DIRECTOR' }]);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Revoke Zendesk webhook' }).click();
    await page.getByTestId('api-tokens').getByText('Revoked').waitFor();
    expect((await asIntegration()).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(browser.errors).toEqual([]);
  });
});
