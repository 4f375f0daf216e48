import { defaultSmsSettings } from '../records/sms-settings';
import { defaultSmtpAccount, type SmtpAccount } from '../records/smtp-account';
import { validateSmsSettings, validateSmtpAccount } from '../validation/record-validators';
import { smtpAccountWarnings } from '../warnings/smtp-warnings';
import { SMS_GATEWAY_PRESETS, SMS_GATEWAY_PRESET_IDS, applySmsGatewayPreset } from './sms-gateway-presets';
import { SMTP_PRESETS, SMTP_PRESET_IDS, applySmtpPreset, matchingSmtpPreset, type SmtpPresetId } from './smtp-presets';

const KEY_FILE = JSON.stringify({ type: 'service_account', client_email: 'smtp@yritys-oy.iam.gserviceaccount.com', private_key: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n' });

/** A day some months ahead, as the admin copies it from Entra ID (`YYYY-MM-DD`). */
const inMonths = (months: number) => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1)).toISOString().slice(0, 10);
};

/** What an admin types into the fields a preset leaves open. */
const TYPED: Partial<SmtpAccount> = {
  oauthClientSecretExpiresAt: inMonths(12),
  host: 'smtp.yritys.fi',
  username: 'myynti@yritys.fi',
  password: 'Salasana-2026',
  oauthTenantId: 'yritys.onmicrosoft.com',
  oauthClientId: '6f1c2b9e-3d4a-4c55-9a0e-2b7d1e8f4a10',
  oauthClientSecret: 'Q~8xv-salainen',
  oauthServiceAccountKey: KEY_FILE,
  oauthUser: 'myynti@yritys.fi',
};

function filledIn(id: SmtpPresetId): SmtpAccount {
  const applied = applySmtpPreset(defaultSmtpAccount(), id);
  const typed = Object.fromEntries(SMTP_PRESETS[id].toFill.map((key) => [key, TYPED[key]]));
  return { ...applied, ...typed };
}

