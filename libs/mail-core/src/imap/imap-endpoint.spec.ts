import { rootCertificates } from 'node:tls';
import { DEFAULT_IMAP_TIMEOUTS, imapClientOptions, type ImapEndpoint } from './imap-endpoint';

const endpoint = (overrides: Partial<ImapEndpoint> = {}): ImapEndpoint => ({ host: ' imap.yritys.fi ', port: 993, encryption: 'SSL', ...overrides });
const auth = { user: 'myynti@yritys.fi', pass: 'salasana' };

describe('imapClientOptions', () => {
  it('uses implicit TLS for SSL', () => {
    expect(imapClientOptions(endpoint(), auth, DEFAULT_IMAP_TIMEOUTS)).toMatchObject({ host: 'imap.yritys.fi', port: 993, secure: true });
    expect(imapClientOptions(endpoint(), auth, DEFAULT_IMAP_TIMEOUTS).doSTARTTLS).toBeUndefined();
  });

  it('requires STARTTLS for TLS, so nothing is sent in clear when the upgrade is not offered', () => {
    expect(imapClientOptions(endpoint({ encryption: 'TLS', port: 143 }), auth, DEFAULT_IMAP_TIMEOUTS)).toMatchObject({ secure: false, doSTARTTLS: true });
  });

  it('never upgrades NONE, the admin’s explicit choice of plain IMAP', () => {
    expect(imapClientOptions(endpoint({ encryption: 'NONE', port: 143 }), auth, DEFAULT_IMAP_TIMEOUTS)).toMatchObject({ secure: false, doSTARTTLS: false });
  });

  it('always verifies certificates, trusting the endpoint’s CA besides the public roots', () => {
    const ca = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    const tls = imapClientOptions(endpoint({ ca }), auth, DEFAULT_IMAP_TIMEOUTS).tls;
    expect(tls).toMatchObject({ rejectUnauthorized: true, minVersion: 'TLSv1.2' });
    expect(tls?.ca).toEqual([...rootCertificates, ca]);
    expect(imapClientOptions(endpoint(), auth, DEFAULT_IMAP_TIMEOUTS).tls?.ca).toBeUndefined();
  });

  it('logs nothing and bounds what a server may make it hold', () => {
    const options = imapClientOptions(endpoint(), auth, DEFAULT_IMAP_TIMEOUTS);
    expect(options.logger).toBe(false);
    expect(options.maxLiteralSize).toBeLessThanOrEqual(1024 * 1024);
    expect(options.maxResponseSize).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(options.maxLineLength).toBeLessThanOrEqual(1024 * 1024);
  });
});
