import { parseAddressList } from '../addresses/address-list';
import { changedBindingFields, secretBindings } from '../fields/field-list';
import { defaultSmsSettings, smsSettingsSchema } from '../records/sms-settings';
import { defaultSmtpAccount, smtpAccountSchema } from '../records/smtp-account';
import { composeMessageSchema } from '../records/compose-message';
import { userMailSettingsSchema, defaultUserMailSettings } from '../records/user-mail-settings';
import { hasBidiControls, showBidiControls } from '../text/visible-text';
import { validateRecord } from '../validation/validate';

const message = (subject: string) => ({ to: ['asiakas@asiakas.fi'], cc: [], bcc: [], subject, body: 'Hei' });

describe('recipients with separators and control characters', () => {
  it.each([
    ['a line separator inside the address', 'Boss\u2028attacker@evil.test'],
    ['a paragraph separator between two addresses', 'boss@firma.fi\u2029attacker@evil.test'],
    ['a next-line character (U+0085) inside the address', 'Boss\u0085attacker@evil.test'],
    ['a no-break space inside the address', 'boss\u00a0attacker@evil.test'],
    ['a zero-width joiner inside the address', 'bo\u200dss@firma.fi'],
    ['a line separator inside a quoted name', '"Boss\u2028x" <boss@firma.fi>'],
    ['a NEL inside a quoted name', '"Boss\u0085x" <boss@firma.fi>'],
  ])('refuses %s', (_rule, input) => {
    const parsed = parseAddressList(input);
    expect(parsed.ok).toBe(false);
  });

  it('shows the hidden character of a refused piece as an escape', () => {
    const parsed = parseAddressList('Boss\u2028attacker@evil.test');
    expect(parsed.ok ? null : parsed.errors[0]?.piece).toBe('Boss\\u2028attacker@evil.test');
  });

  it('still accepts a name with a no-break space', () => {
    expect(parseAddressList('"Matti\u00a0Virtanen" <matti@yritys.fi>').ok).toBe(true);
  });
});

describe('control characters in one-line fields', () => {
  it.each([
    ['a line separator', 'Tilaus\u2028Bcc: x@evil.test'],
    ['a paragraph separator', 'Tilaus\u2029'],
    ['a next-line character', 'Tilaus\u0085x'],
    ['a NUL', 'Tilaus\u0000'],
    ['an escape character', 'Tilaus\u001b[31m'],
    ['DEL', 'Tilaus\u007f'],
  ])('refuses a subject with %s, saying why', (_rule, subject) => {
    const result = validateRecord(composeMessageSchema, message(subject));
    expect(result.ok ? [] : result.problems.map((p) => [p.path, p.code])).toEqual([['subject', 'CONTROL_CHARACTER']]);
  });

  it('refuses a sender name with a line separator', () => {
    const result = validateRecord(userMailSettingsSchema, { ...defaultUserMailSettings(), senderName: 'Toimitusjohtaja\u2028' });
    expect(result.ok ? [] : result.problems.map((p) => p.code)).toEqual(['CONTROL_CHARACTER']);
  });

  it('keeps a tab and ordinary Unicode in a subject', () => {
    expect(validateRecord(composeMessageSchema, message('Tilaus\tÄänekoski ✓')).ok).toBe(true);
  });
});

