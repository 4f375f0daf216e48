import type { LocalizedText } from '@maestro/settings-schema';

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Every sentence the attachment routes say to a person, in Finnish and English. */
export const ATTACHMENT_TEXTS = {
  unauthenticated: () => ({ fi: 'Kirjaudu sisään: pyynnöstä puuttuu voimassa oleva tunniste.', en: 'Log in: the request has no valid token.' }),
  notMultipart: () => ({ fi: 'Lähetä tiedostot multipart/form-data-muodossa file-kentissä.', en: 'Send the files as multipart/form-data in `file` parts.' }),
  malformed: () => ({ fi: 'Lähetyksen muoto on virheellinen (multipart).', en: 'The multipart body is malformed.' }),
  unreadablePart: () => ({
    fi: 'Lähetyksessä on osa, jonka otsaketta (Content-Disposition) ei voi lukea, esimerkiksi tiedosto, jonka nimi päättyy kenoviivaan (\\). Mitään ei tallennettu: nimeä tiedosto uudelleen ja lataa tiedostot sitten.',
    en: 'A part of the upload has a Content-Disposition header that cannot be read, for example a file whose name ends in a backslash (\\). Nothing was stored: rename the file, then upload the files again.',
  }),
  unknownPart: (field: string) => ({ fi: `Tuntematon kenttä "${field}": käytä kenttää file.`, en: `Unknown part "${field}": use the field name file.` }),
  emptyFile: (filename: string) => ({ fi: `Tiedosto ${filename} on tyhjä: valitse toinen tiedosto.`, en: `The file ${filename} is empty: choose another file.` }),
  controlInFilename: () => ({
    fi: 'Tiedoston nimessä on ohjausmerkki (esim. rivinvaihto), jota ei sallita: nimeä tiedosto uudelleen ja lataa se sitten.',
    en: 'The file name holds a control character (such as a line break), which is not allowed: rename the file, then upload it.',
  }),
  messageTooLarge: (limit: number) => ({
    fi: `Liitteet ovat yhteensä yli ${mb(limit)} Mt: jaa ne useampaan viestiin.`,
    en: `The attachments add up to more than ${mb(limit)} MB: split them over several messages.`,
  }),
  fileTooLarge: (filename: string, limit: number) => ({
    fi: `Tiedosto ${filename} on yli ${mb(limit)} Mt: pienennä tai pakkaa se.`,
    en: `The file ${filename} is larger than ${mb(limit)} MB: make it smaller or compress it.`,
  }),
  quotaFiles: (who: 'user' | 'company', limit: number) => ({
    fi: `${who === 'user' ? 'Olet ladannut' : 'Yrityksesi on ladannut'} viimeisen tunnin aikana enintään sallitut ${limit} tiedostoa: yritä myöhemmin uudelleen.`,
    en: `${who === 'user' ? 'You have' : 'Your company has'} uploaded the ${limit} files allowed in an hour: try again later.`,
  }),
  quotaBytes: (who: 'user' | 'company', limit: number) => ({
    fi: `${who === 'user' ? 'Olet ladannut' : 'Yrityksesi on ladannut'} viimeisen tunnin aikana enintään sallitut ${mb(limit)} Mt: yritä myöhemmin uudelleen.`,
    en: `${who === 'user' ? 'You have' : 'Your company has'} uploaded the ${mb(limit)} MB allowed in an hour: try again later.`,
  }),
  saveFailed: () => ({ fi: 'Tiedoston tallennus epäonnistui: yritä uudelleen.', en: 'Saving the file failed: try again.' }),
  tooManyFiles: () => ({ fi: 'Enintään 20 tiedostoa kerralla.', en: 'At most 20 files at a time.' }),
  fileFieldsOnly: () => ({ fi: 'Lähetä vain file-kenttiä.', en: 'Send file parts only.' }),
  noFiles: () => ({ fi: 'Pyynnössä ei ollut yhtään tiedostoa (kenttä file).', en: 'The request had no files (field file).' }),
  attachmentNotFound: () => ({ fi: 'Liitettä ei löytynyt.', en: 'The attachment was not found.' }),
} satisfies Record<string, (...args: never[]) => LocalizedText>;
