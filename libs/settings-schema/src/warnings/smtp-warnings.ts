import { normalizeHostname } from '../addresses/hostname';
import { isIsoDate } from '../fields/common-fields';
import { MICROSOFT_BASIC_AUTH_TIMELINE, isGoogleRelayHost, isMicrosoftHost, smtpProviderOf } from '../providers/provider-hosts';
import { hasSmtpHost, type SmtpAccount } from '../records/smtp-account';
import type { CompanyMessageSettings } from '../records/company-message-settings';
import type { SmsSettings } from '../records/sms-settings';
import type { UserMailSettings } from '../records/user-mail-settings';
import type { LocalizedText } from '../validation/problem';
import { addressKey, parseAddressList } from '../addresses/address-list';

/**
 * Settings that are valid but very likely wrong. Shown next to the field; saving is still allowed,
 * because a server somewhere may really listen on an odd port.
 */
export const SMTP_WARNING_CODES = [
  'POP_IMAP_PORT',
  'SSL_ON_STARTTLS_PORT',
  'TLS_ON_SSL_PORT',
  'AUTH_USERNAME_MISSING',
  'AUTH_PASSWORD_MISSING',
  'PASSWORD_IN_CLEAR',
  'OAUTH_WITHOUT_ENCRYPTION',
  'KOLUMBUS_RETIRED',
  'OFFICE365_BASIC_AUTH',
  'GMAIL_APP_PASSWORD',
  'CLIENT_SECRET_EXPIRED',
  'CLIENT_SECRET_EXPIRES_SOON',
  'CLIENT_SECRET_EXPIRY_MISSING',
  'CLIENT_SECRET_EXPIRY_TOO_FAR',
] as const;
export type SmtpWarningCode = (typeof SMTP_WARNING_CODES)[number];

/** Warnings about a record as a whole: which address the messages go out From, through which account. */
export const RECORD_WARNING_CODES = ['SENDER_NOT_MAILBOX'] as const;

export const SETTINGS_WARNING_CODES = [...SMTP_WARNING_CODES, ...RECORD_WARNING_CODES] as const;
export type SettingsWarningCode = (typeof SETTINGS_WARNING_CODES)[number];

export interface SettingsWarning {
  /** Dotted path of the field the warning belongs to, e.g. `smtp.port`. */
  field: string;
  code: SettingsWarningCode;
  message: LocalizedText;
}

/** What a warning may depend on besides the record: today's date (a secret's expiry). */
export interface WarningContext {
  now?: Date;
}

interface SmtpWarningRule {
  /** The account field the warning is shown on. */
  field: keyof SmtpAccount;
  applies: (account: SmtpAccount, now: Date) => boolean;
  message: (account: SmtpAccount, now: Date) => LocalizedText;
}

/** Ports where a mail program fetches mail; nobody sends SMTP there. */
const MAILBOX_PORTS: Readonly<Record<number, string>> = { 110: 'POP3', 995: 'POP3 (SSL)', 143: 'IMAP', 993: 'IMAP (SSL)' };

const usesPassword = (a: SmtpAccount) => a.authEnabled && a.authMethod === 'PASSWORD';
const usesOAuth = (a: SmtpAccount) => a.authEnabled && a.authMethod !== 'PASSWORD';
const hostIs = (a: SmtpAccount, host: string) => normalizeHostname(a.host) === host;

/** Warn this many days before a client secret expires. */
export const CLIENT_SECRET_WARNING_DAYS = 30;
/** Entra ID issues client secrets for 24 months at most. */
const CLIENT_SECRET_MAX_MONTHS = 24;
const DAY_MS = 24 * 3600_000;

/** Whole days from today (UTC) to the given `YYYY-MM-DD`; negative once it has passed. */
export function daysUntil(isoDay: string, now: Date): number {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((Date.parse(`${isoDay}T00:00:00Z`) - today) / DAY_MS);
}

