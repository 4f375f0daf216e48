import type { SmtpAccount } from '../records/smtp-account';
import { DEFAULT_MAX_CONNECTIONS, MICROSOFT_BASIC_AUTH_TIMELINE, PROVIDER_CONNECTION_CAP } from '../providers/provider-hosts';
import type { LocalizedText } from '../validation/problem';

export const SMTP_PRESET_IDS = [
  'MICROSOFT_365',
  'GOOGLE_WORKSPACE',
  'GOOGLE_WORKSPACE_APP_PASSWORD',
  'GOOGLE_SMTP_RELAY',
  'GOOGLE_SMTP_RELAY_LOGIN',
  'AUTHENTICATED_RELAY',
  'ISP_RELAY',
] as const;
export type SmtpPresetId = (typeof SMTP_PRESET_IDS)[number];

/** The account fields a preset decides. The host only where the provider has one for everybody. */
export type SmtpPresetSettings = Pick<
  SmtpAccount,
  | 'port'
  | 'encryption'
  | 'authEnabled'
  | 'authMethod'
  | 'messagesPerMinute'
  | 'recipientsPerMessage'
  | 'recipientsPerDay'
  | 'recipientLimitAction'
  | 'maxConnections'
> & { host?: string } & Partial<Pick<SmtpAccount, 'imapHost' | 'imapPort' | 'imapEncryption' | 'imapAppendToSent'>>;

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

/**
 * The provider's IMAP server for the same mailbox (the Sent copy, the bounce reader). Both providers
 * file mail sent through their SMTP submission in the signed-in mailbox's Sent folder themselves —
 * Gmail labels everything the account sends "Sent", and Exchange Online saves SMTP AUTH submissions in
 * Sent Items — so APPEND starts off there (a second copy would follow); IMAP stays for the bounces.
 */
const MICROSOFT_IMAP = { imapHost: 'outlook.office365.com', imapPort: 993, imapEncryption: 'SSL', imapAppendToSent: false } as const;
const GOOGLE_IMAP = { imapHost: 'imap.gmail.com', imapPort: 993, imapEncryption: 'SSL', imapAppendToSent: false } as const;

const IMAP_TEXT_MICROSOFT: LocalizedText = {
  fi: 'IMAP (palautusilmoitusten lukeminen): outlook.office365.com, portti 993, SSL; sovellukselle tarvitaan myös IMAP.AccessAsApp-oikeus. Kopiota Lähetetyt-kansioon ei tallenneta, koska Exchange Online tallentaa SMTP:llä lähetetyt viestit Lähetetyt-kansioon itse.',
  en: 'IMAP (reading bounce notices): outlook.office365.com, port 993, SSL; the app also needs the IMAP.AccessAsApp permission. No copy is filed in the Sent folder, because Exchange Online files mail sent over SMTP in Sent Items itself.',
};

const IMAP_TEXT_GOOGLE: LocalizedText = {
  fi: 'IMAP (palautusilmoitusten lukeminen): imap.gmail.com, portti 993, SSL. Kopiota Lähetetyt-kansioon ei tallenneta, koska Gmail tallentaa tilin lähettämät viestit Lähetetyt-kansioon itse.',
  en: 'IMAP (reading bounce notices): imap.gmail.com, port 993, SSL. No copy is filed in the Sent folder, because Gmail files what the account sends in Sent Mail itself.',
};

const NO_LIMITS = { messagesPerMinute: null, recipientsPerMessage: null, recipientsPerDay: null, recipientLimitAction: 'SPLIT', maxConnections: DEFAULT_MAX_CONNECTIONS } as const;

// Google's limits count messages per user and day (2,000) and recipients per message over SMTP (100).
// The account has no messages-per-day field; every message has at least one recipient, so 2,000
// recipients a day also keeps the messages under 2,000 — at the price of stopping early when
// messages go to several people.
const GOOGLE_LIMITS = { messagesPerMinute: null, recipientsPerMessage: 100, recipientsPerDay: 2000, recipientLimitAction: 'SPLIT', maxConnections: DEFAULT_MAX_CONNECTIONS } as const;

// The Workspace SMTP relay service counts 10,000 recipients per user and day, and takes at most 100
// recipients per message like Gmail's submission does.
const GOOGLE_RELAY_LIMITS = { messagesPerMinute: null, recipientsPerMessage: 100, recipientsPerDay: 10000, recipientLimitAction: 'SPLIT', maxConnections: DEFAULT_MAX_CONNECTIONS } as const;

