import { z } from 'zod';
import { LANGUAGES } from '../enums';
import { field } from '../fields/field-meta';
import { boundedText, singleLine } from '../fields/common-fields';
import { MESSAGE_SOURCES } from './message-source';

/**
 * Vakiotekstit: subject and body templates per source and language. Placeholders such as
 * `{{documentNumber}}` are filled from the caller's variables when a draft is composed.
 */
export const standardTextSchema = z.object({
  source: z.enum(MESSAGE_SOURCES),
  language: field(z.enum(LANGUAGES), { labelFi: 'Kieli', labelEn: 'Language' }),
  name: field(singleLine(100).min(1), { labelFi: 'Nimi', labelEn: 'Name' }),
  subject: field(singleLine(998), { labelFi: 'Otsikko', labelEn: 'Subject' }),
  body: field(boundedText(), { labelFi: 'Sisältö', labelEn: 'Body' }),
});

export type StandardText = z.infer<typeof standardTextSchema>;
