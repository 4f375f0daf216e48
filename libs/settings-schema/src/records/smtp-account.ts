import { z } from 'zod';
import {
  IMAP_ENCRYPTIONS,
  RECIPIENT_LIMIT_ACTIONS,
  SMTP_AUTH_METHODS,
  SMTP_ENCRYPTIONS,
  type ImapEncryption,
  type SmtpEncryption,
} from '../enums';
import { field, fieldMeta } from '../fields/field-meta';
import { boundedText, clientHostname, hostname, isoDate, issueParams, optionalAddress, port, singleLine, wholeNumber } from '../fields/common-fields';
import { DEFAULT_MAX_CONNECTIONS, MAX_CONNECTIONS_LIMIT, connectionCapOf } from '../providers/provider-hosts';

/** Default port by encryption: NONE 25, TLS (STARTTLS) 587, SSL (implicit TLS) 465. */
export const DEFAULT_PORT_BY_ENCRYPTION: Readonly<Record<SmtpEncryption, number>> = { NONE: 25, TLS: 587, SSL: 465 };

export function defaultPortFor(encryption: SmtpEncryption): number {
  return DEFAULT_PORT_BY_ENCRYPTION[encryption];
}

/** Default IMAP port by encryption: SSL (implicit TLS) 993, TLS (STARTTLS) 143. */
export const DEFAULT_IMAP_PORT_BY_ENCRYPTION: Readonly<Record<ImapEncryption, number>> = { SSL: 993, TLS: 143 };

/**
 * What a stored SMTP password is bound to (DESIGN: "a stored secret is used only with the host, port,
 * user name and sign-in method it was stored with, and only over the encryption it was saved with").
 * The account signs in to its IMAP server (the Sent copy, the bounce reader) with the same secret, so
 * the IMAP endpoint is part of the binding too: changing the IMAP server asks for the secret again.
 * Append a field here and secrets saved from then on are bound to it too.
 */
export const SMTP_SECRET_BINDING = ['host', 'port', 'encryption', 'username', 'authMethod', 'imapHost', 'imapPort', 'imapEncryption'] as const;

/** An OAuth2 secret is bound besides to the app registration and the mailbox it signs in as. */
export const OAUTH_SECRET_BINDING = [...SMTP_SECRET_BINDING, 'oauthTenantId', 'oauthClientId', 'oauthUser'] as const;

