import { DateTime } from 'luxon';
import tr from '../../apps/console/src/i18n/locales/tr.json';
import {
  accessibilityProblems,
  ConsoleBrowser,
  demoTenantId,
  gqlAs,
  openBrowser,
  openScreen,
  saveScreenshot,
  settled,
  signIn,
  sql,
} from './support/browser';

/**
 * The demo agent (Istanbul Care) signs in in Turkish, sees their schedule, asks for time off (and is told
 * when they ask twice), withdraws it, asks again, and proposes a swap for a teammate's shift.
 */
describe('agent', () => {
  let browser: ConsoleBrowser & { errors: string[] };
  let tenantId: string;
  let agentId: string;

  beforeAll(async () => {
    browser = await openBrowser();
    tenantId = await demoTenantId();
    [{ id: agentId }] = (await sql<{ id: string }>(
      `SELECT a.id FROM agents a JOIN users u ON u.tenant_id = a.tenant_id AND u.id = a.user_id WHERE a.tenant_id = $1 AND u.email = 'agent@demo.test'`,
      [tenantId],
    )) as [{ id: string }];
    // Arrange: Istanbul Care's drafts for next week are published, so the agent and teammates have
    // upcoming published shifts to swap whatever the weekday the tests run on.
    const [team] = await sql<{ id: string }>(`SELECT id FROM teams WHERE tenant_id = $1 AND name = 'Istanbul Care'`, [
      tenantId,
    ]);
    const monday = DateTime.now().setZone('Europe/Istanbul').startOf('week').plus({ weeks: 1 });
    await gqlAs(
      'coordinator@demo.test',
      `mutation($input: PublishScheduleInput!) { publishSchedule(input: $input) { publishedCount } }`,
      {
        input: { teamId: team!.id, from: monday.toISO(), to: monday.plus({ weeks: 1 }).toISO() },
      },
    );
  });
  afterAll(() => browser.close());

  const allRequests = () =>
    sql<{ id: string; status: string; starts_at: Date; ends_at: Date; note: string }>(
      `SELECT id, status, starts_at, ends_at, note FROM time_off_requests WHERE tenant_id = $1 AND agent_id = $2 ORDER BY created_at`,
      [tenantId, agentId],
    );

  it('signs in in Turkish, lands on their schedule, and the choice is remembered', async () => {
    const { page } = browser;
    await signIn(page, 'agent@demo.test', 'tr');
    await page.getByRole('heading', { level: 1, name: tr.mySchedule.title }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: tr.nav.timeOff }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('tr');
    await page.getByRole('button', { name: tr.signOut }).click();
    await page.getByRole('heading', { level: 1, name: tr.signIn.title }).waitFor();
    await signIn(page, 'agent@demo.test');
    await page.getByRole('heading', { level: 1, name: tr.mySchedule.title }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    // The API keeps the choice for the user (any browser), and a reload keeps the session (the refresh cookie).
    expect(
      await sql(`SELECT locale FROM users WHERE tenant_id = $1 AND email = 'agent@demo.test'`, [tenantId]),
    ).toEqual([{ locale: 'tr' }]);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: tr.mySchedule.title }).waitFor();
    // Back to English for the rest of the run (remembered for this user too).
    await page.getByRole('combobox', { name: tr.language }).selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'My schedule' }).waitFor();
    await settled(page);
    await page.getByTestId('my-shifts').first().waitFor();
    await saveScreenshot(page, 'agent');
  });

  it('asks for two days off, is told a second request is a duplicate, withdraws it and asks again', async () => {
    const { page } = browser;
    // Only this test's requests: another spec (the admin's webhook test) may have asked for days off as this agent.
    const earlier = new Set((await allRequests()).map((r) => r.id));
    const requests = async () => (await allRequests()).filter((r) => !earlier.has(r.id));
    await openScreen(page, 'Time off');
    const first = DateTime.now().setZone('Europe/Istanbul').plus({ days: 40 }).startOf('day');
    await page.getByLabel('First day').fill(first.toISODate()!);
    await page.getByLabel('Last day').fill(first.plus({ days: 1 }).toISODate()!);
    await page.getByRole('textbox', { name: 'Note' }).fill('Family wedding');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByTestId('time-off-message').filter({ hasText: 'Request sent' }).waitFor();
    await page.getByTestId('my-time-off').getByText('Pending').first().waitFor();
    const [stored] = await requests();
    expect(stored).toMatchObject({ status: 'PENDING', note: 'Family wedding' });
    expect(stored!.starts_at.toISOString()).toBe(first.toUTC().toISO());
    expect(stored!.ends_at.toISOString()).toBe(first.plus({ days: 2 }).toUTC().toISO());

    await page.getByRole('button', { name: 'Send request' }).click();
    await page
      .getByTestId('time-off-message')
      .filter({ hasText: 'You already have a pending request over those days.' })
      .waitFor();
    expect(await requests()).toHaveLength(1);

    await page.getByRole('button', { name: 'Cancel request' }).click();
    await page.getByTestId('time-off-message').filter({ hasText: 'Request cancelled.' }).waitFor();
    expect((await requests()).map((r) => r.status)).toEqual(['CANCELLED']);
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByTestId('time-off-message').filter({ hasText: 'Request sent' }).waitFor();
    expect((await requests()).map((r) => r.status)).toEqual(['CANCELLED', 'PENDING']);
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('proposes a swap for a teammate’s published shift, giving one of theirs', async () => {
    const { page } = browser;
    await openScreen(page, 'Swap board');
    const row = page.getByTestId('open-shifts').locator('tbody tr').first();
    await row.waitFor();
    const teammate = await row.locator('td').first().innerText();
    await row.getByRole('button', { name: 'Propose swap' }).click();
    await page
      .getByTestId('swap-message')
      .filter({ hasText: `Swap proposed to ${teammate}.` })
      .waitFor();
    await page.getByTestId('my-swaps').getByText(`You asked ${teammate}`).waitFor();
    const swaps = await sql<{
      status: string;
      target_name: string;
      requester_agent_id: string;
      target_shift_id: string | null;
    }>(
      `SELECT s.status, a.name AS target_name, s.requester_agent_id, s.target_shift_id FROM shift_swaps s
         JOIN agents a ON a.tenant_id = s.tenant_id AND a.id = s.target_agent_id WHERE s.tenant_id = $1 AND s.requester_agent_id = $2`,
      [tenantId, agentId],
    );
    expect(swaps).toEqual([
      { status: 'PROPOSED', target_name: teammate, requester_agent_id: agentId, target_shift_id: expect.any(String) },
    ]);
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('passes the accessibility check on its training and scorecard', async () => {
    const { page } = browser;
    for (const screen of ['My training', 'Scorecard']) {
      await openScreen(page, screen);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect({ screen, problems: await accessibilityProblems(page) }).toEqual({ screen, problems: [] });
    }
    await page.getByTestId('scorecard').getByText('CSAT').first().waitFor();
    expect(browser.errors).toEqual([]);
  });
});
