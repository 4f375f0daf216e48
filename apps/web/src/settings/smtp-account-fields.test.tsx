import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { NO_MESSAGES, type FieldMessages } from '../forms/field-messages';
import { descriptionOf, secretGroup } from '../test/test-client';
import { smtpAccount } from '../test/fixtures';
import type { SmtpAccountFieldsFragment } from '../gql/graphql';
import { smtpAccountForm, smtpAccountInput, type SmtpAccountForm } from './smtp-account-form';
import { SmtpAccountFields } from './smtp-account-fields';

function renderBlock(account: Parameters<typeof smtpAccount>[0] = {}, messages: FieldMessages = NO_MESSAGES, imap = true) {
  const latest: { form: SmtpAccountForm | null } = { form: null };
  function Harness() {
    const [form, setForm] = useState(() => smtpAccountForm(smtpAccount(account) as SmtpAccountFieldsFragment));
    latest.form = form;
    return <SmtpAccountFields imap={imap} value={form} messages={messages} onChange={(next) => setForm(next)} />;
  }
  render(
    <FluentProvider theme={webLightTheme}>
      <Harness />
    </FluentProvider>,
  );
  return { user: userEvent.setup(), latest };
}

describe('SMTP block: Salaustapa and Portti', () => {
  it('suggests port 465 when Salaustapa changes from TLS to SSL and the port was the TLS default 587', async () => {
    const { user } = renderBlock({ encryption: 'TLS', port: 587 });
    await user.selectOptions(screen.getByLabelText('Salaustapa'), 'SSL');
    expect(screen.getByLabelText('Portti')).toHaveProperty('value', '465');
  });

  it('suggests port 25 when Salaustapa changes to Ei salausta from the SSL default 465', async () => {
    const { user } = renderBlock({ encryption: 'SSL', port: 465 });
    await user.selectOptions(screen.getByLabelText('Salaustapa'), 'Ei salausta');
    expect(screen.getByLabelText('Portti')).toHaveProperty('value', '25');
  });

  it('keeps a port the user chose on purpose when Salaustapa changes', async () => {
    const { user } = renderBlock({ encryption: 'TLS', port: 2525 });
    await user.selectOptions(screen.getByLabelText('Salaustapa'), 'SSL');
    expect(screen.getByLabelText('Portti')).toHaveProperty('value', '2525');
  });

  it("names the encryption's usual port under Portti when another port is set", () => {
    renderBlock({ encryption: 'TLS', port: 2525 });
    expect(descriptionOf(screen.getByLabelText('Portti'))).toContain('Salaustavan TLS tavallinen portti on 587.');
  });
});

describe('SMTP block: the password is write-only', () => {
  it('shows a set password as "asetettu" with Vaihda and Tyhjennä, and no password field', () => {
    renderBlock({ passwordSet: true });
    const group = secretGroup('Salasana');
    expect(group.textContent).toContain('asetettu');
    expect(within(group).getByRole('button', { name: 'Vaihda salasana' })).toBeTruthy();
    expect(within(group).getByRole('button', { name: 'Tyhjennä salasana' })).toBeTruthy();
    expect(document.querySelector('input[type="password"]')).toBeNull();
  });

  it('reveals an empty password field when Vaihda is pressed', async () => {
    const { user } = renderBlock({ passwordSet: true });
    await user.click(screen.getByRole('button', { name: 'Vaihda salasana' }));
    expect(screen.getByLabelText('Salasana')).toHaveProperty('value', '');
    expect(screen.getByLabelText('Salasana')).toHaveProperty('type', 'password');
  });

  it('keeps the stored password when the revealed field is left empty', async () => {
    const { user, latest } = renderBlock({ passwordSet: true });
    await user.click(screen.getByRole('button', { name: 'Vaihda salasana' }));
    expect(latest.form && 'password' in smtpAccountInput(latest.form)).toBe(false);
  });

  it('sends the new password as typed', async () => {
    const { user, latest } = renderBlock({ passwordSet: true });
    await user.click(screen.getByRole('button', { name: 'Vaihda salasana' }));
    await user.type(screen.getByLabelText('Salasana'), 'uusi-salasana');
    expect(latest.form && smtpAccountInput(latest.form).password).toBe('uusi-salasana');
  });

  it('sends an empty password, which clears it, after Tyhjennä', async () => {
    const { user, latest } = renderBlock({ passwordSet: true });
    await user.click(screen.getByRole('button', { name: 'Tyhjennä salasana' }));
    expect(secretGroup('Salasana').textContent).toContain('Tyhjennetään, kun tallennat.');
    expect(latest.form && smtpAccountInput(latest.form).password).toBe('');
  });

  it('goes back to the stored password with Peru', async () => {
    const { user, latest } = renderBlock({ passwordSet: true });
    await user.click(screen.getByRole('button', { name: 'Tyhjennä salasana' }));
    await user.click(screen.getByRole('button', { name: 'Peru muutos: salasana' }));
    expect(secretGroup('Salasana').textContent).toContain('asetettu');
    expect(latest.form && 'password' in smtpAccountInput(latest.form)).toBe(false);
  });

  it('shows an unset password as an empty password field', () => {
    renderBlock({ passwordSet: false });
    expect(screen.getByLabelText('Salasana')).toHaveProperty('value', '');
    expect(screen.queryByRole('button', { name: 'Vaihda salasana' })).toBeNull();
  });
});

