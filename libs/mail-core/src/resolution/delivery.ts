import type { Channel, CompanyMessageSettings } from '@maestro/settings-schema';

/** SMTP: Maestro sends. HAND_OFF: the user's own mail program sends (an .eml draft or a mailto: link). */
export type Delivery = 'SMTP' | 'HAND_OFF';

/**
 * "SMTP sähköpostilähetys: Ei" hands e-mail to the user's own mail program. Text messages always travel
 * by SMTP to the gateway (the seed), whatever that choice says.
 */
export function resolveDelivery(company: Pick<CompanyMessageSettings, 'smtpSendingEnabled'>, channel: Channel): Delivery {
  if (channel === 'SMS') return 'SMTP';
  return company.smtpSendingEnabled ? 'SMTP' : 'HAND_OFF';
}
