import type { SmtpAccount } from '../records/smtp-account';
import type { LocalizedText } from '../validation/problem';

export const SMTP_PRESET_IDS = ['MICROSOFT_365', 'GOOGLE_WORKSPACE', 'GOOGLE_WORKSPACE_APP_PASSWORD', 'AUTHENTICATED_RELAY', 'ISP_RELAY'] as const;
export type SmtpPresetId = (typeof SMTP_PRESET_IDS)[number];

/** The account fields a preset decides. The host only where the provider has one for everybody. */
export type SmtpPresetSettings = Pick<
  SmtpAccount,
  'port' | 'encryption' | 'authEnabled' | 'authMethod' | 'messagesPerMinute' | 'recipientsPerMessage' | 'recipientsPerDay' | 'recipientLimitAction'
> & { host?: string };

export interface SmtpPreset {
  id: SmtpPresetId;
  label: LocalizedText;
  /** Shown when the preset is chosen: what it set, what is left to fill in, and the provider's limits. */
  explanation: LocalizedText;
  settings: SmtpPresetSettings;
  /** The fields the admin still fills in, in form order. */
  toFill: ReadonlyArray<keyof SmtpAccount>;
  /** Another port and encryption the provider accepts as well. */
  alternative?: Pick<SmtpAccount, 'port' | 'encryption'>;
}

const NO_LIMITS = { messagesPerMinute: null, recipientsPerMessage: null, recipientsPerDay: null, recipientLimitAction: 'SPLIT' } as const;

// Google's limits count messages per user and day (2,000) and recipients per message over SMTP (100).
// The account has no messages-per-day field; every message has at least one recipient, so 2,000
// recipients a day also keeps the messages under 2,000 — at the price of stopping early when
// messages go to several people.
const GOOGLE_LIMITS = { messagesPerMinute: null, recipientsPerMessage: 100, recipientsPerDay: 2000, recipientLimitAction: 'SPLIT' } as const;

const GOOGLE_LIMITS_TEXT: LocalizedText = {
  fi: 'Rajat: Google sallii 2 000 viestiä vuorokaudessa käyttäjää kohden ja SMTP:n kautta 100 vastaanottajaa viestissä; suuremmat vastaanottajajoukot jaetaan useaan viestiin. Viestien vuorokausiraja on asetettu vastaanottajien vuorokausirajaksi 2 000: jokaisessa viestissä on ainakin yksi vastaanottaja, joten se pitää myös viestit alle 2 000:n.',
  en: 'Limits: Google allows 2,000 messages a day per user and 100 recipients per message over SMTP; larger recipient lists are split into several messages. The daily message limit is set as a daily limit of 2,000 recipients: every message has at least one recipient, so it keeps the messages under 2,000 as well.',
};