/** The expiry date of a Microsoft client secret that is in use, or null. */
function secretExpiry(a: SmtpAccount): string | null {
  if (!a.authEnabled || a.authMethod !== 'OAUTH2_MICROSOFT' || !a.oauthClientSecret) return null;
  const day = a.oauthClientSecretExpiresAt.trim();
  return isIsoDate(day) ? day : null;
}

const RENEW_SECRET: LocalizedText = {
  fi: 'Luo Entra ID:n sovellusrekisteröinnin kohdassa Certificates & secrets uusi salaisuus, tallenna sen arvo (Value) ja uusi vanhenemispäivä tähän.',
  en: 'Create a new secret under Certificates & secrets of the app registration in Entra ID, and save its Value and its new expiry date here.',
};

const SMTP_WARNING_RULES = {
  POP_IMAP_PORT: {
    field: 'port',
    applies: (a) => a.port in MAILBOX_PORTS,
    message: (a) => ({
      fi: `Portti ${a.port} on ${MAILBOX_PORTS[a.port]}-postin noutoportti, ei lähetysportti: SMTP käyttää yleensä porttia 587 (Salaustapa TLS) tai 465 (SSL). Tarkista portti sähköpostipalvelun SMTP-tiedoista.`,
      en: `Port ${a.port} is the ${MAILBOX_PORTS[a.port]} port for fetching mail, not for sending: SMTP usually uses port 587 (encryption TLS) or 465 (SSL). Check the port in your mail provider's SMTP settings.`,
    }),
  },
  SSL_ON_STARTTLS_PORT: {
    field: 'encryption',
    applies: (a) => a.encryption === 'SSL' && a.port === 587,
    message: () => ({
      fi: 'Portti 587 käyttää yleensä Salaustapaa TLS (STARTTLS), SSL taas porttia 465: valitse TLS tai vaihda portiksi 465.',
      en: 'Port 587 normally uses encryption TLS (STARTTLS), and SSL uses port 465: choose TLS, or change the port to 465.',
    }),
  },
  TLS_ON_SSL_PORT: {
    field: 'encryption',
    applies: (a) => a.encryption === 'TLS' && a.port === 465,
    message: () => ({
      fi: 'Portti 465 käyttää yleensä Salaustapaa SSL, TLS (STARTTLS) taas porttia 587: valitse SSL tai vaihda portiksi 587.',
      en: 'Port 465 normally uses encryption SSL, and TLS (STARTTLS) uses port 587: choose SSL, or change the port to 587.',
    }),
  },
  AUTH_USERNAME_MISSING: {
    field: 'username',
    applies: (a) => usesPassword(a) && a.username.trim() === '',
    message: () => ({
      fi: 'Autentikointi on käytössä, mutta Käyttäjätunnus puuttuu: anna sähköpostitilin käyttäjätunnus tai ota autentikointi pois käytöstä.',
      en: 'Authentication is on but the username is missing: give the mail account username, or turn authentication off.',
    }),
  },
  AUTH_PASSWORD_MISSING: {
    field: 'password',
    applies: (a) => usesPassword(a) && (a.password === null || a.password === ''),
    message: () => ({
      fi: 'Autentikointi on käytössä, mutta Salasana puuttuu: anna sähköpostitilin salasana tai ota autentikointi pois käytöstä.',
      en: 'Authentication is on but the password is missing: give the mail account password, or turn authentication off.',
    }),
  },
  PASSWORD_IN_CLEAR: {
    field: 'encryption',
    applies: (a) => usesPassword(a) && a.encryption === 'NONE',
    message: () => ({
      fi: 'Salasana lähtisi verkkoon salaamattomana: valitse Salaustapa TLS (portti 587) tai SSL (portti 465).',
      en: 'The password would cross the network unencrypted: choose encryption TLS (port 587) or SSL (port 465).',
    }),
  },
  OAUTH_WITHOUT_ENCRYPTION: {
    field: 'encryption',
    applies: (a) => usesOAuth(a) && a.encryption === 'NONE',
    message: () => ({
      fi: 'OAuth2-kirjautuminen vaatii salatun yhteyden, eikä palvelin hyväksy sitä ilman salausta: valitse Salaustapa TLS (portti 587) tai SSL (portti 465).',
      en: 'OAuth2 sign-in needs an encrypted connection and the server refuses it without one: choose encryption TLS (port 587) or SSL (port 465).',
    }),
  },
  KOLUMBUS_RETIRED: {
    field: 'host',
    applies: (a) => hostIs(a, 'smtp.kolumbus.fi'),
    message: () => ({
      fi: 'Elisa lopetti SMTP-palvelimen smtp.kolumbus.fi 1.5.2016: käytä oman sähköpostipalveluntarjoajasi SMTP-palvelinta ja sen tunnuksia.',
      en: "Elisa retired the SMTP server smtp.kolumbus.fi on 1 May 2016: use your mail provider's SMTP server and its credentials.",
    }),
  },
  OFFICE365_BASIC_AUTH: {
    field: 'authMethod',
    applies: (a) => usesPassword(a) && isMicrosoftHost(a.host),
    message: () => ({
      fi: `Microsoft poistaa salasanalla kirjautumisen (SMTP AUTH Basic) oletuksena käytöstä olemassa olevilta Microsoft 365 -ympäristöiltä ${MICROSOFT_BASIC_AUTH_TIMELINE.offByDefaultText.fi} ja ${MICROSOFT_BASIC_AUTH_TIMELINE.finalRemovalText.fi}: vaihda Autentikointitavaksi OAuth2 (Microsoft 365). Viestiasetusten kohta "Salasanoista luopuminen" opastaa vaihdon.`,
      en: `Microsoft turns password sign-in (SMTP AUTH Basic) off by default for existing Microsoft 365 tenants ${MICROSOFT_BASIC_AUTH_TIMELINE.offByDefaultText.en} and removes it ${MICROSOFT_BASIC_AUTH_TIMELINE.finalRemovalText.en}: switch the authentication method to OAuth2 (Microsoft 365). "Moving off passwords" in Message settings guides the switch.`,
    }),
  },
  GMAIL_APP_PASSWORD: {
    field: 'authMethod',
    applies: (a) => usesPassword(a) && hostIs(a, 'smtp.gmail.com'),
    message: () => ({
      fi: 'smtp.gmail.com ei hyväksy tavallista Google-salasanaa: Salasana-kenttään tarvitaan sovellussalasana (vaatii käyttäjälle kaksivaiheisen vahvistuksen), tai vaihda Autentikointitavaksi OAuth2 (Google Workspace).',
      en: "smtp.gmail.com does not accept the normal Google password: the password field needs an app password (the user must have 2-Step Verification on), or switch the authentication method to OAuth2 (Google Workspace).",
    }),
  },
  CLIENT_SECRET_EXPIRED: {
    field: 'oauthClientSecretExpiresAt',
    applies: (a, now) => {
      const day = secretExpiry(a);
      return day !== null && daysUntil(day, now) < 0;
    },
    message: (a) => ({
      fi: `Sovelluksen salaisuus vanheni ${a.oauthClientSecretExpiresAt}: Microsoft ei enää anna sillä käyttöoikeustunnusta, eikä yksikään viesti lähde. ${RENEW_SECRET.fi}`,
      en: `The client secret expired on ${a.oauthClientSecretExpiresAt}: Microsoft no longer issues tokens for it, and no message goes out. ${RENEW_SECRET.en}`,
    }),
  },
  CLIENT_SECRET_EXPIRES_SOON: {
    field: 'oauthClientSecretExpiresAt',
    applies: (a, now) => {
      const day = secretExpiry(a);
      if (day === null) return false;
      const days = daysUntil(day, now);
      return days >= 0 && days <= CLIENT_SECRET_WARNING_DAYS;
    },
    message: (a, now) => ({
      fi: `Sovelluksen salaisuus vanhenee ${a.oauthClientSecretExpiresAt} (${daysUntil(a.oauthClientSecretExpiresAt, now)} päivän päästä), minkä jälkeen viestit eivät lähde. ${RENEW_SECRET.fi}`,
      en: `The client secret expires on ${a.oauthClientSecretExpiresAt} (in ${daysUntil(a.oauthClientSecretExpiresAt, now)} days); after that no message goes out. ${RENEW_SECRET.en}`,
    }),
  },
  CLIENT_SECRET_EXPIRY_MISSING: {
    field: 'oauthClientSecretExpiresAt',
    applies: (a) => a.authEnabled && a.authMethod === 'OAUTH2_MICROSOFT' && !!a.oauthClientSecret && a.oauthClientSecretExpiresAt.trim() === '',
    message: () => ({
      fi: 'Sovelluksen salaisuuden vanhenemispäivä puuttuu: Entra ID:n salaisuudet vanhenevat (enintään 24 kuukaudessa). Anna päivä, niin Maestro varoittaa 30 päivää ennen.',
      en: 'The client secret has no expiry date: Entra ID secrets expire (within 24 months at most). Give the date, and Maestro warns 30 days before.',
    }),
  },
  CLIENT_SECRET_EXPIRY_TOO_FAR: {
    field: 'oauthClientSecretExpiresAt',
    applies: (a, now) => {
      const day = secretExpiry(a);
      if (day === null) return false;
      const limit = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + CLIENT_SECRET_MAX_MONTHS, now.getUTCDate()));
      return Date.parse(`${day}T00:00:00Z`) > limit.getTime();
    },
    message: (a) => ({
      fi: `Vanhenemispäivä ${a.oauthClientSecretExpiresAt} on yli 24 kuukauden päässä, mutta Entra ID antaa salaisuuksia enintään 24 kuukaudeksi: tarkista päivä salaisuuden tiedoista (Certificates & secrets, Expires).`,
      en: `The expiry date ${a.oauthClientSecretExpiresAt} is more than 24 months away, but Entra ID issues secrets for 24 months at most: check the date in the secret's details (Certificates & secrets, Expires).`,
    }),
  },
} satisfies Record<SmtpWarningCode, SmtpWarningRule>;

