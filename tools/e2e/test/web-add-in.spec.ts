import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, graphql, login, startApi, type RunningApi } from '../src/api-server';
import { chipTexts, loggedInPage, paste, screenshot, startBrowser, type RunningBrowser } from '../src/browser';
import { listMail, mailAttachments, sha256, waitForMail } from '../src/dev-mailbox';

// The add-in in Debian's Chromium against the real built API (SQLite, dev mailbox). One API and one
// browser for the file; each test logs in for itself and sets up what it relies on.

let api: RunningApi;
let browser: RunningBrowser;
let files: string;
let adminToken: string;

beforeAll(async () => {
  [api, browser] = await Promise.all([startApi(), startBrowser()]);
  files = await mkdtemp(path.join(tmpdir(), 'maestro-e2e-files-'));
  adminToken = await login(api.url, 'admin', ADMIN_PASSWORD);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await api?.stop();
  if (files) await rm(files, { recursive: true, force: true });
});

const asAdmin = () => loggedInPage(browser.context, api.url, 'admin', ADMIN_PASSWORD);
const asUser = () => loggedInPage(browser.context, api.url, 'myyja', api.userPassword);

/** A file on disk for the file picker, with its sha256. */
async function makeFile(name: string, content: Buffer): Promise<{ path: string; name: string; sha256: string }> {
  const file = path.join(files, name);
  await writeFile(file, content);
  return { path: file, name, sha256: sha256(content) };
}

/** The words on a stage row of the connection test, e.g. "Yhteys OK". */
async function stageTexts(page: Page): Promise<string[]> {
  const list = page.getByRole('list', { name: 'Yhteystestin tulos' });
  await list.waitFor();
  const items = await list.getByRole('listitem').all();
  return Promise.all(items.map(async (item) => (await item.locator('span').allTextContents()).join(' ')));
}

