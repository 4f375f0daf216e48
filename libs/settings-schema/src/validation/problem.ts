/** A message a person reads, in the UI's languages (Finnish first). */
export interface LocalizedText {
  fi: string;
  en: string;
}

/**
 * One thing wrong with an input: where (a dotted field path such as `smtp.port`), what (a stable
 * code consumers branch on) and a message that says what to do.
 */
export interface Problem {
  path: string;
  code: ProblemCode;
  message: LocalizedText;
}

export type Result<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

type MessageFn = (params: Record<string, string | number>) => LocalizedText;

/** zod's names for the expected type, as a person reads them. */
const TYPE_NAMES: Readonly<Record<string, LocalizedText>> = {
  string: { fi: 'tekstiä', en: 'text' },
  number: { fi: 'lukua', en: 'a number' },
  boolean: { fi: 'kyllä/ei-valintaa', en: 'yes or no' },
  array: { fi: 'luetteloa', en: 'a list' },
  object: { fi: 'tietuetta', en: 'a record' },
};

/** Every validation problem, with its message. Consumers branch on the key, never on the text. */
export const PROBLEM_MESSAGES = {
  REQUIRED: () => ({ fi: 'Pakollinen tieto puuttuu.', en: 'This field is required.' }),
  INVALID_TYPE: (p) => {
    const expected = TYPE_NAMES[String(p.expected)] ?? { fi: String(p.expected), en: String(p.expected) };
    return { fi: `Väärä tietotyyppi: odotettiin ${expected.fi}.`, en: `Wrong type: expected ${expected.en}.` };
  },
  TOO_LONG: (p) => ({ fi: `Liian pitkä: enintään ${p.max} merkkiä.`, en: `Too long: at most ${p.max} characters.` }),
  TOO_MANY_BYTES: (p) => ({
    fi: `Teksti on liian pitkä: enintään ${p.max} tavua (noin ${Math.floor(Number(p.max) / 2)}–${p.max} merkkiä). Lyhennä tekstiä tai lähetä se liitteenä.`,
    en: `The text is too long: at most ${p.max} bytes (about ${Math.floor(Number(p.max) / 2)}–${p.max} characters). Shorten it or send it as an attachment.`,
  }),
  NO_RECIPIENTS: () => ({
    fi: 'Anna vähintään yksi vastaanottaja.',
    en: 'Give at least one recipient.',
  }),
  TOO_MANY: (p) => ({ fi: `Liian monta: enintään ${p.max}.`, en: `Too many: at most ${p.max}.` }),
  LINE_BREAK: () => ({
    fi: 'Rivinvaihto ei ole sallittu tässä kentässä: kirjoita tieto yhdelle riville.',
    en: 'Line breaks are not allowed in this field: write it on one line.',
  }),
  CONTROL_CHARACTER: () => ({
    fi: 'Kentässä on ohjausmerkki (esim. sarkain-, rivin- tai kappaleenerotin), jota ei sallita: kirjoita teksti uudelleen ilman sitä.',
    en: 'The field holds a control character (such as a line or paragraph separator) that is not allowed: type the text again without it.',
  }),
  SECRET_REQUIRED_AGAIN: (p) => ({
    fi: `${p.labelFi ?? 'Salasana'}: palvelimen tiedot muuttuivat (${p.changedFi}). Tallennettua salaisuutta käytetään vain niillä tiedoilla, joilla se tallennettiin: kirjoita se uudelleen tai tyhjennä se.`,
    en: `${p.labelEn ?? 'Password'}: the server details changed (${p.changedEn}). A stored secret is used only with the details it was saved with: type it again, or clear it.`,
  }),
  PASSWORD_TOO_SHORT: (p) => ({
    fi: `Salasanan on oltava vähintään ${p.min} merkkiä pitkä: pitkä salasana, esim. useampi sana peräkkäin, on vaikein arvata.`,
    en: `The password must be at least ${p.min} characters long: a long one, such as several words in a row, is the hardest to guess.`,
  }),
  PASSWORD_TOO_COMMON: () => ({
    fi: 'Salasana on yleisten salasanojen luettelossa tai muuten helppo arvata (esim. yleinen sana, vuosiluku, näppäimistön rivi tai käyttäjätunnus): valitse toinen, esim. useampi harvinainen sana peräkkäin.',
    en: 'The password is on a list of common passwords or is otherwise easy to guess (a common word, a year, a keyboard row or the username): choose another, such as several uncommon words in a row.',
  }),
  ADMIN_ONLY: (p) => ({
    fi: `${p.labelFi ?? 'Tämän tiedon'}: tämän asettaa pääkäyttäjä, jotta kukaan ei lähetä toisen nimissä. Pyydä pääkäyttäjää muuttamaan se; itse voit muuttaa allekirjoituksen, vakiovastaanottajan ja oman postilaatikkosi salasanan.`,
    en: `${p.labelEn ?? 'This field'}: an administrator sets this, so that nobody sends in another's name. Ask an administrator to change it; you can change your signature, default recipient and your own mailbox's password.`,
  }),
  HOST_NOT_ALLOWED: (p) => ({
    fi: `SMTP-palvelin "${p.value}" on sisäverkon osoitteessa (esim. 127.x, 10.x, 192.168.x tai 169.254.x), jota tämä palvelu ei käytä: anna julkinen SMTP-palvelin, tai pyydä ylläpitoa lisäämään se MAESTRO_SMTP_ALLOWED_HOSTS-luetteloon.`,
    en: `SMTP server "${p.value}" is at an internal address (such as 127.x, 10.x, 192.168.x or 169.254.x) this service does not use: give a public SMTP server, or ask the operators to add it to MAESTRO_SMTP_ALLOWED_HOSTS.`,
  }),
  INVALID_CHOICE: (p) => ({ fi: `Tuntematon valinta. Sallitut: ${p.allowed}.`, en: `Unknown choice. Allowed: ${p.allowed}.` }),
  PORT_RANGE: () => ({ fi: 'Portin on oltava kokonaisluku 1–65535.', en: 'The port must be a whole number 1–65535.' }),
  INVALID_HOST: (p) => ({
    fi: `SMTP-palvelin "${p.value}" ei ole kelvollinen palvelimen nimi: esim. smtp.yritys.fi.`,
    en: `SMTP server "${p.value}" is not a valid host name: e.g. smtp.example.com.`,
  }),
  INVALID_IMAP_HOST: (p) => ({
    fi: `IMAP-palvelin "${p.value}" ei ole kelvollinen palvelimen nimi: esim. imap.yritys.fi.`,
    en: `IMAP server "${p.value}" is not a valid host name: e.g. imap.example.com.`,
  }),
  IMAP_NEEDS_SIGN_IN: () => ({
    fi: 'IMAP-palvelimelle kirjaudutaan SMTP-tilin tunnuksilla: ota SMTP-tilin Autentikointi käyttöön tai jätä IMAP-palvelin tyhjäksi.',
    en: "The IMAP server is signed in to with the SMTP account's sign-in: turn the SMTP account's authentication on, or leave the IMAP server empty.",
  }),
  IMAP_NOT_FOR_SMS: () => ({
    fi: 'Tekstiviestitilillä ei ole Lähetetyt-kansiota eikä palautusten lukemista: jätä IMAP-palvelin tyhjäksi.',
    en: 'The SMS account has no Sent folder copy and no bounce reading: leave the IMAP server empty.',
  }),
  RECIPIENT_SUPPRESSED: (p) => ({
    fi: `Osoitteeseen ${p.address} ei lähetetä: aiempi viesti siihen palautui pysyvästi${p.reply ? ` (${p.reply})` : ''}. Tarkista osoite asiakkaalta; pääkäyttäjä voi poistaa sen palautuneiden osoitteiden estolistalta (Viestiasetukset › Palautuneet osoitteet).`,
    en: `Not sending to ${p.address}: an earlier message to it bounced permanently${p.reply ? ` (${p.reply})` : ''}. Check the address with the customer; an admin can clear it from the list of bounced addresses (Message settings › Bounced addresses).`,
  }),
  INVALID_DOMAIN: (p) => ({
    fi: `"${p.value}" ei ole kelvollinen verkkotunnus: esim. sms.palvelu.fi.`,
    en: `"${p.value}" is not a valid domain: e.g. sms.gateway.example.`,
  }),
  INVALID_ADDRESS: (p) => ({
    fi: `"${p.piece}" ei ole kelvollinen sähköpostiosoite: tarkista muoto nimi@yritys.fi.`,
    en: `"${p.piece}" is not a valid e-mail address: check the form name@example.com.`,
  }),
  ADDRESS_ONLY: () => ({
    fi: 'Anna tähän pelkkä sähköpostiosoite muodossa nimi@yritys.fi: ilman nimeä, <>-merkkejä tai erottimia.',
    en: 'Give just the e-mail address here, like name@example.com: no name, no <> and no separators.',
  }),
  SINGLE_ADDRESS: () => ({
    fi: 'Tähän kenttään kuuluu yksi sähköpostiosoite.',
    en: 'This field takes one e-mail address.',
  }),
  INVALID_PHONE: (p) => ({
    fi: `"${p.piece}" ei ole kelvollinen puhelinnumero: anna esim. 040 123 4567 tai +358 40 123 4567.`,
    en: `"${p.piece}" is not a valid phone number: give e.g. 040 123 4567 or +358 40 123 4567.`,
  }),
  NOT_MOBILE: (p) => ({
    fi: `${p.piece} ei ole matkapuhelinnumero: tekstiviesti menee vain matkapuhelimeen.`,
    en: `${p.piece} is not a mobile number: a text message reaches mobile phones only.`,
  }),
  INVALID_GATEWAY: () => ({
    fi: 'Sms-palvelun email on annettava muodossa @palvelu.fi tai numero@palvelu.fi.',
    en: 'The SMS gateway e-mail must look like @gateway.example or number@gateway.example.',
  }),
  SMS_GATEWAY_NEEDS_MAILBOX: (p) => ({
    fi: `Puhelinnumero on asetettu ${p.placement === 'SUBJECT' ? 'otsikkoon' : 'sisältöön'}, mutta Sms-palvelun email "${p.gateway}" on pelkkä @palvelu: anna koko osoite (esim. sms@palvelu.fi) tai valitse Puhelinnumeron paikaksi Osoitteessa.`,
    en: `The phone number goes in the ${p.placement === 'SUBJECT' ? 'subject' : 'body'}, but the SMS gateway e-mail "${p.gateway}" is only @domain: give the full address (e.g. sms@gateway.example) or place the number in the address.`,
  }),
  SMS_GATEWAY_HAS_MAILBOX: (p) => ({
    fi: `Puhelinnumeron paikka on Osoitteessa, mutta Sms-palvelun email "${p.gateway}" sisältää jo käyttäjäosan: anna se muodossa @palvelu.fi tai valitse numerolle paikaksi otsikko tai sisältö.`,
    en: `The phone number goes in the address, but the SMS gateway e-mail "${p.gateway}" already has a mailbox part: give it as @gateway.example or place the number in the subject or body.`,
  }),
  SMS_GATEWAY_PASSWORD_MISSING: () => ({
    fi: 'Sms-palvelun salasana puuttuu: anna se tekstiviestiasetuksissa tai valitse, ettei palvelu käytä salasanaa.',
    en: 'The SMS gateway password is missing: set it in the SMS settings, or choose that the gateway uses no password.',
  }),
  SMS_TEMPLATE_UNKNOWN_PLACEHOLDER: (p) => ({
    fi: `Pohjassa on tuntematon paikkamerkki {${p.name}}: käytä vain näitä: ${p.allowed}.`,
    en: `The template has an unknown placeholder {${p.name}}: use only these: ${p.allowed}.`,
  }),
  SMS_TEMPLATE_NO_NUMBER: () => ({
    fi: 'Mikään pohja ei sisällä puhelinnumeroa: lisää osoite-, otsikko- tai ensimmäisen rivin pohjaan {number}, {number_plus} tai {number_national}.',
    en: 'No template carries the phone number: put {number}, {number_plus} or {number_national} in the address, subject or first line template.',
  }),
  SMS_TEMPLATE_FILL_IN: (p) => ({
    fi: `Osoitepohjassa on vielä täytettävä kohta ${p.marker}: korvaa se palveluntarjoajan antamalla tiedolla (esim. palvelutunnuksella).`,
    en: `The address template still has ${p.marker} to fill in: replace it with what the provider gave you (e.g. the service id).`,
  }),
  SMS_TEMPLATE_INVALID_ADDRESS: (p) => ({
    fi: `Näillä asetuksilla tekstiviesti numeroon +358401234567 lähtisi osoitteeseen "${p.example}", joka ei ole kelvollinen sähköpostiosoite: korjaa osoite palveluntarjoajan ohjeen mukaan.`,
    en: `With these settings a text to +358401234567 would go to "${p.example}", which is not a valid e-mail address: correct the address as the provider instructs.`,
  }),
  SEND_LATER_RETIRED: () => ({
    fi: '"Lähetä myöhemmin" ei ole enää käytössä: valitse Lähetä heti, Avaa muokattavaksi tai Kysy lähetystapa.',
    en: '"Send later" is no longer available: choose SEND_NOW, OPEN_FOR_EDIT or ASK.',
  }),
  EMAIL_REQUIRED_FOR_CHANNEL: () => ({
    fi: 'Sähköpostilähetys on käytössä: anna Yrityksen email.',
    en: 'E-mail sending is on: give the company e-mail.',
  }),
  HOST_REQUIRED_FOR_CHANNEL: () => ({
    fi: 'SMTP-lähetys on käytössä: anna SMTP-palvelin.',
    en: 'SMTP sending is on: give the SMTP server.',
  }),
  SMS_SENDER_REQUIRED: () => ({
    fi: 'Tekstiviestilähetys on käytössä: anna Sms lähettäjän email.',
    en: 'SMS sending is on: give the SMS sender e-mail.',
  }),
  SMS_GATEWAY_REQUIRED: () => ({
    fi: 'Tekstiviestilähetys on käytössä: anna Sms-palvelun email.',
    en: 'SMS sending is on: give the SMS gateway e-mail.',
  }),
  AUTH_REQUIRED_HOSTED: () => ({
    fi: 'Konesalissa olevien asiakkaiden on käytettävä autentikointia: ota Autentikointi käyttöön ja anna tunnukset.',
    en: 'Hosted (data-centre) customers must authenticate: turn Authentication on and give the credentials.',
  }),
  OAUTH_FIELD_REQUIRED: (p) => ({
    fi: `OAuth2-kirjautuminen tarvitsee tiedon: ${p.labelFi ?? p.label}.`,
    en: `OAuth2 sign-in needs: ${p.labelEn ?? p.label}.`,
  }),
  SERVICE_ACCOUNT_KEY_INVALID: () => ({
    fi: 'Palvelutilin avain ei ole Googlen JSON-avaintiedosto: liitä palvelutilin avaintiedoston koko sisältö (siinä on kentät client_email ja private_key).',
    en: "The service account key is not a Google JSON key file: paste the whole content of the service account's key file (it has the fields client_email and private_key).",
  }),
  INVALID_NUMBER: (p) => ({
    fi: `Anna kokonaisluku väliltä ${p.min}–${p.max}.`,
    en: `Give a whole number from ${p.min} to ${p.max}.`,
  }),
  INVALID_EHLO_NAME: (p) => ({
    fi: `"${p.value}" ei käy palvelinnimeksi: anna täydellinen nimi, jossa on piste, esim. erp.yritys.fi, tai jätä kenttä tyhjäksi.`,
    en: `"${p.value}" cannot be the host name: give a full name with a dot, e.g. erp.example.com, or leave the field empty.`,
  }),
  INVALID_DATE: (p) => ({
    fi: `"${p.value}" ei ole päivämäärä: anna muodossa vvvv-kk-pp, esim. 2028-01-31.`,
    en: `"${p.value}" is not a date: give it as yyyy-mm-dd, e.g. 2028-01-31.`,
  }),
  MAX_CONNECTIONS_PROVIDER: (p) => ({
    fi: `Palvelin ${p.host} sallii enintään ${p.max} yhtäaikaista yhteyttä postilaatikkoa kohden; enemmät se torjuu (432 4.3.2): anna enintään ${p.max}.`,
    en: `The server ${p.host} allows at most ${p.max} simultaneous connections per mailbox and refuses more (432 4.3.2): give ${p.max} or fewer.`,
  }),
  INVALID_VALUE: () => ({ fi: 'Virheellinen arvo.', en: 'Invalid value.' }),
} satisfies Record<string, MessageFn>;

export type ProblemCode = keyof typeof PROBLEM_MESSAGES;

export function problem(path: string, code: ProblemCode, params: Record<string, string | number> = {}): Problem {
  return { path, code, message: PROBLEM_MESSAGES[code](params) };
}
