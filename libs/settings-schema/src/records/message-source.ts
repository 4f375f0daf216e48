import type { Channel, OutputKind } from '../enums';

/** The programs in Maestro that send messages (the seed's list), with what each may do. */
export const MESSAGE_SOURCES = [
  'SERVICE_WORK_LIST',
  'SERVICE_CALL_COMPLETED',
  'SERVICE_PRINTOUT',
  'DEVICE_CARD',
  'BROWSE_EXPORT',
  'SALES_ORDER',
  'PURCHASE_ORDER',
  'QUOTE',
  'CUSTOMER_CARD',
  'SHIPPING_LABEL',
  'CUSTOM',
] as const;
export type MessageSource = (typeof MESSAGE_SOURCES)[number];

export interface MessageSourceInfo {
  labelFi: string;
  labelEn: string;
  /** Channels the program can send on. */
  channels: readonly Channel[];
  /** The seed: the attachment field is shown only when the calling program allows attachments. */
  attachmentsAllowed: boolean;
  /** The output suggested before any policy is saved (the seed: sales/purchases/quotes suggest one). */
  defaultOutput: OutputKind;
}

export const MESSAGE_SOURCE_INFO: Readonly<Record<MessageSource, MessageSourceInfo>> = {
  SERVICE_WORK_LIST: {
    labelFi: 'Huoltoseuranta – Plokkaukset listalta (Työ sähköpostiin)',
    labelEn: 'Service tracking – work list (work to e-mail)',
    channels: ['EMAIL'],
    attachmentsAllowed: true,
    defaultOutput: 'EMAIL',
  },
  SERVICE_CALL_COMPLETED: {
    labelFi: 'Huoltoseuranta – Kutsun kirjaus (työ päättynyt)',
    labelEn: 'Service tracking – service call completed',
    channels: ['EMAIL'],
    attachmentsAllowed: false,
    defaultOutput: 'EMAIL',
  },
  SERVICE_PRINTOUT: {
    labelFi: 'Huoltoseuranta – Tulosteet (tekniikan tai asiakkaan sähköpostiin)',
    labelEn: 'Service tracking – printouts (to the technician or customer)',
    channels: ['EMAIL'],
    attachmentsAllowed: true,
    defaultOutput: 'EMAIL',
  },
  DEVICE_CARD: {
    labelFi: 'Huoltoseuranta – Laitekortti',
    labelEn: 'Service tracking – device card',
    channels: ['EMAIL', 'SMS'],
    attachmentsAllowed: true,
    defaultOutput: 'EMAIL',
  },
  BROWSE_EXPORT: {
    labelFi: 'Selaukset – Lähetys sähköpostiin',
    labelEn: 'Browse – send to e-mail',
    channels: ['EMAIL'],
    attachmentsAllowed: true,
    defaultOutput: 'EMAIL',
  },
  SALES_ORDER: {
    labelFi: 'Myyntitilaukset',
    labelEn: 'Sales orders',
    channels: ['EMAIL'],
    attachmentsAllowed: true,
    defaultOutput: 'PAPER',
  },
  PURCHASE_ORDER: {
    labelFi: 'Ostotilaukset',
    labelEn: 'Purchase orders',
    channels: ['EMAIL'],
    attachmentsAllowed: true,
    defaultOutput: 'PAPER',
  },
  QUOTE: {
    labelFi: 'Tarjoukset',
    labelEn: 'Quotes',
    channels: ['EMAIL'],
    attachmentsAllowed: true,
    defaultOutput: 'PAPER',
  },
  CUSTOMER_CARD: {
    labelFi: 'Asiakaskortti',
    labelEn: 'Customer card',
    channels: ['EMAIL', 'SMS'],
    attachmentsAllowed: true,
    defaultOutput: 'EMAIL',
  },
  SHIPPING_LABEL: {
    labelFi: 'Tarratulostukset – Itella/Matkahuolto lähetystunnus',
    labelEn: 'Shipping labels – Itella/Matkahuolto tracking code',
    channels: ['EMAIL'],
    attachmentsAllowed: false,
    defaultOutput: 'EMAIL',
  },
  CUSTOM: {
    labelFi: 'Asiakaskohtaiset räätälöinnit',
    labelEn: 'Customer-specific customisations',
    channels: ['EMAIL', 'SMS'],
    attachmentsAllowed: true,
    defaultOutput: 'EMAIL',
  },
};