const smtpAccountShape = {
  host: field(hostname(), { labelFi: 'SMTP-palvelin', labelEn: 'SMTP server' }),
  authEnabled: field(z.boolean(), { labelFi: 'Autentikointi', labelEn: 'Authentication' }),
  port: field(port(), { labelFi: 'Portti', labelEn: 'Port' }),
  encryption: field(z.enum(SMTP_ENCRYPTIONS), { labelFi: 'Salaustapa', labelEn: 'Encryption' }),
  username: field(singleLine(320), { labelFi: 'Käyttäjätunnus', labelEn: 'Username' }),
  password: field(singleLine(1024).nullable(), { labelFi: 'Salasana', labelEn: 'Password', secret: true, boundTo: SMTP_SECRET_BINDING }),
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
    boundTo: OAUTH_SECRET_BINDING,
  }),
  oauthClientSecretExpiresAt: field(isoDate(), {
    labelFi: 'Salaisuus vanhenee',
    labelEn: 'Client secret expires on',
    belongsToSecret: 'oauthClientSecret',
    helpFi: 'Päivä, jonka Entra ID näyttää salaisuutta luotaessa (enintään 24 kuukautta). Maestro varoittaa 30 päivää ennen.',
    helpEn: 'The date Entra ID shows when the secret is created (24 months at most). Maestro warns 30 days before.',
  }),
  oauthServiceAccountKey: field(boundedText(10_000).nullable(), {
    labelFi: 'Palvelutilin avain (JSON)',
    labelEn: 'Service account key (JSON)',
    secret: true,
    boundTo: OAUTH_SECRET_BINDING,
    helpFi: 'Google Workspace: palvelutilin avaintiedosto, jolla on toimialueen laajuinen valtuutus.',
    helpEn: 'Google Workspace: the service account key file with domain-wide delegation.',
  }),
  oauthUser: field(optionalAddress(), {
    labelFi: 'Postilaatikko, jonka nimissä lähetetään',
    labelEn: 'Mailbox to send as',
  }),
  caCertificate: field(boundedText(60_000), {
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
  maxConnections: field(wholeNumber(1, MAX_CONNECTIONS_LIMIT), {
    labelFi: 'Yhtäaikaisia yhteyksiä enintään',
    labelEn: 'Simultaneous connections at most',
    helpFi: 'Montako SMTP-yhteyttä tilille avataan yhtä aikaa. Microsoft 365 sallii 3 postilaatikkoa kohden.',
    helpEn: 'How many SMTP connections the account opens at once. Microsoft 365 allows 3 per mailbox.',
  }),
  imapHost: field(hostname('INVALID_IMAP_HOST'), {
    labelFi: 'IMAP-palvelin',
    labelEn: 'IMAP server',
    helpFi: 'Lähettävän postilaatikon IMAP-palvelin: sinne tallennetaan kopio lähetetystä viestistä ja sieltä luetaan palautusilmoitukset. Kirjautuminen samoilla tunnuksilla kuin SMTP-palvelimelle. Tyhjä: ei käytössä.',
    helpEn: "The sending mailbox's IMAP server: a copy of each sent message is filed there and bounce notices are read from there. Signs in like the SMTP server. Empty: not used.",
  }),
  imapPort: field(port(), { labelFi: 'IMAP-portti', labelEn: 'IMAP port' }),
  imapEncryption: field(z.enum(IMAP_ENCRYPTIONS), { labelFi: 'IMAP-salaustapa', labelEn: 'IMAP encryption' }),
  imapAppendToSent: field(z.boolean(), {
    labelFi: 'Tallenna kopio Lähetetyt-kansioon',
    labelEn: 'Save a copy in the Sent folder',
    helpFi: 'Pois, jos palvelin tallentaa SMTP:llä lähetetyt viestit Lähetetyt-kansioon itse (Gmail ja Microsoft 365 tallentavat): muuten kopioita tulee kaksi.',
    helpEn: 'Off when the server files mail sent over SMTP in the Sent folder itself (Gmail and Microsoft 365 do): otherwise there would be two copies.',
  }),
  imapSentFolder: field(singleLine(200), {
    labelFi: 'Lähetetyt-kansio (valinnainen)',
    labelEn: 'Sent folder (optional)',
    helpFi: 'Tyhjä: kansio, jonka palvelin merkitsee lähetetyiksi (\\Sent), muuten nimen mukaan (Sent, Sent Items, Lähetetyt).',
    helpEn: 'Empty: the folder the server flags as Sent (\\Sent), else by name (Sent, Sent Items, Lähetetyt).',
  }),
  imapBounceFolder: field(singleLine(200), {
    labelFi: 'Käsiteltyjen palautusten kansio (valinnainen)',
    labelEn: 'Folder for processed bounces (optional)',
    helpFi: 'Luetut palautusilmoitukset siirretään tähän kansioon (se luodaan tarvittaessa). Tyhjä: ilmoitukset jäävät Saapuneet-kansioon.',
    helpEn: 'Bounce notices that were read are moved to this folder (created if needed). Empty: they stay in the inbox.',
  }),
  ehloName: field(clientHostname(), {
    labelFi: 'Asiakkaan palvelinnimi (EHLO)',
    labelEn: 'Client host name (EHLO)',
    helpFi: 'Nimi, jolla Maestro esittäytyy palvelimelle, esim. erp.yritys.fi. Tyhjä: palvelimen asetus MAESTRO_EHLO_NAME tai koneen täydellinen nimi, muuten lähettäjän verkkotunnus.',
    helpEn: "The name Maestro introduces itself with, e.g. erp.example.com. Empty: the server's MAESTRO_EHLO_NAME or the machine's full name, else the sender's domain.",
  }),
};

type OAuthField = 'oauthTenantId' | 'oauthClientId' | 'oauthClientSecret' | 'oauthServiceAccountKey' | 'oauthUser';

/** What each OAuth2 method cannot sign in without. */
export const OAUTH_REQUIRED_FIELDS: Readonly<Record<'OAUTH2_MICROSOFT' | 'OAUTH2_GOOGLE', readonly OAuthField[]>> = {
  OAUTH2_MICROSOFT: ['oauthTenantId', 'oauthClientId', 'oauthClientSecret', 'oauthUser'],
  OAUTH2_GOOGLE: ['oauthServiceAccountKey', 'oauthUser'],
};

/**
 * True when the text is a Google service-account key file as far as its shape goes: JSON with
 * `client_email` and `private_key` strings. Whether Google accepts the key is for sign-in to tell.
 */
export function looksLikeServiceAccountKey(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return false;
    const { client_email: email, private_key: key } = parsed as Record<string, unknown>;
    return typeof email === 'string' && email.trim() !== '' && typeof key === 'string' && key.trim() !== '';
  } catch {
    return false;
  }
}

