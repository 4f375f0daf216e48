import { normalizeHostname } from '../addresses/hostname';
import { hasSmtpHost, type SmtpAccount } from '../records/smtp-account';
import type { CompanyMessageSettings } from '../records/company-message-settings';
import type { SmsSettings } from '../records/sms-settings';
import type { UserMailSettings } from '../records/user-mail-settings';
import type { LocalizedText } from '../validation/problem';

/**
 * Settings that are valid but very likely wrong. Shown next to the field; saving is still allowed,
 * because a server somewhere may really listen on an odd port.
 */
export const SETTINGS_WARNING_CODES = [
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
] as const;
export type SettingsWarningCode = (typeof SETTINGS_WARNING_CODES)[number];

export interface SettingsWarning {
  /** Dotted path of the field the warning belongs to, e.g. `smtp.port`. */
  field: string;
  code: SettingsWarningCode;
  message: LocalizedText;
}

interface SmtpWarningRule {
  /** The account field the warning is shown on. */
  field: keyof SmtpAccount;
  applies: (account: SmtpAccount) => boolean;
  message: (account: SmtpAccount) => LocalizedText;
}

/** Ports where a mail program fetches mail; nobody sends SMTP there. */
const MAILBOX_PORTS: Readonly<Record<number, string>> = { 110: 'POP3', 995: 'POP3 (SSL)', 143: 'IMAP', 993: 'IMAP (SSL)' };

const usesPassword = (a: SmtpAccount) => a.authEnabled && a.authMethod === 'PASSWORD';
const usesOAuth = (a: SmtpAccount) => a.authEnabled && a.authMethod !== 'PASSWORD';
const hostIs = (a: SmtpAccount, host: string) => normalizeHostname(a.host) === host;

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
    applies: (a) => usesPassword(a) && hostIs(a, 'smtp.office365.com'),
    message: () => ({
      fi: 'Microsoft poistaa salasanalla kirjautumisen (SMTP AUTH Basic) oletuksena käytöstä olemassa olevilta Microsoft 365 -ympäristöiltä joulukuun 2026 lopussa: vaihda Autentikointitavaksi OAuth2 (Microsoft 365).',
      en: 'Microsoft turns password sign-in (SMTP AUTH Basic) off by default for existing Microsoft 365 tenants at the end of December 2026: switch the authentication method to OAuth2 (Microsoft 365).',
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
} satisfies Record<SettingsWarningCode, SmtpWarningRule>;

/**
 * Every warning for one SMTP account, as the account stands (a password of null or '' counts as not
 * set). `pathPrefix` names the block in its record: `smtp` gives fields such as `smtp.port`.
 */
export function smtpAccountWarnings(account: SmtpAccount, pathPrefix = 'smtp'): SettingsWarning[] {
  return SETTINGS_WARNING_CODES.flatMap((code) => {
    const rule: SmtpWarningRule = SMTP_WARNING_RULES[code];
    if (!rule.applies(account)) return [];
    return [{ field: pathPrefix ? `${pathPrefix}.${rule.field}` : rule.field, code, message: rule.message(account) }];
  });
}

/**
 * An account without a host is not in use (a user's override) or not filled in yet (validation
 * already asks for the host where one is needed): warning about its credentials would only be noise.
 */
function warningsWhenHostSet(account: SmtpAccount): SettingsWarning[] {
  return hasSmtpHost(account) ? smtpAccountWarnings(account, 'smtp') : [];
}

export function companyMessageSettingsWarnings(s: CompanyMessageSettings): SettingsWarning[] {
  return warningsWhenHostSet(s.smtp);
}

export function smsSettingsWarnings(s: SmsSettings): SettingsWarning[] {
  return warningsWhenHostSet(s.smtp);
}

/** The user's smtp block is used only when its host is set (the seed), so only then is it checked. */
export function userMailSettingsWarnings(s: UserMailSettings): SettingsWarning[] {
  return warningsWhenHostSet(s.smtp);
}