/**
 * Every warning for one SMTP account, as the account stands (a password of null or '' counts as not
 * set). `pathPrefix` names the block in its record: `smtp` gives fields such as `smtp.port`.
 */
export function smtpAccountWarnings(account: SmtpAccount, pathPrefix = 'smtp', context: WarningContext = {}): SettingsWarning[] {
  const now = context.now ?? new Date();
  return SMTP_WARNING_CODES.flatMap((code) => {
    const rule: SmtpWarningRule = SMTP_WARNING_RULES[code];
    if (!rule.applies(account, now)) return [];
    return [{ field: pathPrefix ? `${pathPrefix}.${rule.field}` : rule.field, code, message: rule.message(account, now) }];
  });
}

/**
 * The mailbox the account signs in as, when it is an address: the OAuth2 mailbox, or a password
 * login's username. Null without sign-in, or when the username is no address (nothing to compare).
 */
export function signInMailbox(account: SmtpAccount): string | null {
  if (!account.authEnabled) return null;
  const login = account.authMethod === 'PASSWORD' ? account.username : account.oauthUser.trim() || account.username;
  const parsed = parseAddressList(login.trim());
  return parsed.ok && parsed.addresses.length === 1 && parsed.addresses[0]?.address === login.trim() ? login.trim() : null;
}

