const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
// No leading zeros: `010` is octal to some resolvers and decimal to others.
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HOST_CHARACTERS = /^[\p{L}\p{M}\p{N}.-]+$/u;

/** WHATWG URL parsing does the IDNA (punycode) mapping in Node and in the browser alike. */
function toAsciiDomain(host: string): string | null {
  try {
    return new URL(`http://${host}/`).hostname;
  } catch {
    return null;
  }
}

// The same few domains (the company's, its customers') come by with every message; URL parsing is
// the costly part, so remember the answers (bounded: a flood of distinct names only empties it).
const known = new Map<string, string | null>();
const MAX_KNOWN = 2000;

/**
 * The ASCII (punycode) form of a host name or IPv4/IPv6 literal, or null when it is not one.
 * IDN names such as `smtp.pörssi.fi` are accepted and returned as `smtp.xn--prssi-jua.fi`.
 */
export function normalizeHostname(input: string): string | null {
  const hit = known.get(input);
  if (hit !== undefined) return hit;
  const answer = normalizeUncached(input);
  if (known.size >= MAX_KNOWN) known.clear();
  known.set(input, answer);
  return answer;
}

function normalizeUncached(input: string): string | null {
  const host = input.trim().toLowerCase().replace(/\.$/, '');
  if (host === '' || host.length > 253) return null;
  if (IPV4.test(host)) return host;
  const bracketless = host.replace(/^\[(.*)\]$/, '$1');
  if (bracketless.includes(':')) {
    return /^[0-9a-f:.]+$/.test(bracketless) && toAsciiDomain(`[${bracketless}]`) !== null ? bracketless : null;
  }
  if (!HOST_CHARACTERS.test(host)) return null;
  const ascii = toAsciiDomain(host);
  if (ascii === null || ascii.length > 253) return null;
  const labels = ascii.split('.');
  if (labels.some((label) => !LABEL.test(label))) return null;
  // A last label of digits is an IPv4 address gone wrong (e.g. 192.168.1.300), not a name.
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return null;
  return ascii;
}
