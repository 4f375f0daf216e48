import { describe, expect, it, vi } from 'vitest';
import { waitFor } from '@testing-library/react';
import { badUserInput, companySettings, smsSettings, warning } from '../test/fixtures';
import { descriptionOf, renderWithApp, screen, secretGroup, within, type Handler } from '../test/test-client';
import { MessageSettingsPage } from './message-settings-page';

function renderPage(handlers: Record<string, Handler> = {}, company = companySettings(), sms = smsSettings()) {
  const onClose = vi.fn();
  const rendered = renderWithApp(<MessageSettingsPage onClose={onClose} />, {
    handlers: {
      CompanyMessageSettings: () => ({ data: { companyMessageSettings: company } }),
      SmsSettings: () => ({ data: { smsSettings: sms } }),
      UpdateCompanyMessageSettings: ({ input }) => ({ data: { updateCompanyMessageSettings: { ...company, ...(input as object), smtp: company.smtp } } }),
      UpdateSmsSettings: () => ({ data: { updateSmsSettings: sms } }),
      ...handlers,
    },
  });
  return { ...rendered, onClose };
}

async function loaded() {
  return screen.findByLabelText('Yrityksen email');
}

describe('Viestiasetukset', () => {
  it("shows the Sähköposti lähetykset tab with every field of the seed under the seed's labels", async () => {
    renderPage();
    await loaded();
    expect(screen.getByRole('heading', { level: 1, name: 'Viestiasetukset' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Sähköposti lähetykset' })).toBeTruthy();
    const values: Record<string, string> = {
      'Palvelu käytössä': 'EMAIL_AND_SMS',
      'SMTP sähköpostilähetys': 'true',
      'Yrityksen email': 'yritys@yritys.fi',
      'Lähettäjän nimi': 'Yrityksen edustaja',
      'SMTP-palvelin': 'smtp.office365.com',
      Autentikointi: 'true',
      Portti: '587',
      Salaustapa: 'TLS',
      Käyttäjätunnus: 'yritys.tunnus@yritys.fi',
      'Vakio vastaanottaja': 'vakio.asiakas@asiakasyritys.fi',
    };
    for (const [label, value] of Object.entries(values)) expect(screen.getByLabelText(label)).toHaveProperty('value', value);
    expect(secretGroup('Salasana').textContent).toContain('asetettu');
    expect(
      within(screen.getByLabelText('SMTP sähköpostilähetys'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Kyllä', 'Ei']);
  });

  it("shows the Tekstiviesti lähetykset tab with every field of the seed under the seed's labels", async () => {
    const { user } = renderPage();
    await loaded();
    await user.click(screen.getByRole('tab', { name: 'Tekstiviesti lähetykset' }));
    expect(screen.getByLabelText('Sms lähettäjän email')).toHaveProperty('value', 'fff@maestro.fi');
    expect(screen.getByLabelText('SMTP-palvelin')).toHaveProperty('value', 'smtp.office365.com');
    expect(screen.getByLabelText('Käyttäjätunnus')).toHaveProperty('value', 'fff.maestro@maestro.fi');
    expect(screen.getByLabelText('Sms-palvelun email')).toHaveProperty('value', '@smsmail.labyrintti.com');
    expect(secretGroup('Sms-palvelun salasana').textContent).toContain('asetettu');
    expect(
      within(screen.getByLabelText('Puhelinnumeron paikka'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Osoitteessa', 'Otsikossa', 'Viestissä']);
  });

  it('shows every problem beside its field before sending anything', async () => {
    const { user, callsOf } = renderPage();
    await user.clear(await loaded());
    await user.type(screen.getByLabelText('Yrityksen email'), 'ei-osoite');
    await user.clear(screen.getByLabelText('Portti'));
    await user.type(screen.getByLabelText('Portti'), '99999');
    await user.clear(screen.getByLabelText('Vakio vastaanottaja'));
    await user.type(screen.getByLabelText('Vakio vastaanottaja'), 'a@b.fi; huono');
    await user.click(screen.getByRole('button', { name: 'Käytä' }));

    expect(descriptionOf(screen.getByLabelText('Yrityksen email'))).toContain('"ei-osoite" ei ole kelvollinen sähköpostiosoite');
    expect(descriptionOf(screen.getByLabelText('Portti'))).toContain('Portin on oltava kokonaisluku 1–65535.');
    expect(descriptionOf(screen.getByLabelText('Vakio vastaanottaja'))).toContain('"huono" ei ole kelvollinen sähköpostiosoite');
    expect(screen.getByLabelText('Portti').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Korjaa 3 virhettä ennen tallennusta')).toBeTruthy();
    expect(callsOf('UpdateCompanyMessageSettings')).toHaveLength(0);
  });

  it('asks for Yrityksen email when e-mail sending is on, as the server would', async () => {
    const { user } = renderPage();
    await user.clear(await loaded());
    await user.click(screen.getByRole('button', { name: 'Käytä' }));
    expect(descriptionOf(screen.getByLabelText('Yrityksen email'))).toContain('Sähköpostilähetys on käytössä: anna Yrityksen email.');
  });

  it("shows the server's field errors beside their fields", async () => {
    const { user } = renderPage({
      UpdateCompanyMessageSettings: () =>
        badUserInput([
          {
            field: 'smtp.authEnabled',
            code: 'AUTH_REQUIRED_HOSTED',
            message: 'Konesalissa olevien asiakkaiden on käytettävä autentikointia: ota Autentikointi käyttöön ja anna tunnukset.',
          },
        ]),
    });
    await loaded();
    await user.selectOptions(screen.getByLabelText('Autentikointi'), 'Ei käytössä');
    await user.click(screen.getByRole('button', { name: 'Käytä' }));
    await waitFor(() => expect(descriptionOf(screen.getByLabelText('Autentikointi'))).toContain('Konesalissa olevien asiakkaiden on käytettävä autentikointia'));
    expect(screen.getByText('Tallennus ei onnistunut')).toBeTruthy();
  });

  it('shows the warnings beside their fields from the start', async () => {
    renderPage(
      {},
      companySettings({ smtp: { ...companySettings().smtp, port: 995 }, warnings: [warning('smtp.port', 'POP_IMAP_PORT', 'Portti 995 on POP3 (SSL)-postin noutoportti, ei lähetysportti.')] }),
    );
    await loaded();
    expect(descriptionOf(screen.getByLabelText('Portti'))).toContain('Portti 995 on POP3 (SSL)-postin noutoportti, ei lähetysportti');
  });

  it('shows warnings while the admin types, before saving, and drops them once the field is fixed', async () => {
    const { user, callsOf } = renderPage();
    await loaded();
    const host = screen.getByLabelText('SMTP-palvelin');
    await user.clear(host);
    await user.type(host, 'smtp.kolumbus.fi');
    expect(descriptionOf(host)).toContain('Elisa lopetti SMTP-palvelimen smtp.kolumbus.fi 1.5.2016');
    await user.clear(screen.getByLabelText('Portti'));
    await user.type(screen.getByLabelText('Portti'), '995');
    expect(descriptionOf(screen.getByLabelText('Portti'))).toContain('Portti 995 on POP3 (SSL)-postin noutoportti');
    await user.clear(host);
    await user.type(host, 'smtp.yritys.fi');
    expect(descriptionOf(host)).not.toContain('Elisa');
    expect(callsOf('UpdateCompanyMessageSettings')).toHaveLength(0);
  });

  it("shows the SMS tab's warnings while the admin types", async () => {
    const { user } = renderPage();
    await loaded();
    await user.click(screen.getByRole('tab', { name: 'Tekstiviesti lähetykset' }));
    const encryption = await screen.findByLabelText('Salaustapa');
    await user.selectOptions(encryption, 'SSL');
    await user.clear(screen.getByLabelText('Portti'));
    await user.type(screen.getByLabelText('Portti'), '587');
    expect(descriptionOf(encryption)).toContain('Portti 587 käyttää yleensä Salaustapaa TLS');
  });

  it('Käytä saves and stays open', async () => {
    const { user, callsOf, onClose } = renderPage();
    await user.clear(await loaded());
    await user.type(screen.getByLabelText('Yrityksen email'), 'myynti@yritys.fi');
    await user.click(screen.getByRole('button', { name: 'Käytä' }));
    await screen.findByText('Muutokset tallennettu.');
    expect(callsOf('UpdateCompanyMessageSettings')[0]?.variables.input).toMatchObject({ companyEmail: 'myynti@yritys.fi' });
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Yrityksen email')).toHaveProperty('value', 'myynti@yritys.fi');
  });

  it('lets the admin put the default recipients in Piilokopio, so customers do not see them', async () => {
    const { user, callsOf } = renderPage();
    await loaded();
    const field = screen.getByLabelText('Vakio vastaanottajan kenttä');
    expect(within(field).getAllByRole('option').map((o) => o.textContent)).toEqual(['Vastaanottaja', 'Kopio', 'Piilokopio']);
    expect(field).toHaveProperty('value', 'TO');
    await user.selectOptions(field, 'Piilokopio');
    await user.click(screen.getByRole('button', { name: 'Käytä' }));
    await screen.findByText('Muutokset tallennettu.');
    expect(callsOf('UpdateCompanyMessageSettings')[0]?.variables.input).toMatchObject({ defaultRecipientsField: 'BCC' });
  });

  it('OK saves and closes', async () => {
    const { user, callsOf, onClose } = renderPage();
    await loaded();
    await user.clear(screen.getByLabelText('Lähettäjän nimi'));
    await user.type(screen.getByLabelText('Lähettäjän nimi'), 'Myynti');
    await user.click(screen.getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(callsOf('UpdateCompanyMessageSettings')[0]?.variables.input).toMatchObject({ senderName: 'Myynti' });
  });

  it('OK does not close when the server refuses', async () => {
    const { user, onClose } = renderPage({ UpdateCompanyMessageSettings: () => badUserInput([{ field: 'companyEmail', code: 'INVALID_ADDRESS', message: 'Palvelin ei hyväksy osoitetta.' }]) });
    await user.type(await loaded(), 'x');
    await user.click(screen.getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(descriptionOf(screen.getByLabelText('Yrityksen email'))).toContain('Palvelin ei hyväksy osoitetta.'));
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Yrityksen email')).toHaveProperty('value', 'yritys@yritys.fix');
  });

  it('Peruuta discards the changes and closes without saving', async () => {
    const { user, calls, onClose } = renderPage();
    await user.type(await loaded(), 'x');
    await user.click(screen.getByRole('button', { name: 'Peruuta' }));
    expect(onClose).toHaveBeenCalled();
    expect(calls.filter((c) => c.operationName.startsWith('Update'))).toHaveLength(0);
  });

  it('Käytä is available only when something has changed', async () => {
    const { user } = renderPage();
    await loaded();
    expect(screen.getByRole('button', { name: 'Käytä' })).toHaveProperty('disabled', true);
    await user.type(screen.getByLabelText('Lähettäjän nimi'), ' Oy');
    expect(screen.getByRole('button', { name: 'Käytä' })).toHaveProperty('disabled', false);
  });

  it('leaves an unchanged password out of what it sends', async () => {
    const { user, callsOf } = renderPage();
    await user.clear(await loaded());
    await user.type(screen.getByLabelText('Yrityksen email'), 'uusi@yritys.fi');
    await user.click(screen.getByRole('button', { name: 'Käytä' }));
    await screen.findByText('Muutokset tallennettu.');
    const smtp = (callsOf('UpdateCompanyMessageSettings')[0]?.variables.input as { smtp: object }).smtp;
    expect(smtp).not.toHaveProperty('password');
  });

  it('saves only the tab that changed', async () => {
    const { user, callsOf } = renderPage();
    await loaded();
    await user.click(screen.getByRole('tab', { name: 'Tekstiviesti lähetykset' }));
    await user.clear(screen.getByLabelText('Sms-palvelun email'));
    await user.type(screen.getByLabelText('Sms-palvelun email'), '@sms.operaattori.fi');
    await user.click(screen.getByRole('button', { name: 'Käytä' }));
    await screen.findByText('Muutokset tallennettu.');
    expect(callsOf('UpdateSmsSettings')[0]?.variables.input).toMatchObject({ gatewayAddress: '@sms.operaattori.fi' });
    expect(callsOf('UpdateCompanyMessageSettings')).toHaveLength(0);
  });

  it('shows the tab with problems and counts them on the tab', async () => {
    const { user } = renderPage();
    await loaded();
    await user.click(screen.getByRole('tab', { name: 'Tekstiviesti lähetykset' }));
    await user.clear(screen.getByLabelText('Sms-palvelun email'));
    await user.type(screen.getByLabelText('Sms-palvelun email'), 'ei kelpaa');
    await user.click(screen.getByRole('tab', { name: 'Sähköposti lähetykset' }));
    await user.click(screen.getByRole('button', { name: 'Käytä' }));
    expect(screen.getByRole('tab', { name: 'Tekstiviesti lähetykset (1 virhe)' }).getAttribute('aria-selected')).toBe('true');
    expect(descriptionOf(screen.getByLabelText('Sms-palvelun email'))).toContain('Sms-palvelun email on annettava muodossa');
  });

  it('fills the server, port, encryption, OAuth2 sign-in and limits from the Microsoft 365 preset, then asks for the OAuth2 details before saving', async () => {
    const { user, callsOf } = renderPage();
    await loaded();
    await user.selectOptions(screen.getByLabelText('Palveluntarjoaja / esiasetus'), 'Microsoft 365 (OAuth2)');
    expect(screen.getByLabelText('Autentikointitapa')).toHaveProperty('value', 'OAUTH2_MICROSOFT');
    expect(screen.queryByLabelText('Käyttäjätunnus')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Käytä' }));
    for (const label of ['Vuokraajan tunnus (Tenant ID)', 'Sovelluksen tunnus (Client ID)', 'Sovelluksen salaisuus (Client secret)', 'Postilaatikko, jonka nimissä lähetetään']) {
      expect(descriptionOf(screen.getByLabelText(label))).toContain(`OAuth2-kirjautuminen tarvitsee tiedon: ${label}.`);
    }
    expect(callsOf('UpdateCompanyMessageSettings')).toHaveLength(0);
  });

  it('sends what the Microsoft 365 preset set, with the limits', async () => {
    const { user, callsOf } = renderPage();
    await loaded();
    await user.selectOptions(screen.getByLabelText('Palveluntarjoaja / esiasetus'), 'Microsoft 365 (OAuth2)');
    await user.type(screen.getByLabelText('Vuokraajan tunnus (Tenant ID)'), 'yritys.onmicrosoft.com');
    await user.type(screen.getByLabelText('Sovelluksen tunnus (Client ID)'), '6f1c2b9e-3d4a-4c55-9a0e-2b7d1e8f4a10');
    await user.type(screen.getByLabelText('Sovelluksen salaisuus (Client secret)'), 'Q~salainen');
    await user.type(screen.getByLabelText('Postilaatikko, jonka nimissä lähetetään'), 'myynti@yritys.fi');
    await user.click(screen.getByRole('button', { name: 'Käytä' }));
    await screen.findByText('Muutokset tallennettu.');
    expect((callsOf('UpdateCompanyMessageSettings')[0]?.variables.input as { smtp: object }).smtp).toMatchObject({
      host: 'smtp.office365.com',
      port: 587,
      encryption: 'TLS',
      authEnabled: true,
      authMethod: 'OAUTH2_MICROSOFT',
      oauthClientSecret: 'Q~salainen',
      messagesPerMinute: 30,
      recipientsPerMessage: 500,
      recipientsPerDay: 10000,
    });
  });

  it('clears the problems of the fields a preset fills in', async () => {
    const { user } = renderPage();
    await loaded();
    await user.clear(screen.getByLabelText('Portti'));
    await user.type(screen.getByLabelText('Portti'), '0');
    await user.click(screen.getByRole('button', { name: 'Käytä' }));
    expect(descriptionOf(screen.getByLabelText('Portti'))).toContain('Portin on oltava kokonaisluku 1–65535.');
    await user.selectOptions(screen.getByLabelText('Palveluntarjoaja / esiasetus'), 'Välityspalvelin tunnuksilla');
    expect(descriptionOf(screen.getByLabelText('Portti'))).not.toContain('Portin on oltava');
  });

  it('fills Sms-palvelun email and Puhelinnumeron paikka from the Labyrintti preset and explains where the number goes', async () => {
    const { user } = renderPage({}, companySettings(), smsSettings({ gatewayAddress: '', phoneNumberPlacement: 'SUBJECT' }));
    await loaded();
    await user.click(screen.getByRole('tab', { name: 'Tekstiviesti lähetykset' }));
    const picker = screen.getByLabelText('Tekstiviestipalvelu / esiasetus');
    expect(picker).toHaveProperty('value', 'NONE');
    await user.selectOptions(picker, 'Labyrintti / LINK Mobility Suomi (sähköposti tekstiviestiksi)');
    expect(screen.getByLabelText('Sms-palvelun email')).toHaveProperty('value', '@smsmail.labyrintti.com');
    expect(screen.getByLabelText('Puhelinnumeron paikka')).toHaveProperty('value', 'ADDRESS');
    // No password unless the contract has one.
    expect(screen.getByLabelText('Sms-palvelun salasanan paikka')).toHaveProperty('value', 'NONE');
    expect(screen.getAllByText(/358401234567@smsmail\.labyrintti\.com/).length).toBeGreaterThan(0);
  });

  it('shows the Labyrintti preset for SMS settings that use it, and the SMTP preset for the SMS account', async () => {
    const { user } = renderPage({}, companySettings(), smsSettings({ smtp: { ...smsSettings().smtp, authMethod: 'OAUTH2_MICROSOFT' } }));
    await loaded();
    await user.click(screen.getByRole('tab', { name: 'Tekstiviesti lähetykset' }));
    expect(screen.getByLabelText('Tekstiviestipalvelu / esiasetus')).toHaveProperty('value', 'LABYRINTTI');
    expect(screen.getByLabelText('Palveluntarjoaja / esiasetus')).toHaveProperty('value', 'MICROSOFT_365');
  });

  it('fills the templates from the simple form when the advanced form is chosen, and saves them', async () => {
    const { user, callsOf } = renderPage();
    await loaded();
    await user.click(screen.getByRole('tab', { name: 'Tekstiviesti lähetykset' }));
    await user.selectOptions(screen.getByLabelText('Sähköpostin muoto'), 'ADVANCED');
    expect(screen.getByLabelText('Osoitepohja')).toHaveProperty('value', '{number}@smsmail.labyrintti.com');
    expect(screen.getByLabelText('Otsikkopohja')).toHaveProperty('value', '{password}');
    await user.clear(screen.getByLabelText('Otsikkopohja'));
    await user.type(screen.getByLabelText('Ensimmäisen rivin pohja'), 'Pass:{{password}');
    await user.click(screen.getByRole('button', { name: 'Käytä' }));
    await screen.findByText('Muutokset tallennettu.');
    expect(callsOf('UpdateSmsSettings')[0]?.variables.input).toMatchObject({ templateMode: 'ADVANCED', addressTemplate: '{number}@smsmail.labyrintti.com', subjectTemplate: '', firstLineTemplate: 'Pass:{password}' });
  });

  it('shows where a message to +358 40 123 4567 would go, LINK Mobility’s UCS-2 domain included', async () => {
    const { user } = renderPage();
    await loaded();
    await user.click(screen.getByRole('tab', { name: 'Tekstiviesti lähetykset' }));
    await user.selectOptions(screen.getByLabelText('Tekstiviestipalvelu / esiasetus'), 'LINK Mobility (email2sms)');
    expect(screen.getByLabelText('Verkkotunnus Unicode-viesteille (UCS-2)')).toHaveProperty('value', 'email2sms-ucs.linkmobility.eu');
    const preview = screen.getByRole('note', { name: 'Sähköpostin muoto tekstiviestipalveluun' });
    expect(preview.textContent).toContain('358401234567@email2sms.linkmobility.eu');
    expect(preview.textContent).toContain('358401234567@email2sms-ucs.linkmobility.eu');
  });

  it('refuses templates with an unknown placeholder before saving, naming the allowed ones', async () => {
    const { user, callsOf } = renderPage();
    await loaded();
    await user.click(screen.getByRole('tab', { name: 'Tekstiviesti lähetykset' }));
    await user.selectOptions(screen.getByLabelText('Sähköpostin muoto'), 'ADVANCED');
    await user.clear(screen.getByLabelText('Otsikkopohja'));
    await user.type(screen.getByLabelText('Otsikkopohja'), '{{token}');
    await user.click(screen.getByRole('button', { name: 'Käytä' }));
    expect(descriptionOf(screen.getByLabelText('Otsikkopohja'))).toContain('tuntematon paikkamerkki {token}');
    expect(callsOf('UpdateSmsSettings')).toHaveLength(0);
  });

  it('empties the client secret’s expiry date when a new secret is typed, and sends connections and the EHLO name', async () => {
    const company = companySettings({ smtp: { ...companySettings().smtp, authMethod: 'OAUTH2_MICROSOFT', oauthTenantId: 't', oauthClientId: 'c', oauthClientSecretSet: true, oauthClientSecretExpiresAt: '2027-06-30', oauthUser: 'myynti@yritys.fi' } });
    const { user, callsOf } = renderPage({}, company);
    await loaded();
    expect(screen.getByLabelText('Salaisuus vanhenee')).toHaveProperty('value', '2027-06-30');
    await user.click(within(secretGroup('Sovelluksen salaisuus (Client secret)')).getByRole('button', { name: 'Vaihda sovelluksen salaisuus (Client secret)' }));
    await user.type(screen.getByLabelText('Sovelluksen salaisuus (Client secret)'), 'Q~uusi');
    expect(screen.getByLabelText('Salaisuus vanhenee')).toHaveProperty('value', '');
    expect(descriptionOf(screen.getByLabelText('Salaisuus vanhenee'))).toContain('anna myös sen vanhenemispäivä');
    await user.type(screen.getByLabelText('Salaisuus vanhenee'), '2028-12-31');
    await user.click(screen.getByRole('button', { name: 'Lisäasetukset' }));
    await user.clear(screen.getByLabelText('Yhtäaikaisia yhteyksiä enintään'));
    await user.type(screen.getByLabelText('Yhtäaikaisia yhteyksiä enintään'), '2');
    await user.type(screen.getByLabelText('Asiakkaan palvelinnimi (EHLO)'), 'erp.yritys.fi');
    await user.click(screen.getByRole('button', { name: 'Käytä' }));
    await screen.findByText('Muutokset tallennettu.');
    expect(callsOf('UpdateCompanyMessageSettings')[0]?.variables.input).toMatchObject({
      smtp: { oauthClientSecret: 'Q~uusi', oauthClientSecretExpiresAt: '2028-12-31', maxConnections: 2, ehloName: 'erp.yritys.fi' },
    });
  });

  it('refuses more than 3 connections on a Microsoft 365 account before saving', async () => {
    const { user, callsOf } = renderPage();
    await loaded();
    await user.click(screen.getByRole('button', { name: 'Lisäasetukset' }));
    await user.clear(screen.getByLabelText('Yhtäaikaisia yhteyksiä enintään'));
    await user.type(screen.getByLabelText('Yhtäaikaisia yhteyksiä enintään'), '5');
    await user.click(screen.getByRole('button', { name: 'Käytä' }));
    expect(descriptionOf(screen.getByLabelText('Yhtäaikaisia yhteyksiä enintään'))).toContain('sallii enintään 3 yhtäaikaista yhteyttä');
    expect(callsOf('UpdateCompanyMessageSettings')).toHaveLength(0);
  });

  it('links to the accounts that must move off passwords', async () => {
    renderPage();
    await loaded();
    expect(screen.getByRole('link', { name: /Salasanoista luopuminen/ }).getAttribute('href')).toBe('/message-settings/sign-in');
  });
});
