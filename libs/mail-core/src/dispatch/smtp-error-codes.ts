import type { LocalizedText } from '@maestro/settings-schema';

/** Every way a send or a connection test can fail. Consumers branch on these, never on message text. */
export const SMTP_ERROR_CODES = [
  'AUTH_FAILED',
  'AUTH_BASIC_DISABLED',
  'SMTP_AUTH_DISABLED',
  'AUTH_NOT_OFFERED',
  'AUTH_REQUIRED',
  'CREDENTIALS_MISSING',
  'OAUTH_TOKEN_FAILED',
  'OAUTH_TOKEN_REFUSED',
  'SEND_AS_DENIED',
  'SENDER_REJECTED',
  'RELAY_DENIED',
  'RECIPIENT_REJECTED',
  'RECIPIENT_DEFERRED',
  'TOO_MANY_RECIPIENTS',
  'MESSAGE_REJECTED',
  'MESSAGE_TOO_BIG',
  'DAILY_LIMIT_REACHED',
  'SENDER_THROTTLED',
  'SENDER_MAILBOX_FULL',
  'MAIL_SYSTEM_CONGESTED',
  'TOO_MANY_CONNECTIONS',
  'EHLO_REJECTED',
  'SMTPUTF8_NOT_SUPPORTED',
  'SERVER_BUSY',
  'TEMPORARY_FAILURE',
  'PROTOCOL_ERROR',
  'STARTTLS_UNAVAILABLE',
  'STARTTLS_REQUIRED',
  'WRONG_ENCRYPTION',
  'NO_GREETING',
  'TLS_FAILED',
  'CERT_UNTRUSTED',
  'CERT_EXPIRED',
  'CERT_HOSTNAME_MISMATCH',
  'CONNECTION_REFUSED',
  'CONNECTION_LOST',
  'NETWORK_UNREACHABLE',
  'UNKNOWN_HOST',
  'DNS_FAILED',
  'HOST_NOT_ALLOWED',
  'NOT_SMTP_SERVER',
  'TIMEOUT',
  'INVALID_ENVELOPE',
  'SMTP_NOT_CONFIGURED',
  'UNKNOWN',
] as const;

export type SmtpErrorCode = (typeof SMTP_ERROR_CODES)[number];

/** What the message text may mention: the reply code, the host and port, the recipient. Never a secret. */
export interface SmtpErrorContext {
  /** " (535)" or " (550 5.1.1)" when the server answered, else "". */
  reply: string;
  /** "smtp.example.com:587", or "" when not known. */
  server: string;
  /** The recipient address a per-recipient error is about, or "". */
  recipient: string;
  /** The mailbox the account signs in as, or "". */
  mailbox: string;
  /** The enhanced status code of the reply (5.2.252), or "". */
  enhanced: string;
  /** The name the client gave in EHLO, or "". */
  ehloName: string;
}

export interface SmtpErrorRule {
  /**
   * True when sending the same message again with the same settings cannot succeed: the server
   * itself refused the message, a recipient or the credentials (5xx, authentication). Everything
   * else — 4xx replies, network, DNS, timeouts, TLS and certificates — is transient and retried.
   */
  permanent: boolean;
  /** True when the account's settings (or the provider's set-up) are the likely cause: tell the admin. */
  settingsProblem: boolean;
  /** Wait at least this long before the next attempt (e.g. a daily quota); absent: the usual backoff. */
  retryAfterMs?: number;
  message: (c: SmtpErrorContext) => LocalizedText;
}

const HOUR = 60 * 60_000;

const at = (c: SmtpErrorContext): string => (c.server ? ` ${c.server}` : '');
const mailboxOr = (c: SmtpErrorContext, fallback: string): string => c.mailbox || fallback;
const named = (c: SmtpErrorContext): string => (c.mailbox ? ` ${c.mailbox}` : '');