/** Ready-made settings for the providers most customers use. Pure data; `applySmtpPreset` applies one. */
export const SMTP_PRESETS: Readonly<Record<SmtpPresetId, SmtpPreset>> = {
  MICROSOFT_365: {
    id: 'MICROSOFT_365',
    label: { fi: 'Microsoft 365 (OAuth2)', en: 'Microsoft 365 (OAuth2)' },
    explanation: {
      fi: 'Microsoft 365 (Exchange Online): smtp.office365.com, portti 587, Salaustapa TLS (STARTTLS), kirjautuminen OAuth2:lla. Anna Vuokraajan tunnus (Tenant ID), Sovelluksen tunnus (Client ID), Sovelluksen salaisuus ja postilaatikko, jonka nimissä lähetetään. Sovellukselle tarvitaan Entra ID:ssä sovellusoikeus SMTP.SendAsApp pääkäyttäjän hyväksynnällä ja Exchange Onlinessa oikeudet postilaatikkoon. Salasanakirjautuminen (SMTP AUTH Basic) poistuu oletuksena käytöstä joulukuun 2026 lopussa. Rajat: 30 viestiä minuutissa, 10 000 vastaanottajaa vuorokaudessa ja 500 vastaanottajaa viestissä; suuremmat vastaanottajajoukot jaetaan useaan viestiin.',
      en: 'Microsoft 365 (Exchange Online): smtp.office365.com, port 587, encryption TLS (STARTTLS), OAuth2 sign-in. Give the Tenant ID, the Client ID, the Client secret and the mailbox to send as. The app needs the application permission SMTP.SendAsApp with admin consent in Entra ID and rights on the mailbox in Exchange Online. Password sign-in (SMTP AUTH Basic) is turned off by default at the end of December 2026. Limits: 30 messages a minute, 10,000 recipients a day and 500 recipients per message; larger recipient lists are split into several messages.',
    },
    settings: {
      host: 'smtp.office365.com',
      port: 587,
      encryption: 'TLS',
      authEnabled: true,
      authMethod: 'OAUTH2_MICROSOFT',
      messagesPerMinute: 30,
      recipientsPerMessage: 500,
      recipientsPerDay: 10000,
      recipientLimitAction: 'SPLIT',
    },
    toFill: ['oauthTenantId', 'oauthClientId', 'oauthClientSecret', 'oauthUser'],
  },
  GOOGLE_WORKSPACE: {
    id: 'GOOGLE_WORKSPACE',
    label: { fi: 'Google Workspace (OAuth2)', en: 'Google Workspace (OAuth2)' },
    explanation: {
      fi: `Google Workspace: smtp.gmail.com, portti 587, Salaustapa TLS (myös portti 465 ja SSL käy), kirjautuminen OAuth2:lla palvelutilin kautta. Anna palvelutilin avain (JSON) ja postilaatikko, jonka nimissä lähetetään. Palvelutilille tarvitaan toimialueen laajuinen valtuutus laajuudelle https://mail.google.com/. ${GOOGLE_LIMITS_TEXT.fi}`,
      en: `Google Workspace: smtp.gmail.com, port 587, encryption TLS (port 465 with SSL works too), OAuth2 sign-in through a service account. Give the service account key (JSON) and the mailbox to send as. The service account needs domain-wide delegation for the scope https://mail.google.com/. ${GOOGLE_LIMITS_TEXT.en}`,
    },
    settings: { host: 'smtp.gmail.com', port: 587, encryption: 'TLS', authEnabled: true, authMethod: 'OAUTH2_GOOGLE', ...GOOGLE_LIMITS },
    toFill: ['oauthServiceAccountKey', 'oauthUser'],
    alternative: { port: 465, encryption: 'SSL' },
  },
  GOOGLE_WORKSPACE_APP_PASSWORD: {
    id: 'GOOGLE_WORKSPACE_APP_PASSWORD',
    label: { fi: 'Google Workspace (sovellussalasana)', en: 'Google Workspace (app password)' },
    explanation: {
      fi: `Google Workspace sovellussalasanalla: smtp.gmail.com, portti 587, Salaustapa TLS (myös portti 465 ja SSL käy). Käyttäjätunnus on koko sähköpostiosoite ja Salasana on Googlen sovellussalasana, jonka käyttäjä luo Google-tilinsä asetuksissa; se vaatii kaksivaiheisen vahvistuksen. Tavallinen Google-salasana ei käy. OAuth2 on suositeltavampi. ${GOOGLE_LIMITS_TEXT.fi}`,
      en: `Google Workspace with an app password: smtp.gmail.com, port 587, encryption TLS (port 465 with SSL works too). The username is the whole e-mail address and the password is a Google app password, which the user creates in their Google Account settings; it needs 2-Step Verification. The normal Google password does not work. OAuth2 is the better choice. ${GOOGLE_LIMITS_TEXT.en}`,
    },
    settings: { host: 'smtp.gmail.com', port: 587, encryption: 'TLS', authEnabled: true, authMethod: 'PASSWORD', ...GOOGLE_LIMITS },
    toFill: ['username', 'password'],
    alternative: { port: 465, encryption: 'SSL' },
  },
  AUTHENTICATED_RELAY: {
    id: 'AUTHENTICATED_RELAY',
    label: { fi: 'Välityspalvelin tunnuksilla', en: 'Relay with a login' },
    explanation: {
      fi: 'Välityspalvelin, johon kirjaudutaan (sähköpostipalvelun, webhotellin tai oman palvelimen SMTP): portti 587, Salaustapa TLS (STARTTLS), kirjautuminen käyttäjätunnuksella ja salasanalla. Anna SMTP-palvelin, Käyttäjätunnus ja Salasana palvelun ohjeiden mukaan. Täytä lähetysrajat, jos palvelu ilmoittaa sellaiset.',
      en: "A relay you log in to (a mail service's, a web host's or your own SMTP server): port 587, encryption TLS (STARTTLS), sign-in with a username and password. Give the SMTP server, the username and the password from the service's instructions. Fill in the sending limits if the service states any.",
    },
    settings: { port: 587, encryption: 'TLS', authEnabled: true, authMethod: 'PASSWORD', ...NO_LIMITS },
    toFill: ['host', 'username', 'password'],
  },
  ISP_RELAY: {
    id: 'ISP_RELAY',
    label: { fi: 'Liittymän tarjoajan välityspalvelin', en: "Internet provider's relay" },
    explanation: {
      fi: 'Internet-liittymän tarjoajan välityspalvelin ilman kirjautumista: portti 25, ei salausta, ei autentikointia. Toimii vain tarjoajan omasta verkosta, sillä palvelin tunnistaa lähettäjän IP-osoitteesta; konesalista tai muusta verkosta lähetys hylätään (konesaliasiakkaiden on käytettävä autentikointia). Anna SMTP-palvelin liittymän tarjoajan ohjeista.',
      en: "The internet provider's relay without a login: port 25, no encryption, no authentication. It works only from the provider's own network, as the server recognises the sender by IP address; from a data centre or another network sending is refused (hosted customers must authenticate). Give the SMTP server from the provider's instructions.",
    },
    settings: { port: 25, encryption: 'NONE', authEnabled: false, authMethod: 'PASSWORD', ...NO_LIMITS },
    toFill: ['host'],
  },
};

/**
 * The account with the preset's host, port, encryption, authentication method and limits. Every
 * other field — credentials and secrets, the mailbox, a CA — is kept as it was, so choosing a preset
 * never clears what was typed. An account whose host the preset leaves open keeps its host.
 */
export function applySmtpPreset(account: SmtpAccount, presetId: SmtpPresetId): SmtpAccount {
  const preset = SMTP_PRESETS[presetId];
  if (!preset) throw new Error(`Unknown SMTP preset: ${String(presetId)}`);
  return { ...account, ...preset.settings };
}

/**
 * The preset an account matches (host, port or its alternative, encryption, authentication),
 * for showing which one is in use; null when none does.
 */
export function matchingSmtpPreset(account: SmtpAccount): SmtpPresetId | null {
  const host = account.host.trim().toLowerCase().replace(/\.$/, '');
  for (const preset of Object.values(SMTP_PRESETS)) {
    const s = preset.settings;
    if (s.host === undefined) continue;
    const connection = [{ port: s.port, encryption: s.encryption }, ...(preset.alternative ? [preset.alternative] : [])];
    if (
      host === s.host &&
      connection.some((c) => c.port === account.port && c.encryption === account.encryption) &&
      account.authEnabled === s.authEnabled &&
      account.authMethod === s.authMethod
    ) {
      return preset.id;
    }
  }
  return null;
}