const GOOGLE_RELAY_TEXT: LocalizedText = {
  fi: 'Google Workspacen SMTP-välityspalvelu (smtp-relay.gmail.com): portti 587 ja Salaustapa TLS (myös 465 ja SSL käy). Pääkäyttäjä ottaa palvelun käyttöön Google-hallintakonsolissa (Sovellukset › Google Workspace › Gmail › Reititys › SMTP-välityspalvelu) ja valitsee, tunnistetaanko lähettäjä IP-osoitteesta, SMTP AUTH -kirjautumisesta vai kummastakin, sekä sallii lähettäjiksi toimialueen osoitteet. Palvelu vaatii, että Maestro esittäytyy täydellisellä palvelinnimellä (EHLO): jos palvelimella ei ole sellaista, anna Asiakkaan palvelinnimi (esim. erp.yritys.fi). Rajat: 10 000 vastaanottajaa käyttäjää kohden vuorokaudessa ja 100 vastaanottajaa viestissä.',
  en: "Google Workspace's SMTP relay service (smtp-relay.gmail.com): port 587 with encryption TLS (465 with SSL works too). The admin turns the service on in the Google Admin console (Apps › Google Workspace › Gmail › Routing › SMTP relay service), chooses whether senders are recognised by IP address, by SMTP AUTH sign-in or both, and allows the domain's addresses as senders. The relay wants Maestro to introduce itself with a full host name (EHLO): if the server has none, give the Client host name (e.g. erp.example.com). Limits: 10,000 recipients per user a day and 100 recipients per message.",
};

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
      fi: `Microsoft 365 (Exchange Online): smtp.office365.com, portti 587, Salaustapa TLS (STARTTLS), kirjautuminen OAuth2:lla. Anna Vuokraajan tunnus (Tenant ID), Sovelluksen tunnus (Client ID), Sovelluksen salaisuus ja sen vanhenemispäivä sekä postilaatikko, jonka nimissä lähetetään. Sovellukselle annetaan lähetysoikeus jommallakummalla tavalla: Exchange Onlinen sovellusroolilla Application SMTP.SendAsApp, rajattuna vain lähettäviin postilaatikoihin (App RBAC; silloin Entra ID:hen ei lisätä SMTP.SendAsApp-oikeutta), tai Entra ID:n sovellusoikeudella SMTP.SendAsApp pääkäyttäjän hyväksynnällä sekä FullAccess-oikeudella postilaatikkoon. SMTP AUTH on sallittava postilaatikolle. Salasanakirjautuminen (SMTP AUTH Basic) poistuu oletuksena käytöstä ${MICROSOFT_BASIC_AUTH_TIMELINE.offByDefaultText.fi}. Rajat: 30 viestiä minuutissa, 10 000 vastaanottajaa vuorokaudessa, 500 vastaanottajaa viestissä (suuremmat joukot jaetaan useaan viestiin) ja ${PROVIDER_CONNECTION_CAP.MICROSOFT} yhtäaikaista yhteyttä postilaatikkoa kohden. ${IMAP_TEXT_MICROSOFT.fi}`,
      en: `Microsoft 365 (Exchange Online): smtp.office365.com, port 587, encryption TLS (STARTTLS), OAuth2 sign-in. Give the Tenant ID, the Client ID, the Client secret with its expiry date and the mailbox to send as. The app is allowed to send in one of two ways: Exchange Online's application role Application SMTP.SendAsApp scoped to the sending mailboxes only (App RBAC; then SMTP.SendAsApp is not added in Entra ID), or the Entra ID application permission SMTP.SendAsApp with admin consent plus FullAccess on the mailbox. SMTP AUTH must be allowed for the mailbox. Password sign-in (SMTP AUTH Basic) is turned off by default ${MICROSOFT_BASIC_AUTH_TIMELINE.offByDefaultText.en}. Limits: 30 messages a minute, 10,000 recipients a day, 500 recipients per message (larger lists are split into several messages) and ${PROVIDER_CONNECTION_CAP.MICROSOFT} simultaneous connections per mailbox. ${IMAP_TEXT_MICROSOFT.en}`,
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
      maxConnections: PROVIDER_CONNECTION_CAP.MICROSOFT ?? DEFAULT_MAX_CONNECTIONS,
      ...MICROSOFT_IMAP,
    },
    toFill: ['oauthTenantId', 'oauthClientId', 'oauthClientSecret', 'oauthClientSecretExpiresAt', 'oauthUser'],
  },
  GOOGLE_WORKSPACE: {
    id: 'GOOGLE_WORKSPACE',
    label: { fi: 'Google Workspace (OAuth2)', en: 'Google Workspace (OAuth2)' },
    explanation: {
      fi: `Google Workspace: smtp.gmail.com, portti 587, Salaustapa TLS (myös portti 465 ja SSL käy), kirjautuminen OAuth2:lla palvelutilin kautta. Anna palvelutilin avain (JSON) ja postilaatikko, jonka nimissä lähetetään. Palvelutilille tarvitaan toimialueen laajuinen valtuutus laajuudelle https://mail.google.com/. ${GOOGLE_LIMITS_TEXT.fi} ${IMAP_TEXT_GOOGLE.fi}`,
      en: `Google Workspace: smtp.gmail.com, port 587, encryption TLS (port 465 with SSL works too), OAuth2 sign-in through a service account. Give the service account key (JSON) and the mailbox to send as. The service account needs domain-wide delegation for the scope https://mail.google.com/. ${GOOGLE_LIMITS_TEXT.en} ${IMAP_TEXT_GOOGLE.en}`,
    },
    settings: { host: 'smtp.gmail.com', port: 587, encryption: 'TLS', authEnabled: true, authMethod: 'OAUTH2_GOOGLE', ...GOOGLE_LIMITS, ...GOOGLE_IMAP },
    toFill: ['oauthServiceAccountKey', 'oauthUser'],
    alternative: { port: 465, encryption: 'SSL' },
  },
  GOOGLE_WORKSPACE_APP_PASSWORD: {
    id: 'GOOGLE_WORKSPACE_APP_PASSWORD',
    label: { fi: 'Google Workspace (sovellussalasana)', en: 'Google Workspace (app password)' },
    explanation: {
      fi: `Google Workspace sovellussalasanalla: smtp.gmail.com, portti 587, Salaustapa TLS (myös portti 465 ja SSL käy). Käyttäjätunnus on koko sähköpostiosoite ja Salasana on Googlen sovellussalasana, jonka käyttäjä luo Google-tilinsä asetuksissa; se vaatii kaksivaiheisen vahvistuksen. Tavallinen Google-salasana ei käy. OAuth2 on suositeltavampi. ${GOOGLE_LIMITS_TEXT.fi} ${IMAP_TEXT_GOOGLE.fi}`,
      en: `Google Workspace with an app password: smtp.gmail.com, port 587, encryption TLS (port 465 with SSL works too). The username is the whole e-mail address and the password is a Google app password, which the user creates in their Google Account settings; it needs 2-Step Verification. The normal Google password does not work. OAuth2 is the better choice. ${GOOGLE_LIMITS_TEXT.en} ${IMAP_TEXT_GOOGLE.en}`,
    },
    settings: { host: 'smtp.gmail.com', port: 587, encryption: 'TLS', authEnabled: true, authMethod: 'PASSWORD', ...GOOGLE_LIMITS, ...GOOGLE_IMAP },
    toFill: ['username', 'password'],
    alternative: { port: 465, encryption: 'SSL' },
  },
  GOOGLE_SMTP_RELAY: {
    id: 'GOOGLE_SMTP_RELAY',
    label: { fi: 'Google Workspace SMTP-välityspalvelu (IP-osoite)', en: 'Google Workspace SMTP relay (IP address)' },
    explanation: {
      fi: `${GOOGLE_RELAY_TEXT.fi} Tämä vaihtoehto ei kirjaudu: Google tunnistaa lähettäjän palvelimen julkisesta IP-osoitteesta, joka lisätään välityspalvelun sallittuihin osoitteisiin.`,
      en: `${GOOGLE_RELAY_TEXT.en} This choice does not sign in: Google recognises the sender by the server's public IP address, which is added to the relay's allowed addresses.`,
    },
    settings: { host: 'smtp-relay.gmail.com', port: 587, encryption: 'TLS', authEnabled: false, authMethod: 'PASSWORD', ...GOOGLE_RELAY_LIMITS },
    toFill: [],
    alternative: { port: 465, encryption: 'SSL' },
  },
  GOOGLE_SMTP_RELAY_LOGIN: {
    id: 'GOOGLE_SMTP_RELAY_LOGIN',
    label: { fi: 'Google Workspace SMTP-välityspalvelu (kirjautuminen)', en: 'Google Workspace SMTP relay (sign-in)' },
    explanation: {
      fi: `${GOOGLE_RELAY_TEXT.fi} Tämä vaihtoehto kirjautuu SMTP AUTH -tunnuksilla: Käyttäjätunnus on toimialueen käyttäjän koko osoite ja Salasana hänen sovellussalasanansa (vaatii kaksivaiheisen vahvistuksen); välityspalvelun asetuksissa on valittava "Vaadi SMTP-todennus".`,
      en: `${GOOGLE_RELAY_TEXT.en} This choice signs in with SMTP AUTH: the username is a domain user's whole address and the password their app password (needs 2-Step Verification); the relay setting "Require SMTP Authentication" must be on.`,
    },
    settings: { host: 'smtp-relay.gmail.com', port: 587, encryption: 'TLS', authEnabled: true, authMethod: 'PASSWORD', ...GOOGLE_RELAY_LIMITS },
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
  // The id may come from outside the type system (GraphQL, an old stored value).
  if (!Object.hasOwn(SMTP_PRESETS, presetId)) throw new Error(`Unknown SMTP preset: ${String(presetId)}`);
  const preset = SMTP_PRESETS[presetId];
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
