import { describe, expect, it, vi } from 'vitest';
import { waitFor } from '@testing-library/react';
import { badUserInput, userMailSettings } from '../test/fixtures';
import { descriptionOf, renderWithApp, screen, type Handler } from '../test/test-client';
import { MyMailSettingsPage } from './my-mail-settings-page';

function renderPage(handlers: Record<string, Handler> = {}, settings = userMailSettings()) {
  const onClose = vi.fn();
  const rendered = renderWithApp(<MyMailSettingsPage onClose={onClose} />, {
    handlers: {
      MyMailSettings: () => ({ data: { myMailSettings: settings } }),
      UpdateMyMailSettings: ({ input }) => ({ data: { updateMyMailSettings: { ...settings, ...(input as object), smtp: settings.smtp } } }),
      ...handlers,
    },
  });
  return { ...rendered, onClose };
}

describe('Sähköposti määrittely', () => {
  it("shows the seed's fields: Sähköposti and Lähettäjän nimi as an admin set them, eight Allekirjoitus lines and Vastaanottaja", async () => {
    renderPage();
    expect(await screen.findByText('oma.nimi@sahkoposti.fi')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Sähköposti määrittely' })).toBeTruthy();
    expect(screen.getByText('Oma Nimi')).toBeTruthy();
    // Shown, not edited: only an admin sets the sender (nobody sends in another's name).
    expect(screen.queryByLabelText('Sähköposti')).toBeNull();
    expect(screen.queryByLabelText('SMTP-palvelin')).toBeNull();
    const lines = Array.from({ length: 8 }, (_, i) => (screen.getByLabelText(`Allekirjoitus, rivi ${i + 1}`) as HTMLInputElement).value);
    expect(lines).toEqual(['', 'Oma Nimi', 'Testikatu 10', '00120 TESTILÄ', '010-12345678', '', '', '']);
    expect(screen.getByLabelText('Vastaanottaja')).toHaveProperty('value', 'vakio.asiakas@asiakasyritys.fi');
  });

  it('says that an admin sets the sender and the server, and what the user may change', async () => {
    renderPage();
    expect(await screen.findByText(/asettaa pääkäyttäjä, jotta kukaan ei lähetä toisen nimissä/)).toBeTruthy();
    expect(screen.getByText(/Ei omaa palvelinta/)).toBeTruthy();
  });

  it('says that an address the user gave themselves waits for an admin, and that the company address is used until then', async () => {
    renderPage({}, userMailSettings({ senderConfirmed: false }));
    expect(await screen.findByText(/odottaa pääkäyttäjän vahvistusta/)).toBeTruthy();
  });

  it('lets the user type the password of their own mailbox and sends nothing else of the account', async () => {
    const { user, callsOf } = renderPage({}, userMailSettings({ smtp: { ...userMailSettings().smtp, host: 'smtp.office365.com', authEnabled: true, username: 'oma.nimi@sahkoposti.fi' } }));
    expect(await screen.findByText('smtp.office365.com:587, TLS')).toBeTruthy();
    await user.type(screen.getByLabelText('Salasana'), 'Oma-uusi-salasana-2026');
    await user.click(screen.getByRole('button', { name: 'Käytä' }));
    await screen.findByText('Muutokset tallennettu.');
    const input = callsOf('UpdateMyMailSettings')[0]?.variables.input as Record<string, unknown>;
    expect(Object.keys(input).sort()).toEqual(['defaultRecipient', 'signatureLines', 'smtp']);
    expect(input.smtp).toEqual({ password: 'Oma-uusi-salasana-2026' });
  });

  it('lets the user replace the client secret of their own OAuth2 mailbox with its expiry date', async () => {
    const smtp = {
      ...userMailSettings().smtp,
      host: 'smtp.office365.com',
      authEnabled: true,
      authMethod: 'OAUTH2_MICROSOFT' as const,
      oauthTenantId: 'yritys.onmicrosoft.com',
      oauthClientId: 'client-id',
      oauthClientSecretSet: true,
      oauthClientSecretExpiresAt: '2027-01-31',
      oauthUser: 'oma.nimi@sahkoposti.fi',
    };
    const { user, callsOf } = renderPage({}, userMailSettings({ smtp }));
    expect(await screen.findByLabelText('Salaisuus vanhenee')).toHaveProperty('value', '2027-01-31');
    await user.click(screen.getByRole('button', { name: 'Vaihda sovelluksen salaisuus (Client secret)' }));
    await user.type(screen.getByLabelText('Sovelluksen salaisuus (Client secret)'), 'Q~oma-uusi');
    // A new secret empties the old one's date: the user gives the new one's.
    expect(screen.getByLabelText('Salaisuus vanhenee')).toHaveProperty('value', '');
    expect(descriptionOf(screen.getByLabelText('Salaisuus vanhenee'))).toContain('anna myös sen vanhenemispäivä');
    await user.type(screen.getByLabelText('Salaisuus vanhenee'), '2028-12-31');
    await user.click(screen.getByRole('button', { name: 'Käytä' }));
    await screen.findByText('Muutokset tallennettu.');
    const input = callsOf('UpdateMyMailSettings')[0]?.variables.input as { smtp: Record<string, unknown> };
    expect(input.smtp).toEqual({ oauthClientSecret: 'Q~oma-uusi', oauthClientSecretExpiresAt: '2028-12-31' });
  });

  it('changes the login password with the current one and keeps this tab signed in with the new session', async () => {
    const { user, callsOf } = renderPage({ ChangeMyPassword: () => ({ data: { changeMyPassword: { __typename: 'Session', token: 'uusi-token', expiresAt: '2099-01-01T00:00:00.000Z' } } }) });
    await user.type(await screen.findByLabelText('Nykyinen salasana'), 'Vanha-salasana-2025');
    await user.type(screen.getByLabelText('Uusi salasana'), 'Uusi-pitkä-salasana-2026');
    await user.click(screen.getAllByRole('button', { name: 'Vaihda salasana' }).at(-1)!);
    expect(await screen.findByText(/Salasana on vaihdettu/)).toBeTruthy();
    expect(callsOf('ChangeMyPassword')[0]?.variables).toEqual({ currentPassword: 'Vanha-salasana-2025', newPassword: 'Uusi-pitkä-salasana-2026' });
    expect(JSON.parse(window.sessionStorage.getItem('maestro.session') ?? '{}').token).toBe('uusi-token');
  });

  it('sends the signature lines as typed', async () => {
    const { user, callsOf } = renderPage();
    await user.type(await screen.findByLabelText('Allekirjoitus, rivi 6'), 'oma.nimi@sahkoposti.fi');
    await user.click(screen.getByRole('button', { name: 'Käytä' }));
    await screen.findByText('Muutokset tallennettu.');
    expect((callsOf('UpdateMyMailSettings')[0]?.variables.input as { signatureLines: string[] }).signatureLines[5]).toBe('oma.nimi@sahkoposti.fi');
  });

  it('refuses a display name in Vastaanottaja before sending, with the reason beside it', async () => {
    const { user, callsOf } = renderPage();
    await user.clear(await screen.findByLabelText('Vastaanottaja'));
    await user.type(screen.getByLabelText('Vastaanottaja'), 'Matti <matti@yritys.fi>');
    await user.click(screen.getByRole('button', { name: 'OK' }));
    expect(descriptionOf(screen.getByLabelText('Vastaanottaja'))).toContain('Anna tähän pelkkä sähköpostiosoite');
    expect(callsOf('UpdateMyMailSettings')).toHaveLength(0);
  });

  it("shows the server's error for a signature line beside that line", async () => {
    const { user } = renderPage({ UpdateMyMailSettings: () => badUserInput([{ field: 'signatureLines.2', code: 'TOO_LONG', message: 'Liian pitkä: enintään 200 merkkiä.' }]) });
    await user.type(await screen.findByLabelText('Allekirjoitus, rivi 3'), ' B');
    await user.click(screen.getByRole('button', { name: 'Käytä' }));
    await waitFor(() => expect(descriptionOf(screen.getByLabelText('Allekirjoitus, rivi 3'))).toContain('Liian pitkä: enintään 200 merkkiä.'));
  });


  it('Peruuta closes without saving', async () => {
    const { user, callsOf, onClose } = renderPage();
    await user.type(await screen.findByLabelText('Allekirjoitus, rivi 7'), 'Myynti');
    await user.click(screen.getByRole('button', { name: 'Peruuta' }));
    expect(onClose).toHaveBeenCalled();
    expect(callsOf('UpdateMyMailSettings')).toHaveLength(0);
  });

  it('OK saves and closes', async () => {
    const { user, callsOf, onClose } = renderPage();
    await user.type(await screen.findByLabelText('Allekirjoitus, rivi 7'), 'Myynti');
    await user.click(screen.getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect((callsOf('UpdateMyMailSettings')[0]?.variables.input as { signatureLines: string[] }).signatureLines[6]).toBe('Myynti');
  });
});
