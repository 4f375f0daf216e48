import { resolveSmtpAccount } from './smtp-account';
import { seedCompany, seedUser, smtp } from './seed-settings.fixture';

describe('SMTP account', () => {
  it('uses the company SMTP server when the user has none', () => {
    const company = seedCompany();
    expect(resolveSmtpAccount(company, seedUser())).toEqual({ owner: 'COMPANY', account: company.smtp });
  });

  it('uses the company SMTP server when there are no user settings', () => {
    expect(resolveSmtpAccount(seedCompany(), null).owner).toBe('COMPANY');
  });

  it("uses the user's whole SMTP block when the user has a server", () => {
    const user = seedUser({ smtp: smtp({ host: 'smtp.sahkoposti.fi', port: 465, encryption: 'SSL', username: 'OmaEmailTunnus', password: 'user-secret' }) });
    expect(resolveSmtpAccount(seedCompany(), user)).toEqual({ owner: 'USER', account: user.smtp });
  });

  it("never mixes the company's credentials into the user's server", () => {
    const user = seedUser({ smtp: smtp({ host: 'smtp.sahkoposti.fi', username: '', password: null }) });
    const { account } = resolveSmtpAccount(seedCompany(), user);
    expect(account.username).toBe('');
    expect(account.password).toBeNull();
  });

  it("ignores the user's other SMTP fields while the user's host is empty", () => {
    const user = seedUser({ smtp: smtp({ host: '  ', username: 'OmaEmailTunnus', password: 'user-secret', port: 995 }) });
    expect(resolveSmtpAccount(seedCompany(), user)).toEqual({ owner: 'COMPANY', account: seedCompany().smtp });
  });
});
