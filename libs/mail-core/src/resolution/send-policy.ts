import { defaultSendPolicy, type MessageSource, type ModuleSendPolicy } from '@maestro/settings-schema';

export type ResolvedSendPolicy = Pick<ModuleSendPolicy, 'sendMode' | 'defaultOutput'>;

/**
 * How the program's message opens (send now, open for edit, ask) and the output it suggests (paper or
 * e-mail), from the program's stored policy; the program's defaults when none is stored. A policy
 * stored for another program is not this program's and is ignored.
 */
export function resolveSendPolicy(source: MessageSource, policy: ModuleSendPolicy | null): ResolvedSendPolicy {
  const effective = policy !== null && policy.source === source ? policy : defaultSendPolicy(source);
  return { sendMode: effective.sendMode, defaultOutput: effective.defaultOutput };
}