/** Uploads a file as an ERP program does before it opens the add-in (POST /attachments with the token). */
async function uploadAsProgram(token: string, name: string, content: Buffer): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)], { type: 'application/pdf' }), name);
  const response = await fetch(`${api.url}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  expect(response.status).toBe(201);
  const [stored] = (await response.json()) as { id: string }[];
  return (stored as { id: string }).id;
}

async function setPolicy(source: string, sendMode: string): Promise<void> {
  await graphql(api.url, adminToken, 'mutation($s: MessageSource!, $m: String!) { updateSendPolicy(source: $s, input: { sendMode: $m }) { sendMode } }', { s: source, m: sendMode });
}

async function setSmtpSending(enabled: boolean): Promise<void> {
  await graphql(api.url, adminToken, 'mutation($e: Boolean!) { updateCompanyMessageSettings(input: { smtpSendingEnabled: $e }) { smtpSendingEnabled } }', { e: enabled });
}

/** A link of the main navigation (the home screen's cards have the same names). */
const navLink = (page: Page, name: string) => page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name, exact: true });

const sendButton = (page: Page) => page.getByRole('button', { name: 'Lähetä viesti', exact: true });

describe('the web add-in in Chromium', () => {
  it('lets an admin fill in Viestiasetukset, and Testaa yhteys passes against the dev mailbox', async () => {
    const loginPage = await browser.context.newPage();
    await loginPage.goto(`${api.url}/`);
    await loginPage.getByRole('heading', { name: 'Kirjaudu sisään' }).waitFor();
    await screenshot(loginPage, 'login');
    await loginPage.close();

    const page = await asAdmin();
    await screenshot(page, 'home-admin');
    await navLink(page, 'Viestiasetukset').click();
    const field = (label: string) => page.getByLabel(label, { exact: true });
    await field('Yrityksen email').waitFor();
    await field('Palvelu käytössä').selectOption({ label: 'Sähköposti ja tekstiviesti' });
    await field('SMTP sähköpostilähetys').selectOption({ label: 'Kyllä' });
    await field('Yrityksen email').fill('myynti@demo-oy.example');
    await field('Lähettäjän nimi').fill('Demo Oy myynti');
    await field('SMTP-palvelin').fill('127.0.0.1');
    await field('Autentikointi').selectOption({ label: 'Ei käytössä' });
    await field('Salaustapa').selectOption({ label: 'Ei salausta' });
    await field('Portti').fill(String(api.devMailboxPort));
    await field('Vakio vastaanottaja').fill('');

    await page.getByRole('button', { name: 'Testaa yhteys' }).click();
    expect(await stageTexts(page)).toEqual(['Yhteys OK', 'Salaus Ei käytössä', 'Kirjautuminen Ei käytössä']);
    await page.getByText('Yhteys toimii').waitFor();
    await screenshot(page, 'settings-email', 'settings.png');

    await page.getByRole('button', { name: 'Käytä' }).click();
    await page.getByText('Muutokset tallennettu.').waitFor();
    const saved = await graphql<{ companyMessageSettings: { senderName: string; smtp: { host: string; port: number; encryption: string } } }>(
      api.url,
      adminToken,
      '{ companyMessageSettings { senderName smtp { host port encryption } } }',
    );
    expect(saved.companyMessageSettings).toEqual({ senderName: 'Demo Oy myynti', smtp: { host: '127.0.0.1', port: api.devMailboxPort, encryption: 'NONE' } });

    // The Microsoft 365 preset asks for the OAuth2 details and explains the provider's limits; not saved.
    await field('Palveluntarjoaja / esiasetus').selectOption({ label: 'Microsoft 365 (OAuth2)' });
    expect(await field('SMTP-palvelin').inputValue()).toBe('smtp.office365.com');
    for (const label of ['Vuokraajan tunnus (Tenant ID)', 'Sovelluksen tunnus (Client ID)', 'Sovelluksen salaisuus (Client secret)', 'Postilaatikko, jonka nimissä lähetetään']) {
      await field(label).waitFor();
    }
    await page.getByRole('note', { name: 'Esiasetuksen ohje' }).getByText(/30 viestiä minuutissa/).waitFor();
    await screenshot(page, 'settings-microsoft-365');

    await page.getByRole('tab', { name: 'Tekstiviesti lähetykset' }).click();
    await field('Sms lähettäjän email').waitFor();
    await page.getByRole('button', { name: 'Testaa yhteys' }).click();
    expect((await stageTexts(page))[0]).toBe('Yhteys OK');
    await screenshot(page, 'settings-sms');

    for (const [path, name] of [
      ['/admin/users', 'admin-users'],
      ['/admin/service-keys', 'admin-service-keys'],
      ['/admin/send-policies', 'admin-send-policies'],
      ['/admin/standard-texts', 'admin-standard-texts'],
      ['/admin/bounces', 'admin-bounces'],
    ]) {
      await page.goto(`${api.url}${path}`);
      await page.getByRole('heading', { level: 1, name: 'Ylläpito' }).waitFor();
      await page.waitForLoadState('networkidle');
      await screenshot(page, name as string);
    }
    await page.close();
  });

  it('sends a message with two attachments to a pasted recipient list; it is in Lähetetyt and in the dev mailbox intact', async () => {
    const subject = `Tarjous E2E ${Date.now()}`;
    const pdf = await makeFile('Tarjous-E2E.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(300 * 1024)]));
    const price = await makeFile('Hinnasto.txt', Buffer.from('Hinnasto 2026\nTuote A 10,00 €\nTuote B 12,50 €\n'));
    const extra = await makeFile('Poistettava.txt', Buffer.from('tämä liite poistetaan ennen lähetystä\n'));

    const page = await asUser();
    await screenshot(page, 'home-user');
    await navLink(page, 'Lähetä viesti').click();
    const form = page.getByRole('form', { name: 'Lähetä viesti' });
    await form.waitFor();
    expect(await form.getByRole('textbox', { name: 'Lähettäjä' }).isDisabled()).toBe(true);

    await paste(form.getByRole('textbox', { name: 'Vastaanottaja', exact: true }), 'ostaja@asiakas.example; "Virtanen, Matti" <matti.virtanen@asiakas.example>, kirjanpito@asiakas.example');
    expect(await chipTexts(page, 'Vastaanottaja')).toEqual(['ostaja@asiakas.example', '"Virtanen, Matti" <matti.virtanen@asiakas.example>', 'kirjanpito@asiakas.example']);

    await form.getByRole('textbox', { name: 'Otsikko' }).fill(subject);
    const body = form.getByRole('textbox', { name: 'Sisältö' });
    await body.fill(`Hei,\n\nliitteenä tarjous ja hinnasto.${await body.inputValue()}`);

    await form.locator('input[type="file"]').setInputFiles([pdf.path, price.path, extra.path]);
    for (const f of [pdf, price, extra]) await form.getByRole('checkbox', { name: `Valitse liite ${f.name}` }).waitFor();
    await form.getByRole('checkbox', { name: 'Valitse liite Poistettava.txt' }).check();
    await form.getByRole('button', { name: 'Poista liitteet' }).click();
    await form.getByRole('checkbox', { name: 'Valitse liite Poistettava.txt' }).waitFor({ state: 'detached' });

    // Näytä liitteet: fetched with the token, opened as a blob in a new tab.
    await form.getByRole('checkbox', { name: 'Valitse liite Hinnasto.txt' }).check();
    const [opened] = await Promise.all([page.waitForEvent('popup'), form.getByRole('button', { name: 'Näytä liitteet' }).click()]);
    await opened.waitForLoadState();
    expect(opened.url()).toMatch(/^blob:/);
    expect(await opened.textContent('body')).toContain('Tuote B 12,50 €');
    await opened.close();
    await form.getByRole('checkbox', { name: 'Valitse liite Hinnasto.txt' }).uncheck();
    await screenshot(page, 'compose', 'compose.png');

    await sendButton(page).click();
    await page.getByText('Viesti lähetetty').waitFor();
    await screenshot(page, 'compose-sent');

    const mail = await waitForMail(api.url, (m) => m.subject === subject);
    expect([...mail.to].sort()).toEqual(['kirjanpito@asiakas.example', 'matti.virtanen@asiakas.example', 'ostaja@asiakas.example']);
    const received = await mailAttachments(api.url, mail.id);
    expect(received.map((a) => [a.filename, a.sha256])).toEqual([
      [pdf.name, pdf.sha256],
      [price.name, price.sha256],
    ]);
    const userToken = await login(api.url, 'myyja', api.userPassword);
    const archived = await graphql<{ messages: { nodes: { status: string; attachments: { filename: string; sha256: string }[] }[] } }>(
      api.url,
      userToken,
      'query($t: String) { messages(filter: { text: $t }) { nodes { status attachments { filename sha256 } } } }',
      { t: subject },
    );
    expect(archived.messages.nodes).toEqual([
      {
        status: 'SENT',
        attachments: [
          { filename: pdf.name, sha256: pdf.sha256 },
          { filename: price.name, sha256: price.sha256 },
        ],
      },
    ]);

    await navLink(page, 'Lähetetyt').click();
    await page.getByRole('searchbox').fill(subject);
    const row = page.getByRole('list', { name: 'Lähetetyt' }).getByRole('button').filter({ hasText: subject });
    await row.click();
    const pane = page.getByRole('region', { name: 'Viestin tiedot' });
    await pane.getByRole('heading', { name: subject }).waitFor();
    expect(await pane.getByText(/^250 /).count()).toBeGreaterThan(0);
    await pane.getByRole('button', { name: `Avaa ${pdf.name}` }).waitFor();
    await screenshot(page, 'sent');

    for (const [link, name] of [
      ['Lähtevät', 'outbox'],
      ['Epäonnistuneet', 'failed'],
      ['Sähköposti määrittely', 'my-settings'],
    ]) {
      await navLink(page, link as string).click();
      await page.getByRole('heading', { level: 1, name: link as string }).waitFor();
      await page.waitForLoadState('networkidle');
      await screenshot(page, name as string);
    }
    await page.close();
  });

  it('opens a document in each send mode: Lähetä heti, Avaa muokattavaksi, Kysy lähetystapa, and hands off when SMTP sending is off', async () => {
    await setPolicy('QUOTE', 'SEND_NOW');
    await setPolicy('PURCHASE_ORDER', 'OPEN_FOR_EDIT');
    await setPolicy('SALES_ORDER', 'ASK');
    const page = await asUser();
    const run = Date.now();

    // SEND_NOW: sent at once and confirmed.
    await page.goto(`${api.url}/send?source=QUOTE&documentRef=T-${run}&to=tarjous%40asiakas.example&var.customerName=Asiakas%20Oy&var.dueDate=31.12.2026`);
    await page.getByText('Viesti lähetetty').waitFor();
    await screenshot(page, 'send-now');
    await waitForMail(api.url, (m) => m.subject === `Tarjous T-${run}`);

    // OPEN_FOR_EDIT: the compose dialog, filled in from the standard text, with the program's attachment.
    const order = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(20 * 1024)]);
    const orderId = await uploadAsProgram(await login(api.url, 'myyja', api.userPassword), `Ostotilaus-PO-${run}.pdf`, order);
    await page.goto(`${api.url}/send?source=PURCHASE_ORDER&documentRef=PO-${run}&to=toimittaja%40toimittaja.example&attachmentIds=${orderId}`);
    const form = page.getByRole('form', { name: 'Lähetä viesti' });
    await form.waitFor();
    expect(await form.getByRole('textbox', { name: 'Otsikko' }).inputValue()).toBe(`Ostotilaus PO-${run}`);
    expect(await chipTexts(page, 'Vastaanottaja')).toEqual(['toimittaja@toimittaja.example']);
    await form.getByRole('checkbox', { name: `Valitse liite Ostotilaus-PO-${run}.pdf` }).waitFor();
    await screenshot(page, 'send-open-for-edit');
    await sendButton(page).click();
    await page.getByText('Viesti lähetetty').waitFor();
    const purchase = await waitForMail(api.url, (m) => m.subject === `Ostotilaus PO-${run}`);
    expect((await mailAttachments(api.url, purchase.id)).map((a) => a.sha256)).toEqual([sha256(order)]);

    // ASK: Lähetä heti / Avaa muokattavaksi.
    await page.goto(`${api.url}/send?source=SALES_ORDER&documentRef=MT-${run}&to=tilaaja%40asiakas.example`);
    const ask = page.getByRole('alertdialog', { name: 'Miten viesti lähetetään?' });
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Avaa muokattavaksi' }).waitFor();
    await screenshot(page, 'send-ask');
    await ask.getByRole('button', { name: 'Lähetä heti' }).click();
    await page.getByText('Viesti lähetetty').waitFor();
    await waitForMail(api.url, (m) => m.subject === `Tilausvahvistus MT-${run}`);

    // SMTP sending off: the message is recorded and handed to the user's own mail program.
    await setSmtpSending(false);
    try {
      await page.goto(`${api.url}/send?source=QUOTE&documentRef=T-${run}-B&to=tarjous%40asiakas.example`);
      const download = page.getByRole('button', { name: 'Lataa luonnos (.eml)' });
      await download.waitFor();
      expect(await page.getByRole('link', { name: 'Avaa sähköpostiohjelmassa' }).getAttribute('href')).toMatch(/^mailto:tarjous@asiakas\.example\?/);
      await screenshot(page, 'send-hand-off');
      const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
      const eml = await readFile(await file.path(), 'utf8');
      expect(eml).toContain('X-Unsent: 1');
      expect(eml).toContain(`T-${run}-B`);
    } finally {
      await setSmtpSending(true);
    }
    expect((await listMail(api.url)).some((m) => m.subject.includes(`T-${run}-B`))).toBe(false);
    await page.close();
  });

  it("carries an ERP module's startSend through to the customer: the URL opens in a new tab already signed in, the draft has its PDF, and the mail arrives with it", async () => {
    const run = Date.now();
    await setPolicy('SALES_ORDER', 'OPEN_FOR_EDIT');
    // The sales module's key acts for the user who prints the order (its default user).
    const { users } = await graphql<{ users: { id: string; username: string }[] }>(api.url, adminToken, '{ users { id username } }');
    const myyja = users.find((u) => u.username === 'myyja')!;
    const { createServiceKey } = await graphql<{ createServiceKey: { key: string } }>(
      api.url,
      adminToken,
      'mutation($u: ID) { createServiceKey(input: { name: "Myyntitilaukset", module: "sales", defaultUserId: $u }) { key } }',
      { u: myyja.id },
    );
    const moduleKey = createServiceKey.key;

    // The person is signed in in the browser (the ERP's add-in tab).
    const first = await asUser();

    // The module prints the order to PDF, uploads it and starts the send.
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(64 * 1024)]);
    const pdfName = `Tilausvahvistus-MT-${run}.pdf`;
    const pdfId = await uploadAsProgram(moduleKey, pdfName, pdf);
    const started = await graphql<{ startSend: { outcome: string; url: string; draft: { id: string } } }>(
      api.url,
      moduleKey,
      'mutation($input: StartSendInput!) { startSend(input: $input) { outcome url draft { id } } }',
      { input: { source: 'SALES_ORDER', documentRef: `MT-${run}`, to: ['tilaaja@asiakas.example'], variables: { customerName: 'Asiakas Oy' }, attachmentIds: [pdfId] } },
    );
    expect(started.startSend.outcome).toBe('DRAFT');
    expect(started.startSend.url).toBe(`/send?draft=${started.startSend.draft.id}`);

    // The draft waits in Luonnokset of the signed-in tab.
    await navLink(first, 'Luonnokset').click();
    await first.getByRole('list', { name: 'Luonnokset' }).getByText(`Tilausvahvistus MT-${run}`).waitFor();
    await screenshot(first, 'drafts');

    // The ERP opens the URL in a new tab: no login asked, the draft prefilled with the module's PDF.
    const second = await browser.context.newPage();
    await second.goto(`${api.url}${started.startSend.url}`);
    const form = second.getByRole('form', { name: 'Lähetä viesti' });
    await form.waitFor();
    expect(await second.getByLabel('Käyttäjätunnus').count()).toBe(0);
    expect(await form.getByRole('textbox', { name: 'Otsikko' }).inputValue()).toBe(`Tilausvahvistus MT-${run}`);
    expect(await chipTexts(second, 'Vastaanottaja')).toEqual(['tilaaja@asiakas.example']);
    await form.getByRole('checkbox', { name: `Valitse liite ${pdfName}` }).waitFor();
    await screenshot(second, 'draft-from-erp');

    await sendButton(second).click();
    await second.getByText('Viesti lähetetty').waitFor();
    const mail = await waitForMail(api.url, (m) => m.subject === `Tilausvahvistus MT-${run}`);
    expect(mail.to).toEqual(['tilaaja@asiakas.example']);
    expect((await mailAttachments(api.url, mail.id)).map((a) => [a.filename, a.sha256])).toEqual([[pdfName, sha256(pdf)]]);

    // Sent: no longer a draft.
    const { drafts } = await graphql<{ drafts: { id: string }[] }>(api.url, await login(api.url, 'myyja', api.userPassword), '{ drafts { id } }');
    expect(drafts.map((d) => d.id)).not.toContain(started.startSend.draft.id);
    await second.close();
    await first.close();
  });

  it('sends a text message to a number typed in Finnish form, shown and sent as E.164', async () => {
    const page = await asUser();
    await navLink(page, 'Tekstiviesti').click();
    const numbers = page.getByRole('textbox', { name: 'Puhelinnumero', exact: true });
    await numbers.fill('040 123 4567');
    await page.getByText('Numero muodossa +358401234567').waitFor();
    await numbers.press('Enter');
    expect(await chipTexts(page, 'Puhelinnumero')).toEqual(['+358401234567']);
    await page.getByRole('textbox', { name: 'Viesti' }).fill('Huoltonne on valmis. Hinta 120 €.');
    const counter = page.getByLabel('Merkkilaskuri');
    // Merkistö, Osia, Osia enintään (the company's SMS settings, from me.smsMaxSegments), Merkkejä, Jäljellä.
    expect(await counter.locator('dd').allTextContents()).toEqual(['GSM-7', '1', '6', '34', '126']);
    await screenshot(page, 'sms');
    await page.getByRole('button', { name: 'Lähetä tekstiviesti' }).click();
    const table = page.getByRole('table', { name: 'Tekstiviesti tallennettu lähetettäväksi' });
    await table.getByText('Lähetetty').waitFor();
    await screenshot(page, 'sms-sent');
    const mail = await waitForMail(api.url, (m) => m.to.some((to) => to.includes('358401234567')));
    expect(mail.to[0]).toMatch(/358401234567@sms-gateway\.demo-oy\.example$/);
    await page.close();
  });

  it('shows an invalid address red with its reason and sends nothing; refuses an oversize attachment with the size limit', async () => {
    const big = await makeFile('Liian-iso.pdf', randomBytes(1536 * 1024));
    const page = await asUser();
    await navLink(page, 'Lähetä viesti').click();
    const form = page.getByRole('form', { name: 'Lähetä viesti' });
    const subject = `Virheellinen ${Date.now()}`;
    await form.getByRole('textbox', { name: 'Vastaanottaja', exact: true }).fill('matti@yritys');
    await form.getByRole('textbox', { name: 'Vastaanottaja', exact: true }).press('Enter');
    const chip = page.getByRole('list', { name: 'Vastaanottaja', exact: true }).getByRole('listitem');
    expect(await chip.getAttribute('data-invalid')).toBe('true');
    await form.getByText('"matti@yritys" ei ole kelvollinen sähköpostiosoite: tarkista muoto nimi@yritys.fi.').first().waitFor();
    await form.getByRole('textbox', { name: 'Otsikko' }).fill(subject);
    await sendButton(page).click();
    await page.getByText('Korjaa merkityt kentät ennen lähettämistä.').waitFor();

    await form.locator('input[type="file"]').setInputFiles(big.path);
    await form.getByText('Tiedosto Liian-iso.pdf on yli 1 Mt: pienennä tai pakkaa se.').waitFor();
    expect(await form.getByRole('checkbox', { name: 'Valitse liite Liian-iso.pdf' }).count()).toBe(0);
    await screenshot(page, 'compose-errors');

    const userToken = await login(api.url, 'myyja', api.userPassword);
    const found = await graphql<{ messages: { totalCount: number } }>(api.url, userToken, 'query($t: String) { messages(filter: { text: $t }) { totalCount } }', { t: subject });
    expect(found.messages.totalCount).toBe(0);
    await page.close();
  });

  it('does not let a user reach the admin screens', async () => {
    const page = await asUser();
    const nav = page.getByRole('navigation', { name: 'Päävalikko' });
    const links = await nav.getByRole('link').allTextContents();
    expect(links).not.toContain('Viestiasetukset');
    expect(links).not.toContain('Ylläpito');
    for (const path of ['/message-settings', '/admin/users', '/admin/send-policies']) {
      await page.goto(`${api.url}${path}`);
      await page.getByRole('heading', { level: 1, name: 'Sivua ei löydy' }).waitFor();
    }
    await screenshot(page, 'user-no-admin');
    const userToken = await login(api.url, 'myyja', api.userPassword);
    await expect(graphql(api.url, userToken, '{ companyMessageSettings { companyEmail } }')).rejects.toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    await page.close();
  });
});
