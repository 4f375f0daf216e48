import { resolveEmail, type EmailInput } from './resolve-email';
import { seedCompany, seedUser, smtp } from './seed-settings.fixture';

/** What the compose dialog opens with (composeDraft): the standard text, the default recipients and the signature. */
function resolveDraft(input: EmailInput) {
  const result = resolveEmail(input);
  return result.ok ? { ok: true as const, draft: result.email } : result;
}

function input(overrides: Partial<EmailInput> = {}): EmailInput {
  return {
    defaultRecipients: 'INCLUDE',
    signature: 'AUTO',
    subject: null,
    body: null,
    source: 'SALES_ORDER',
    company: seedCompany(),
    user: seedUser(),
    policy: { source: 'SALES_ORDER', sendMode: 'ASK', defaultOutput: 'EMAIL' },
    recipients: { to: ['etu.sukunimi@maestro.fi'] },
    standardText: { subject: 'Tilausvahvistus {{documentNumber}}', body: 'Hei {{customerName}},\nkiitos tilauksestanne {{documentNumber}}.\n' },
    variables: { documentNumber: '10023', customerName: 'Virtanen Oy' },
    language: 'FI',
    ...overrides,
  };
}

describe('the draft the compose dialog opens with', () => {
  it('combines sender, recipients, filled standard text, signature and policy into the draft', () => {
    expect(resolveDraft(input())).toEqual({
      ok: true,
      draft: {
        from: { name: 'Oma Nimi', address: 'oma.nimi@sahkoposti.fi' },
        to: [
          { name: '', address: 'etu.sukunimi@maestro.fi' },
          { name: '', address: 'vakio.asiakas@asiakasyritys.fi' },
        ],
        cc: [],
        bcc: [],
        subject: 'Tilausvahvistus 10023',
        body: 'Hei Virtanen Oy,\nkiitos tilauksestanne 10023.\n\nOma Nimi\nTestikatu 10\n00120 TESTILÄ\n010-12345678',
        attachmentsAllowed: true,
        sendMode: 'ASK',
        defaultOutput: 'EMAIL',
        delivery: 'SMTP',
        smtpAccountOwner: 'COMPANY',
        missingPlaceholders: [],
        language: 'FI',
      },
    });
  });

  it('never puts an SMTP account or password in the draft', () => {
    const result = resolveDraft(input({ user: seedUser({ smtp: smtp({ host: 'smtp.sahkoposti.fi', password: 'user-secret' }) }) }));
    expect(result.ok && result.draft.smtpAccountOwner).toBe('USER');
    expect(JSON.stringify(result)).not.toMatch(/secret|smtp\.sahkoposti|smtp\.office365/);
  });

  it('reports placeholders with no value from subject and body, each once', () => {
    const result = resolveDraft(
      input({
        standardText: { subject: 'Lähetys {{trackingCode}} / {{documentNumber}}', body: 'Seuranta: {{trackingCode}} {{trackingUrl}}' },
        variables: {},
      }),
    );
    expect(result.ok && result.draft.missingPlaceholders).toEqual(['trackingCode', 'documentNumber', 'trackingUrl']);
    expect(result.ok && result.draft.subject).toBe('Lähetys {{trackingCode}} / {{documentNumber}}');
  });

  it('opens an empty draft with the signature when there is no standard text', () => {
    const result = resolveDraft(input({ standardText: null }));
    expect(result.ok && [result.draft.subject, result.draft.body]).toEqual(['', '\n\nOma Nimi\nTestikatu 10\n00120 TESTILÄ\n010-12345678']);
  });

  it("does not read the user's signature as a template", () => {
    const result = resolveDraft(input({ user: seedUser({ signatureLines: ['Oma {{Nimi'] }) }));
    expect(result.ok && result.draft.body.endsWith('\n\nOma {{Nimi')).toBe(true);
  });

  it('says the attachment field is hidden for a program that allows no attachments', () => {
    const result = resolveDraft(input({ source: 'SHIPPING_LABEL', policy: null }));
    expect(result.ok && result.draft.attachmentsAllowed).toBe(false);
  });

  it("uses the program's default policy when none is stored", () => {
    const result = resolveDraft(input({ source: 'QUOTE', policy: null }));
    expect(result.ok && [result.draft.sendMode, result.draft.defaultOutput]).toEqual(['OPEN_FOR_EDIT', 'PAPER']);
  });

  it('hands off to the user’s mail program when SMTP sending is off, with no SMTP account', () => {
    const result = resolveDraft(input({ company: seedCompany({ smtpSendingEnabled: false, smtp: smtp() }) }));
    expect(result.ok && [result.draft.delivery, result.draft.smtpAccountOwner]).toEqual(['HAND_OFF', null]);
  });

  it('refuses when the company has e-mail turned off', () => {
    const result = resolveDraft(input({ company: seedCompany({ enabledChannels: 'SMS' }) }));
    expect(!result.ok && result.refusal.code).toBe('EMAIL_DISABLED');
  });

  it('refuses when the service is off altogether', () => {
    const result = resolveDraft(input({ company: seedCompany({ enabledChannels: 'NONE' }) }));
    expect(!result.ok && result.refusal.code).toBe('CHANNELS_DISABLED');
  });

  it('refuses when there is no sender address anywhere', () => {
    const result = resolveDraft(input({ company: seedCompany({ companyEmail: '' }), user: seedUser({ email: '' }) }));
    expect(!result.ok && result.refusal.code).toBe('NO_SENDER_ADDRESS');
  });

  it('refuses to send by SMTP when neither the user nor the company has a server', () => {
    const result = resolveDraft(input({ company: seedCompany({ smtp: smtp() }), user: null }));
    expect(!result.ok && result.refusal.code).toBe('SMTP_NOT_CONFIGURED');
  });

  it('refuses bad caller recipients, listing every bad piece', () => {
    const result = resolveDraft(input({ recipients: { to: ['matti@', 'ok@y.fi; @x.fi'] } }));
    expect(!result.ok && [result.refusal.code, result.refusal.pieces]).toEqual(['INVALID_RECIPIENTS', ['matti@', '@x.fi']]);
  });

  it('refuses a malformed standard text instead of throwing', () => {
    const result = resolveDraft(input({ standardText: { subject: 'Tilaus', body: 'Hei {{customerName' } }));
    expect(!result.ok && result.refusal.code).toBe('TEMPLATE_SYNTAX');
  });

  it('keeps the subject on one line when a variable holds a line break', () => {
    const result = resolveDraft(input({ variables: { documentNumber: '10023\r\nBcc: x@y.fi', customerName: 'A' } }));
    expect(result.ok && result.draft.subject).toBe('Tilausvahvistus 10023 Bcc: x@y.fi');
  });

  it('puts the company default recipients in Bcc when the company says so', () => {
    const result = resolveDraft(input({ company: seedCompany({ defaultRecipientsField: 'BCC' }) }));
    expect(result.ok && [result.draft.to, result.draft.bcc]).toEqual([[{ name: '', address: 'etu.sukunimi@maestro.fi' }], [{ name: '', address: 'vakio.asiakas@asiakasyritys.fi' }]]);
  });

  it('answers in the language asked', () => {
    const result = resolveDraft(input({ language: 'SV' }));
    expect(result.ok && result.draft.language).toBe('SV');
  });
});
