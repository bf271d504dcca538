import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { BrowserContext, chromium, Page } from 'playwright-core';

export const DEMO_PASSWORD = 'deskforce-demo';
const SCREENSHOTS = join(__dirname, '../../../docs/screenshots');

export function consoleUrl(): string {
  const url = process.env['DESKFORCE_CONSOLE_URL'];
  if (!url) throw new Error('The browser tests’ global setup did not start the console server.');
  return url;
}

export interface ConsoleBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * Debian's Chromium (never a downloaded browser) with a fresh profile, headless, without the background
 * traffic a desktop browser makes. Console errors fail the test that saw them (see `errors`).
 */
export async function openBrowser(): Promise<ConsoleBrowser & { errors: string[] }> {
  const profile = mkdtempSync(join(tmpdir(), 'deskforce-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: { width: 1440, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/Istanbul',
  });
  context.setDefaultTimeout(20_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the sign-in page, optionally choosing the language there first. */
export async function signIn(page: Page, email: string, language?: string): Promise<void> {
  await page.goto(consoleUrl());
  await page.getByRole('heading', { level: 1 }).waitFor();
  if (language) await page.locator('select').selectOption(language);
  await page.locator('input[type=email]').fill(email);
  await page.locator('input[type=password]').fill(DEMO_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.getByRole('navigation').waitFor();
}

/** Waits until no loader is shown (every screen shows one while its queries run). */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page
    .locator('[aria-busy="true"]')
    .first()
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
}

/** Opens a screen from the navigation by its label. */
export async function openScreen(page: Page, label: string | RegExp): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: label }).click();
  await settled(page);
}

/** axe-core on the page as it is (WCAG 2.1 A and AA rules): the serious and critical violations. */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(' ')} ${(n.any[0]?.message ?? '').slice(0, 140)}`)
          .join('; ')}`,
    );
}

/** The screenshot the README shows for a role. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/** SQL on the console server's database, for assertions about what the clicks stored. */
export async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: process.env['DESKFORCE_CONSOLE_DATABASE_URL'] });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

export async function demoTenantId(): Promise<string> {
  const [row] = await sql<{ id: string }>(`SELECT id FROM tenants WHERE slug = 'demo'`);
  return row!.id;
}

/** Calls the API as a demo user (arranging data that is not what a test clicks through). */
export async function gqlAs<T = Record<string, unknown>>(
  email: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const post = async (body: unknown, token?: string) => {
    const response = await fetch(`${consoleUrl()}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  };
  const login = await post({
    query: `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`,
    variables: { input: { email, password: DEMO_PASSWORD } },
  });
  const token = (login.data!['login'] as { accessToken: string }).accessToken;
  const result = await post({ query, variables }, token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data as T;
}