/** What Exchange Online's continuous-error throttling (550 5.2.251–255) says the repeated error was. */
const THROTTLE_CAUSES: Readonly<Record<string, LocalizedText>> = {
  '5.2.251': { fi: 'postilaatikko on täynnä', en: 'the mailbox is full' },
  '5.2.252': { fi: 'Send As -oikeus lähettäjän osoitteeseen puuttuu', en: 'Send As on the sender address is missing' },
  '5.2.253': { fi: 'postilaatikolla ei ole voimassa olevaa lisenssiä', en: 'the mailbox has no valid licence' },
  '5.2.254': { fi: 'viestissä oli liikaa vastaanottajia', en: 'messages had too many recipients' },
  '5.2.255': { fi: 'vastaanottajien osoitteet olivat virheellisiä', en: 'recipient addresses were invalid' },
};

/**
 * One rule per code: permanent or transient, whose move it is, and a short message a person can act on.
 * `satisfies` makes a new code without an entry a compile error.
 */
export const SMTP_ERROR_RULES = {
  SMTP_NOT_CONFIGURED: {
    // Transient: the message waits while an admin completes the settings, then goes out.
    permanent: false,
    settingsProblem: true,
    message: () => ({
      fi: 'Lähetysasetukset ovat kesken (esim. SMTP-palvelin puuttuu): pyydä pääkäyttäjää täydentämään Viestiasetukset. Viesti lähtee, kun asetukset ovat kunnossa.',
      en: 'The sending settings are incomplete (e.g. no SMTP server): ask an administrator to complete Message settings. The message goes out once they are.',
    }),
  },
  AUTH_FAILED: {
    permanent: true,
    settingsProblem: true,
    message: (c) => ({
      fi: `Kirjautuminen epäonnistui${c.reply}: tarkista käyttäjätunnus ja salasana`,
      en: `Login failed${c.reply}: check the username and password`,
    }),
  },
  AUTH_BASIC_DISABLED: {
    permanent: true,
    settingsProblem: true,
    message: (c) => ({
      fi: `Palvelin ei hyväksy kirjautumista salasanalla${c.reply}: vaihda autentikointitavaksi OAuth2 (Microsoft 365 / Google Workspace) tai käytä sovellussalasanaa`,
      en: `The server does not accept password login${c.reply}: switch the authentication method to OAuth2 (Microsoft 365 / Google Workspace) or use an app password`,
    }),
  },
  SMTP_AUTH_DISABLED: {
    // Exchange answers 535 5.7.139 "SmtpClientAuthentication is disabled for the Tenant/Mailbox" to
    // OAuth2 clients too: no sign-in method helps until an admin allows SMTP AUTH. The fix is in
    // Exchange, which the queued message cannot see change: retry with backoff.
    permanent: false,
    settingsProblem: true,
    message: (c) => ({
      fi: `Microsoft 365 ei salli SMTP-kirjautumista (SMTP AUTH) tälle postilaatikolle tai koko organisaatiolle${c.reply}. Salli se Exchange Online PowerShellissä postilaatikolle: Set-CASMailbox -Identity ${mailboxOr(c, '<postilaatikko>')} -SmtpClientAuthenticationDisabled $false – tai koko organisaatiolle: Set-TransportConfig -SmtpClientAuthenticationDisabled $false. Muutos voi kestää tunnin; lähetystä yritetään uudelleen.`,
      en: `Microsoft 365 does not allow SMTP sign-in (SMTP AUTH) for this mailbox or for the whole organisation${c.reply}. Allow it in Exchange Online PowerShell for the mailbox: Set-CASMailbox -Identity ${mailboxOr(c, '<mailbox>')} -SmtpClientAuthenticationDisabled $false – or for the organisation: Set-TransportConfig -SmtpClientAuthenticationDisabled $false. The change can take an hour; sending will be retried.`,
    }),
  },
  AUTH_NOT_OFFERED: {
    permanent: true,
    settingsProblem: true,
    message: (c) => ({
      fi: `Palvelin ei tarjoa kirjautumista${c.reply}: valitse salaustavaksi TLS tai SSL (moni palvelin sallii kirjautumisen vain salattuna) tai poista autentikointi käytöstä`,
      en: `The server does not offer login${c.reply}: choose TLS or SSL encryption (many servers allow login only when encrypted) or turn authentication off`,
    }),
  },
  AUTH_REQUIRED: {
    permanent: true,
    settingsProblem: true,
    message: (c) => ({
      fi: `Palvelin vaatii kirjautumisen${c.reply}: ota autentikointi käyttöön ja anna käyttäjätunnus ja salasana`,
      en: `The server requires login${c.reply}: turn authentication on and give the username and password`,
    }),
  },
  CREDENTIALS_MISSING: {
    permanent: true,
    settingsProblem: true,
    message: () => ({
      fi: 'Autentikointi on käytössä, mutta käyttäjätunnus tai salasana puuttuu: täydennä SMTP-asetukset',
      en: 'Authentication is on but the username or password is missing: complete the SMTP settings',
    }),
  },
  OAUTH_TOKEN_FAILED: {
    // The identity provider's answer decides; a fixed secret or consent lets the queued message go.
    permanent: false,
    settingsProblem: true,
    message: () => ({
      fi: 'OAuth2-käyttöoikeustunnuksen haku epäonnistui: tarkista sovelluksen tunnus, salaisuus ja postilaatikon oikeudet',
      en: 'Could not get an OAuth2 access token: check the client id, secret and the mailbox permissions',
    }),
  },
  OAUTH_TOKEN_REFUSED: {
    // The token was fetched, then refused by the SMTP server even after a fresh one. The fix is
    // usually on the provider's side (a permission, consent, SMTP AUTH for the mailbox), which our
    // settings do not see change: retry with backoff rather than fail at once.
    permanent: false,
    settingsProblem: true,
    message: (c) => ({
      fi: `Palvelin hylkäsi OAuth2-käyttöoikeustunnuksen${c.reply}: Microsoft 365 – tarkista, että sovelluksella on lähetysoikeus postilaatikkoon (Exchange Onlinen sovellusrooli Application SMTP.SendAsApp rajattuna postilaatikkoon, tai Entra ID:n SMTP.SendAsApp-oikeus pääkäyttäjän hyväksynnällä ja palvelupäänimen FullAccess-oikeus postilaatikkoon, Add-MailboxPermission) ja että SMTP AUTH on sallittu postilaatikolle. Google Workspace: tarkista toimialueen laajuinen valtuutus (https://mail.google.com/) ja postilaatikon osoite`,
      en: `The server refused the OAuth2 token${c.reply}: Microsoft 365 – check that the app may send as the mailbox (the Exchange Online application role Application SMTP.SendAsApp scoped to the mailbox, or the Entra ID permission SMTP.SendAsApp with admin consent plus the service principal's FullAccess on the mailbox, Add-MailboxPermission) and that SMTP AUTH is allowed for the mailbox. Google Workspace: check the domain-wide delegation (https://mail.google.com/) and the mailbox address`,
    }),
  },
  SEND_AS_DENIED: {
    permanent: true,
    settingsProblem: true,
    message: (c) => ({
      fi: `Tilillä ei ole oikeutta lähettää tämän lähettäjän nimissä${c.reply}: anna postilaatikolle Send As -oikeus tai käytä tilin omaa osoitetta lähettäjänä`,
      en: `The account may not send as this sender${c.reply}: grant the mailbox Send As permission or use the account's own address as the sender`,
    }),
  },
  SENDER_REJECTED: {
    permanent: true,
    settingsProblem: true,
    message: (c) => ({
      fi: `Palvelin hylkäsi lähettäjän osoitteen${c.reply}: tarkista, että lähettäjän osoite kuuluu SMTP-tilille`,
      en: `The server refused the sender address${c.reply}: check that the sender address belongs to the SMTP account`,
    }),
  },
  RELAY_DENIED: {
    permanent: true,
    settingsProblem: true,
    message: (c) => ({
      fi: `Palvelin ei välitä postia tältä lähettäjältä${c.reply}: ota autentikointi käyttöön tai pyydä palveluntarjoajaa sallimaan lähetys`,
      en: `The server refuses to relay for this sender${c.reply}: turn authentication on or ask the provider to allow sending`,
    }),
  },
  RECIPIENT_REJECTED: {
    permanent: true,
    settingsProblem: false,
    message: (c) => ({
      fi: `Vastaanottaja ${c.recipient} hylättiin${c.reply}: tarkista osoite`,
      en: `Recipient ${c.recipient} was refused${c.reply}: check the address`,
    }),
  },
  RECIPIENT_DEFERRED: {
    permanent: false,
    settingsProblem: false,
    message: (c) => ({
      fi: `Vastaanottajaa ${c.recipient} ei hyväksytty juuri nyt${c.reply}: lähetystä yritetään myöhemmin uudelleen`,
      en: `Recipient ${c.recipient} was not accepted just now${c.reply}: sending will be retried later`,
    }),
  },
  TOO_MANY_RECIPIENTS: {
    // RFC 5321 §4.5.3.1.10: a server may take only so many recipients in one transaction and answer
    // the rest 452 (or, as older servers do, 552); the rest go in a transaction of their own.
    permanent: false,
    settingsProblem: false,
    message: (c) => ({
      fi: `Palvelin otti vastaan vain osan vastaanottajista kerralla${c.reply}: ${c.recipient || 'loput'} lähetetään erillisenä lähetyksenä`,
      en: `The server took only some of the recipients at once${c.reply}: ${c.recipient || 'the rest'} will be sent in a separate transaction`,
    }),
  },
  MESSAGE_REJECTED: {
    permanent: true,
    settingsProblem: false,
    message: (c) => ({
      fi: `Palvelin hylkäsi viestin${c.reply}: katso palvelimen vastaus ja korjaa viesti`,
      en: `The server refused the message${c.reply}: see the server's reply and correct the message`,
    }),
  },
  MESSAGE_TOO_BIG: {
    permanent: true,
    settingsProblem: false,
    message: (c) => ({
      fi: `Viesti on liian suuri palvelimelle${c.reply}: pienennä tai vähennä liitteitä`,
      en: `The message is too big for the server${c.reply}: make the attachments smaller or fewer`,
    }),
  },
  DAILY_LIMIT_REACHED: {
    permanent: false,
    settingsProblem: false,
    retryAfterMs: HOUR,
    message: (c) => ({
      fi: `Tilin päivittäinen lähetyskiintiö on täynnä${c.reply}: viesti lähetetään, kun kiintiö vapautuu (yleensä vuorokauden kuluessa)`,
      en: `The account's daily sending limit is reached${c.reply}: the message goes out when the quota frees up (usually within a day)`,
    }),
  },
  SENDER_THROTTLED: {
    // Exchange Online stops a mailbox's SMTP AUTH sending for a while after repeated errors of one
    // kind; it lifts by itself once the period passes, after the cause is fixed.
    permanent: false,
    settingsProblem: true,
    retryAfterMs: HOUR,
    message: (c) => {
      const cause = THROTTLE_CAUSES[c.enhanced];
      return {
        fi: `Microsoft 365 on keskeyttänyt postilaatikon lähetykset joksikin aikaa toistuvien virheiden takia${cause ? ` (${cause.fi})` : ''}${c.reply}: korjaa syy; lähetys jatkuu, kun jakso on ohi (yritetään aikaisintaan tunnin päästä). Tukipalvelu ei voi poistaa keskeytystä.`,
        en: `Microsoft 365 has stopped the mailbox's sending for a while after repeated errors${cause ? ` (${cause.en})` : ''}${c.reply}: fix the cause; sending resumes once the period is over (retried in an hour at the earliest). Support cannot lift it.`,
      };
    },
  },
  SENDER_MAILBOX_FULL: {
    // The sending mailbox itself is full, so Exchange cannot keep the copy it submits from: emptying
    // it lets the queued messages go. Retried slowly, or Exchange throttles the mailbox (5.2.251).
    permanent: false,
    settingsProblem: true,
    retryAfterMs: HOUR,
    message: (c) => ({
      fi: `Lähettävä postilaatikko${named(c)} on täynnä${c.reply}: tyhjennä sen Lähetetyt- ja Poistetut-kansiot tai kasvata sen kokoa; lähetystä yritetään aikaisintaan tunnin päästä.`,
      en: `The sending mailbox${named(c)} is full${c.reply}: empty its Sent Items and Deleted Items or raise its quota; sending is retried in an hour at the earliest.`,
    }),
  },
  MAIL_SYSTEM_CONGESTED: {
    // X.4.5 is "mail system congestion" (RFC 3463): the server is overloaded, which passes.
    permanent: false,
    settingsProblem: false,
    message: (c) => ({
      fi: `Palvelimen postijärjestelmä on ruuhkautunut${c.reply}: lähetystä yritetään myöhemmin uudelleen`,
      en: `The server's mail system is congested${c.reply}: sending will be retried later`,
    }),
  },
  TOO_MANY_CONNECTIONS: {
    permanent: false,
    settingsProblem: true,
    message: (c) => ({
      fi: `Palvelin${at(c)} ei ota vastaan enempää yhtäaikaisia yhteyksiä tältä tililtä${c.reply}: pienennä SMTP-asetusten kohtaa "Yhtäaikaisia yhteyksiä enintään" (Microsoft 365 sallii 3 postilaatikkoa kohden) tai tarkista, käyttääkö jokin muu ohjelma samaa postilaatikkoa; lähetystä yritetään uudelleen.`,
      en: `The server${at(c)} takes no more simultaneous connections from this account${c.reply}: lower "Simultaneous connections at most" in the SMTP settings (Microsoft 365 allows 3 per mailbox) or check whether another program uses the same mailbox; sending will be retried.`,
    }),
  },
  EHLO_REJECTED: {
    // Google's relay and other strict servers refuse a greeting without a full host name (421 4.7.0).
    // The admin's to fix; the queued messages go out once the name is right.
    permanent: false,
    settingsProblem: true,
    message: (c) => ({
      fi: `Palvelin${at(c)} ei hyväksynyt nimeä${c.ehloName ? ` "${c.ehloName}"` : ''}, jolla Maestro esittäytyi (EHLO)${c.reply}: anna SMTP-asetusten kohtaan "Asiakkaan palvelinnimi (EHLO)" palvelimen täydellinen nimi (esim. erp.yritys.fi), jonka DNS tuntee, tai pyydä ylläpitoa asettamaan MAESTRO_EHLO_NAME. Lähetystä yritetään uudelleen.`,
      en: `The server${at(c)} did not accept the name${c.ehloName ? ` "${c.ehloName}"` : ''} Maestro greeted it with (EHLO)${c.reply}: give the server's full name known to DNS (e.g. erp.example.com) as "Client host name (EHLO)" in the SMTP settings, or ask the operator to set MAESTRO_EHLO_NAME. Sending will be retried.`,
    }),
  },
  SMTPUTF8_NOT_SUPPORTED: {
    permanent: true,
    settingsProblem: false,
    message: (c) => ({
      fi: `Osoitteessa ${c.recipient} on @-merkkiä ennen muita kuin ASCII-merkkejä, eikä palvelin${at(c)} tue kansainvälisiä osoitteita (SMTPUTF8); viestiä ei lähetetty: pyydä vastaanottajalta osoite ilman erikoismerkkejä tai lähetä palvelimen kautta, joka tukee SMTPUTF8:aa.`,
      en: `The address ${c.recipient} has non-ASCII characters before the @, and the server${at(c)} does not support international addresses (SMTPUTF8); nothing was sent: ask the recipient for an address without special characters, or send through a server that supports SMTPUTF8.`,
    }),
  },
  SERVER_BUSY: {
    permanent: false,
    settingsProblem: false,
    message: (c) => ({
      fi: `Palvelin on tilapäisesti poissa käytöstä${c.reply}: lähetystä yritetään myöhemmin uudelleen`,
      en: `The server is temporarily unavailable${c.reply}: sending will be retried later`,
    }),
  },
  TEMPORARY_FAILURE: {
    permanent: false,
    settingsProblem: false,
    message: (c) => ({
      fi: `Palvelin torjui viestin tilapäisesti${c.reply}: lähetystä yritetään myöhemmin uudelleen`,
      en: `The server deferred the message${c.reply}: sending will be retried later`,
    }),
  },
  PROTOCOL_ERROR: {
    permanent: false,
    settingsProblem: false,
    message: (c) => ({
      fi: `Palvelin vastasi odottamattomasti${c.reply}: lähetystä yritetään uudelleen`,
      en: `The server gave an unexpected reply${c.reply}: sending will be retried`,
    }),
  },
  STARTTLS_UNAVAILABLE: {
    permanent: false,
    settingsProblem: true,
    message: (c) => ({
      fi: `Palvelin${at(c)} ei tarjoa STARTTLS-salausta${c.reply}, eikä viestiä lähetetty salaamattomana: valitse SSL (portti 465) tai tarkista palvelin ja portti`,
      en: `The server${at(c)} does not offer STARTTLS${c.reply}, and nothing was sent unencrypted: choose SSL (port 465) or check the server and port`,
    }),
  },
  STARTTLS_REQUIRED: {
    permanent: true,
    settingsProblem: true,
    message: (c) => ({
      fi: `Palvelin vaatii salatun yhteyden${c.reply}: valitse salaustavaksi TLS`,
      en: `The server requires an encrypted connection${c.reply}: choose TLS encryption`,
    }),
  },
  WRONG_ENCRYPTION: {
    permanent: false,
    settingsProblem: true,
    message: (c) => ({
      fi: `Palvelin${at(c)} ei käytä SSL-salausta tässä portissa: valitse salaustavaksi TLS (portti 587) tai tarkista portti`,
      en: `The server${at(c)} does not speak SSL on this port: choose TLS encryption (port 587) or check the port`,
    }),
  },
  NO_GREETING: {
    permanent: false,
    settingsProblem: true,
    message: (c) => ({
      fi: `Palvelin${at(c)} ei vastannut yhteyden avauksen jälkeen: jos portti on 465, valitse salaustavaksi SSL; muuten yritetään myöhemmin uudelleen`,
      en: `The server${at(c)} did not answer after connecting: if the port is 465, choose SSL encryption; otherwise sending will be retried`,
    }),
  },
  TLS_FAILED: {
    permanent: false,
    settingsProblem: true,
    message: (c) => ({
      fi: `Salatun yhteyden muodostus palvelimeen${at(c)} epäonnistui: tarkista salaustapa ja portti`,
      en: `Could not set up an encrypted connection to${at(c) || ' the server'}: check the encryption and port`,
    }),
  },
  CERT_UNTRUSTED: {
    permanent: false,
    settingsProblem: true,
    message: (c) => ({
      fi: `Palvelimen${at(c)} varmenne ei ole luotettu: jos palvelin käyttää omaa varmennetta, lisää sen CA-varmenne SMTP-asetuksiin`,
      en: `The certificate of the server${at(c)} is not trusted: if the server uses its own certificate, add its CA certificate to the SMTP settings`,
    }),
  },
  CERT_EXPIRED: {
    permanent: false,
    settingsProblem: true,
    message: (c) => ({
      fi: `Palvelimen${at(c)} varmenne on vanhentunut tai ei vielä voimassa: pyydä palvelimen ylläpitoa uusimaan se`,
      en: `The certificate of the server${at(c)} has expired or is not yet valid: ask the server's administrator to renew it`,
    }),
  },
  CERT_HOSTNAME_MISMATCH: {
    permanent: false,
    settingsProblem: true,
    message: (c) => ({
      fi: `Palvelimen varmenne ei ole annetulle nimelle${at(c)}: kirjoita SMTP-palvelimeksi varmenteessa oleva nimi`,
      en: `The server certificate does not match the name${at(c)}: enter the host name that the certificate is for`,
    }),
  },
  CONNECTION_REFUSED: {
    permanent: false,
    settingsProblem: true,
    message: (c) => ({
      fi: `Palvelin${at(c)} ei ota vastaan yhteyksiä: tarkista SMTP-palvelin ja portti; lähetystä yritetään uudelleen`,
      en: `The server${at(c)} refused the connection: check the SMTP server and port; sending will be retried`,
    }),
  },
  CONNECTION_LOST: {
    permanent: false,
    settingsProblem: false,
    message: (c) => ({
      fi: `Yhteys palvelimeen${at(c)} katkesi: lähetystä yritetään uudelleen`,
      en: `The connection to${at(c) || ' the server'} was lost: sending will be retried`,
    }),
  },
  NETWORK_UNREACHABLE: {
    permanent: false,
    settingsProblem: false,
    message: (c) => ({
      fi: `Palvelimeen${at(c)} ei saada verkkoyhteyttä: tarkista verkko ja palomuuri; lähetystä yritetään uudelleen`,
      en: `The server${at(c)} cannot be reached over the network: check the network and firewall; sending will be retried`,
    }),
  },
  UNKNOWN_HOST: {
    permanent: false,
    settingsProblem: true,
    message: (c) => ({
      fi: `Palvelinta${at(c)} ei löydy: tarkista SMTP-palvelimen nimi; lähetystä yritetään uudelleen`,
      en: `The server${at(c)} was not found: check the SMTP server name; sending will be retried`,
    }),
  },
  HOST_NOT_ALLOWED: {
    permanent: true,
    settingsProblem: true,
    message: (c) => ({
      fi: `SMTP-palvelin${at(c)} on sisäverkon osoitteessa (esim. 127.x, 10.x, 192.168.x tai 169.254.x), johon tämä palvelu ei ota yhteyttä: anna SMTP-palvelimeksi julkinen palvelin, tai pyydä ylläpitoa lisäämään palvelin MAESTRO_SMTP_ALLOWED_HOSTS-luetteloon`,
      en: `The SMTP server${at(c)} is at an internal address (such as 127.x, 10.x, 192.168.x or 169.254.x) this service does not connect to: give a public SMTP server, or ask the operators to add the server to MAESTRO_SMTP_ALLOWED_HOSTS`,
    }),
  },
  NOT_SMTP_SERVER: {
    permanent: true,
    settingsProblem: true,
    message: (c) => ({
      fi: `Palvelin${at(c)} ei ole SMTP-palvelin (se ei tervehtinyt SMTP:n tavalla): tarkista SMTP-palvelimen nimi ja portti`,
      en: `The server${at(c)} is not an SMTP server (it did not greet as SMTP does): check the SMTP server name and port`,
    }),
  },
  DNS_FAILED: {
    permanent: false,
    settingsProblem: false,
    message: (c) => ({
      fi: `Palvelimen${at(c)} nimeä ei saatu selvitettyä juuri nyt: lähetystä yritetään uudelleen`,
      en: `The server name${at(c)} could not be looked up just now: sending will be retried`,
    }),
  },
  TIMEOUT: {
    permanent: false,
    settingsProblem: false,
    message: (c) => ({
      fi: `Palvelin${at(c)} ei vastannut ajoissa: tarkista palvelin, portti ja palomuuri; lähetystä yritetään uudelleen`,
      en: `The server${at(c)} did not answer in time: check the server, port and firewall; sending will be retried`,
    }),
  },
  INVALID_ENVELOPE: {
    permanent: true,
    settingsProblem: false,
    message: () => ({
      fi: 'Lähettäjän tai vastaanottajan osoite on virheellinen tai vastaanottajia ei ole: tarkista osoitteet',
      en: 'The sender or a recipient address is invalid, or there are no recipients: check the addresses',
    }),
  },
  UNKNOWN: {
    permanent: false,
    settingsProblem: false,
    message: (c) => ({
      fi: `Lähetys epäonnistui odottamattomasti${c.reply}: lähetystä yritetään uudelleen`,
      en: `Sending failed unexpectedly${c.reply}: sending will be retried`,
    }),
  },
} satisfies Record<SmtpErrorCode, SmtpErrorRule>;
