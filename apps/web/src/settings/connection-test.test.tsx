import { describe, expect, it, vi } from 'vitest';
import { waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { UserMailSettingsScreen } from '../admin/user-mail-settings-screen';
import { userRow } from '../admin/admin-fixtures';
import type { TestSmtpConnectionMutation } from '../gql/graphql';
import { ADMIN, USER, badUserInput, companySettings, smsSettings, smtpAccount, userMailSettings, type Answer } from '../test/fixtures';
import { renderWithApp, screen, within, type Handler } from '../test/test-client';
import { MessageSettingsPage } from './message-settings-page';
import { MyMailSettingsPage } from './my-mail-settings-page';

function testResult(overrides: Partial<Answer<TestSmtpConnectionMutation['testSmtpConnection']>>) {
  return {
    data: { testSmtpConnection: { __typename: 'ConnectionTestResult', ok: true, stage: 'DONE', secure: true, reply: '250 OK', code: null, message: null, ehloName: null, senderDomain: null, imap: null, ...overrides } },
  };
}

function renderCompanySettings(test: Handler, smtp: Parameters<typeof smtpAccount>[0] = {}) {
  return renderWithApp(<MessageSettingsPage onClose={vi.fn()} />, {
    me: ADMIN,
    handlers: {
      CompanyMessageSettings: () => ({ data: { companyMessageSettings: companySettings({ smtp: smtpAccount(smtp) }) } }),
      SmsSettings: () => ({ data: { smsSettings: smsSettings() } }),
      TestSmtpConnection: test,
    },
  });
}

/** Each stage as shown: "Yhteys OK", "Salaus Ei käytössä", ... */
async function stages() {
  const list = await screen.findByRole('list', { name: 'Yhteystestin tulos' });
  return within(list)
    .getAllByRole('listitem')
    .map((li) => li.textContent);
}

const part = (status: string, message: string) => ({ __typename: 'SenderDomainPart', status, message, estimate: false });

describe('Testaa yhteys', () => {
  it("shows the name Maestro greeted with, and what receivers will make of the sender's domain, SPF, DKIM and DMARC", async () => {
    const { user } = renderCompanySettings(() =>
      testResult({
        ehloName: 'erp.yritys.fi',
        senderDomain: {
          __typename: 'SenderDomainResult',
          domain: 'yritys.fi',
          provider: 'MICROSOFT',
          verdict: 'REJECTED_LIKELY',
          message: 'Viestit yritys.fi-osoitteista todennäköisesti hylätään.',
          spf: { ...part('MISSING_PROVIDER', 'SPF: lisää tietueeseen include:spf.protection.outlook.com.'), estimate: false },
          dkim: part('MISSING', 'DKIM: CNAME-tietueet puuttuvat.'),
          dmarc: part('REJECT', 'DMARC: p=reject.'),
        },
      }),
    );
    await user.click(await screen.findByRole('button', { name: 'Testaa yhteys' }));
    expect(await screen.findByText('Maestro esittäytyi palvelimelle nimellä erp.yritys.fi.')).toBeTruthy();
    expect(screen.getByText('Lähettäjän verkkotunnus yritys.fi: SPF, DKIM ja DMARC – Todennäköisesti hylätään')).toBeTruthy();
    const checks = within(screen.getByRole('list', { name: 'Lähettäjän verkkotunnus yritys.fi: SPF, DKIM ja DMARC' })).getAllByRole('listitem');
    expect(checks.map((li) => li.textContent)).toEqual(['SPF: lisää tietueeseen include:spf.protection.outlook.com.', 'DKIM: CNAME-tietueet puuttuvat.', 'DMARC: p=reject.']);
  });

  it('shows every stage passed, encryption and sign-in as not used, for the dev mailbox (no encryption, no auth)', async () => {
    const { user } = renderCompanySettings(() => testResult({ ok: true, stage: 'DONE', secure: false, reply: '221 Bye' }), {
      host: '127.0.0.1',
      port: 1025,
      encryption: 'NONE',
      authEnabled: false,
      passwordSet: false,
    });
    await user.click(await screen.findByRole('button', { name: 'Testaa yhteys' }));
    expect(await stages()).toEqual(['YhteysOK', 'SalausEi käytössä', 'KirjautuminenEi käytössä']);
    expect(screen.getByText('Yhteys toimii')).toBeTruthy();
    expect(screen.getByText('221 Bye')).toBeTruthy();
  });

  it('shows which stage failed, the server’s reply and what to do, and the stages after it as not reached', async () => {
    const { user } = renderCompanySettings(() =>
      testResult({
        ok: false,
        stage: 'AUTH',
        secure: true,
        reply: '535 5.7.3 Authentication unsuccessful',
        code: 'AUTH_FAILED',
        message: 'Palvelin ei hyväksynyt käyttäjätunnusta tai salasanaa: tarkista Käyttäjätunnus ja Salasana.',
      }),
    );
    await user.click(await screen.findByRole('button', { name: 'Testaa yhteys' }));
    expect(await stages()).toEqual(['YhteysOK', 'SalausOK', 'KirjautuminenEpäonnistui']);
    expect(screen.getByText('Yhteys ei toimi')).toBeTruthy();
    expect(screen.getByText('535 5.7.3 Authentication unsuccessful')).toBeTruthy();
    expect(screen.getByText(/tarkista Käyttäjätunnus ja Salasana/)).toBeTruthy();
  });

  it('shows the IMAP stages beside the SMTP ones: where it stopped, what to do, and the Sent folder when found', async () => {
    const imap = (overrides: Record<string, unknown>) => ({ __typename: 'ImapTestResult', ok: true, stage: 'DONE', secure: true, code: null, message: null, sentFolder: 'Sent', sentFolderFoundBy: 'SPECIAL_USE', ...overrides });
    const { user } = renderCompanySettings(() =>
      testResult({ imap: imap({ ok: false, stage: 'AUTH', code: 'AUTH_FAILED', message: 'IMAP-kirjautuminen epäonnistui: tarkista käyttäjätunnus ja salasana', sentFolder: null, sentFolderFoundBy: null }) }),
    );
    await user.click(await screen.findByRole('button', { name: 'Testaa yhteys' }));
    const list = await screen.findByRole('list', { name: 'IMAP-yhteystestin tulos' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['YhteysOK', 'SalausOK', 'KirjautuminenEpäonnistui', 'Lähetetyt-kansioEi tarkistettu']);
    expect(screen.getByText('IMAP-yhteys ei toimi')).toBeTruthy();
    expect(screen.getByText(/IMAP-kirjautuminen epäonnistui/)).toBeTruthy();
  });

  it('names the Sent folder the copies go to when the IMAP test passes', async () => {
    const imap = { __typename: 'ImapTestResult', ok: true, stage: 'DONE', secure: true, code: null, message: null, sentFolder: 'Lähetetyt', sentFolderFoundBy: 'NAME' };
    const { user } = renderCompanySettings(() => testResult({ imap }));
    await user.click(await screen.findByRole('button', { name: 'Testaa yhteys' }));
    expect(await screen.findByText('Kopiot tallennetaan kansioon "Lähetetyt" (löytyi nimen perusteella).')).toBeTruthy();
    expect(screen.getByText('IMAP-yhteys toimii')).toBeTruthy();
  });

  it('marks the stages after a failed connection as not reached', async () => {
    const { user } = renderCompanySettings(() => testResult({ ok: false, stage: 'CONNECT', secure: false, reply: null, code: 'CONNECTION_REFUSED', message: 'Yhteys evättiin.' }));
    await user.click(await screen.findByRole('button', { name: 'Testaa yhteys' }));
    expect(await stages()).toEqual(['YhteysEpäonnistui', 'SalausEi tarkistettu', 'KirjautuminenEi tarkistettu']);
  });

  it('says a result is out of date once the fields it tested are changed, and current again when they are put back', async () => {
    const { user } = renderCompanySettings(() => testResult({ ok: true, stage: 'DONE', secure: true, reply: '221 Bye' }));
    await user.click(await screen.findByRole('button', { name: 'Testaa yhteys' }));
    expect(await screen.findByText('Yhteys toimii')).toBeTruthy();
    const stale = /Asetuksia on muutettu testin jälkeen/;
    expect(screen.queryByText(stale)).toBeNull();

    const port = screen.getByLabelText('Portti');
    const tested = (port as HTMLInputElement).value;
    await user.clear(port);
    await user.type(port, '2525');
    expect(await screen.findByText(stale)).toBeTruthy();

    await user.clear(port);
    await user.type(port, tested);
    await waitFor(() => expect(screen.queryByText(stale)).toBeNull());
  });

  it('tests the unsaved form: the changed fields as changes, the password only when one was typed', async () => {
    const test = vi.fn(() => testResult({}));
    const { user, callsOf } = renderCompanySettings(test);
    const host = await screen.findByLabelText('SMTP-palvelin');
    await user.clear(host);
    await user.type(host, 'smtp.uusi.fi');
    await user.click(screen.getByRole('button', { name: 'Testaa yhteys' }));
    await waitFor(() => expect(callsOf('TestSmtpConnection')).toHaveLength(1));
    const variables = callsOf('TestSmtpConnection')[0]?.variables as { account: string; changes: Record<string, unknown> };
    expect(variables.account).toBe('COMPANY');
    expect(variables.changes).toMatchObject({ host: 'smtp.uusi.fi', port: 587, encryption: 'TLS', authEnabled: true });
    expect('password' in variables.changes).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Vaihda salasana' }));
    await user.type(screen.getByLabelText('Salasana'), 'uusi-salasana');
    await user.click(screen.getByRole('button', { name: 'Testaa yhteys' }));
    await waitFor(() => expect(callsOf('TestSmtpConnection')).toHaveLength(2));
    expect((callsOf('TestSmtpConnection')[1]?.variables.changes as Record<string, unknown>).password).toBe('uusi-salasana');
  });

  it('tests the SMS account on the Tekstiviesti lähetykset tab', async () => {
    const { user, callsOf } = renderCompanySettings(() => testResult({}));
    await user.click(await screen.findByRole('tab', { name: 'Tekstiviesti lähetykset' }));
    await user.click(await screen.findByRole('button', { name: 'Testaa yhteys' }));
    await waitFor(() => expect(callsOf('TestSmtpConnection')[0]?.variables.account).toBe('SMS'));
  });

  it("shows the server's refusal of an incomplete account", async () => {
    const { user } = renderCompanySettings(() => badUserInput([{ field: 'smtp.host', code: 'REQUIRED', message: 'Pakollinen tieto puuttuu.' }]));
    await user.click(await screen.findByRole('button', { name: 'Testaa yhteys' }));
    expect(await screen.findByText('Pakollinen tieto puuttuu.')).toBeTruthy();
  });

  it('asks for an SMTP server before it can test', async () => {
    const { user } = renderCompanySettings(() => testResult({}));
    const host = await screen.findByLabelText('SMTP-palvelin');
    await user.clear(host);
    expect(screen.getByRole('button', { name: 'Testaa yhteys' })).toHaveProperty('disabled', true);
    expect(screen.getByText('Anna SMTP-palvelin, niin yhteyden voi testata.')).toBeTruthy();
  });

  it("tests a user's own saved account from Sähköposti määrittely, without changes", async () => {
    const { user, callsOf } = renderWithApp(<MyMailSettingsPage onClose={vi.fn()} />, {
      me: USER,
      handlers: {
        MyMailSettings: () => ({ data: { myMailSettings: userMailSettings({ smtp: smtpAccount({ host: 'smtp.office365.com', encryption: 'SSL', port: 465 }) }) } }),
        TestSmtpConnection: () => testResult({}),
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Testaa yhteys' }));
    await waitFor(() => expect(callsOf('TestSmtpConnection')).toHaveLength(1));
    expect(callsOf('TestSmtpConnection')[0]?.variables).toMatchObject({ account: 'MINE' });
    expect(callsOf('TestSmtpConnection')[0]?.variables.changes ?? null).toBeNull();
  });

  it("tests another user's account from the admin's Sähköposti määrittely, as USER with that user's id", async () => {
    const { user, callsOf } = renderWithApp(
      <Routes>
        <Route path="/admin/users/:userId/mail" element={<UserMailSettingsScreen />} />
      </Routes>,
      {
        route: '/admin/users/user-7/mail',
        me: ADMIN,
        handlers: {
          Users: () => ({ data: { users: [userRow('user-7', 'myyja', 'USER')] } }),
          UserMailSettings: () => ({ data: { userMailSettings: userMailSettings({ userId: 'user-7', smtp: smtpAccount({ host: 'smtp.office365.com', passwordSet: true }) }) } }),
          TestSmtpConnection: () => testResult({}),
        },
      },
    );
    await user.click(await screen.findByRole('button', { name: 'Testaa yhteys' }));
    await waitFor(() => expect(callsOf('TestSmtpConnection')).toHaveLength(1));
    const variables = callsOf('TestSmtpConnection')[0]?.variables as { account: string; userId: string; changes: Record<string, unknown> };
    expect(variables).toMatchObject({ account: 'USER', userId: 'user-7', changes: { host: 'smtp.office365.com' } });
    expect('password' in variables.changes).toBe(false);
    expect(await stages()).toEqual(['YhteysOK', 'SalausOK', 'KirjautuminenOK']);
  });

  it("names no user when a user tests their own account (MINE)", async () => {
    const { user, callsOf } = renderWithApp(<MyMailSettingsPage onClose={vi.fn()} />, {
      me: USER,
      handlers: {
        MyMailSettings: () => ({ data: { myMailSettings: userMailSettings({ smtp: smtpAccount({ host: 'smtp.yritys.fi' }) }) } }),
        TestSmtpConnection: () => testResult({}),
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Testaa yhteys' }));
    await waitFor(() => expect(callsOf('TestSmtpConnection')).toHaveLength(1));
    expect(callsOf('TestSmtpConnection')[0]?.variables.userId).toBeUndefined();
  });
});
