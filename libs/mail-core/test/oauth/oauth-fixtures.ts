import { startSmtpServer, type RunningSmtpServer, type SmtpReply } from '@maestro/dev-mailbox';
import { type RunningIdentityProvider, type SelfSignedCertificate } from '@maestro/test-support';
import type { SmtpAccount } from '@maestro/settings-schema';
import { accountFor } from '../dispatch/dispatch-fixtures';

export const TENANT = 'yritys.onmicrosoft.com';
export const CLIENT_ID = '6f1c2b9e-3d4a-4c55-9a0e-2b7d1e8f4a10';
export const CLIENT_SECRET = 'Q~8xv.Salainen-Asiakas-Avain-2026';
export const MAILBOX = 'myynti@yritys.fi';

/**
 * An SMTP server that takes XOAUTH2 only (STARTTLS, our certificate) and asks the identity
 * provider whether a bearer token may send as the mailbox named in the XOAUTH2 string — as Exchange
 * Online and Gmail check it against Entra ID / Google.
 */
export function oauthSmtpServer(
  idp: Pick<RunningIdentityProvider, 'acceptsToken'>,
  certificate: SelfSignedCertificate,
  refusal?: SmtpReply,
): Promise<RunningSmtpServer> {
  return startSmtpServer({
    tls: certificate,
    starttls: true,
    auth: {
      users: {},
      methods: ['XOAUTH2'],
      xoauth2Validate: (user, token) => idp.acceptsToken(user, token),
      ...(refusal ? { xoauth2Refusal: refusal } : {}),
    },
  });
}

/** A Microsoft 365 account (OAuth2, STARTTLS) pointing at the in-process SMTP server. */
export function microsoftAccount(server: RunningSmtpServer, certificate: SelfSignedCertificate, overrides: Partial<SmtpAccount> = {}): SmtpAccount {
  return accountFor(server, {
    encryption: 'TLS',
    caCertificate: certificate.cert,
    authEnabled: true,
    authMethod: 'OAUTH2_MICROSOFT',
    oauthTenantId: TENANT,
    oauthClientId: CLIENT_ID,
    oauthClientSecret: CLIENT_SECRET,
    oauthUser: MAILBOX,
    ...overrides,
  });
}

/** A Google Workspace account (OAuth2 with a service-account key, STARTTLS) pointing at the in-process SMTP server. */
export function googleAccount(server: RunningSmtpServer, certificate: SelfSignedCertificate, keyJson: string, overrides: Partial<SmtpAccount> = {}): SmtpAccount {
  return accountFor(server, {
    encryption: 'TLS',
    caCertificate: certificate.cert,
    authEnabled: true,
    authMethod: 'OAUTH2_GOOGLE',
    oauthServiceAccountKey: keyJson,
    oauthUser: MAILBOX,
    ...overrides,
  });
}
