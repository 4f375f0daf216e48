import { OUTPUT_KINDS, SEND_MODES, defaultSendPolicy, type MessageSource, type ModuleSendPolicy } from '@maestro/settings-schema';

export type ResolvedSendPolicy = Pick<ModuleSendPolicy, 'sendMode' | 'defaultOutput'>;

/** A policy as it is stored: its values are text until they are read here. */
export interface StoredSendPolicy {
  source: MessageSource;
  sendMode: string;
  defaultOutput: string;
}

const isOneOf = <T extends string>(values: readonly T[], value: string): value is T => (values as readonly string[]).includes(value);

/**
 * How the program's message opens (send now, open for edit, ask) and the output it suggests (paper or
 * e-mail): the program's stored policy, else the program's defaults. The one place a send mode falls
 * back: no policy stored, a policy stored for another program, or a stored value that is no send mode
 * (the retired "send later" was migrated to ASK; anything else is the program's default).
 */
export function resolveSendPolicy(source: MessageSource, policy: StoredSendPolicy | null): ResolvedSendPolicy {
  const fallback = defaultSendPolicy(source);
  if (policy === null || policy.source !== source) return { sendMode: fallback.sendMode, defaultOutput: fallback.defaultOutput };
  return {
    sendMode: isOneOf(SEND_MODES, policy.sendMode) ? policy.sendMode : fallback.sendMode,
    defaultOutput: isOneOf(OUTPUT_KINDS, policy.defaultOutput) ? policy.defaultOutput : fallback.defaultOutput,
  };
}
