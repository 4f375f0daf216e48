import { resolveSender } from './effective-sender';
import { seedCompany, seedUser } from './seed-settings.fixture';

describe('effective sender', () => {
  it("sends from the user's own e-mail and name when the user has them", () => {
    expect(resolveSender(seedCompany(), seedUser())).toEqual({ name: 'Oma Nimi', address: 'oma.nimi@sahkoposti.fi' });
  });

  it('sends from the company e-mail when the user has none', () => {
    expect(resolveSender(seedCompany(), seedUser({ email: '', senderName: '' }))).toEqual({ name: 'Yrityksen edustaja', address: 'yritys@yritys.fi' });
  });

  it('sends from the company e-mail when there are no user settings at all', () => {
    expect(resolveSender(seedCompany(), null)).toEqual({ name: 'Yrityksen edustaja', address: 'yritys@yritys.fi' });
  });

  it("uses the company's sender name when the user has an address but no name", () => {
    expect(resolveSender(seedCompany(), seedUser({ senderName: '  ' }))).toEqual({ name: 'Yrityksen edustaja', address: 'oma.nimi@sahkoposti.fi' });
  });

  it("uses the user's sender name with the company e-mail when the user has a name but no address", () => {
    expect(resolveSender(seedCompany(), seedUser({ email: '' }))).toEqual({ name: 'Oma Nimi', address: 'yritys@yritys.fi' });
  });

  it('has no sender when neither the user nor the company has an e-mail', () => {
    expect(resolveSender(seedCompany({ companyEmail: '' }), seedUser({ email: '' }))).toBeNull();
  });

  it('takes the bare address when the e-mail field holds a display name too', () => {
    expect(resolveSender(seedCompany({ companyEmail: '"Yritys Oy" <Yritys@Yritys.fi>', senderName: '' }), null)).toEqual({
      name: 'Yritys Oy',
      address: 'Yritys@Yritys.fi',
    });
  });
});

describe("a user's own SMTP account and the sender", () => {
  const ownAccount = { host: 'smtp.office365.com', authEnabled: true, authMethod: 'PASSWORD' as const, username: 'matti@yritys.fi' };

  it('sends from the mailbox the own account signs in as when no address was set for the user', () => {
    const user = seedUser({ email: '', senderName: '' });
    expect(resolveSender(seedCompany(), { ...user, smtp: { ...user.smtp, ...ownAccount } })).toEqual({ name: 'Yrityksen edustaja', address: 'matti@yritys.fi' });
  });

  it('prefers the address an admin set over the own account mailbox', () => {
    const user = seedUser();
    expect(resolveSender(seedCompany(), { ...user, smtp: { ...user.smtp, ...ownAccount } })?.address).toBe('oma.nimi@sahkoposti.fi');
  });

  it('uses the OAuth2 mailbox of an OAuth2 account', () => {
    const user = seedUser({ email: '' });
    const smtp = { ...user.smtp, ...ownAccount, authMethod: 'OAUTH2_MICROSOFT' as const, username: '', oauthUser: 'myynti@yritys.fi' };
    expect(resolveSender(seedCompany(), { ...user, smtp })?.address).toBe('myynti@yritys.fi');
  });

  it('does not take an address from an own account that does not sign in', () => {
    const user = seedUser({ email: '' });
    expect(resolveSender(seedCompany(), { ...user, smtp: { ...user.smtp, ...ownAccount, authEnabled: false } })?.address).toBe('yritys@yritys.fi');
  });

  it('does not take a login name that is not an address', () => {
    const user = seedUser({ email: '' });
    expect(resolveSender(seedCompany(), { ...user, smtp: { ...user.smtp, ...ownAccount, username: 'matti' } })?.address).toBe('yritys@yritys.fi');
  });
});

describe('a sender address the user typed themselves, before only admins could', () => {
  const unconfirmed = seedUser({ senderConfirmed: false });

  it('sends as the company while no admin has confirmed the address, name included', () => {
    expect(resolveSender(seedCompany(), unconfirmed)).toEqual({ name: 'Yrityksen edustaja', address: 'yritys@yritys.fi' });
  });

  it('sends as the mailbox of the own SMTP account, not the unconfirmed address', () => {
    const smtp = { ...unconfirmed.smtp, host: 'smtp.office365.com', authEnabled: true, authMethod: 'PASSWORD' as const, username: 'matti@yritys.fi' };
    expect(resolveSender(seedCompany(), { ...unconfirmed, email: 'toimitusjohtaja@yritys.fi', smtp })).toEqual({ name: 'Yrityksen edustaja', address: 'matti@yritys.fi' });
  });

  it('sends as the address once an admin has confirmed it', () => {
    expect(resolveSender(seedCompany(), { ...unconfirmed, senderConfirmed: true })).toEqual({ name: 'Oma Nimi', address: 'oma.nimi@sahkoposti.fi' });
  });
});
