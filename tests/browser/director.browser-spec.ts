import { readFileSync } from 'node:fs';
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

/** A director opens the KPI dashboard and drills down from a figure to the contacts behind it. */
describe('director', () => {
  let browser: ConsoleBrowser & { errors: string[] };

  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(() => browser.close());

  it('lands on the dashboard with the three demo teams side by side, alerts and the trend', async () => {
    const { page } = browser;
    await signIn(page, 'director@demo.test');
    await page.getByRole('heading', { level: 1, name: 'KPI dashboard' }).waitFor();
    await settled(page);
    const table = page.getByTestId('kpi-table');
    for (const team of ['Istanbul Care', 'Baku Billing', 'Warsaw Tech'])
      await table.getByRole('columnheader', { name: team }).waitFor();
    // The demo targets: Baku Billing misses CSAT, Istanbul Care misses the service level.
    const alerts = page.getByTestId('kpi-alerts');
    await alerts.getByText(/Baku Billing: CSAT/).waitFor();
    await alerts.getByText(/Istanbul Care: Service level/).waitFor();
    await page.getByRole('img', { name: /Weekly trend of CSAT/ }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'director');
  });

  it('downloads the teams’ figures as CSV, the same as the dashboard shows', async () => {
    const { page } = browser;
    const figure = Number(
      (await page.getByRole('link', { name: 'Contacts of Istanbul Care: see the contacts' }).innerText()).replace(
        /\D/g,
        '',
      ),
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^kpis-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const [header, ...lines] = text.trim().split(/\r?\n/);
    const columns = header!.split(',');
    const [team] = await sql<{ id: string }>(`SELECT id FROM teams WHERE tenant_id = $1 AND name = 'Istanbul Care'`, [
      await demoTenantId(),
    ]);
    const row = lines.map((l) => l.split(',')).find((cells) => cells[columns.indexOf('team_id')] === team!.id)!;
    expect(Number(row[columns.indexOf('CONTACTS')])).toBe(figure);
  });

  it('drills down from Istanbul Care’s contacts figure to the same contacts, as stored', async () => {
    const { page } = browser;
    const link = page.getByRole('link', { name: 'Contacts of Istanbul Care: see the contacts' });
    const figure = Number((await link.innerText()).replace(/\D/g, ''));
    await link.click();
    await page.getByRole('heading', { level: 1, name: 'Contacts' }).waitFor();
    await settled(page);
    const url = new URL(page.url());
    const total = Number((await page.getByTestId('contacts-total').innerText()).replace(/\D/g, ''));
    expect(total).toBe(figure);
    const [stored] = await sql<{ count: number }>(
      `SELECT count(*)::int AS count FROM interactions i JOIN teams t ON t.tenant_id = i.tenant_id AND t.id = i.team_id
        WHERE i.tenant_id = $1 AND t.name = 'Istanbul Care' AND i.created_at >= $2 AND i.created_at < $3`,
      [await demoTenantId(), url.searchParams.get('from'), url.searchParams.get('to')],
    );
    expect(stored!.count).toBe(total);
    const rows = page.getByTestId('contacts-table').locator('tbody tr');
    expect(await rows.count()).toBe(50);
    await expectTeamOnly(rows, 'Istanbul Care');
    await page.getByRole('button', { name: 'Load more' }).click();
    await settled(page);
    expect(await page.locator('[data-testid=contacts-table] tbody tr').count()).toBe(100);
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('passes the accessibility check on every screen it can open', async () => {
    const { page } = browser;
    for (const screen of [
      'Schedule board',
      'Staffing',
      'Requests',
      'Mentoring',
      'Modules and paths',
      'Assignments',
      'Completion reports',
      'Users and roles',
    ]) {
      await openScreen(page, screen);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect({ screen, problems: await accessibilityProblems(page) }).toEqual({ screen, problems: [] });
    }
    expect(browser.errors).toEqual([]);
  });
});

async function expectTeamOnly(rows: import('playwright-core').Locator, team: string): Promise<void> {
  const teams = await rows.locator('td:nth-child(2)').allInnerTexts();
  expect([...new Set(teams)]).toEqual([team]);
}
