// The public door of @maestro/dev-mailbox: a real SMTP server in-process, for tests and `npm start`,
// a stand-in for the OAuth2 identity providers, a private Dovecot (IMAP) for tests, and a free port
// to start servers on, for tests.
export { startSmtpServer } from './start-smtp-server';
export type { RunningSmtpServer, SaslMethod, SmtpReply, SmtpServerAuthOptions, SmtpServerOptions } from './start-smtp-server';
export type { MailSummary, ReceivedDsn, ReceivedEnvelope, ReceivedMail, ReceivedSession } from './received-mail';
export { makeSelfSignedCertificate } from './self-signed-certificate';
export { freePort } from './free-port';
export { startTcpRelay } from './tcp-relay';
export type { RunningTcpRelay } from './tcp-relay';
export { startDovecot } from './start-dovecot';
export type { DovecotFolder, DovecotOptions, RunningDovecot, StoredMessage } from './start-dovecot';
export { startDnsServer } from './dns-server';
export type { DnsRecords, DnsZone, RunningDnsServer } from './dns-server';
export type { SelfSignedCertificate } from './self-signed-certificate';
export { startIdentityProvider, makeServiceAccountKey } from './identity-provider';
export type {
  GoogleAssertion,
  GoogleServiceAccountRegistration,
  IdentityProviderOptions,
  MicrosoftAppRegistration,
  RunningIdentityProvider,
  ServiceAccountKey,
} from './identity-provider';
