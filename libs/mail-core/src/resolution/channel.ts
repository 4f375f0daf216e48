import { MESSAGE_SOURCE_INFO, channelSetAllows, type Channel, type ChannelSet, type MessageSource } from '@maestro/settings-schema';
import { refusal, type Refusal, type RefusalCode } from '../refusals';

const CHANNEL_OFF = { EMAIL: 'EMAIL_DISABLED', SMS: 'SMS_DISABLED' } as const satisfies Record<Channel, RefusalCode>;

/**
 * Null when the program may send on the channel and the company has it on ("Palvelu käytössä");
 * otherwise the refusal saying what to do. The program's own limits come first: a program that never
 * sends SMS is not fixed by turning SMS on.
 */
export function checkChannel(enabledChannels: ChannelSet, source: MessageSource, channel: Channel): Refusal | null {
  const info = MESSAGE_SOURCE_INFO[source];
  if (!info.channels.includes(channel)) return refusal('SOURCE_CANNOT_USE_CHANNEL', { sourceFi: info.labelFi, sourceEn: info.labelEn, channel });
  if (enabledChannels === 'NONE') return refusal('CHANNELS_DISABLED');
  if (!channelSetAllows(enabledChannels, channel)) return refusal(CHANNEL_OFF[channel]);
  return null;
}
