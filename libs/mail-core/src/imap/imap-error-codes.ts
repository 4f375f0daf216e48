import type { LocalizedText } from '@maestro/settings-schema';

/**
 * Every way copying to the Sent folder (or testing the IMAP connection) can fail. Consumers branch on
 * these, never on message text. The network and certificate codes mean what they mean for SMTP.
 */
export const IMAP_ERROR_CODES = [
  'IMAP_NOT_CONFIGURED',
  'CREDENTIALS_MISSING',
  'AUTH_FAILED',
  'AUTH_BASIC_DISABLED',
  'AUTH_NOT_OFFERED',
  'LOGIN_DISABLED',
  'OAUTH_TOKEN_FAILED',
  'OAUTH_TOKEN_REFUSED',
  'SENT_FOLDER_NOT_FOUND',
  'SENT_FOLDER_SETTING_NOT_FOUND',
  'FOLDER_GONE',
  'MAILBOX_FULL',
  'MESSAGE_TOO_BIG',
  'NO_PERMISSION',
  'APPEND_REFUSED',
  'SERVER_BUSY',
  'PROTOCOL_ERROR',
  'STARTTLS_UNAVAILABLE',
  'WRONG_ENCRYPTION',
  'NO_GREETING',
  'TLS_FAILED',
  'CERT_UNTRUSTED',
  'CERT_EXPIRED',
  'CERT_HOSTNAME_MISMATCH',
  'HOST_NOT_ALLOWED',
  'CONNECTION_REFUSED',
  'CONNECTION_LOST',
  'NETWORK_UNREACHABLE',
  'UNKNOWN_HOST',
  'DNS_FAILED',
  'TIMEOUT',
  'UNKNOWN',
] as const;

export type ImapErrorCode = (typeof IMAP_ERROR_CODES)[number];

/** What a message may mention. Never a secret. */
export interface ImapErrorContext {
  /** " [OVERQUOTA]" when the server answered with a response code, else "". */
  reply: string;
  /** "imap.example.com:993", or "". */
  server: string;
  /** The folder the copy was going to, or "". */
  folder: string;
}

export interface ImapErrorRule {
  /**
   * True when trying the same copy again with the same settings cannot succeed: the server refused
   * the login or this message. Everything else — busy or full mailboxes, network, TLS — is transient
   * and retried with backoff (the mail itself is never sent again: it already went out).
   */
  permanent: boolean;
  /** True when the account's IMAP settings (or the provider's set-up) are the likely cause: tell the admin. */
  settingsProblem: boolean;
  /** Wait at least this long before the next attempt; absent: the usual backoff. */
  retryAfterMs?: number;
  message: (c: ImapErrorContext) => LocalizedText;
}

const HOUR = 60 * 60_000;

const at = (c: ImapErrorContext): string => (c.server ? ` ${c.server}` : '');
const inFolder = (c: ImapErrorContext): string => (c.folder ? ` "${c.folder}"` : '');
const RETRY_FI = 'kopiointia yritetään myöhemmin uudelleen';
const RETRY_EN = 'the copy will be tried again later';

/**
 * One rule per code, in the style of the SMTP table: permanent or transient, whose move it is, and a
 * short message a person can act on. The texts speak of the copy in the Sent folder ("Lähetetyt"):
 * the mail itself went out already.
 */
