import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, graphql, login, startApi, type RunningApi } from '../src/api-server';
import { loggedInPage, startBrowser, type RunningBrowser } from '../src/browser';

// The strict Content-Security-Policy in a real browser: the add-in and the bundled GraphiQL playground
// work under it without a single violation, and a file a user uploaded never runs in the app's origin.

let api: RunningApi;
let browser: RunningBrowser;

beforeAll(async () => {
  [api, browser] = await Promise.all([startApi(), startBrowser()]);
  // Every page records what the policy blocked (the init script runs before the page's own).
  await browser.context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`));
  });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

/** What the policy blocked on the page, plus Chromium's own console reports of it. */
function watchViolations(page: Page): () => Promise<string[]> {
  const console: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) console.push(message.text());
  });
  return async () => [...console, ...(await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []))];
}

describe('the strict Content-Security-Policy in Chromium', () => {
  it('is sent with the add-in and the playground, with no inline or blob: script and frame-ancestors self', async () => {
    for (const path of ['/', '/graphql']) {
      const response = await fetch(`${api.url}${path}`, { headers: { accept: 'text/html' } });
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*(unsafe-inline|unsafe-eval|blob:|data:)/);
      expect(csp).toContain("frame-ancestors 'self'");
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('lets the add-in run its screens without a violation', async () => {
    const page = await loggedInPage(browser.context, api.url, 'admin', ADMIN_PASSWORD);
    const violations = watchViolations(page);
    for (const name of ['Lähetä viesti', 'Lähetetyt', 'Luonnokset', 'Viestiasetukset', 'Hallinta', 'Sähköposti määrittely']) {
      const link = page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name, exact: true });
      if ((await link.count()) === 0) continue;
      await link.click();
      await page.getByRole('heading', { level: 1 }).first().waitFor();
    }
    // Issue 14's screen for moving off passwords, reached from Viestiasetukset.
    await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Viestiasetukset', exact: true }).click();
    await page.getByRole('link', { name: /Salasanoista luopuminen/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Salasanoista luopuminen' }).waitFor();
    expect(await violations()).toEqual([]);
    await page.close();
  });

  it('lets the bundled GraphiQL playground load its editor and run a query with the session, without a violation', async () => {
    const page = await loggedInPage(browser.context, api.url, 'admin', ADMIN_PASSWORD);
    const violations = watchViolations(page);
    // The same tab: the playground picks up the add-in's session.
    await page.goto(`${api.url}/graphql`);
    await page.locator('.graphiql-container').waitFor();
    await page.locator('.monaco-editor').first().waitFor();
    await page.getByRole('button', { name: /Execute query/i }).click();
    await page.locator('.graphiql-response').getByText('companyName').waitFor();
    expect(await violations()).toEqual([]);
    await page.close();
  });

  it('saves an HTML attachment from Lähetetyt as a download for the admin, and never opens it in the app', async () => {
    const userToken = await login(api.url, 'myyja', api.userPassword);
    const form = new FormData();
    const payload = '<html><body><script>fetch("/graphql",{method:"POST"})</script>Tilaus</body></html>';
    form.append('file', new Blob([payload], { type: 'text/html' }), 'Tilaus.html');
    const uploaded = (await (await fetch(`${api.url}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${userToken}` }, body: form })).json()) as { id: string }[];
    const subject = `Tilaus ${Date.now()}`;
    await graphql(api.url, userToken, 'mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }', {
      i: { source: 'SALES_ORDER', to: ['asiakas@asiakas.example'], subject, body: 'Liitteenä tilaus.', attachmentIds: [uploaded[0]?.id] },
    });

    const page = await loggedInPage(browser.context, api.url, 'admin', ADMIN_PASSWORD);
    const popups: string[] = [];
    page.on('popup', (popup) => popups.push(popup.url()));
    await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Lähetetyt', exact: true }).click();
    await page.getByRole('searchbox').fill(subject);
    await page.getByRole('list', { name: 'Lähetetyt' }).getByRole('button').filter({ hasText: subject }).click();
    const pane = page.getByRole('region', { name: 'Viestin tiedot' });
    const [download] = await Promise.all([page.waitForEvent('download'), pane.getByRole('button', { name: 'Avaa Tilaus.html' }).click()]);
    expect(download.suggestedFilename()).toBe('Tilaus.html');
    expect(popups).toEqual([]);
    await page.close();
  });
});
