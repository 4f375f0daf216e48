import { describe, expect, it, vi } from 'vitest';
import { waitFor } from '@testing-library/react';
import { badUserInput, userMailSettings, warning } from '../test/fixtures';
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
  it("shows the seed's fields: Sähköposti, Lähettäjän nimi, the SMTP block, eight Allekirjoitus lines and Vastaanottaja", async () => {
    renderPage();
    expect(await screen.findByLabelText('Sähköposti')).toHaveProperty('value', 'oma.nimi@sahkoposti.fi');
    expect(screen.getByRole('heading', { level: 1, name: 'Sähköposti määrittely' })).toBeTruthy();
    expect(screen.getByLabelText('Lähettäjän nimi')).toHaveProperty('value', 'Oma Nimi');
    expect(screen.getByLabelText('SMTP-palvelin')).toHaveProperty('value', '');
    const lines = Array.from({ length: 8 }, (_, i) => (screen.getByLabelText(`Allekirjoitus, rivi ${i + 1}`) as HTMLInputElement).value);
    expect(lines).toEqual(['', 'Oma Nimi', 'Testikatu 10', '00120 TESTILÄ', '010-12345678', '', '', '']);
    expect(screen.getByLabelText('Vastaanottaja')).toHaveProperty('value', 'vakio.asiakas@asiakasyritys.fi');
  });

  it('warns about the own SMTP server while it is typed, before saving', async () => {
    const { user, callsOf } = renderPage();
    const host = await screen.findByLabelText('SMTP-palvelin');
    await user.type(host, 'smtp.kolumbus.fi');
    expect(descriptionOf(host)).toContain('Elisa lopetti SMTP-palvelimen smtp.kolumbus.fi 1.5.2016');
    expect(callsOf('UpdateMyMailSettings')).toHaveLength(0);
  });

  it('says that the own SMTP server is used only when SMTP-palvelin is filled in', async () => {
    renderPage();
    await screen.findByLabelText('Sähköposti');
    expect(screen.getByText(/sitä käytetään vain, kun SMTP-palvelin on annettu/)).toBeTruthy();
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

  it("shows the server's warning about the own SMTP block beside its field", async () => {
    renderPage({}, userMailSettings({ smtp: { ...userMailSettings().smtp, host: 'smtp.kolumbus.fi' }, warnings: [warning('smtp.host', 'KOLUMBUS_RETIRED', 'Elisa lopetti SMTP-palvelimen smtp.kolumbus.fi 1.5.2016.')] }));
    expect(descriptionOf(await screen.findByLabelText('SMTP-palvelin'))).toContain('Elisa lopetti SMTP-palvelimen');
  });

  it('Peruuta closes without saving', async () => {
    const { user, callsOf, onClose } = renderPage();
    await user.type(await screen.findByLabelText('Lähettäjän nimi'), ' / Myynti');
    await user.click(screen.getByRole('button', { name: 'Peruuta' }));
    expect(onClose).toHaveBeenCalled();
    expect(callsOf('UpdateMyMailSettings')).toHaveLength(0);
  });

  it('OK saves and closes', async () => {
    const { user, callsOf, onClose } = renderPage();
    await user.type(await screen.findByLabelText('Lähettäjän nimi'), ' / Myynti');
    await user.click(screen.getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(callsOf('UpdateMyMailSettings')[0]?.variables.input).toMatchObject({ senderName: 'Oma Nimi / Myynti' });
  });
});