const isBlank = (value: string | null) => value === null || value.trim() === '';

/**
 * One SMTP account: the company's, the SMS settings' own, or a user's override. The seed's fields
 * (SMTP-palvelin, Autentikointi, Portti, Salaustapa, Käyttäjätunnus, Salasana) plus the OAuth2 and
 * sending-limit fields that Microsoft 365 and Google Workspace need.
 *
 * An account in use (host set) that signs in with OAuth2 must have what its method needs
 * (`OAUTH_FIELD_REQUIRED`, named by the field's label). On a host whose provider caps simultaneous
 * connections (Microsoft 365: 3) `maxConnections` may not ask for more (`MAX_CONNECTIONS_PROVIDER`). Secrets are checked as stored: the API
 * validates the record after merging the input into it, so a secret left out keeps counting.
 */
export const smtpAccountSchema = z.object(smtpAccountShape).superRefine((account, ctx) => {
  const cap = connectionCapOf(account.host);
  if (cap !== null && Number.isInteger(account.maxConnections) && account.maxConnections > cap) {
    ctx.addIssue({ code: 'custom', path: ['maxConnections'], message: 'MAX_CONNECTIONS_PROVIDER', params: issueParams('MAX_CONNECTIONS_PROVIDER', { max: cap, host: account.host.trim() }) });
  }
  if (hasImapHost(account) && !account.authEnabled) {
    ctx.addIssue({ code: 'custom', path: ['imapHost'], message: 'IMAP_NEEDS_SIGN_IN', params: issueParams('IMAP_NEEDS_SIGN_IN') });
  }
  if (!account.authEnabled || account.authMethod === 'PASSWORD' || !hasSmtpHost(account)) return;
  for (const key of OAUTH_REQUIRED_FIELDS[account.authMethod]) {
    if (!isBlank(account[key])) continue;
    const meta = fieldMeta(smtpAccountShape[key]);
    ctx.addIssue({
      code: 'custom',
      path: [key],
      message: 'OAUTH_FIELD_REQUIRED',
      params: issueParams('OAUTH_FIELD_REQUIRED', { labelFi: meta?.labelFi ?? key, labelEn: meta?.labelEn ?? key }),
    });
  }
  const keyFile = account.oauthServiceAccountKey;
  if (account.authMethod === 'OAUTH2_GOOGLE' && keyFile !== null && !isBlank(keyFile) && !looksLikeServiceAccountKey(keyFile)) {
    ctx.addIssue({ code: 'custom', path: ['oauthServiceAccountKey'], message: 'SERVICE_ACCOUNT_KEY_INVALID', params: issueParams('SERVICE_ACCOUNT_KEY_INVALID') });
  }
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
    oauthClientSecretExpiresAt: '',
    oauthServiceAccountKey: null,
    oauthUser: '',
    caCertificate: '',
    messagesPerMinute: null,
    recipientsPerMessage: null,
    recipientsPerDay: null,
    recipientLimitAction: 'SPLIT',
    maxConnections: DEFAULT_MAX_CONNECTIONS,
    imapHost: '',
    imapPort: DEFAULT_IMAP_PORT_BY_ENCRYPTION.SSL,
    imapEncryption: 'SSL',
    imapAppendToSent: true,
    imapSentFolder: '',
    imapBounceFolder: '',
    ehloName: '',
  };
}

/** An account is usable once it names a host; a user's override counts only then (the seed). */
export function hasSmtpHost(account: Pick<SmtpAccount, 'host'> | null | undefined): boolean {
  return !!account && account.host.trim() !== '';
}

/** The account has an IMAP server (its Sent folder and bounces are reached there). */
export function hasImapHost(account: Pick<SmtpAccount, 'imapHost'> | null | undefined): boolean {
  return !!account && typeof account.imapHost === 'string' && account.imapHost.trim() !== '';
}
