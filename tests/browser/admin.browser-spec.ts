import { accessibilityProblems, ConsoleBrowser, demoTenantId, openBrowser, saveScreenshot, settled, signIn, sql } from './support/browser';

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
    await page.getByRole('combobox', { name: 'Role' }).selectOption('TRAINER');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByText('second.trainer@demo.test can now sign in.').waitFor();
    await page.getByTestId('users').getByText('Aylin Kaya').waitFor();
    const stored = await sql<{ role: string; display_name: string }>(`SELECT role, display_name FROM users WHERE tenant_id = $1 AND email = 'second.trainer@demo.test'`, [await demoTenantId()]);
    expect(stored).toEqual([{ role: 'TRAINER', display_name: 'Aylin Kaya' }]);
    expect(browser.errors).toEqual([]);
  });
});
