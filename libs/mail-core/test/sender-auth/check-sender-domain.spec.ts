import { Resolver } from 'node:dns/promises';
import { startDnsServer, type DnsZone, type RunningDnsServer } from '@maestro/test-support';
import { checkSenderDomain, type DnsResolve } from '../../src/sender-auth';

let dns: RunningDnsServer | undefined;

afterEach(async () => {
  await dns?.close();
  dns = undefined;
});

/** A resolver that asks only the DNS server this test started on loopback, never the network. */
async function resolverFor(zone: DnsZone): Promise<DnsResolve> {
  dns = await startDnsServer(zone);
  const resolver = new Resolver({ timeout: 1000, tries: 1 });
  resolver.setServers([dns.address]);
  return (name, rrtype) => resolver.resolve(name, rrtype);
}

const MICROSOFT_DKIM: DnsZone = {
  'selector1._domainkey.yritys.fi': { CNAME: 'selector1-yritys-fi._domainkey.yritys.onmicrosoft.com' },
  'selector2._domainkey.yritys.fi': { CNAME: 'selector2-yritys-fi._domainkey.yritys.onmicrosoft.com' },
};

describe('Microsoft 365', () => {
  it('finds the provider in SPF and both DKIM selectors, reads the DMARC policy, and says mail will arrive', async () => {
    const resolver = await resolverFor({
      'yritys.fi': { TXT: ['v=spf1 include:spf.protection.outlook.com -all', 'google-site-verification=abc'] },
      '_dmarc.yritys.fi': { TXT: ['v=DMARC1; p=reject; rua=mailto:dmarc@yritys.fi'] },
      ...MICROSOFT_DKIM,
    });
    const check = await checkSenderDomain({ senderAddress: 'myynti@yritys.fi', smtpHost: 'smtp.office365.com', resolver });
    expect(check).toMatchObject({
      domain: 'yritys.fi',
      provider: 'MICROSOFT',
      spf: { status: 'INCLUDES_PROVIDER', estimate: false },
      dkim: { status: 'PUBLISHED', selectors: ['selector1', 'selector2'] },
      dmarc: { policy: 'REJECT' },
      verdict: 'OK',
    });
    expect(dns?.questions).toContainEqual({ name: '_dmarc.yritys.fi', type: 'TXT' });
  });

  it('follows include: chains to the provider', async () => {
    const resolver = await resolverFor({
      'yritys.fi': { TXT: ['v=spf1 include:_spf.yritys.fi ~all'] },
      '_spf.yritys.fi': { TXT: ['v=spf1 ip4:192.0.2.0/24 include:spf.protection.outlook.com -all'] },
    });
    const check = await checkSenderDomain({ senderAddress: 'myynti@yritys.fi', smtpHost: 'smtp-legacy.office365.com', resolver });
    expect(check.spf.status).toBe('INCLUDES_PROVIDER');
  });

  it('says mail will be refused when SPF lacks the provider, DKIM is missing and DMARC says reject, and what to add', async () => {
    const resolver = await resolverFor({
      'yritys.fi': { TXT: ['v=spf1 include:_spf.webhotelli.fi -all'] },
      '_spf.webhotelli.fi': { TXT: ['v=spf1 ip4:198.51.100.0/24 -all'] },
      '_dmarc.yritys.fi': { TXT: ['v=DMARC1; p=reject'] },
    });
    const check = await checkSenderDomain({ senderAddress: 'myynti@yritys.fi', smtpHost: 'smtp.office365.com', resolver });
    expect(check).toMatchObject({ spf: { status: 'MISSING_PROVIDER' }, dkim: { status: 'MISSING' }, verdict: 'REJECTED_LIKELY' });
    expect(check.spf.message.en).toContain('add include:spf.protection.outlook.com');
    expect(check.message.en).toContain('will likely be refused');
    expect(check.message.fi).toContain('hylätään');
  });
});

