import { resolveEmail, type EmailInput } from './resolve-email';
import { seedCompany, seedUser, smtp } from './seed-settings.fixture';

/** What a module's sendMessage gives: its own subject and body, no standard text. */
function input(overrides: Partial<EmailInput> = {}): EmailInput {
  return {
    source: 'SALES_ORDER',
    company: seedCompany(),
    user: seedUser(),
    policy: null,
    recipients: { to: ['matti@asiakas.fi'] },
    defaultRecipients: 'INCLUDE',
    signature: 'AUTO',
    subject: 'Tilausvahvistus 10023',
    body: 'Hei,\nkiitos tilauksestanne.\n',
    standardText: null,
    variables: {},
    language: 'FI',
    ...overrides,
  };
}

const addresses = (list: Array<{ address: string }>) => list.map((m) => m.address);

describe('resolveEmail (every caller: sendMessage, startSend, a stored draft)', () => {
  it("adds the company's default recipients and the user's signature to a module's message", () => {
    const result = resolveEmail(input());
    expect(result.ok && addresses(result.email.to)).toEqual(['matti@asiakas.fi', 'vakio.asiakas@asiakasyritys.fi']);
    expect(result.ok && result.email.body).toBe('Hei,\nkiitos tilauksestanne.\n\nOma Nimi\nTestikatu 10\n00120 TESTILÄ\n010-12345678');
  });

  it('adds nothing when the caller showed them to a person (EXCLUDE, NONE)', () => {
    const result = resolveEmail(input({ defaultRecipients: 'EXCLUDE', signature: 'NONE' }));
    expect(result.ok && [addresses(result.email.to), result.email.body]).toEqual([['matti@asiakas.fi'], 'Hei,\nkiitos tilauksestanne.\n']);
  });

  it('sends the default recipients as Cc when the company says so', () => {
    const result = resolveEmail(input({ company: seedCompany({ defaultRecipientsField: 'CC' }), recipients: { to: ['matti@asiakas.fi'], bcc: ['arkisto@yritys.fi'] } }));
    expect(result.ok && [addresses(result.email.to), addresses(result.email.cc), addresses(result.email.bcc)]).toEqual([
      ['matti@asiakas.fi'],
      ['vakio.asiakas@asiakasyritys.fi'],
      ['arkisto@yritys.fi'],
    ]);
  });

  it('takes the caller’s subject and body as they are, never as a template', () => {
    const result = resolveEmail(input({ subject: 'Hinta {{x}}', body: 'Koodi {{#a}}', signature: 'NONE', standardText: { subject: 'Vakio', body: 'Vakio' } }));
    expect(result.ok && [result.email.subject, result.email.body, result.email.missingPlaceholders]).toEqual(['Hinta {{x}}', 'Koodi {{#a}}', []]);
  });

  it("fills subject and body from the standard text when the caller gives none (a module's startSend)", () => {
    const result = resolveEmail(input({ subject: null, body: null, standardText: { subject: 'Tilaus {{documentNumber}}', body: 'Tilaus {{documentNumber}}' }, variables: { documentNumber: 'MT-1' } }));
    expect(result.ok && [result.email.subject, result.email.body.split('\n')[0]]).toEqual(['Tilaus MT-1', 'Tilaus MT-1']);
  });

  it('resolves the sender on the server: the user’s address, else the company’s', () => {
    const forUser = resolveEmail(input());
    expect(forUser.ok && forUser.email.from).toEqual({ name: 'Oma Nimi', address: 'oma.nimi@sahkoposti.fi' });
    const forCompany = resolveEmail(input({ user: null }));
    expect(forCompany.ok && forCompany.email.from).toEqual({ name: 'Yrityksen edustaja', address: 'yritys@yritys.fi' });
  });

  it("sends an address the user typed themselves as the company until an admin confirms it, and through the user's own account as its mailbox", () => {
    const unconfirmed = resolveEmail(input({ user: seedUser({ senderConfirmed: false }) }));
    expect(unconfirmed.ok && unconfirmed.email.from).toEqual({ name: 'Yrityksen edustaja', address: 'yritys@yritys.fi' });
    const own = smtp({ host: 'smtp.sahkoposti.fi', authEnabled: true, username: 'matti@sahkoposti.fi', password: 'user-secret' });
    const throughOwn = resolveEmail(input({ user: seedUser({ senderConfirmed: false, smtp: own }) }));
    expect(throughOwn.ok && [throughOwn.email.from.address, throughOwn.email.smtpAccountOwner]).toEqual(['matti@sahkoposti.fi', 'USER']);
  });

  it("answers the account that sends it apart from the message, so the message can go to a client", () => {
    const result = resolveEmail(input({ user: seedUser({ smtp: smtp({ host: 'smtp.sahkoposti.fi', password: 'user-secret' }) }) }));
    expect(result.ok && result.account?.host).toBe('smtp.sahkoposti.fi');
    expect(result.ok && JSON.stringify(result.email)).not.toMatch(/secret|smtp\.sahkoposti/);
  });

  it('has no account when the message is handed off to the user’s mail program', () => {
    const result = resolveEmail(input({ company: seedCompany({ smtpSendingEnabled: false }) }));
    expect(result.ok && [result.email.delivery, result.account]).toEqual(['HAND_OFF', null]);
  });

  it("takes the program's send mode", () => {
    const result = resolveEmail(input({ policy: { source: 'SALES_ORDER', sendMode: 'SEND_NOW', defaultOutput: 'EMAIL' } }));
    expect(result.ok && result.email.sendMode).toBe('SEND_NOW');
  });

  it('refuses with the reason from the refusal table', () => {
    const result = resolveEmail(input({ company: seedCompany({ companyEmail: '' }), user: seedUser({ email: '' }) }));
    expect(!result.ok && [result.refusal.code, result.refusal.message.fi]).toEqual(['NO_SENDER_ADDRESS', expect.stringContaining('Yrityksen email')]);
  });
});
