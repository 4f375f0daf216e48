import { z } from 'zod';
import { OUTPUT_KINDS, SEND_MODES } from '../enums';
import { field } from '../fields/field-meta';
import { MESSAGE_SOURCES, MESSAGE_SOURCE_INFO, type MessageSource } from './message-source';

/**
 * Myynnin/ostojen/tarjousten yleistiedot (and the other programs): the suggested output and how a
 * message opens. The retired "send later" fails the enum; validation names it SEND_LATER_RETIRED.
 */
export const moduleSendPolicySchema = z.object({
  source: z.enum(MESSAGE_SOURCES),
  defaultOutput: field(z.enum(OUTPUT_KINDS), { labelFi: 'Tulostustapa', labelEn: 'Default output' }),
  sendMode: field(z.enum(SEND_MODES), { labelFi: 'Lähetystapa', labelEn: 'Send mode' }),
});

export type ModuleSendPolicy = z.infer<typeof moduleSendPolicySchema>;

export function defaultSendPolicy(source: MessageSource): ModuleSendPolicy {
  return { source, defaultOutput: MESSAGE_SOURCE_INFO[source].defaultOutput, sendMode: 'OPEN_FOR_EDIT' };
}
