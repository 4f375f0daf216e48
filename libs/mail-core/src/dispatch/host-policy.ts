import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, connect, isIP, type Socket } from 'node:net';
import { normalizeHostname } from '@maestro/settings-schema';

/**
 * Which SMTP hosts the service may connect to. An on-premises installation sends to a relay on
 * 192.168.x.x as a matter of course; a hosted one (many companies in one data centre) must not let an
 * admin point "their" SMTP server at the data centre's own loopback, link-local (cloud metadata) or
 * private addresses, whatever name resolves there.
 */
export interface HostPolicy {
  /** Refuse loopback, link-local, private and other non-public addresses (MAESTRO_HOSTED). */
  refuseInternal: boolean;
  /** Host names, IP addresses and CIDR ranges allowed all the same (MAESTRO_SMTP_ALLOWED_HOSTS). */
  allowed: readonly string[];
}

export const OPEN_HOST_POLICY: HostPolicy = { refuseInternal: false, allowed: [] };

/** Code of the error a refused host raises, classified as HOST_NOT_ALLOWED. */
export const HOST_NOT_ALLOWED_ERROR = 'EHOSTNOTALLOWED';

const INTERNAL_V4: Array<[string, number]> = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];
const INTERNAL_V6: Array<[string, number]> = [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10],
  ['ff00::', 8], // multicast
];

const internal = new BlockList();
for (const [network, prefix] of INTERNAL_V4) internal.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of INTERNAL_V6) internal.addSubnet(network, prefix, 'ipv6');

/** An IPv4 address inside an IPv6 one (::ffff:10.0.0.1, ::10.0.0.1, 64:ff9b::10.0.0.1): judged as IPv4. */
function embeddedV4(ip: string): string | null {
  const dotted = /^(?:::ffff:(?:0:)?|::|64:ff9b::)(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip)?.[1];
  if (dotted) return dotted;
  const hex = /^(?:::ffff:(?:0:)?|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ip);
  if (!hex) return null;
  const high = parseInt(hex[1] as string, 16);
  const low = parseInt(hex[2] as string, 16);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** True for loopback, link-local, private, shared, documentation, multicast and reserved addresses. */
export function isInternalAddress(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return internal.check(bare, 'ipv4');
  if (family === 6) {
    const v4 = embeddedV4(bare);
    return v4 ? internal.check(v4, 'ipv4') : internal.check(bare, 'ipv6');
  }
  return true; // not an address at all: never trusted
}

interface AllowList {
  names: Set<string>;
  addresses: BlockList;
}

function allowListOf(policy: HostPolicy): AllowList {
  const names = new Set<string>();
  const addresses = new BlockList();
  for (const entry of policy.allowed) {
    const text = entry.trim().replace(/^\[|\]$/g, '');
    const [network, prefix] = text.split('/');
    const family = isIP(network ?? '');
    if (family && prefix !== undefined) addresses.addSubnet(network as string, Number(prefix), family === 4 ? 'ipv4' : 'ipv6');
    else if (family) addresses.addAddress(text, family === 4 ? 'ipv4' : 'ipv6');
    else names.add(normalizeHostname(text) ?? text.toLowerCase());
  }
  return { names, addresses };
}

export type LookupAll = (host: string) => Promise<Array<{ address: string; family: number }>>;

const lookupAll: LookupAll = (host) => dnsLookup(host, { all: true, verbatim: true });

export type HostCheck = { ok: true; addresses: string[] } | { ok: false; address: string };

/**
 * Resolves the host and checks every address it resolves to. With `refuseInternal`, one internal
 * address is enough to refuse (a name with a public and a private address would otherwise pass the
 * check and connect to the private one). A host named in `allowed`, or addresses inside an allowed
 * range, pass. Resolution failures are thrown as they come (the caller classifies them).
 */
export async function checkSmtpHost(host: string, policy: HostPolicy, lookup: LookupAll = lookupAll): Promise<HostCheck> {
  const name = host.trim().replace(/^\[|\]$/g, '');
  const addresses = isIP(name) ? [name] : (await lookup(name)).map((entry) => entry.address);
  if (!policy.refuseInternal) return { ok: true, addresses };
  const allow = allowListOf(policy);
  if (allow.names.has(normalizeHostname(name) ?? name.toLowerCase())) return { ok: true, addresses };
  for (const address of addresses) {
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (isInternalAddress(address) && !allow.addresses.check(address, family)) return { ok: false, address };
  }
  return { ok: true, addresses };
}

/** The error a refused host raises; `classifySmtpError` reads it as HOST_NOT_ALLOWED. */
export function hostNotAllowedError(host: string): Error & { code: string } {
  return Object.assign(new Error(`${host} resolves to an internal address, which this installation does not connect to`), { code: HOST_NOT_ALLOWED_ERROR });
}

/**
 * A TCP connection to the host's checked address: the address that was checked is the one connected
 * to, so a name that resolves elsewhere a moment later (DNS rebinding) cannot slip past. TLS, when the
 * account wants it, is started on this socket by nodemailer with the host name as the server name.
 */
export async function connectChecked(host: string, port: number, policy: HostPolicy, timeoutMs: number, lookup: LookupAll = lookupAll): Promise<Socket> {
  const checked = await checkSmtpHost(host, policy, lookup);
  if (!checked.ok) throw hostNotAllowedError(host.trim());
  const address = checked.addresses[0];
  if (!address) throw Object.assign(new Error(`${host} did not resolve`), { code: 'ENOTFOUND' });
  return new Promise<Socket>((resolve, reject) => {
    const socket = connect({ host: address, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(Object.assign(new Error(`Connection to ${host}:${port} timed out`), { code: 'ETIMEDOUT' }));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
