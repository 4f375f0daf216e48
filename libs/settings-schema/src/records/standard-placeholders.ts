import type { LocalizedText } from '../validation/problem';

/**
 * The placeholders the ERP programs fill (issue: document number, customer name, the Itella/Matkahuolto
 * tracking code and link, due date). A standard text may use others; these are the ones the editor offers.
 */
export const STANDARD_PLACEHOLDERS = {
  documentNumber: { fi: 'Asiakirjan numero', en: 'Document number' },
  customerName: { fi: 'Asiakkaan nimi', en: 'Customer name' },
  trackingCode: { fi: 'Lähetystunnus', en: 'Tracking code' },
  trackingUrl: { fi: 'Seurantalinkki', en: 'Tracking link' },
  dueDate: { fi: 'Eräpäivä', en: 'Due date' },
} as const satisfies Record<string, LocalizedText>;

export type StandardPlaceholder = keyof typeof STANDARD_PLACEHOLDERS;