/**
 * Messages go out From `from` through an account that signs in as another mailbox (a user's own
 * address through the company account, say): the provider refuses or rewrites them unless that
 * mailbox may send as the address. Null when they are the same, or nothing can be compared.
 */
export function senderMailboxWarning(from: string, account: SmtpAccount, field: string): SettingsWarning | null {
  const sender = from.trim();
  const mailbox = signInMailbox(account);
  if (!hasSmtpHost(account) || sender === '' || mailbox === null || addressKey(sender) === addressKey(mailbox)) return null;
  // The Workspace relay sends for any address of the domains the admin allows: no per-mailbox alias.
  if (isGoogleRelayHost(account.host)) return null;
  const provider = smtpProviderOf(account.host);
  const message: LocalizedText =
    provider === 'MICROSOFT'
      ? {
          fi: `Viestit lähtevät osoitteesta ${sender}, mutta tili kirjautuu postilaatikkona ${mailbox}. Exchange Online hylkää ne (SendAsDenied), ellei postilaatikolla ole Send As -oikeutta osoitteeseen; anna se Exchange Online PowerShellissä: Add-RecipientPermission -Identity ${sender} -Trustee ${mailbox} -AccessRights SendAs`,
          en: `Messages go out from ${sender}, but the account signs in as the mailbox ${mailbox}. Exchange Online refuses them (SendAsDenied) unless the mailbox has Send As on that address; grant it in Exchange Online PowerShell: Add-RecipientPermission -Identity ${sender} -Trustee ${mailbox} -AccessRights SendAs`,
        }
      : provider === 'GOOGLE'
        ? {
            fi: `Viestit lähtevät osoitteesta ${sender}, mutta tili kirjautuu käyttäjänä ${mailbox}. Gmail lähettää ne vain, jos ${sender} on käyttäjän ${mailbox} "Lähetä viestejä osoitteesta" (Send mail as) -alias (Gmailin asetukset › Tilit); muuten Google vaihtaa lähettäjäksi ${mailbox}.`,
            en: `Messages go out from ${sender}, but the account signs in as the user ${mailbox}. Gmail sends them as they are only if ${sender} is a "Send mail as" alias of ${mailbox} (Gmail settings › Accounts); otherwise Google replaces the sender with ${mailbox}.`,
          }
        : {
            fi: `Viestit lähtevät osoitteesta ${sender}, mutta tili kirjautuu tunnuksella ${mailbox}. Moni palvelin hylkää viestin tai vaihtaa lähettäjän, ellei tunnuksella ole oikeutta lähettää osoitteesta ${sender}: tarkista asia palveluntarjoajalta.`,
            en: `Messages go out from ${sender}, but the account signs in as ${mailbox}. Many servers refuse the message or replace the sender unless that login may send as ${sender}: check with the provider.`,
          };
  return { field, code: 'SENDER_NOT_MAILBOX', message };
}

