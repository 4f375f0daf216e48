import { randomUUID } from 'node:crypto';
import { normalizeHostname } from '@maestro/settings-schema';

/** Used when the sender's domain is not a host name (it should be; settings validation sees to it). */
const FALLBACK_DOMAIN = 'maestro-messaging.invalid';

/**
 * A Message-ID `<uuid@domain>`, chosen once when a message is stored so a retry re-sends the same id
 * (receivers and their spam filters de-duplicate on it). The domain is the sender's, in ASCII
 * (punycode for IDN), because some receivers score ids from foreign or missing domains as spam.
 */
export function generateMessageId(senderDomain: string): string {
  const domain = normalizeHostname(senderDomain) ?? FALLBACK_DOMAIN;
  return `<${randomUUID()}@${domain}>`;
}