describe('SMTP presets', () => {
  it('Microsoft 365: smtp.office365.com:587, TLS, OAuth2 (Microsoft), 30 messages a minute, 500 recipients a message, 10,000 a day, 3 connections', () => {
    expect(applySmtpPreset(defaultSmtpAccount(), 'MICROSOFT_365')).toMatchObject({
      host: 'smtp.office365.com',
      port: 587,
      encryption: 'TLS',
      authEnabled: true,
      authMethod: 'OAUTH2_MICROSOFT',
      messagesPerMinute: 30,
      recipientsPerMessage: 500,
      recipientsPerDay: 10000,
      recipientLimitAction: 'SPLIT',
      maxConnections: 3,
    });
  });

  it('Microsoft 365 asks for the client secret’s expiry date with the secret', () => {
    expect(SMTP_PRESETS.MICROSOFT_365.toFill).toEqual(['oauthTenantId', 'oauthClientId', 'oauthClientSecret', 'oauthClientSecretExpiresAt', 'oauthUser']);
  });

  it('Microsoft 365 names both ways to allow the app to send, App RBAC (without the Entra permission) and SMTP.SendAsApp with consent', () => {
    const { fi, en } = SMTP_PRESETS.MICROSOFT_365.explanation;
    expect(en).toContain('Application SMTP.SendAsApp scoped to the sending mailboxes only (App RBAC; then SMTP.SendAsApp is not added in Entra ID)');
    expect(en).toContain('SMTP.SendAsApp with admin consent');
    expect(fi).toContain('App RBAC; silloin Entra ID:hen ei lisätä SMTP.SendAsApp-oikeutta');
  });

  it.each(SMTP_PRESET_IDS)('%s sets how many connections the account opens at once (3)', (id) => {
    expect(applySmtpPreset({ ...defaultSmtpAccount(), maxConnections: 12 }, id).maxConnections).toBe(3);
  });

  it('Google SMTP relay: smtp-relay.gmail.com:587, TLS (or 465 SSL), by IP address without sign-in, 10,000 recipients a day', () => {
    expect(applySmtpPreset(defaultSmtpAccount(), 'GOOGLE_SMTP_RELAY')).toMatchObject({
      host: 'smtp-relay.gmail.com',
      port: 587,
      encryption: 'TLS',
      authEnabled: false,
      recipientsPerMessage: 100,
      recipientsPerDay: 10000,
    });
    expect(SMTP_PRESETS.GOOGLE_SMTP_RELAY.alternative).toEqual({ port: 465, encryption: 'SSL' });
    expect(SMTP_PRESETS.GOOGLE_SMTP_RELAY.explanation.en).toContain('Client host name');
  });

  it('Google SMTP relay with sign-in: the same server with SMTP AUTH (username and app password)', () => {
    expect(applySmtpPreset(defaultSmtpAccount(), 'GOOGLE_SMTP_RELAY_LOGIN')).toMatchObject({ host: 'smtp-relay.gmail.com', authEnabled: true, authMethod: 'PASSWORD' });
    expect(SMTP_PRESETS.GOOGLE_SMTP_RELAY_LOGIN.toFill).toEqual(['username', 'password']);
  });

  it('tells the two Google relay presets apart by sign-in', () => {
    expect(matchingSmtpPreset(applySmtpPreset(defaultSmtpAccount(), 'GOOGLE_SMTP_RELAY'))).toBe('GOOGLE_SMTP_RELAY');
    expect(matchingSmtpPreset({ ...applySmtpPreset(defaultSmtpAccount(), 'GOOGLE_SMTP_RELAY_LOGIN'), port: 465, encryption: 'SSL' })).toBe('GOOGLE_SMTP_RELAY_LOGIN');
  });

  it('Google Workspace: smtp.gmail.com:587, TLS, OAuth2 (Google), 100 recipients a message, 2,000 a day (the message limit, as recipients)', () => {
    expect(applySmtpPreset(defaultSmtpAccount(), 'GOOGLE_WORKSPACE')).toMatchObject({
      host: 'smtp.gmail.com',
      port: 587,
      encryption: 'TLS',
      authEnabled: true,
      authMethod: 'OAUTH2_GOOGLE',
      messagesPerMinute: null,
      recipientsPerMessage: 100,
      recipientsPerDay: 2000,
    });
    expect(SMTP_PRESETS.GOOGLE_WORKSPACE.explanation.en).toContain('set as a daily limit of 2,000 recipients');
  });

  it('Google Workspace with an app password: the same server and limits, password sign-in', () => {
    expect(applySmtpPreset(defaultSmtpAccount(), 'GOOGLE_WORKSPACE_APP_PASSWORD')).toMatchObject({
      host: 'smtp.gmail.com',
      port: 587,
      encryption: 'TLS',
      authMethod: 'PASSWORD',
      recipientsPerMessage: 100,
      recipientsPerDay: 2000,
    });
  });

  it('Google Workspace offers port 465 with SSL as the alternative', () => {
    expect(SMTP_PRESETS.GOOGLE_WORKSPACE.alternative).toEqual({ port: 465, encryption: 'SSL' });
    expect(SMTP_PRESETS.GOOGLE_WORKSPACE_APP_PASSWORD.alternative).toEqual({ port: 465, encryption: 'SSL' });
  });

  it('authenticated relay: 587 with TLS and a password, the host left to the admin, no limits', () => {
    const account = applySmtpPreset({ ...defaultSmtpAccount(), host: 'smtp.webhotelli.fi', messagesPerMinute: 30 }, 'AUTHENTICATED_RELAY');
    expect(account).toMatchObject({ host: 'smtp.webhotelli.fi', port: 587, encryption: 'TLS', authEnabled: true, authMethod: 'PASSWORD', messagesPerMinute: null, recipientsPerDay: null });
  });

  it("internet provider's relay: port 25, no encryption, no authentication, and says it works only from the provider's network", () => {
    expect(applySmtpPreset(defaultSmtpAccount(), 'ISP_RELAY')).toMatchObject({ port: 25, encryption: 'NONE', authEnabled: false, authMethod: 'PASSWORD' });
    expect(SMTP_PRESETS.ISP_RELAY.explanation.fi).toContain('vain tarjoajan omasta verkosta');
    expect(SMTP_PRESETS.ISP_RELAY.explanation.en).toContain("only from the provider's own network");
  });

  it('keeps what was typed: credentials, secrets, the mailbox and the CA', () => {
    const typed = { ...defaultSmtpAccount(), ...TYPED, caCertificate: '-----BEGIN CERTIFICATE-----' } as SmtpAccount;
    const applied = applySmtpPreset(typed, 'MICROSOFT_365');
    for (const key of ['username', 'password', 'oauthTenantId', 'oauthClientId', 'oauthClientSecret', 'oauthServiceAccountKey', 'oauthUser', 'caCertificate'] as const) {
      expect(applied[key]).toBe(typed[key]);
    }
  });

  it.each(SMTP_PRESET_IDS.filter((id) => id !== 'GOOGLE_WORKSPACE_APP_PASSWORD'))('%s, once its open fields are filled in, validates and has nothing to warn about', (id) => {
    const account = filledIn(id);
    expect(validateSmtpAccount(account)).toEqual({ ok: true, value: account });
    expect(smtpAccountWarnings(account)).toEqual([]);
  });

  it('Google Workspace with an app password validates and only reminds that an app password is needed', () => {
    const account = filledIn('GOOGLE_WORKSPACE_APP_PASSWORD');
    expect(validateSmtpAccount(account).ok).toBe(true);
    expect(smtpAccountWarnings(account).map((w) => w.code)).toEqual(['GMAIL_APP_PASSWORD']);
  });

  it.each(SMTP_PRESET_IDS)('%s has a label and an explanation in Finnish and English', (id) => {
    const preset = SMTP_PRESETS[id];
    expect(preset.id).toBe(id);
    for (const text of [preset.label, preset.explanation]) {
      expect(text.fi).toMatch(/\S/);
      expect(text.en).toMatch(/\S/);
    }
    expect(preset.explanation.fi).not.toBe(preset.explanation.en);
  });

  it('recognises the preset an account matches, its alternative port included', () => {
    expect(matchingSmtpPreset(applySmtpPreset(defaultSmtpAccount(), 'MICROSOFT_365'))).toBe('MICROSOFT_365');
    expect(matchingSmtpPreset({ ...applySmtpPreset(defaultSmtpAccount(), 'GOOGLE_WORKSPACE'), port: 465, encryption: 'SSL' })).toBe('GOOGLE_WORKSPACE');
    expect(matchingSmtpPreset({ ...applySmtpPreset(defaultSmtpAccount(), 'MICROSOFT_365'), authMethod: 'PASSWORD' })).toBeNull();
  });

  it('Microsoft 365 fills IMAP (outlook.office365.com:993, SSL) with the Sent copy off, as Exchange Online files SMTP mail itself', () => {
    const account = applySmtpPreset(defaultSmtpAccount(), 'MICROSOFT_365');
    expect(account).toMatchObject({ imapHost: 'outlook.office365.com', imapPort: 993, imapEncryption: 'SSL', imapAppendToSent: false });
    expect(SMTP_PRESETS.MICROSOFT_365.explanation.fi).toContain('Exchange Online tallentaa SMTP:llä lähetetyt viestit Lähetetyt-kansioon itse');
  });

  it.each(['GOOGLE_WORKSPACE', 'GOOGLE_WORKSPACE_APP_PASSWORD'] as const)('%s fills IMAP (imap.gmail.com:993, SSL) with the Sent copy off, as Gmail files sent mail itself', (id) => {
    expect(applySmtpPreset(defaultSmtpAccount(), id)).toMatchObject({ imapHost: 'imap.gmail.com', imapPort: 993, imapEncryption: 'SSL', imapAppendToSent: false });
    expect(SMTP_PRESETS[id].explanation.en).toContain('Gmail files what the account sends in Sent Mail itself');
  });

  it('a relay preset leaves the IMAP block as it was typed', () => {
    const typed = { ...defaultSmtpAccount(), imapHost: 'imap.webhotelli.fi', imapSentFolder: 'INBOX.Sent' };
    expect(applySmtpPreset(typed, 'AUTHENTICATED_RELAY')).toMatchObject({ imapHost: 'imap.webhotelli.fi', imapAppendToSent: true, imapSentFolder: 'INBOX.Sent' });
  });

  it('refuses an unknown preset', () => {
    expect(() => applySmtpPreset(defaultSmtpAccount(), 'YAHOO' as SmtpPresetId)).toThrow('Unknown SMTP preset: YAHOO');
  });
});

