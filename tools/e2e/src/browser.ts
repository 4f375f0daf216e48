import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { WORKSPACE_ROOT } from './api-server';

/** CI output (gitignored under reports/); two of them are copied to docs/screenshots for the README. */
export const SCREENSHOT_DIR = path.join(WORKSPACE_ROOT, 'reports/e2e/screenshots');
const DOCS_SCREENSHOT_DIR = path.join(WORKSPACE_ROOT, 'docs/screenshots');

export interface RunningBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Debian's Chromium (never a downloaded browser), headless, on a fresh profile that is removed
 * afterwards. Each page of the context has its own sessionStorage (its own access token); the
 * context's cookies — the API's httpOnly refresh cookie — give a new page the signed-in session.
 */
export async function startBrowser(): Promise<RunningBrowser> {
  const profile = await mkdtemp(path.join(tmpdir(), 'maestro-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1280, height: 900 },
    locale: 'fi-FI',
    timezoneId: 'Europe/Helsinki',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(20_000);
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * A new tab, logged in through the login page as a person does; `viewport` makes it a narrow task pane.
 * The browser's earlier session (its refresh cookie, which would open a new tab signed in as whoever
 * logged in last) is forgotten first.
 */
export async function loggedInPage(context: BrowserContext, baseUrl: string, username: string, password: string, viewport?: { width: number; height: number }): Promise<Page> {
  await context.clearCookies();
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Käyttäjätunnus').fill(username);
  await page.getByLabel('Salasana').fill(password);
  await page.getByRole('button', { name: 'Kirjaudu', exact: true }).click();
  // The navigation is folded away in a narrow pane; Kirjaudu ulos is there at every width.
  await page.getByRole('button', { name: 'Kirjaudu ulos' }).waitFor();
  return page;
}

/** Saves the screen under reports/e2e/screenshots; `docsName` also copies it to docs/screenshots. */
export async function screenshot(page: Page, name: string, docsName?: string): Promise<void> {
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  // Fluent's motion settles in a few frames; the shot should not catch a dialog half-way.
  await page.waitForTimeout(300);
  // The shell is one screen high and its main area scrolls: grow the window to show the whole screen.
  const viewport = page.viewportSize() ?? { width: 1280, height: 900 };
  const needed = await page.evaluate(() => {
    const main = document.querySelector('main');
    return main ? main.scrollHeight + main.getBoundingClientRect().top : document.documentElement.scrollHeight;
  });
  const height = Math.min(Math.max(viewport.height, Math.ceil(needed)), 2400);
  if (height !== viewport.height) await page.setViewportSize({ width: viewport.width, height });
  await page.screenshot({ path: file, fullPage: true });
  if (height !== viewport.height) await page.setViewportSize(viewport);
  if (docsName) {
    await mkdir(DOCS_SCREENSHOT_DIR, { recursive: true });
    await copyFile(file, path.join(DOCS_SCREENSHOT_DIR, docsName));
  }
}

/** Pastes text into a field the way the clipboard does (a paste event with text/plain). */
export async function paste(field: Locator, text: string): Promise<void> {
  await field.focus();
  await field.evaluate((element, value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** The chips of a recipients field, as shown. */
export async function chipTexts(page: Page, label: string): Promise<string[]> {
  return page.getByRole('list', { name: label, exact: true }).getByRole('listitem').allTextContents();
}