export const IMAP_ERROR_RULES = {
  IMAP_NOT_CONFIGURED: {
    permanent: false,
    settingsProblem: true,
    message: () => ({
      fi: 'IMAP-palvelinta ei ole asetettu: anna IMAP-palvelin, portti ja salaustapa, jotta kopio tallentuu Lähetetyt-kansioon',
      en: 'No IMAP server is set: give the IMAP server, port and encryption so that a copy is filed in the Sent folder',
    }),
  },
  CREDENTIALS_MISSING: {
    permanent: true,
    settingsProblem: true,
    message: () => ({
      fi: 'IMAP-kirjautumiseen tarvitaan SMTP-tilin käyttäjätunnus ja salasana (tai OAuth2-postilaatikko): täydennä tilin asetukset',
      en: "Signing in to IMAP needs the SMTP account's username and password (or its OAuth2 mailbox): complete the account settings",
    }),
  },
  AUTH_FAILED: {
    permanent: true,
    settingsProblem: true,
    message: (c) => ({
      fi: `IMAP-kirjautuminen epäonnistui${c.reply}: tarkista käyttäjätunnus ja salasana (samat kuin SMTP-tilillä) ja että postilaatikossa on IMAP käytössä`,
      en: `IMAP sign-in failed${c.reply}: check the username and password (the SMTP account's) and that IMAP is enabled for the mailbox`,
    }),
  },
  AUTH_BASIC_DISABLED: {
    permanent: true,
    settingsProblem: true,
    message: (c) => ({
      fi: `IMAP-palvelin ei hyväksy kirjautumista salasanalla${c.reply}: käytä sovellussalasanaa tai vaihda autentikointitavaksi OAuth2`,
      en: `The IMAP server does not accept password sign-in${c.reply}: use an app password or switch the authentication method to OAuth2`,
    }),
  },
  AUTH_NOT_OFFERED: {
    permanent: true,
    settingsProblem: true,
    message: (c) => ({
      fi: `IMAP-palvelin${at(c)} ei tarjoa tilin kirjautumistapaa (salasana tai OAuth2/XOAUTH2): tarkista palvelin ja autentikointitapa`,
      en: `The IMAP server${at(c)} does not offer the account's sign-in method (password or OAuth2/XOAUTH2): check the server and the authentication method`,
    }),
  },
  LOGIN_DISABLED: {
    permanent: true,
    settingsProblem: true,
    message: (c) => ({
      fi: `IMAP-palvelin${at(c)} sallii kirjautumisen vain salattuna: valitse salaustavaksi SSL (portti 993) tai TLS (portti 143)`,
      en: `The IMAP server${at(c)} allows sign-in only when encrypted: choose SSL (port 993) or TLS (port 143)`,
    }),
  },
  OAUTH_TOKEN_FAILED: {
    permanent: false,
    settingsProblem: true,
    message: () => ({
      fi: 'OAuth2-käyttöoikeustunnuksen haku epäonnistui: tarkista sovelluksen tunnus, salaisuus ja postilaatikon oikeudet',
      en: 'Could not get an OAuth2 access token: check the client id, secret and the mailbox permissions',
    }),
  },
  OAUTH_TOKEN_REFUSED: {
    // As for SMTP: the fix is on the provider's side, which the queued copy cannot see change.
    permanent: false,
    settingsProblem: true,
    message: (c) => ({
      fi: `IMAP-palvelin hylkäsi OAuth2-käyttöoikeustunnuksen${c.reply}: Microsoft 365: tarkista, että sovelluksella on IMAP.AccessAsApp-oikeus pääkäyttäjän hyväksynnällä ja että sen palvelupäänimellä on Exchange Onlinessa oikeus postilaatikkoon (Add-MailboxPermission -AccessRights FullAccess). Google Workspace: tarkista toimialueen laajuinen valtuutus (https://mail.google.com/)`,
      en: `The IMAP server refused the OAuth2 token${c.reply}: Microsoft 365: check the app's IMAP.AccessAsApp permission and its admin consent, and that its service principal has rights on the mailbox in Exchange Online (Add-MailboxPermission -AccessRights FullAccess). Google Workspace: check the domain-wide delegation (https://mail.google.com/)`,
    }),
  },
  SENT_FOLDER_NOT_FOUND: {
    // Nothing is created on the user's behalf: a folder that appears unasked would surprise them.
    permanent: true,
    settingsProblem: true,
    message: () => ({
      fi: 'Postilaatikosta ei löytynyt Lähetetyt-kansiota (ei \\Sent-merkintää eikä tuttua nimeä kuten Sent, Sent Items tai Lähetetyt): luo kansio sähköpostiohjelmassa tai merkitse se lähetettyjen kansioksi',
      en: 'No Sent folder was found in the mailbox (no \\Sent flag and no known name such as Sent, Sent Items or Lähetetyt): create the folder in the mail program or mark it as the sent-items folder',
    }),
  },
  SENT_FOLDER_SETTING_NOT_FOUND: {
    permanent: true,
    settingsProblem: true,
    message: (c) => ({
      fi: `Asetuksissa nimettyä Lähetetyt-kansiota${inFolder(c)} ei ole postilaatikossa: korjaa kansion nimi (koko polku, esim. INBOX.Sent) tai jätä kenttä tyhjäksi, jolloin kansio etsitään itse`,
      en: `The Sent folder named in the settings${inFolder(c)} is not in the mailbox: correct the folder name (its whole path, e.g. INBOX.Sent) or leave the field empty to have it found`,
    }),
  },
  FOLDER_GONE: {
    // Found, then gone (deleted or renamed meanwhile): the next attempt looks for it again.
    permanent: false,
    settingsProblem: false,
    message: (c) => ({
      fi: `Kansiota${inFolder(c)} ei enää ole${c.reply}: ${RETRY_FI}`,
      en: `The folder${inFolder(c)} no longer exists${c.reply}: ${RETRY_EN}`,
    }),
  },
  MAILBOX_FULL: {
    permanent: false,
    settingsProblem: false,
    retryAfterMs: HOUR,
    message: (c) => ({
      fi: `Postilaatikko on täynnä${c.reply}: vapauta tilaa (tyhjennä esim. Poistetut), ${RETRY_FI}`,
      en: `The mailbox is full${c.reply}: free some space (e.g. empty Deleted Items); ${RETRY_EN}`,
    }),
  },
  MESSAGE_TOO_BIG: {
    permanent: true,
    settingsProblem: false,
    message: (c) => ({
      fi: `Viesti on liian suuri tallennettavaksi Lähetetyt-kansioon${c.reply}: viesti lähti, mutta kopiota ei tallennettu`,
      en: `The message is too big to file in the Sent folder${c.reply}: it was sent, but no copy was filed`,
    }),
  },
  NO_PERMISSION: {
    permanent: true,
    settingsProblem: true,
    message: (c) => ({
      fi: `Tilillä ei ole oikeutta tallentaa kansioon${inFolder(c)}${c.reply}: anna postilaatikolle täydet oikeudet tai tarkista kansio`,
      en: `The account may not file messages in the folder${inFolder(c)}${c.reply}: grant full access to the mailbox or check the folder`,
    }),
  },
  APPEND_REFUSED: {
    permanent: true,
    settingsProblem: false,
    message: (c) => ({
      fi: `IMAP-palvelin kieltäytyi tallentamasta kopiota kansioon${inFolder(c)}${c.reply}: katso palvelimen vastaus; viesti lähti, kopiota ei tallennettu`,
      en: `The IMAP server refused to file the copy in the folder${inFolder(c)}${c.reply}: see the server's reply; the message was sent, no copy was filed`,
    }),
  },
  SERVER_BUSY: {
    permanent: false,
    settingsProblem: false,
    message: (c) => ({
      fi: `IMAP-palvelin${at(c)} on tilapäisesti poissa käytöstä${c.reply}: ${RETRY_FI}`,
      en: `The IMAP server${at(c)} is temporarily unavailable${c.reply}: ${RETRY_EN}`,
    }),
  },
  PROTOCOL_ERROR: {
    permanent: false,
    settingsProblem: false,
    message: (c) => ({
      fi: `IMAP-palvelin vastasi odottamattomasti${c.reply}: ${RETRY_FI}`,
      en: `The IMAP server gave an unexpected reply${c.reply}: ${RETRY_EN}`,
    }),
  },
  STARTTLS_UNAVAILABLE: {
    permanent: false,
    settingsProblem: true,
    message: (c) => ({
      fi: `IMAP-palvelin${at(c)} ei tarjoa STARTTLS-salausta, eikä mitään lähetetty salaamattomana: valitse SSL (portti 993) tai tarkista palvelin ja portti`,
      en: `The IMAP server${at(c)} does not offer STARTTLS, and nothing was sent unencrypted: choose SSL (port 993) or check the server and port`,
    }),
  },
  WRONG_ENCRYPTION: {
    permanent: false,
    settingsProblem: true,
    message: (c) => ({
      fi: `IMAP-palvelin${at(c)} ei käytä SSL-salausta tässä portissa: valitse salaustavaksi TLS (portti 143) tai tarkista portti (SSL: 993)`,
      en: `The IMAP server${at(c)} does not speak SSL on this port: choose TLS encryption (port 143) or check the port (SSL: 993)`,
    }),
  },
  NO_GREETING: {
    permanent: false,
    settingsProblem: true,
    message: (c) => ({
      fi: `IMAP-palvelin${at(c)} ei vastannut yhteyden avauksen jälkeen: jos portti on 993, valitse salaustavaksi SSL; muuten ${RETRY_FI}`,
      en: `The IMAP server${at(c)} did not answer after connecting: if the port is 993, choose SSL encryption; otherwise ${RETRY_EN}`,
    }),
  },
  TLS_FAILED: {
    permanent: false,
    settingsProblem: true,
    message: (c) => ({
      fi: `Salatun yhteyden muodostus IMAP-palvelimeen${at(c)} epäonnistui: tarkista salaustapa ja portti`,
      en: `Could not set up an encrypted connection to the IMAP server${at(c)}: check the encryption and port`,
    }),
  },
  CERT_UNTRUSTED: {
    permanent: false,
    settingsProblem: true,
    message: (c) => ({
      fi: `IMAP-palvelimen${at(c)} varmenne ei ole luotettu: jos palvelin käyttää omaa varmennetta, lisää sen CA-varmenne IMAP-asetuksiin`,
      en: `The certificate of the IMAP server${at(c)} is not trusted: if the server uses its own certificate, add its CA certificate to the IMAP settings`,
    }),
  },
  CERT_EXPIRED: {
    permanent: false,
    settingsProblem: true,
    message: (c) => ({
      fi: `IMAP-palvelimen${at(c)} varmenne on vanhentunut tai ei vielä voimassa: pyydä palvelimen ylläpitoa uusimaan se`,
      en: `The certificate of the IMAP server${at(c)} has expired or is not yet valid: ask the server's administrator to renew it`,
    }),
  },
  CERT_HOSTNAME_MISMATCH: {
    permanent: false,
    settingsProblem: true,
    message: (c) => ({
      fi: `IMAP-palvelimen varmenne ei ole annetulle nimelle${at(c)}: kirjoita IMAP-palvelimeksi varmenteessa oleva nimi`,
      en: `The IMAP server certificate does not match the name${at(c)}: enter the host name that the certificate is for`,
    }),
  },
  HOST_NOT_ALLOWED: {
    permanent: true,
    settingsProblem: true,
    message: (c) => ({
      fi: `IMAP-palvelin${at(c)} on sisäverkon osoitteessa, jota tämä palvelu ei käytä: anna julkinen IMAP-palvelin, tai pyydä ylläpitoa lisäämään se MAESTRO_SMTP_ALLOWED_HOSTS-luetteloon`,
      en: `The IMAP server${at(c)} is at an internal address this service does not use: give a public IMAP server, or ask the operators to add it to MAESTRO_SMTP_ALLOWED_HOSTS`,
    }),
  },
  CONNECTION_REFUSED: {
    permanent: false,
    settingsProblem: true,
    message: (c) => ({
      fi: `IMAP-palvelin${at(c)} ei ota vastaan yhteyksiä: tarkista IMAP-palvelin ja portti; ${RETRY_FI}`,
      en: `The IMAP server${at(c)} refused the connection: check the IMAP server and port; ${RETRY_EN}`,
    }),
  },
  CONNECTION_LOST: {
    permanent: false,
    settingsProblem: false,
    message: (c) => ({
      fi: `Yhteys IMAP-palvelimeen${at(c)} katkesi: ${RETRY_FI}`,
      en: `The connection to the IMAP server${at(c)} was lost: ${RETRY_EN}`,
    }),
  },
  NETWORK_UNREACHABLE: {
    permanent: false,
    settingsProblem: false,
    message: (c) => ({
      fi: `IMAP-palvelimeen${at(c)} ei saada verkkoyhteyttä: tarkista verkko ja palomuuri; ${RETRY_FI}`,
      en: `The IMAP server${at(c)} cannot be reached over the network: check the network and firewall; ${RETRY_EN}`,
    }),
  },
  UNKNOWN_HOST: {
    permanent: false,
    settingsProblem: true,
    message: (c) => ({
      fi: `IMAP-palvelinta${at(c)} ei löydy: tarkista IMAP-palvelimen nimi; ${RETRY_FI}`,
      en: `The IMAP server${at(c)} was not found: check the IMAP server name; ${RETRY_EN}`,
    }),
  },
  DNS_FAILED: {
    permanent: false,
    settingsProblem: false,
    message: (c) => ({
      fi: `IMAP-palvelimen${at(c)} nimeä ei saatu selvitettyä juuri nyt: ${RETRY_FI}`,
      en: `The IMAP server name${at(c)} could not be looked up just now: ${RETRY_EN}`,
    }),
  },
  TIMEOUT: {
    permanent: false,
    settingsProblem: false,
    message: (c) => ({
      fi: `IMAP-palvelin${at(c)} ei vastannut ajoissa: tarkista palvelin, portti ja palomuuri; ${RETRY_FI}`,
      en: `The IMAP server${at(c)} did not answer in time: check the server, port and firewall; ${RETRY_EN}`,
    }),
  },
  UNKNOWN: {
    permanent: false,
    settingsProblem: false,
    message: (c) => ({
      fi: `Kopion tallennus Lähetetyt-kansioon epäonnistui odottamattomasti${c.reply}: ${RETRY_FI}`,
      en: `Filing the copy in the Sent folder failed unexpectedly${c.reply}: ${RETRY_EN}`,
    }),
  },
} satisfies Record<ImapErrorCode, ImapErrorRule>;