describe('SMS gateway presets', () => {
  it('Labyrintti puts the number in the address at @smsmail.labyrintti.com', () => {
    expect(applySmsGatewayPreset(defaultSmsSettings(), 'LABYRINTTI')).toMatchObject({ gatewayAddress: '@smsmail.labyrintti.com', phoneNumberPlacement: 'ADDRESS' });
    expect(SMS_GATEWAY_PRESETS.LABYRINTTI.explanation.fi).toContain('358401234567@smsmail.labyrintti.com');
  });

  it('Labyrintti keeps the sender, the gateway password and the SMTP block, and validates', () => {
    const before = { ...defaultSmsSettings(), senderEmail: 'sms@yritys.fi', gatewayPassword: 'gw-salasana', phoneNumberPlacement: 'SUBJECT' as const };
    const after = applySmsGatewayPreset(before, 'LABYRINTTI');
    expect(after).toMatchObject({ senderEmail: 'sms@yritys.fi', gatewayPassword: 'gw-salasana', smtp: before.smtp });
    expect(validateSmsSettings(after).ok).toBe(true);
  });

  it.each(SMS_GATEWAY_PRESET_IDS)('%s has a label and an explanation in Finnish and English', (id) => {
    const preset = SMS_GATEWAY_PRESETS[id];
    expect(preset.label.fi).toMatch(/\S/);
    expect(preset.label.en).toMatch(/\S/);
    expect(preset.explanation.fi).not.toBe(preset.explanation.en);
  });
});
