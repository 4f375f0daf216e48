import type { Language, MessageSource } from '@maestro/settings-schema';

interface DemoText {
  source: MessageSource;
  language: Language;
  name: string;
  subject: string;
  body: string;
}

/** Vakiotekstit for the demo company: the common programs in Finnish, Swedish and English. */
export const DEMO_STANDARD_TEXTS: DemoText[] = [
  { source: 'SALES_ORDER', language: 'FI', name: 'Tilausvahvistus', subject: 'Tilausvahvistus {{documentNumber}}', body: 'Hei,\n\nKiitos tilauksestanne. Liitteenä tilausvahvistus {{documentNumber}}.\n\nYstävällisin terveisin,' },
  { source: 'SALES_ORDER', language: 'SV', name: 'Orderbekräftelse', subject: 'Orderbekräftelse {{documentNumber}}', body: 'Hej,\n\nTack för er beställning. Bifogat finns orderbekräftelse {{documentNumber}}.\n\nMed vänliga hälsningar,' },
  { source: 'SALES_ORDER', language: 'EN', name: 'Order confirmation', subject: 'Order confirmation {{documentNumber}}', body: 'Hello,\n\nThank you for your order. Please find order confirmation {{documentNumber}} attached.\n\nKind regards,' },
  { source: 'QUOTE', language: 'FI', name: 'Tarjous', subject: 'Tarjous {{documentNumber}}', body: 'Hei {{customerName}},\n\nLiitteenä pyytämänne tarjous {{documentNumber}}. Tarjous on voimassa {{dueDate}} asti.\n\nYstävällisin terveisin,' },
  { source: 'QUOTE', language: 'SV', name: 'Offert', subject: 'Offert {{documentNumber}}', body: 'Hej {{customerName}},\n\nBifogat finns offert {{documentNumber}}. Offerten gäller till {{dueDate}}.\n\nMed vänliga hälsningar,' },
  { source: 'QUOTE', language: 'EN', name: 'Quote', subject: 'Quote {{documentNumber}}', body: 'Hello {{customerName}},\n\nPlease find quote {{documentNumber}} attached. It is valid until {{dueDate}}.\n\nKind regards,' },
  { source: 'PURCHASE_ORDER', language: 'FI', name: 'Ostotilaus', subject: 'Ostotilaus {{documentNumber}}', body: 'Hei,\n\nLiitteenä ostotilauksemme {{documentNumber}}. Pyydämme tilausvahvistuksen.\n\nYstävällisin terveisin,' },
  { source: 'PURCHASE_ORDER', language: 'SV', name: 'Inköpsorder', subject: 'Inköpsorder {{documentNumber}}', body: 'Hej,\n\nBifogat finns vår inköpsorder {{documentNumber}}. Vi ber om en orderbekräftelse.\n\nMed vänliga hälsningar,' },
  { source: 'PURCHASE_ORDER', language: 'EN', name: 'Purchase order', subject: 'Purchase order {{documentNumber}}', body: 'Hello,\n\nPlease find our purchase order {{documentNumber}} attached. Kindly confirm the order.\n\nKind regards,' },
  { source: 'SHIPPING_LABEL', language: 'FI', name: 'Lähetystunnus', subject: 'Lähetyksenne {{documentNumber}} on matkalla', body: 'Hei,\n\nLähetyksenne on matkalla. Lähetystunnus: {{trackingCode}}\nSeuranta: {{trackingUrl}}\n\nYstävällisin terveisin,' },
  { source: 'SHIPPING_LABEL', language: 'SV', name: 'Försändelsekod', subject: 'Er försändelse {{documentNumber}} är på väg', body: 'Hej,\n\nEr försändelse är på väg. Försändelsekod: {{trackingCode}}\nSpårning: {{trackingUrl}}\n\nMed vänliga hälsningar,' },
  { source: 'SHIPPING_LABEL', language: 'EN', name: 'Tracking code', subject: 'Your shipment {{documentNumber}} is on its way', body: 'Hello,\n\nYour shipment is on its way. Tracking code: {{trackingCode}}\nTrack it: {{trackingUrl}}\n\nKind regards,' },
  { source: 'SERVICE_CALL_COMPLETED', language: 'FI', name: 'Työ valmis', subject: 'Huoltotyö {{documentNumber}} on valmis', body: 'Hei {{customerName}},\n\nHuoltotyö {{documentNumber}} on valmistunut.\n\nYstävällisin terveisin,' },
  { source: 'SERVICE_CALL_COMPLETED', language: 'SV', name: 'Arbetet klart', subject: 'Servicearbete {{documentNumber}} är klart', body: 'Hej {{customerName}},\n\nServicearbete {{documentNumber}} är klart.\n\nMed vänliga hälsningar,' },
  { source: 'SERVICE_CALL_COMPLETED', language: 'EN', name: 'Work completed', subject: 'Service work {{documentNumber}} is completed', body: 'Hello {{customerName}},\n\nService work {{documentNumber}} has been completed.\n\nKind regards,' },
];