describe('SMTP block: fields', () => {
  it("labels the seed's fields with the seed's words", () => {
    renderBlock();
    for (const label of ['SMTP-palvelin', 'Autentikointi', 'Portti', 'Salaustapa', 'Käyttäjätunnus']) expect(screen.getByLabelText(label)).toBeTruthy();
    expect(within(screen.getByLabelText('Autentikointi')).getAllByRole('option').map((o) => o.textContent)).toEqual(['On käytössä', 'Ei käytössä']);
    expect(within(screen.getByLabelText('Salaustapa')).getAllByRole('option').map((o) => o.textContent)).toEqual(['Ei salausta', 'SSL', 'TLS']);
  });

  it('disables the credentials when Autentikointi is Ei käytössä', async () => {
    const { user } = renderBlock({ authEnabled: true });
    await user.selectOptions(screen.getByLabelText('Autentikointi'), 'Ei käytössä');
    expect(screen.getByLabelText('Käyttäjätunnus')).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Vaihda salasana' })).toHaveProperty('disabled', true);
  });

  it('keeps Lisäasetukset closed until asked', async () => {
    const { user } = renderBlock();
    expect(screen.queryByLabelText('Viestejä minuutissa enintään')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Lisäasetukset' }));
    expect(screen.getByLabelText('Viestejä minuutissa enintään')).toBeTruthy();
  });

  it('opens Lisäasetukset by itself when one of its fields has a problem', () => {
    renderBlock({}, { errors: [{ field: 'recipientsPerDay', code: 'INVALID_NUMBER', message: 'Anna kokonaisluku väliltä 1–10000000.' }], warnings: [] });
    expect(descriptionOf(screen.getByLabelText('Vastaanottajia vuorokaudessa enintään'))).toContain('Anna kokonaisluku väliltä 1–10000000.');
  });
});

const PRESET = 'Palveluntarjoaja / esiasetus';
const OAUTH_LABELS = ['Vuokraajan tunnus (Tenant ID)', 'Sovelluksen tunnus (Client ID)', 'Sovelluksen salaisuus (Client secret)', 'Palvelutilin avain (JSON)', 'Postilaatikko, jonka nimissä lähetetään'];

/** The labels of the sign-in fields on screen, in order (a stored secret is a group with its label). */
function credentialLabels(): string[] {
  return ['Käyttäjätunnus', 'Salasana', ...OAUTH_LABELS].filter((label) => screen.queryByLabelText(label) !== null || screen.queryByRole('group', { name: label }) !== null);
}

const presetNote = () => screen.getByRole('note', { name: 'Esiasetuksen ohje' });

describe('SMTP block: provider presets', () => {
  it('offers no preset and each provider preset under Palveluntarjoaja / esiasetus', () => {
    renderBlock({ host: 'smtp.yritys.fi' });
    const options = within(screen.getByLabelText(PRESET)).getAllByRole('option').map((o) => o.textContent);
    expect(options).toEqual([
      'Ei esiasetusta (omat asetukset)',
      'Microsoft 365 (OAuth2)',
      'Google Workspace (OAuth2)',
      'Google Workspace (sovellussalasana)',
      'Google Workspace SMTP-välityspalvelu (IP-osoite)',
      'Google Workspace SMTP-välityspalvelu (kirjautuminen)',
      'Välityspalvelin tunnuksilla',
      'Liittymän tarjoajan välityspalvelin',
    ]);
    expect(screen.getByLabelText(PRESET)).toHaveProperty('value', 'NONE');
    expect(screen.queryByRole('note', { name: 'Esiasetuksen ohje' })).toBeNull();
  });

  it('Microsoft 365 fills smtp.office365.com, 587, TLS, OAuth2 (Microsoft 365) and the limits 30 a minute, 500 a message, 10,000 a day', async () => {
    const { user, latest } = renderBlock({ host: '', port: 25, encryption: 'NONE', authEnabled: false });
    await user.selectOptions(screen.getByLabelText(PRESET), 'Microsoft 365 (OAuth2)');
    expect(screen.getByLabelText('SMTP-palvelin')).toHaveProperty('value', 'smtp.office365.com');
    expect(screen.getByLabelText('Portti')).toHaveProperty('value', '587');
    expect(screen.getByLabelText('Salaustapa')).toHaveProperty('value', 'TLS');
    expect(screen.getByLabelText('Autentikointi')).toHaveProperty('value', 'true');
    expect(screen.getByLabelText('Autentikointitapa')).toHaveProperty('value', 'OAUTH2_MICROSOFT');
    expect(latest.form).toMatchObject({ messagesPerMinute: '30', recipientsPerMessage: '500', recipientsPerDay: '10000', recipientLimitAction: 'SPLIT' });
    await user.click(screen.getByRole('button', { name: 'Lisäasetukset' }));
    expect(screen.getByLabelText('Viestejä minuutissa enintään')).toHaveProperty('value', '30');
  });

  it('explains Microsoft 365: OAuth2, its limits, what the admin sets up, and which fields are still to fill in', async () => {
    const { user } = renderBlock({ host: '' });
    await user.selectOptions(screen.getByLabelText(PRESET), 'Microsoft 365 (OAuth2)');
    const note = presetNote().textContent ?? '';
    for (const part of ['OAuth2', '30 viestiä minuutissa', '10 000 vastaanottajaa vuorokaudessa', '500 vastaanottajaa viestissä', 'SMTP.SendAsApp']) expect(note).toContain(part);
    expect(note).toContain(
      'Täytä vielä: Vuokraajan tunnus (Tenant ID), Sovelluksen tunnus (Client ID), Sovelluksen salaisuus (Client secret), Salaisuus vanhenee, Postilaatikko, jonka nimissä lähetetään.',
    );
    await user.type(screen.getByLabelText('Vuokraajan tunnus (Tenant ID)'), 'yritys.onmicrosoft.com');
    expect(presetNote().textContent).toContain('Täytä vielä: Sovelluksen tunnus (Client ID), Sovelluksen salaisuus (Client secret), Salaisuus vanhenee, Postilaatikko');
  });

  it('keeps what was typed when a preset is chosen: the username, and a stored password stays set', async () => {
    const { user, latest } = renderBlock({ host: 'smtp.yritys.fi', username: 'myynti@yritys.fi', passwordSet: true });
    await user.selectOptions(screen.getByLabelText(PRESET), 'Google Workspace (sovellussalasana)');
    expect(screen.getByLabelText('SMTP-palvelin')).toHaveProperty('value', 'smtp.gmail.com');
    expect(screen.getByLabelText('Käyttäjätunnus')).toHaveProperty('value', 'myynti@yritys.fi');
    expect(secretGroup('Salasana').textContent).toContain('asetettu');
    expect(latest.form && 'password' in smtpAccountInput(latest.form)).toBe(false);
  });

  it('shows the preset the stored account matches, Google on its alternative port 465 with SSL included', () => {
    renderBlock({ host: 'smtp.gmail.com', port: 465, encryption: 'SSL', authMethod: 'OAUTH2_GOOGLE' });
    expect(screen.getByLabelText(PRESET)).toHaveProperty('value', 'GOOGLE_WORKSPACE');
    expect(presetNote().textContent).toContain('2 000 viestiä vuorokaudessa');
  });

  it('keeps showing a relay preset, which leaves the server open, until the connection no longer fits it', async () => {
    const { user } = renderBlock({ host: 'smtp.webhotelli.fi', port: 25, encryption: 'NONE' });
    await user.selectOptions(screen.getByLabelText(PRESET), 'Välityspalvelin tunnuksilla');
    expect(screen.getByLabelText('SMTP-palvelin')).toHaveProperty('value', 'smtp.webhotelli.fi');
    expect(screen.getByLabelText('Portti')).toHaveProperty('value', '587');
    expect(screen.getByLabelText(PRESET)).toHaveProperty('value', 'AUTHENTICATED_RELAY');
    await user.clear(screen.getByLabelText('Portti'));
    await user.type(screen.getByLabelText('Portti'), '2525');
    expect(screen.getByLabelText(PRESET)).toHaveProperty('value', 'NONE');
  });

  it("the internet provider's relay turns authentication off and says it works only from the provider's network", async () => {
    const { user } = renderBlock({ host: 'mail.inet.fi' });
    await user.selectOptions(screen.getByLabelText(PRESET), 'Liittymän tarjoajan välityspalvelin');
    expect(screen.getByLabelText('Portti')).toHaveProperty('value', '25');
    expect(screen.getByLabelText('Salaustapa')).toHaveProperty('value', 'NONE');
    expect(screen.getByLabelText('Autentikointi')).toHaveProperty('value', 'false');
    expect(presetNote().textContent).toContain('vain tarjoajan omasta verkosta');
  });

  it('changes no field when Ei esiasetusta is chosen', async () => {
    const { user, latest } = renderBlock({ host: 'smtp.office365.com', authMethod: 'OAUTH2_MICROSOFT' });
    expect(screen.getByLabelText(PRESET)).toHaveProperty('value', 'MICROSOFT_365');
    const before = latest.form;
    await user.selectOptions(screen.getByLabelText(PRESET), 'Ei esiasetusta (omat asetukset)');
    expect(latest.form).toBe(before);
    expect(screen.getByLabelText(PRESET)).toHaveProperty('value', 'NONE');
  });

  it('tells which fields a preset set, so their problems can go', async () => {
    const changes: unknown[] = [];
    render(
      <FluentProvider theme={webLightTheme}>
        <SmtpAccountFields value={smtpAccountForm(smtpAccount() as SmtpAccountFieldsFragment)} messages={NO_MESSAGES} onChange={(_next, changed) => changes.push(changed)} />
      </FluentProvider>,
    );
    await userEvent.setup().selectOptions(screen.getByLabelText(PRESET), 'Microsoft 365 (OAuth2)');
    expect(changes).toEqual([
      [
        'host',
        'port',
        'encryption',
        'authEnabled',
        'authMethod',
        'messagesPerMinute',
        'recipientsPerMessage',
        'recipientsPerDay',
        'recipientLimitAction',
        'maxConnections',
        'imapHost',
        'imapPort',
        'imapEncryption',
        'imapAppendToSent',
      ],
    ]);
  });
});

describe('SMTP block: the sign-in method decides the credential fields', () => {
  it('asks for Käyttäjätunnus and Salasana with password sign-in, and for nothing of OAuth2', () => {
    renderBlock({ authMethod: 'PASSWORD', passwordSet: false });
    expect(credentialLabels()).toEqual(['Käyttäjätunnus', 'Salasana']);
  });

  it('asks for the tenant, the client id, the client secret and the mailbox to send as with Microsoft 365 OAuth2', async () => {
    const { user } = renderBlock({ authMethod: 'PASSWORD' });
    await user.selectOptions(screen.getByLabelText('Autentikointitapa'), 'OAuth2 (Microsoft 365)');
    expect(credentialLabels()).toEqual(['Vuokraajan tunnus (Tenant ID)', 'Sovelluksen tunnus (Client ID)', 'Sovelluksen salaisuus (Client secret)', 'Postilaatikko, jonka nimissä lähetetään']);
    expect(descriptionOf(screen.getByLabelText('Postilaatikko, jonka nimissä lähetetään'))).toContain('johon sovelluksella on oikeudet Exchange Onlinessa');
  });

  it('asks for the service account key and the user to impersonate with Google OAuth2', async () => {
    const { user } = renderBlock({ authMethod: 'PASSWORD' });
    await user.selectOptions(screen.getByLabelText('Autentikointitapa'), 'OAuth2 (Google Workspace)');
    expect(credentialLabels()).toEqual(['Palvelutilin avain (JSON)', 'Postilaatikko, jonka nimissä lähetetään']);
    expect(descriptionOf(screen.getByLabelText('Postilaatikko, jonka nimissä lähetetään'))).toContain('jona palvelutili kirjautuu');
  });

  it('keeps a stored client secret write-only: "asetettu" with Vaihda and Tyhjennä, never its value', () => {
    renderBlock({ authMethod: 'OAUTH2_MICROSOFT', oauthClientSecretSet: true });
    const group = secretGroup('Sovelluksen salaisuus (Client secret)');
    expect(group.textContent).toContain('asetettu');
    expect(within(group).getByRole('button', { name: 'Vaihda sovelluksen salaisuus (Client secret)' })).toBeTruthy();
    expect(within(group).getByRole('button', { name: 'Tyhjennä sovelluksen salaisuus (Client secret)' })).toBeTruthy();
  });

  it('sends a new client secret as typed and leaves a kept one out', async () => {
    const { user, latest } = renderBlock({ authMethod: 'OAUTH2_MICROSOFT', oauthClientSecretSet: true });
    expect(latest.form && 'oauthClientSecret' in smtpAccountInput(latest.form)).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Vaihda sovelluksen salaisuus (Client secret)' }));
    await user.type(screen.getByLabelText('Sovelluksen salaisuus (Client secret)'), 'Q~uusi');
    expect(latest.form && smtpAccountInput(latest.form).oauthClientSecret).toBe('Q~uusi');
  });

  it('reads the service account key from a JSON file in the browser', async () => {
    const key = JSON.stringify({ type: 'service_account', client_email: 'smtp@yritys.iam.gserviceaccount.com', private_key: '-----BEGIN PRIVATE KEY-----' });
    const { user, latest } = renderBlock({ authMethod: 'OAUTH2_GOOGLE', oauthServiceAccountKeySet: true });
    expect(secretGroup('Palvelutilin avain (JSON)').textContent).toContain('asetettu');
    await user.upload(screen.getByLabelText('Palvelutilin avain (JSON): valitse tiedosto'), new File([key], 'maestro-smtp.json', { type: 'application/json' }));
    await waitFor(() => expect(screen.getByLabelText('Palvelutilin avain (JSON)')).toHaveProperty('value', key));
    expect(latest.form && smtpAccountInput(latest.form).oauthServiceAccountKey).toBe(key);
  });

  it('keeps the stored key when the file picker is closed without a file', async () => {
    const { latest } = renderBlock({ authMethod: 'OAUTH2_GOOGLE', oauthServiceAccountKeySet: true });
    fireEvent.change(screen.getByLabelText('Palvelutilin avain (JSON): valitse tiedosto'), { target: { files: [] } });
    expect(secretGroup('Palvelutilin avain (JSON)').textContent).toContain('asetettu');
    expect(latest.form && 'oauthServiceAccountKey' in smtpAccountInput(latest.form)).toBe(false);
  });
});

describe('SMTP block: Lähetetyt-kansio ja palautukset (IMAP)', () => {
  it('shows the IMAP block under its heading, with the fields off until an IMAP server is given', async () => {
    const { user } = renderBlock({ imapHost: '' });
    expect(screen.getByRole('heading', { name: 'Lähetetyt-kansio ja palautukset (IMAP)' })).toBeTruthy();
    expect(screen.getByLabelText('IMAP-portti')).toHaveProperty('disabled', true);
    await user.type(screen.getByLabelText('IMAP-palvelin'), 'imap.webhotelli.fi');
    expect(screen.getByLabelText('IMAP-portti')).toHaveProperty('disabled', false);
    expect(screen.getByLabelText('IMAP-palvelin')).toHaveProperty('value', 'imap.webhotelli.fi');
  });

  it('offers SSL and TLS for IMAP, never no encryption, and suggests 143 for TLS', async () => {
    const { user } = renderBlock({ imapHost: 'imap.webhotelli.fi', imapPort: 993, imapEncryption: 'SSL' });
    expect(within(screen.getByLabelText('IMAP-salaustapa')).getAllByRole('option').map((o) => o.textContent)).toEqual(['SSL', 'TLS']);
    await user.selectOptions(screen.getByLabelText('IMAP-salaustapa'), 'TLS');
    expect(screen.getByLabelText('IMAP-portti')).toHaveProperty('value', '143');
  });

  it('says beside the Sent copy switch that Gmail and Microsoft 365 file SMTP mail themselves', () => {
    renderBlock({ imapHost: 'imap.webhotelli.fi' });
    expect(descriptionOf(screen.getByLabelText('Tallenna kopio Lähetetyt-kansioon'))).toContain('Gmail ja Microsoft 365 tallentavat');
  });

  it('Microsoft 365 fills outlook.office365.com, 993, SSL and turns the Sent copy off', async () => {
    const { user, latest } = renderBlock({ host: '', imapHost: '' });
    await user.selectOptions(screen.getByLabelText(PRESET), 'Microsoft 365 (OAuth2)');
    expect(screen.getByLabelText('IMAP-palvelin')).toHaveProperty('value', 'outlook.office365.com');
    expect(screen.getByLabelText('IMAP-portti')).toHaveProperty('value', '993');
    expect(screen.getByLabelText('Tallenna kopio Lähetetyt-kansioon')).toHaveProperty('value', 'false');
    expect(latest.form && smtpAccountInput(latest.form)).toMatchObject({ imapHost: 'outlook.office365.com', imapPort: 993, imapEncryption: 'SSL', imapAppendToSent: false });
  });

  it('Google Workspace fills imap.gmail.com, 993, SSL with the Sent copy off', async () => {
    const { user } = renderBlock({ host: '', imapHost: '' });
    await user.selectOptions(screen.getByLabelText(PRESET), 'Google Workspace (OAuth2)');
    expect(screen.getByLabelText('IMAP-palvelin')).toHaveProperty('value', 'imap.gmail.com');
    expect(screen.getByLabelText('Tallenna kopio Lähetetyt-kansioon')).toHaveProperty('value', 'false');
  });

  it('sends the IMAP block with the account: a hosting mailbox with its own Sent folder', async () => {
    const { user, latest } = renderBlock({ imapHost: '' });
    await user.type(screen.getByLabelText('IMAP-palvelin'), 'imap.webhotelli.fi');
    await user.type(screen.getByLabelText('Lähetetyt-kansio (valinnainen)'), 'INBOX.Sent');
    expect(latest.form && smtpAccountInput(latest.form)).toMatchObject({ imapHost: 'imap.webhotelli.fi', imapPort: 993, imapEncryption: 'SSL', imapAppendToSent: true, imapSentFolder: 'INBOX.Sent' });
  });

  it('has no IMAP block on the SMS account', () => {
    renderBlock({}, NO_MESSAGES, false);
    expect(screen.queryByLabelText('IMAP-palvelin')).toBeNull();
  });
});