/**
 * An account without a host is not in use (a user's override) or not filled in yet (validation
 * already asks for the host where one is needed): warning about its credentials would only be noise.
 */
function warningsWhenHostSet(account: SmtpAccount, context: WarningContext): SettingsWarning[] {
  return hasSmtpHost(account) ? smtpAccountWarnings(account, 'smtp', context) : [];
}

const present = (warning: SettingsWarning | null): SettingsWarning[] => (warning ? [warning] : []);

export function companyMessageSettingsWarnings(s: CompanyMessageSettings, context: WarningContext = {}): SettingsWarning[] {
  return [...warningsWhenHostSet(s.smtp, context), ...present(senderMailboxWarning(s.companyEmail, s.smtp, 'companyEmail'))];
}

export function smsSettingsWarnings(s: SmsSettings, context: WarningContext = {}): SettingsWarning[] {
  return [...warningsWhenHostSet(s.smtp, context), ...present(senderMailboxWarning(s.senderEmail, s.smtp, 'senderEmail'))];
}

export interface UserWarningContext extends WarningContext {
  /** The company's account, which the user's messages go through when the user has no host of their own. */
  companySmtp?: SmtpAccount;
}

/**
 * The user's smtp block is used only when its host is set (the seed), so only then is it checked.
 * The user's own address is compared with the account their messages really go through: their own,
 * else the company's (a user's address through the company account needs Send As there).
 */
export function userMailSettingsWarnings(s: UserMailSettings, context: UserWarningContext = {}): SettingsWarning[] {
  const account = hasSmtpHost(s.smtp) ? s.smtp : context.companySmtp;
  return [...warningsWhenHostSet(s.smtp, context), ...present(account ? senderMailboxWarning(s.email, account, 'email') : null)];
}
