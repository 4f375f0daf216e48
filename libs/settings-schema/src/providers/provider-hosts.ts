import { normalizeHostname } from '../addresses/hostname';
import type { LocalizedText } from '../validation/problem';

/** The providers whose rules the settings know: who answers on a host decides limits and advice. */
export type SmtpProvider = 'MICROSOFT' | 'GOOGLE';

/**
 * Microsoft's SMTP hosts: Exchange Online's client submission (smtp.office365.com), the legacy
 * endpoint Microsoft offers while Basic authentication is phased out (smtp-legacy.office365.com),
 * Outlook.com's (smtp-mail.outlook.com), and the tenant's own MX host used for direct send and
 * connector relays (`<domain>.mail.protection.outlook.com`).
 */
export const MICROSOFT_SMTP_HOSTS = ['smtp.office365.com', 'smtp-legacy.office365.com', 'smtp-mail.outlook.com'] as const;
const MICROSOFT_HOST_SUFFIXES = ['.mail.protection.outlook.com'] as const;

/** Google's: Gmail's client submission and the Workspace SMTP relay service. */
export const GOOGLE_SMTP_HOSTS = ['smtp.gmail.com', 'smtp-relay.gmail.com'] as const;

/** The provider that runs a host, or null for anybody else's server. */
export function smtpProviderOf(host: string): SmtpProvider | null {
  const ascii = normalizeHostname(host);
  if (ascii === null) return null;
  if ((MICROSOFT_SMTP_HOSTS as readonly string[]).includes(ascii) || MICROSOFT_HOST_SUFFIXES.some((suffix) => ascii.endsWith(suffix))) return 'MICROSOFT';
  if ((GOOGLE_SMTP_HOSTS as readonly string[]).includes(ascii)) return 'GOOGLE';
  return null;
}

export const isMicrosoftHost = (host: string): boolean => smtpProviderOf(host) === 'MICROSOFT';

/** The Workspace relay: it signs in by IP address (or SMTP AUTH) and may send as any address of the domain. */
export const isGoogleRelayHost = (host: string): boolean => normalizeHostname(host) === 'smtp-relay.gmail.com';

/** Simultaneous connections per account by default, and the most one account may ask for. */
export const DEFAULT_MAX_CONNECTIONS = 3;
export const MAX_CONNECTIONS_LIMIT = 20;

/**
 * What a provider allows at once. Exchange Online allows 3 concurrent SMTP AUTH connections per
 * mailbox and answers `432 4.3.2` beyond; Google publishes no such number.
 */
export const PROVIDER_CONNECTION_CAP: Readonly<Record<SmtpProvider, number | null>> = { MICROSOFT: 3, GOOGLE: null };

/** The most connections the host's provider allows per account, or null when it states none. */
export function connectionCapOf(host: string): number | null {
  const provider = smtpProviderOf(host);
  return provider ? PROVIDER_CONNECTION_CAP[provider] : null;
}

/**
 * The connections an account may really open at once: its own setting, never above what the
 * provider allows (a value stored before the host changed cannot exceed it either).
 */
export function effectiveMaxConnections(account: { host: string; maxConnections: number }): number {
  const cap = connectionCapOf(account.host);
  const own = Number.isInteger(account.maxConnections) && account.maxConnections >= 1 ? account.maxConnections : DEFAULT_MAX_CONNECTIONS;
  return cap === null ? own : Math.min(own, cap);
}

/**
 * What is known of Microsoft's end of password sign-in (Basic authentication) for SMTP AUTH:
 * off by default for existing tenants at the end of December 2026, the final removal in the second
 * half of 2027 (the exact date still to be announced). Tenants created after January 2020 have
 * SMTP AUTH off altogether unless an admin turns it on.
 */
export const MICROSOFT_BASIC_AUTH_TIMELINE = {
  offByDefault: '2026-12-31',
  offByDefaultText: { fi: 'joulukuun 2026 lopussa', en: 'at the end of December 2026' } satisfies LocalizedText,
  finalRemovalText: {
    fi: 'lopullisesti vuoden 2027 jälkipuoliskolla (Microsoft ilmoittaa tarkan päivän)',
    en: 'for good in the second half of 2027 (Microsoft announces the exact date)',
  } satisfies LocalizedText,
} as const;
