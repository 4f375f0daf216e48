import { Resolver } from 'node:dns/promises';
import { startDnsServer, type RunningDnsServer } from '../src';

let dns: RunningDnsServer | undefined;

afterEach(async () => {
  await dns?.close();
  dns = undefined;
});

it('serves a zone on loopback to a resolver pointed at it, NXDOMAIN for other names', async () => {
  dns = await startDnsServer({
    'yritys.fi': { TXT: ['v=spf1 include:spf.protection.outlook.com -all', 'x'.repeat(400)], A: ['192.0.2.10'] },
    'selector1._domainkey.yritys.fi': { CNAME: 'selector1-yritys-fi._domainkey.yritys.onmicrosoft.com' },
  });
  const resolver = new Resolver();
  resolver.setServers([dns.address]);
  const txt = await resolver.resolveTxt('yritys.fi');
  expect(txt.map((parts) => parts.join(''))).toEqual(['v=spf1 include:spf.protection.outlook.com -all', 'x'.repeat(400)]);
  await expect(resolver.resolveCname('selector1._domainkey.yritys.fi')).resolves.toEqual(['selector1-yritys-fi._domainkey.yritys.onmicrosoft.com']);
  await expect(resolver.resolve4('yritys.fi')).resolves.toEqual(['192.0.2.10']);
  await expect(resolver.resolveTxt('muu.fi')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  await expect(resolver.resolveMx('yritys.fi')).rejects.toMatchObject({ code: 'ENODATA' });
  expect(dns.questions).toContainEqual({ name: 'selector1._domainkey.yritys.fi', type: 'CNAME' });
});
