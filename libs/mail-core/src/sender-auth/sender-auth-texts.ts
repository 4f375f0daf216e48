import type { LocalizedText, SmtpProvider } from '@maestro/settings-schema';
import type { DkimStatus, DmarcPolicy, SenderVerdict, SpfStatus } from './check-sender-domain';

const PROVIDER_NAMES: Readonly<Record<SmtpProvider, string>> = { MICROSOFT: 'Microsoft 365', GOOGLE: 'Google Workspace' };
const SPF_INCLUDES: Readonly<Record<SmtpProvider, string>> = { MICROSOFT: 'include:spf.protection.outlook.com', GOOGLE: 'include:_spf.google.com' };

/** What each finding means for the admin, in plain words: what is wrong and what to publish. */
export const SENDER_AUTH_TEXTS = {
  spf(status: SpfStatus, c: { domain: string; provider: SmtpProvider | null; estimate: boolean; relay: string }): LocalizedText {
    const estimateFi = c.estimate ? ` (arvio: palvelimen ${c.relay} osoitteilla; sen lähtevä osoite voi olla toinen)` : '';
    const estimateEn = c.estimate ? ` (an estimate for the addresses of ${c.relay}; its outgoing address may differ)` : '';
    switch (status) {
      case 'INCLUDES_PROVIDER':
        return { fi: `SPF: ${c.domain} sallii palvelun ${PROVIDER_NAMES[c.provider ?? 'MICROSOFT']} lähettää nimissään.`, en: `SPF: ${c.domain} allows ${PROVIDER_NAMES[c.provider ?? 'MICROSOFT']} to send for it.` };
      case 'MISSING_PROVIDER': {
        const include = SPF_INCLUDES[c.provider ?? 'MICROSOFT'];
        return {
          fi: `SPF: verkkotunnuksen ${c.domain} SPF-tietue ei salli palvelua ${PROVIDER_NAMES[c.provider ?? 'MICROSOFT']}: lisää tietueeseen ${include}.`,
          en: `SPF: the SPF record of ${c.domain} does not allow ${PROVIDER_NAMES[c.provider ?? 'MICROSOFT']}: add ${include} to it.`,
        };
      }
      case 'PASS':
        return { fi: `SPF: ${c.domain} sallii välityspalvelimen${estimateFi}.`, en: `SPF: ${c.domain} allows the relay${estimateEn}.` };
      case 'SOFTFAIL':
      case 'NEUTRAL':
        return {
          fi: `SPF: ${c.domain} ei nimenomaisesti salli välityspalvelinta${estimateFi}: viestit voivat päätyä roskapostiin. Kysy palveluntarjoajalta, mitä SPF-tietueeseen lisätään.`,
          en: `SPF: ${c.domain} does not clearly allow the relay${estimateEn}: messages may land in spam. Ask the provider what to add to the SPF record.`,
        };
      case 'FAIL':
        return {
          fi: `SPF: ${c.domain} kieltää välityspalvelimen${estimateFi}: vastaanottajat voivat hylätä viestit. Lisää palvelin SPF-tietueeseen palveluntarjoajan ohjeen mukaan.`,
          en: `SPF: ${c.domain} forbids the relay${estimateEn}: receivers may refuse the messages. Add the server to the SPF record as the provider instructs.`,
        };
      case 'NO_RECORD':
        return {
          fi: `SPF: verkkotunnuksella ${c.domain} ei ole SPF-tietuetta: julkaise sellainen (TXT "v=spf1 ... -all"), joka sallii lähettävän palvelun${c.provider ? ` (${SPF_INCLUDES[c.provider]})` : ''}.`,
          en: `SPF: ${c.domain} has no SPF record: publish one (TXT "v=spf1 ... -all") that allows the sending service${c.provider ? ` (${SPF_INCLUDES[c.provider]})` : ''}.`,
        };
      case 'ERROR':
        return {
          fi: `SPF: verkkotunnuksen ${c.domain} SPF-tietoja ei saatu selvitettyä (nimipalvelu ei vastannut, tai tietueita on useita): tarkista myöhemmin uudelleen.`,
          en: `SPF: the SPF of ${c.domain} could not be read (DNS did not answer, or there are several records): check again later.`,
        };
    }
  },

  dkim(status: DkimStatus, c: { domain: string; provider: SmtpProvider | null }): LocalizedText {
    switch (status) {
      case 'PUBLISHED':
        return { fi: `DKIM: palvelun avaimet on julkaistu verkkotunnukselle ${c.domain}.`, en: `DKIM: the service's keys are published for ${c.domain}.` };
      case 'PARTLY_PUBLISHED':
      case 'MISSING':
        return c.provider === 'GOOGLE'
          ? {
              fi: `DKIM: google._domainkey.${c.domain} puuttuu: luo avain Google-hallintakonsolissa (Sovellukset › Google Workspace › Gmail › Todenna sähköposti) ja julkaise se TXT-tietueena.`,
              en: `DKIM: google._domainkey.${c.domain} is missing: generate the key in the Google Admin console (Apps › Google Workspace › Gmail › Authenticate email) and publish it as a TXT record.`,
            }
          : {
              fi: `DKIM: ${status === 'MISSING' ? 'CNAME-tietueet selector1 ja selector2' : 'toinen CNAME-tietueista selector1/selector2'}._domainkey.${c.domain} puuttuu: julkaise ne Microsoft Defenderin DKIM-sivun ohjeen mukaan ja ota DKIM käyttöön.`,
              en: `DKIM: ${status === 'MISSING' ? 'the CNAME records selector1 and selector2' : 'one of the CNAME records selector1/selector2'}._domainkey.${c.domain} ${status === 'MISSING' ? 'are' : 'is'} missing: publish them as Microsoft Defender's DKIM page says and turn DKIM on.`,
            };
      case 'NOT_CHECKED':
        return {
          fi: 'DKIM: tämän palvelun avaimen nimeä ei tiedetä, joten sitä ei tarkistettu: kysy palveluntarjoajalta, allekirjoittaako se viestit (DKIM) ja mikä tietue julkaistaan.',
          en: 'DKIM: the name of this service’s key is not known, so it was not checked: ask the provider whether it signs messages (DKIM) and which record to publish.',
        };
      case 'ERROR':
        return { fi: 'DKIM: tietueita ei saatu selvitettyä: tarkista myöhemmin uudelleen.', en: 'DKIM: the records could not be read: check again later.' };
    }
  },

  dmarc(policy: DmarcPolicy, c: { domain: string }): LocalizedText {
    switch (policy) {
      case 'REJECT':
        return { fi: `DMARC: ${c.domain} käskee hylkäämään viestit, jotka eivät läpäise SPF:ää tai DKIM:iä (p=reject).`, en: `DMARC: ${c.domain} tells receivers to refuse messages that pass neither SPF nor DKIM (p=reject).` };
      case 'QUARANTINE':
        return { fi: `DMARC: ${c.domain} käskee siirtämään roskapostiin viestit, jotka eivät läpäise SPF:ää tai DKIM:iä (p=quarantine).`, en: `DMARC: ${c.domain} tells receivers to put messages that pass neither SPF nor DKIM in spam (p=quarantine).` };
      case 'NONE':
        return { fi: `DMARC: ${c.domain} vain seuraa (p=none).`, en: `DMARC: ${c.domain} only monitors (p=none).` };
      case 'NO_RECORD':
        return {
          fi: `DMARC: verkkotunnuksella ${c.domain} ei ole DMARC-tietuetta: Google ja Yahoo edellyttävät sitä joukkolähettäjiltä; julkaise vähintään _dmarc.${c.domain} TXT "v=DMARC1; p=none".`,
          en: `DMARC: ${c.domain} has no DMARC record: Google and Yahoo require one of bulk senders; publish at least _dmarc.${c.domain} TXT "v=DMARC1; p=none".`,
        };
      case 'ERROR':
        return { fi: 'DMARC: tietuetta ei saatu selvitettyä: tarkista myöhemmin uudelleen.', en: 'DMARC: the record could not be read: check again later.' };
    }
  },

  verdict(verdict: SenderVerdict, c: { domain: string; dmarcPolicy: DmarcPolicy; dkimMissing: boolean }): LocalizedText {
    switch (verdict) {
      case 'OK':
        return c.dkimMissing
          ? {
              fi: `Viestit ${c.domain}-osoitteista menevät todennäköisesti perille, mutta ilman DKIM-allekirjoitusta edelleenlähetetyt viestit voivat jäädä roskapostiin.`,
              en: `Messages from ${c.domain} will likely arrive, but without a DKIM signature forwarded ones may end up in spam.`,
            }
          : { fi: `Viestit ${c.domain}-osoitteista menevät todennäköisesti perille.`, en: `Messages from ${c.domain} will likely arrive.` };
      case 'SPAM_LIKELY':
        return {
          fi: `Viestit ${c.domain}-osoitteista päätyvät todennäköisesti roskapostiin: verkkotunnus ei salli tätä lähettävää palvelua (SPF) eikä palvelu allekirjoita sen nimissä (DKIM). Korjaa alla olevat kohdat.`,
          en: `Messages from ${c.domain} will likely land in spam: the domain does not allow this sending service (SPF) and the service does not sign for it (DKIM). Fix the points below.`,
        };
      case 'REJECTED_LIKELY':
        return {
          fi: `Viestit ${c.domain}-osoitteista todennäköisesti hylätään: verkkotunnuksen DMARC käskee hylkäämään ne, koska SPF ja DKIM eivät täsmää tähän palveluun. Korjaa alla olevat kohdat ennen lähettämistä.`,
          en: `Messages from ${c.domain} will likely be refused: the domain's DMARC tells receivers to refuse them, as neither SPF nor DKIM fits this service. Fix the points below before sending.`,
        };
      case 'UNKNOWN':
        return {
          fi: `Verkkotunnuksen ${c.domain} tietoja ei saatu kaikkia selvitettyä, joten perillemenoa ei voi arvioida: tarkista myöhemmin uudelleen.`,
          en: `Not everything about ${c.domain} could be read from DNS, so delivery cannot be judged: check again later.`,
        };
    }
  },
};