describe('secret bindings', () => {
  it('binds the SMTP password to host, port, encryption, user name, sign-in method and the IMAP server', () => {
    const password = secretBindings(smtpAccountSchema).find((b) => b.path === 'password');
    expect(password?.boundTo).toEqual(['host', 'port', 'encryption', 'username', 'authMethod', 'imapHost', 'imapPort', 'imapEncryption']);
  });

  it('asks for the SMTP password again when the IMAP server, port or encryption changes, not for the Sent folder', () => {
    const binding = secretBindings(smtpAccountSchema).find((b) => b.path === 'password');
    const before = { ...defaultSmtpAccount(), host: 'smtp.firma.fi', imapHost: 'imap.firma.fi' };
    expect(changedBindingFields(binding!, before, { ...before, imapHost: 'imap.evil.test' })).toEqual(['imapHost']);
    expect(changedBindingFields(binding!, before, { ...before, imapPort: 143, imapEncryption: 'TLS' })).toEqual(['imapPort', 'imapEncryption']);
    expect(changedBindingFields(binding!, before, { ...before, imapSentFolder: 'Lähetetyt', imapAppendToSent: false })).toEqual([]);
  });

  it('counts the IMAP port and encryption as empty while no IMAP server is set, so a password saved before IMAP stays usable', () => {
    const binding = secretBindings(smtpAccountSchema).find((b) => b.path === 'password');
    const before = { host: 'smtp.firma.fi', port: 587, encryption: 'TLS', username: 'u', authMethod: 'PASSWORD' };
    expect(changedBindingFields(binding!, before, { ...defaultSmtpAccount(), ...before })).toEqual([]);
    expect(changedBindingFields(binding!, before, { ...defaultSmtpAccount(), ...before, imapHost: 'imap.firma.fi' })).toEqual(['imapHost', 'imapPort', 'imapEncryption']);
  });

  it('binds the OAuth2 secrets also to the app registration and the mailbox', () => {
    const secret = secretBindings(smtpAccountSchema).find((b) => b.path === 'oauthClientSecret');
    expect(secret?.boundTo).toEqual(expect.arrayContaining(['host', 'oauthTenantId', 'oauthClientId', 'oauthUser']));
  });

  it("binds the SMS gateway password to the gateway address and the SMS account's server", () => {
    const gateway = secretBindings(smsSettingsSchema).find((b) => b.path === 'gatewayPassword');
    expect(gateway?.boundTo).toEqual(expect.arrayContaining(['gatewayAddress', 'smtp.host', 'smtp.port', 'smtp.encryption']));
    expect(secretBindings(smsSettingsSchema).find((b) => b.path === 'smtp.password')?.boundTo).toContain('smtp.host');
  });

  it('binds the SMS gateway password to the templates and everything else that decides where the gateway e-mail goes and whose mailbox it leaves', () => {
    const gateway = secretBindings(smsSettingsSchema).find((b) => b.path === 'gatewayPassword');
    const before = { ...defaultSmsSettings(), senderEmail: 'sms@firma.fi', gatewayAddress: '@smsmail.labyrintti.com', gatewayPassword: 'Salainen-1' };
    const changes: Array<[string, object]> = [
      ['addressTemplate', { addressTemplate: '{number}@evil.test' }],
      ['subjectTemplate', { subjectTemplate: '{password} {number}' }],
      ['firstLineTemplate', { firstLineTemplate: 'Pass:{password}' }],
      ['ucs2Domain', { ucs2Domain: 'evil.test' }],
      ['senderEmail', { senderEmail: 'attacker@evil.test' }],
      ['phoneNumberPlacement', { phoneNumberPlacement: 'SUBJECT' }],
      ['gatewayPasswordPlacement', { gatewayPasswordPlacement: 'BODY_FIRST_LINE' }],
      ['smtp.host', { smtp: { ...before.smtp, host: 'smtp.evil.test' } }],
      ['smtp.username', { smtp: { ...before.smtp, username: 'attacker@evil.test' } }],
      ['smtp.oauthUser', { smtp: { ...before.smtp, oauthUser: 'attacker@evil.test' } }],
    ];
    for (const [path, change] of changes) expect(changedBindingFields(gateway!, before, { ...before, ...change })).toEqual([path]);
    // The form alone is no change: what it gives is compared (the templates, filled in from the simple form).
    expect(changedBindingFields(gateway!, before, { ...before, maxSegments: 3, templateMode: 'ADVANCED' })).toEqual([]);
  });

  it('names the bound fields that changed, ignoring case in host names and blanks around text', () => {
    const binding = secretBindings(smtpAccountSchema).find((b) => b.path === 'password');
    const before = { ...defaultSmtpAccount(), host: 'smtp.firma.fi', username: 'myynti@firma.fi' };
    expect(changedBindingFields(binding!, before, { ...before, host: ' SMTP.Firma.fi ' })).toEqual([]);
    expect(changedBindingFields(binding!, before, { ...before, host: 'evil.test', encryption: 'NONE' })).toEqual(['host', 'encryption']);
  });

  it('counts a bound field that a record does not have yet as empty', () => {
    const binding = { path: 'password', boundTo: ['host', 'imapHost'] };
    expect(changedBindingFields(binding, { host: 'a.fi' }, { host: 'a.fi', imapHost: '' })).toEqual([]);
    expect(changedBindingFields(binding, { host: 'a.fi' }, { host: 'a.fi', imapHost: 'imap.a.fi' })).toEqual(['imapHost']);
  });

  it('leaves the defaults of every record valid', () => {
    expect(validateRecord(smsSettingsSchema, defaultSmsSettings()).ok).toBe(true);
  });
});

describe('bidirectional-text controls in names', () => {
  it('shows a right-to-left override as an escape, so the real order reads', () => {
    expect(showBidiControls('Lasku\u202Efdp.exe')).toBe('Lasku[U+202E]fdp.exe');
    expect(hasBidiControls('Lasku\u202Efdp.exe')).toBe(true);
  });

  it('leaves Finnish and other scripts as they are', () => {
    expect(showBidiControls('Lasku_Äänekoski_2026.pdf')).toBe('Lasku_Äänekoski_2026.pdf');
    expect(showBidiControls('فاتورة.pdf')).toBe('فاتورة.pdf');
    expect(hasBidiControls('Lasku_Äänekoski_2026.pdf')).toBe(false);
  });
});