describe('Google Workspace', () => {
  it('counts a published google._domainkey as aligned DKIM even without SPF, and notes the missing DMARC', async () => {
    const resolver = await resolverFor({
      'google._domainkey.yritys.fi': { TXT: ['v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA'] },
    });
    const check = await checkSenderDomain({ senderAddress: 'myynti@yritys.fi', smtpHost: 'smtp.gmail.com', resolver });
    expect(check).toMatchObject({ provider: 'GOOGLE', spf: { status: 'NO_RECORD' }, dkim: { status: 'PUBLISHED' }, dmarc: { policy: 'NO_RECORD' }, verdict: 'OK' });
    expect(check.spf.message.en).toContain('include:_spf.google.com');
    expect(check.dmarc.message.en).toContain('_dmarc.yritys.fi TXT "v=DMARC1; p=none"');
  });

  it('says mail will land in spam with neither SPF nor DKIM for Google', async () => {
    const resolver = await resolverFor({ 'yritys.fi': { TXT: ['v=spf1 include:spf.protection.outlook.com -all'] }, '_dmarc.yritys.fi': { TXT: ['v=DMARC1; p=quarantine'] } });
    const check = await checkSenderDomain({ senderAddress: 'myynti@yritys.fi', smtpHost: 'smtp-relay.gmail.com', resolver });
    expect(check).toMatchObject({ spf: { status: 'MISSING_PROVIDER' }, dmarc: { policy: 'QUARANTINE' }, verdict: 'SPAM_LIKELY' });
    expect(check.message.en).toContain('will likely land in spam');
  });
});

describe('other relays', () => {
  it("evaluates SPF for the relay's own addresses, labelled an estimate, and does not guess DKIM", async () => {
    const resolver = await resolverFor({
      'smtp.webhotelli.fi': { A: ['192.0.2.25'] },
      'yritys.fi': { TXT: ['v=spf1 ip4:192.0.2.0/24 -all'] },
      '_dmarc.yritys.fi': { TXT: ['v=DMARC1; p=none'] },
    });
    const check = await checkSenderDomain({ senderAddress: 'myynti@yritys.fi', smtpHost: 'smtp.webhotelli.fi', resolver });
    expect(check).toMatchObject({ provider: 'OTHER', spf: { status: 'PASS', estimate: true }, dkim: { status: 'NOT_CHECKED' }, dmarc: { policy: 'NONE' }, verdict: 'OK' });
    expect(check.spf.message.en).toContain('an estimate for the addresses of smtp.webhotelli.fi');
  });

  it('says the relay is forbidden when SPF fails for its addresses', async () => {
    const resolver = await resolverFor({
      'smtp.webhotelli.fi': { A: ['192.0.2.25'] },
      'yritys.fi': { TXT: ['v=spf1 ip4:198.51.100.1 -all'] },
      '_dmarc.yritys.fi': { TXT: ['v=DMARC1; p=quarantine'] },
    });
    const check = await checkSenderDomain({ senderAddress: 'myynti@yritys.fi', smtpHost: 'smtp.webhotelli.fi', resolver });
    expect(check).toMatchObject({ spf: { status: 'FAIL' }, verdict: 'SPAM_LIKELY' });
  });

  it("takes a subdomain's DMARC policy from the organisation's domain", async () => {
    const resolver = await resolverFor({
      'smtp.webhotelli.fi': { A: ['192.0.2.25'] },
      'myynti.yritys.fi': { TXT: ['v=spf1 ip4:192.0.2.25 -all'] },
      '_dmarc.yritys.fi': { TXT: ['v=DMARC1; p=quarantine; sp=reject'] },
    });
    const check = await checkSenderDomain({ senderAddress: 'x@myynti.yritys.fi', smtpHost: 'smtp.webhotelli.fi', resolver });
    expect(check.dmarc.policy).toBe('REJECT');
  });
});

it('cannot judge delivery when DNS does not answer, and says so instead of failing', async () => {
  dns = await startDnsServer({});
  const address = dns.address;
  await dns.close();
  dns = undefined;
  const resolver = new Resolver({ timeout: 300, tries: 1 });
  resolver.setServers([address]);
  const check = await checkSenderDomain({ senderAddress: 'myynti@yritys.fi', smtpHost: 'smtp.office365.com', resolver: (n, t) => resolver.resolve(n, t) });
  expect(check.verdict).toBe('UNKNOWN');
  expect(check.message.en).toContain('cannot be judged');
});
