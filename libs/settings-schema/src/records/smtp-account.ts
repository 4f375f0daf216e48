import { z } from 'zod';
import {
  RECIPIENT_LIMIT_ACTIONS,
  SMTP_AUTH_METHODS,
  SMTP_ENCRYPTIONS,
  type SmtpEncryption,
} from '../enums';
import { field } from '../fields/field-meta';
import { hostname, optionalAddress, port, singleLine, wholeNumber } from '../fields/common-fields';

/** Default port by encryption: NONE 25, TLS (STARTTLS) 587, SSL (implicit TLS) 465. */
export const DEFAULT_PORT_BY_ENCRYPTION: Readonly<Record<SmtpEncryption, number>> = { NONE: 25, TLS: 587, SSL: 465 };

export function defaultPortFor(encryption: SmtpEncryption): number {
  return DEFAULT_PORT_BY_ENCRYPTION[encryption];
}

/**
 * One SMTP account: the company's, the SMS settings' own, or a user's override. The seed's fields
 * (SMTP-palvelin, Autentikointi, Portti, Salaustapa, Käyttäjätunnus, Salasana) plus the OAuth2 and
 * sending-limit fields that Microsoft 365 and Google Workspace need.
 */
export const smtpAccountSchema = z.object({
  host: field(hostname(), { labelFi: 'SMTP-palvelin', labelEn: 'SMTP server' }),
  authEnabled: field(z.boolean(), { labelFi: 'Autentikointi', labelEn: 'Authentication' }),
  port: field(port(), { labelFi: 'Portti', labelEn: 'Port' }),
  encryption: field(z.enum(SMTP_ENCRYPTIONS), { labelFi: 'Salaustapa', labelEn: 'Encryption' }),
  username: field(singleLine(320), { labelFi: 'Käyttäjätunnus', labelEn: 'Username' }),
  password: field(singleLine(1024).nullable(), { labelFi: 'Salasana', labelEn: 'Password', secret: true }),
  authMethod: field(z.enum(SMTP_AUTH_METHODS), { labelFi: 'Autentikointitapa', labelEn: 'Authentication method' }),
  oauthTenantId: field(singleLine(200), {
    labelFi: 'Vuokraajan tunnus (Tenant ID)',
    labelEn: 'Tenant ID',
    helpFi: 'Microsoft 365: Entra ID -vuokraajan tunnus.',
    helpEn: 'Microsoft 365: the Entra ID tenant id.',
  }),
  oauthClientId: field(singleLine(200), { labelFi: 'Sovelluksen tunnus (Client ID)', labelEn: 'Client ID' }),
  oauthClientSecret: field(singleLine(2000).nullable(), {
    labelFi: 'Sovelluksen salaisuus (Client secret)',
    labelEn: 'Client secret',
    secret: true,
  }),
  oauthServiceAccountKey: field(z.string().max(20000).nullable(), {
    labelFi: 'Palvelutilin avain (JSON)',
    labelEn: 'Service account key (JSON)',
    secret: true,
    helpFi: 'Google Workspace: palvelutilin avaintiedosto, jolla on toimialueen laajuinen valtuutus.',
    helpEn: 'Google Workspace: the service account key file with domain-wide delegation.',
  }),
  oauthUser: field(optionalAddress(), {
    labelFi: 'Postilaatikko, jonka nimissä lähetetään',
    labelEn: 'Mailbox to send as',
  }),
  caCertificate: field(z.string().max(20000), {
    labelFi: 'Palvelimen CA-varmenne (PEM, valinnainen)',
    labelEn: 'Server CA certificate (PEM, optional)',
    helpFi: 'Vain jos palvelimen varmenne ei ole yleisesti luotettu.',
    helpEn: 'Only when the server certificate is not publicly trusted.',
  }),
  messagesPerMinute: field(wholeNumber(1, 100000).nullable(), { labelFi: 'Viestejä minuutissa enintään', labelEn: 'Messages per minute at most' }),
  recipientsPerMessage: field(wholeNumber(1, 100000).nullable(), { labelFi: 'Vastaanottajia viestissä enintään', labelEn: 'Recipients per message at most' }),
  recipientsPerDay: field(wholeNumber(1, 10000000).nullable(), { labelFi: 'Vastaanottajia vuorokaudessa enintään', labelEn: 'Recipients per day at most' }),
  recipientLimitAction: field(z.enum(RECIPIENT_LIMIT_ACTIONS), {
    labelFi: 'Kun vastaanottajia on liikaa',
    labelEn: 'When there are too many recipients',
  }),
});

export type SmtpAccount = z.infer<typeof smtpAccountSchema>;

export function defaultSmtpAccount(): SmtpAccount {
  return {
    host: '',
    authEnabled: true,
    port: 587,
    encryption: 'TLS',
    username: '',
    password: null,
    authMethod: 'PASSWORD',
    oauthTenantId: '',
    oauthClientId: '',
    oauthClientSecret: null,
    oauthServiceAccountKey: null,
    oauthUser: '',
    caCertificate: '',
    messagesPerMinute: null,
    recipientsPerMessage: null,
    recipientsPerDay: null,
    recipientLimitAction: 'SPLIT',
  };
}

/** An account is usable once it names a host; a user's override counts only then (the seed). */
export function hasSmtpHost(account: Pick<SmtpAccount, 'host'> | null | undefined): boolean {
  return !!account && account.host.trim() !== '';
}
