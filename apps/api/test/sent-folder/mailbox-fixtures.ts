import type { TestApi } from '../support/test-api';
import { startSmtpServer, type RunningSmtpServer } from '@maestro/dev-mailbox';
import { makeSelfSignedCertificate, startDovecot, type DovecotOptions, type RunningDovecot, type SelfSignedCertificate } from '@maestro/test-support';

/** The sending mailbox: the SMTP account signs in as it, and its IMAP server holds its Sent folder. */
export const MAILBOX = 'myynti@yritys.fi';
export const MAILBOX_PASSWORD = 'Salasana-2026!';

/** An SMTP server (STARTTLS, AUTH) and a Dovecot for the same mailbox, with one test certificate for both. */
export interface Mailbox {
  certificate: SelfSignedCertificate;
  smtp: RunningSmtpServer;
  dovecot: RunningDovecot;
  /** The company account's settings for this pair: SMTP over STARTTLS, IMAP over implicit TLS, Sent copy on. */
  account(overrides?: Record<string, unknown>): Record<string, unknown>;
  stop(): Promise<void>;
}

export async function startMailbox(dovecotOptions: Partial<DovecotOptions> = {}): Promise<Mailbox> {
  const certificate = await makeSelfSignedCertificate();
  const smtp = await startSmtpServer({ tls: certificate, auth: { users: { [MAILBOX]: MAILBOX_PASSWORD } }, dsn: true });
  const dovecot = await startDovecot({ tls: certificate, users: { [MAILBOX]: MAILBOX_PASSWORD }, ...dovecotOptions });
  return {
    certificate,
    smtp,
    dovecot,
    account: (overrides = {}) => ({
      host: '127.0.0.1',
      port: smtp.port,
      encryption: 'TLS',
      authEnabled: true,
      authMethod: 'PASSWORD',
      username: MAILBOX,
      password: MAILBOX_PASSWORD,
      caCertificate: certificate.cert,
      imapHost: '127.0.0.1',
      imapPort: dovecot.tlsPort,
      imapEncryption: 'SSL',
      imapAppendToSent: true,
      imapSentFolder: '',
      ...overrides,
    }),
    async stop() {
      await Promise.all([smtp.close(), dovecot.stop()]);
    },
  };
}

/**
 * Points a company's e-mail account at the mailbox (SMTP and IMAP) and its SMS account at the same
 * SMTP server without IMAP (the SMS account has none).
 */
export async function useMailbox(api: TestApi, companyId: string, mailbox: Mailbox, overrides: Record<string, unknown> = {}): Promise<void> {
  await api.useSmtpServer(companyId, mailbox.smtp, mailbox.account({ imapHost: '' }));
  await api.runtime.services.settings.updateCompanySettings(companyId, { smtp: mailbox.account(overrides) });
}
