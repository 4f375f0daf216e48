import { promises as dns } from 'node:dns';
import { hostname } from 'node:os';

export interface FqdnLookups {
  hostname: () => string;
  /** The machine's own address for its name (as /etc/hosts or DNS gives it). */
  lookup: (name: string) => Promise<{ address: string }>;
  /** The name registered for that address. */
  lookupService: (address: string, port: number) => Promise<{ hostname: string }>;
}

const SYSTEM: FqdnLookups = { hostname, lookup: (name) => dns.lookup(name), lookupService: (address, port) => dns.lookupService(address, port) };

const isFullName = (name: string) => /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(name) && !/^[\d.]+$/.test(name) && !/\.(localdomain|local)$/i.test(name);

/**
 * The machine's fully qualified name, for EHLO when MAESTRO_EHLO_NAME is not set: the host name when
 * it already has a dot, else the name its own address is registered under. Null when neither gives
 * one (a container's short name): the sender's domain is used then. Asked once at start, within a
 * time limit, so a slow resolver never holds the start up.
 */
export async function machineFqdn(lookups: FqdnLookups = SYSTEM, timeoutMs = 2000): Promise<string | null> {
  const own = lookups.hostname().trim().toLowerCase();
  if (isFullName(own)) return own;
  const ask = async () => {
    const { address } = await lookups.lookup(own);
    const { hostname: name } = await lookups.lookupService(address, 0);
    return isFullName(name.toLowerCase()) ? name.toLowerCase() : null;
  };
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    return await Promise.race([ask().catch(() => null), late]);
  } finally {
    clearTimeout(timer);
  }
}
