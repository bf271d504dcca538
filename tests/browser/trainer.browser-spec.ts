import {
  accessibilityProblems,
  ConsoleBrowser,
  demoTenantId,
  openBrowser,
  openScreen,
  saveScreenshot,
  settled,
  signIn,
  sql,
} from './support/browser';

/** A trainer assigns the onboarding path to Istanbul Care and follows it in the assignments and reports. */
describe('trainer', () => {
  let browser: ConsoleBrowser & { errors: string[] };
  let tenantId: string;

  beforeAll(async () => {
    browser = await openBrowser();
    tenantId = await demoTenantId();
  });
  afterAll(() => browser.close());

  const pathAssignments = () =>
    sql<{ count: number }>(
      `SELECT count(*)::int AS count FROM training_assignments ta
         JOIN learning_paths p ON p.tenant_id = ta.tenant_id AND p.id = ta.path_id
         JOIN teams t ON t.tenant_id = ta.tenant_id AND t.id = ta.team_id
        WHERE ta.tenant_id = $1 AND p.name = 'Onboarding — Billing' AND t.name = 'Istanbul Care'`,
      [tenantId],
    );

  it('lands on modules and paths and assigns the onboarding path to Istanbul Care', async () => {
    const { page } = browser;
    await signIn(page, 'trainer@demo.test');
    await page.getByRole('heading', { level: 1, name: 'Modules and paths' }).waitFor();
    await settled(page);
    await page.getByTestId('paths').getByText('Onboarding — Billing').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'trainer');
    expect((await pathAssignments())[0]!.count).toBe(0);

    await page.getByRole('combobox', { name: 'Path' }).selectOption({ label: 'Onboarding — Billing' });
    await page.getByRole('combobox', { name: 'Team' }).selectOption({ label: 'Istanbul Care' });
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    const message = await page.getByTestId('training-message').filter({ hasText: 'assignments created' }).innerText();
    const [created, already] = (/(\d+) assignments created, (\d+) already there/.exec(message) ?? [])
      .slice(1)
      .map(Number);
    // 14 agents × 4 modules; the card data policy was already assigned to the team by the demo.
    expect({ created, already }).toEqual({ created: 42, already: 14 });
    expect((await pathAssignments())[0]!.count).toBe(42);
  });

  it('follows the assignments and the completion report', async () => {
    const { page } = browser;
    await openScreen(page, 'Assignments');
    await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Assigned' });
    await page.getByRole('combobox', { name: 'Team' }).selectOption({ label: 'Istanbul Care' });
    await settled(page);
    await page.getByTestId('assignments').getByText('Onboarding — Billing').first().waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await openScreen(page, 'Completion reports');
    await page.getByTestId('completion-report').getByRole('rowheader', { name: 'Istanbul Care' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.locator('label', { hasText: 'By path' }).click();
    await page.getByTestId('completion-report').getByRole('rowheader', { name: 'Onboarding — Billing' }).waitFor();
    expect(browser.errors).toEqual([]);
  });
});
