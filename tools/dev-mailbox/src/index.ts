// The public door of @maestro/dev-mailbox: a real SMTP server in-process that keeps what it receives.
// `npm start` runs it as the dev mailbox, and every test that talks SMTP starts one. Test doubles
// (identity provider, DNS, Dovecot, certificates, free ports, a TCP relay) live in @maestro/test-support.
export { startSmtpServer } from './start-smtp-server';
export type { RunningSmtpServer, SaslMethod, SmtpReply, SmtpServerAuthOptions, SmtpServerOptions } from './start-smtp-server';
export type { MailSummary, ReceivedDsn, ReceivedEnvelope, ReceivedMail, ReceivedSession } from './received-mail';
