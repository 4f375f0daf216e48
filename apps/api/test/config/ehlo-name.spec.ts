import { loadConfig } from '../../src/config/env';
import { machineFqdn, type FqdnLookups } from '../../src/config/machine-fqdn';

describe('MAESTRO_EHLO_NAME', () => {
  it('is read like the other variables, in its ASCII lower-case form', () => {
    expect(loadConfig({ MAESTRO_EHLO_NAME: 'ERP.Pörssi.fi' }).ehloName).toBe('erp.xn--prssi-jua.fi');
  });

  it('is null when not set: the machine’s full name, else the sender’s domain, is used', () => {
    expect(loadConfig({}).ehloName).toBeNull();
  });

  it.each(['erp', 'localhost', '127.0.0.1', 'erp yritys.fi'])('refuses "%s" at start, saying what it must be', (name) => {
    expect(() => loadConfig({ MAESTRO_EHLO_NAME: name })).toThrow(/MAESTRO_EHLO_NAME must be this server's full host name with a dot/);
  });
});

describe("the machine's full name", () => {
  const lookups = (hostname: string, registered: string | Error): FqdnLookups => ({
    hostname: () => hostname,
    lookup: async () => ({ address: '192.0.2.7' }),
    lookupService: async () => {
      if (registered instanceof Error) throw registered;
      return { hostname: registered };
    },
  });

  it('is the host name when it already has a dot', async () => {
    await expect(machineFqdn(lookups('erp.yritys.fi', 'muu.yritys.fi'))).resolves.toBe('erp.yritys.fi');
  });

  it("is the name the machine's address is registered under when the host name is short", async () => {
    await expect(machineFqdn(lookups('erp', 'erp.yritys.fi'))).resolves.toBe('erp.yritys.fi');
  });

  it('is null when nothing gives a full name (a container), so the sender’s domain is used', async () => {
    await expect(machineFqdn(lookups('3f2a9c1b', 'localhost'))).resolves.toBeNull();
    await expect(machineFqdn(lookups('3f2a9c1b', Object.assign(new Error('not found'), { code: 'ENOTFOUND' })))).resolves.toBeNull();
    await expect(machineFqdn(lookups('erp', 'erp.localdomain'))).resolves.toBeNull();
  });

  it('gives up on a resolver that does not answer, instead of holding the start', async () => {
    const silent: FqdnLookups = { hostname: () => 'erp', lookup: () => new Promise(() => undefined), lookupService: async () => ({ hostname: 'x.y' }) };
    await expect(machineFqdn(silent, 50)).resolves.toBeNull();
  });
});
