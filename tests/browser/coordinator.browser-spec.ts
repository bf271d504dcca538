import { DateTime } from 'luxon';
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

/**
 * A coordinator generates next week's schedule for Baku Billing (replacing the demo's drafts), moves a
 * generated shift an hour later by dragging it, and publishes the week.
 */
describe('coordinator', () => {
  let browser: ConsoleBrowser & { errors: string[] };
  let tenantId: string;
  let teamId: string;
  const nextWeek = DateTime.now().setZone('Asia/Baku').startOf('week').plus({ weeks: 1 });
  const week = [nextWeek.toISO()!, nextWeek.plus({ weeks: 1 }).toISO()!];

  beforeAll(async () => {
    browser = await openBrowser();
    tenantId = await demoTenantId();
    [{ id: teamId }] = (await sql<{ id: string }>(
      `SELECT id FROM teams WHERE tenant_id = $1 AND name = 'Baku Billing'`,
      [tenantId],
    )) as [{ id: string }];
  });
  afterAll(() => browser.close());

  const shiftsOfWeek = () =>
    sql<{ id: string; status: string; starts_at: Date; version: number }>(
      `SELECT id, status, starts_at, version FROM shifts WHERE tenant_id = $1 AND team_id = $2 AND starts_at >= $3 AND starts_at < $4 AND status <> 'CANCELLED'`,
      [tenantId, teamId, ...week],
    );

  it('lands on the schedule board of the first team they coordinate, this week', async () => {
    const { page } = browser;
    await signIn(page, 'coordinator@demo.test');
    await page.getByRole('heading', { level: 1, name: 'Schedule board' }).waitFor();
    await settled(page);
    await page.getByRole('combobox', { name: 'Team' }).filter({ hasText: 'Baku Billing' }).waitFor();
    await page.getByTestId('schedule-board').locator('[data-status=PUBLISHED]').first().waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('generates next week with a live progress bar, replacing the drafts there', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Next week' }).click();
    await page
      .getByTestId('board-week')
      .filter({ hasText: nextWeek.toFormat('d') })
      .waitFor();
    await settled(page);
    const before = await shiftsOfWeek();
    expect(before.length).toBeGreaterThan(0); // the demo's drafts
    await page.getByRole('button', { name: 'Generate…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Solver time limit (seconds)' }).fill('8');
    expect(await dialog.getByRole('checkbox', { name: 'Replace this week’s drafts' }).isChecked()).toBe(true);
    expect(await accessibilityProblems(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Generate' }).click();
    const progress = page.getByTestId('job-progress');
    await progress.waitFor();
    await progress.getByTestId('job-status').filter({ hasText: 'Done' }).waitFor({ timeout: 120_000 });
    const result = await progress.getByTestId('job-result').innerText();
    const created = Number(/(\d+) draft shifts created/.exec(result)![1]);
    expect(created).toBeGreaterThan(0);
    await settled(page);

    const after = await shiftsOfWeek();
    expect(after.filter((s) => before.some((b) => b.id === s.id))).toEqual([]); // the old drafts are gone
    expect(after.filter((s) => s.status === 'DRAFT')).toHaveLength(created);
    await page
      .locator('[data-testid=schedule-board] [data-status=DRAFT]')
      .nth(created - 1)
      .waitFor();
  });

  it('moves a draft an hour later by dragging it', async () => {
    const { page } = browser;
    const bar = page.locator('[data-testid=schedule-board] [data-status=DRAFT] [aria-roledescription=shift]').first();
    const shiftId = (await bar.getAttribute('data-testid'))!.replace('shift-bar-', '');
    const [stored] = (await sql<{ starts_at: Date; ends_at: Date; version: number }>(
      `SELECT starts_at, ends_at, version FROM shifts WHERE tenant_id = $1 AND id = $2`,
      [tenantId, shiftId],
    )) as [{ starts_at: Date; ends_at: Date; version: number }];
    const cell = (await page.locator('[data-testid=schedule-board] [role=gridcell]').first().boundingBox())!;
    const hour = cell.width / 7 / 24;
    const box = (await bar.boundingBox())!;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + 6, y);
    await page.mouse.down();
    // Past the drag's activation distance first, then back to exactly one hour to the right.
    await page.mouse.move(box.x + 6 + 30, y, { steps: 5 });
    await page.mouse.move(box.x + 6 + hour, y, { steps: 5 });
    await page.mouse.up();
    await page.getByTestId('board-notice').filter({ hasText: 'Shift now' }).waitFor();

    const [moved] = (await sql<{ starts_at: Date; ends_at: Date; version: number }>(
      `SELECT starts_at, ends_at, version FROM shifts WHERE tenant_id = $1 AND id = $2`,
      [tenantId, shiftId],
    )) as [{ starts_at: Date; ends_at: Date; version: number }];
    expect(moved.starts_at.getTime() - stored.starts_at.getTime()).toBe(3_600_000);
    expect(moved.ends_at.getTime() - stored.ends_at.getTime()).toBe(3_600_000);
    expect(moved.version).toBe(stored.version + 1);
  });

  it('publishes the week', async () => {
    const { page } = browser;
    await settled(page);
    const drafts = (await shiftsOfWeek()).filter((s) => s.status === 'DRAFT').length;
    await page.getByRole('button', { name: /^Publish \d+ drafts?$/ }).click();
    await page
      .getByTestId('board-notice')
      .filter({ hasText: `${drafts} shifts published` })
      .waitFor();
    const after = await shiftsOfWeek();
    expect(after.filter((s) => s.status === 'DRAFT')).toEqual([]);
    expect(after.filter((s) => s.status === 'PUBLISHED')).toHaveLength(drafts);
    await settled(page);
    expect(await accessibilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'coordinator');
  });

  it('passes the accessibility check on its other screens', async () => {
    const { page } = browser;
    for (const screen of ['Staffing', 'Requests', 'Mentoring', 'KPI dashboard', 'Contacts']) {
      await openScreen(page, screen);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect({ screen, problems: await accessibilityProblems(page) }).toEqual({ screen, problems: [] });
    }
    expect(browser.errors).toEqual([]);
  });
});
