import { defaultSmtpAccount, type SmtpAccount } from '@maestro/settings-schema';
import type { RunningDovecot, SelfSignedCertificate } from '@maestro/test-support';
import type { ImapEndpoint, ImapTimeouts } from '../../src/imap';

/** Short enough that a failing test fails fast on a 2-core machine, long enough not to flake. */
export const IMAP_TEST_TIMEOUTS: ImapTimeouts = { connectionMs: 3000, greetingMs: 3000, socketMs: 5000 };

export const MAILBOX = 'myynti@yritys.fi';
export const PASSWORD = 'Salasana-2026!';

/** The SMTP account whose sign-in the IMAP session borrows: a password account for MAILBOX. */
export function passwordAccount(overrides: Partial<SmtpAccount> = {}): SmtpAccount {
  return {
    ...defaultSmtpAccount(),
    host: 'smtp.yritys.fi',
    port: 587,
    encryption: 'TLS',
    authEnabled: true,
    authMethod: 'PASSWORD',
    username: MAILBOX,
    password: PASSWORD,
    ...overrides,
  };
}

/** The Dovecot's implicit-TLS listener, trusting the test's certificate. */
export function implicitTls(dovecot: RunningDovecot, certificate: SelfSignedCertificate): ImapEndpoint {
  return { host: dovecot.host, port: dovecot.tlsPort, encryption: 'SSL', ca: certificate.cert };
}

/** The Dovecot's plain listener with STARTTLS required, trusting the test's certificate. */
export function startTls(dovecot: RunningDovecot, certificate: SelfSignedCertificate): ImapEndpoint {
  return { host: dovecot.host, port: dovecot.port, encryption: 'TLS', ca: certificate.cert };
}

/** A small message as the Sent copy would be; CRLF line ends as on the wire. */
export function rawMessage(subject = 'Tilausvahvistus 10045', size = 0): Buffer {
  const body = size > 0 ? `${'x'.repeat(76)}\r\n`.repeat(Math.ceil(size / 78)) : 'Hei,\r\n\r\nkiitos tilauksestanne.\r\n';
  return Buffer.from(
    [
      'From: Yrityksen edustaja <myynti@yritys.fi>',
      'To: matti.virtanen@asiakas.fi',
      'Bcc: arkisto@yritys.fi',
      `Subject: ${subject}`,
      'Message-ID: <imap-test@yritys.fi>',
      'Date: Fri, 02 Jan 2026 03:04:05 +0000',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      body,
    ].join('\r\n'),
  );
}
