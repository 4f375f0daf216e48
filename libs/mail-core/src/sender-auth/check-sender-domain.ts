import { isIP } from 'node:net';
import type * as MailauthDmarc from 'mailauth/lib/dmarc';
import type * as MailauthSpf from 'mailauth/lib/spf';
import { normalizeHostname, smtpProviderOf, type LocalizedText, type SmtpProvider } from '@maestro/settings-schema';
import { SENDER_AUTH_TEXTS } from './sender-auth-texts';

/**
 * A DNS lookup as `dns.promises.Resolver#resolve` makes it (the shape mailauth takes as `resolver`):
 * production passes the system's resolver, tests one pointed at a DNS server on loopback.
 */
export type DnsResolve = (name: string, rrtype: string) => Promise<unknown>;

/** What the SPF record says of the sending service. */
export type SpfStatus = 'INCLUDES_PROVIDER' | 'MISSING_PROVIDER' | 'PASS' | 'SOFTFAIL' | 'FAIL' | 'NEUTRAL' | 'NO_RECORD' | 'ERROR';
/** Whether the provider's DKIM keys are published for the domain (other relays: not knowable from here). */
export type DkimStatus = 'PUBLISHED' | 'PARTLY_PUBLISHED' | 'MISSING' | 'NOT_CHECKED' | 'ERROR';
/** The domain's DMARC policy. */
export type DmarcPolicy = 'REJECT' | 'QUARANTINE' | 'NONE' | 'NO_RECORD' | 'ERROR';
/** What the receiving servers will likely do with a message From the domain through this service. */
export type SenderVerdict = 'OK' | 'SPAM_LIKELY' | 'REJECTED_LIKELY' | 'UNKNOWN';

export interface SenderDomainCheck {
  domain: string;
  provider: SmtpProvider | 'OTHER';
  spf: { status: SpfStatus; record: string | null; estimate: boolean; message: LocalizedText };
  dkim: { status: DkimStatus; selectors: string[]; message: LocalizedText };
  dmarc: { policy: DmarcPolicy; record: string | null; message: LocalizedText };
  verdict: SenderVerdict;
  message: LocalizedText;
}

export interface SenderDomainCheckInput {
  /** The address messages go out From. */
  senderAddress: string;
  /** The SMTP server the account sends through: decides the provider, and for other relays the addresses SPF is evaluated for. */
  smtpHost: string;
  resolver: DnsResolve;
}

/** What each provider's customers publish: the SPF include and the DKIM selectors. */
const PROVIDER_DNS: Readonly<Record<SmtpProvider, { spfInclude: string; dkim: Array<{ selector: string; type: 'CNAME' | 'TXT' }> }>> = {
  MICROSOFT: {
    spfInclude: 'spf.protection.outlook.com',
    dkim: [
      { selector: 'selector1', type: 'CNAME' },
      { selector: 'selector2', type: 'CNAME' },
    ],
  },
  GOOGLE: { spfInclude: '_spf.google.com', dkim: [{ selector: 'google', type: 'TXT' }] },
};

/** RFC 7208's limit on DNS lookups while evaluating SPF. */
const SPF_LOOKUP_LIMIT = 10;

/** mailauth is loaded by the first connection test, not at start: it takes some 16 MB in every process. */
let mailauth: Promise<{ spf: typeof MailauthSpf.spf; dmarc: typeof MailauthDmarc.dmarc }> | undefined;
const loadMailauth = () =>
  (mailauth ??= Promise.all([import('mailauth/lib/spf'), import('mailauth/lib/dmarc')]).then(([spfModule, dmarcModule]) => ({ spf: spfModule.spf, dmarc: dmarcModule.dmarc })));

const isNotFound = (err: unknown) => ['ENOTFOUND', 'ENODATA'].includes((err as { code?: string }).code ?? '');

async function txtRecords(resolver: DnsResolve, name: string): Promise<string[]> {
  try {
    const rows = (await resolver(name, 'TXT')) as string[][];
    return rows.map((parts) => parts.join(''));
  } catch (err) {
    if (isNotFound(err)) return [];
    throw err;
  }
}

async function spfRecordOf(resolver: DnsResolve, domain: string): Promise<string | null | 'MANY'> {
  const records = (await txtRecords(resolver, domain)).filter((text) => /^v=spf1(\s|$)/i.test(text.trim()));
  if (records.length > 1) return 'MANY';
  return records[0]?.trim() ?? null;
}

/**
 * Whether the domain's SPF record reaches the provider's include, following include: and redirect=
 * as a receiver would (at most 10 lookups). The record's own mechanisms for the provider's addresses
 * would need the provider's address list, which changes; the include is what the provider asks for.
 */
async function spfIncludes(resolver: DnsResolve, record: string, target: string): Promise<boolean> {
  const seen = new Set<string>();
  const queue = [record];
  let lookups = 0;
  while (queue.length > 0) {
    const current = queue.shift() as string;
    for (const term of current.split(/\s+/)) {
      const match = /^(?:[+?~-]?include:|redirect=)(.+)$/i.exec(term);
      const name = match?.[1]?.toLowerCase().replace(/\.$/, '');
      if (!name) continue;
      if (name === target) return true;
      // Macros (%{...}) depend on the message; they cannot be followed here.
      if (name.includes('%') || seen.has(name) || lookups >= SPF_LOOKUP_LIMIT) continue;
      seen.add(name);
      lookups += 1;
      const next = await spfRecordOf(resolver, name);
      if (typeof next === 'string') queue.push(next);
    }
  }
  return false;
}

/** The relay's own addresses: what SPF is evaluated for when the provider is not known. */
async function addressesOf(resolver: DnsResolve, host: string): Promise<string[]> {
  const literal = host.replace(/^\[(.*)\]$/, '$1');
  if (isIP(literal)) return [literal];
  const found: string[] = [];
  for (const type of ['A', 'AAAA']) {
    try {
      found.push(...((await resolver(host, type)) as string[]));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
  return found;
}

const MAILAUTH_SPF_STATUS: Readonly<Record<string, SpfStatus>> = { pass: 'PASS', fail: 'FAIL', softfail: 'SOFTFAIL', neutral: 'NEUTRAL', none: 'NO_RECORD' };

async function checkSpf(input: SenderDomainCheckInput, domain: string, provider: SmtpProvider | null): Promise<{ status: SpfStatus; record: string | null; estimate: boolean }> {
  const record = await spfRecordOf(input.resolver, domain);
  if (record === 'MANY') return { status: 'ERROR', record: null, estimate: false };
  if (record === null) return { status: 'NO_RECORD', record: null, estimate: provider === null };
  if (provider !== null) {
    const included = await spfIncludes(input.resolver, record, PROVIDER_DNS[provider].spfInclude);
    return { status: included ? 'INCLUDES_PROVIDER' : 'MISSING_PROVIDER', record, estimate: false };
  }
  // Another relay: evaluate the record (mailauth, RFC 7208) for the relay's own addresses. Its
  // outgoing address may differ from the one it takes mail on, so this is an estimate.
  const addresses = await addressesOf(input.resolver, normalizeHostname(input.smtpHost) ?? input.smtpHost.trim());
  if (addresses.length === 0) return { status: 'ERROR', record, estimate: true };
  const { spf } = await loadMailauth();
  const results = await Promise.all(
    addresses.map((ip) => spf({ sender: `postmaster@${domain}`, ip, helo: domain, mta: 'maestro', resolver: input.resolver as never })),
  );
  const statuses = results.map((r) => MAILAUTH_SPF_STATUS[r.status.result] ?? 'ERROR');
  // The best any of the relay's addresses gets: the relay may send from any of them.
  const order: SpfStatus[] = ['PASS', 'NEUTRAL', 'SOFTFAIL', 'FAIL', 'NO_RECORD', 'ERROR'];
  const best = order.find((status) => statuses.includes(status)) ?? 'ERROR';
  return { status: best, record, estimate: true };
}

async function checkDkim(resolver: DnsResolve, domain: string, provider: SmtpProvider | null): Promise<{ status: DkimStatus; selectors: string[] }> {
  if (provider === null) return { status: 'NOT_CHECKED', selectors: [] };
  const found: string[] = [];
  for (const { selector, type } of PROVIDER_DNS[provider].dkim) {
    const name = `${selector}._domainkey.${domain}`;
    try {
      const answer = (await resolver(name, type)) as unknown[];
      const present = type === 'TXT' ? (answer as string[][]).some((parts) => /(^|;)\s*p=[A-Za-z0-9+/]/.test(parts.join(''))) : answer.length > 0;
      if (present) found.push(selector);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
  const all = PROVIDER_DNS[provider].dkim.length;
  return { status: found.length === all ? 'PUBLISHED' : found.length > 0 ? 'PARTLY_PUBLISHED' : 'MISSING', selectors: found };
}

const DMARC_POLICIES: Readonly<Record<string, DmarcPolicy>> = { reject: 'REJECT', quarantine: 'QUARANTINE', none: 'NONE' };

/**
 * The connection test's look at the sender's domain: SPF, the provider's DKIM keys and the DMARC
 * policy, and what receivers will likely do with the mail. What can be known from DNS alone:
 * - Microsoft 365 and Google: whether SPF includes the provider (spf.protection.outlook.com,
 *   _spf.google.com) and whether its DKIM selectors are published (selector1/selector2._domainkey
 *   CNAMEs; google._domainkey);
 * - another relay: SPF evaluated (by mailauth) for the relay's own addresses, labelled an estimate;
 * - DMARC (mailauth): the policy, and whether what passes above would align with the From domain.
 * A DNS failure makes the part ERROR and the verdict UNKNOWN; it never fails the connection test.
 */
export async function checkSenderDomain(input: SenderDomainCheckInput): Promise<SenderDomainCheck> {
  const at = input.senderAddress.lastIndexOf('@');
  const domain = normalizeHostname(input.senderAddress.slice(at + 1)) ?? input.senderAddress.slice(at + 1).toLowerCase();
  const provider = smtpProviderOf(input.smtpHost);

  const [spfPart, dkimPart] = await Promise.all([
    checkSpf(input, domain, provider).catch(() => ({ status: 'ERROR' as const, record: null, estimate: provider === null })),
    checkDkim(input.resolver, domain, provider).catch(() => ({ status: 'ERROR' as const, selectors: [] as string[] })),
  ]);
  const spfPasses = spfPart.status === 'INCLUDES_PROVIDER' || spfPart.status === 'PASS';
  const dkimPasses = dkimPart.status === 'PUBLISHED';

  let dmarcPart: { policy: DmarcPolicy; record: string | null };
  try {
    const { dmarc } = await loadMailauth();
    const result = await dmarc({
      headerFrom: input.senderAddress,
      spfDomains: spfPasses ? [domain] : [],
      dkimDomains: dkimPasses ? [{ domain, aligned: true }] : [],
      resolver: input.resolver as never,
    });
    if (!result || result.status.result === 'temperror') dmarcPart = { policy: 'ERROR', record: null };
    else if (result.status.result === 'none') dmarcPart = { policy: 'NO_RECORD', record: null };
    else dmarcPart = { policy: DMARC_POLICIES[String(result.policy).toLowerCase()] ?? 'NONE', record: result.rr ?? null };
  } catch {
    dmarcPart = { policy: 'ERROR', record: null };
  }

  const verdict: SenderVerdict =
    spfPart.status === 'ERROR' || dmarcPart.policy === 'ERROR'
      ? 'UNKNOWN'
      : spfPasses || dkimPasses
        ? 'OK'
        : dmarcPart.policy === 'REJECT'
          ? 'REJECTED_LIKELY'
          : 'SPAM_LIKELY';

  const texts = SENDER_AUTH_TEXTS;
  return {
    domain,
    provider: provider ?? 'OTHER',
    spf: { ...spfPart, message: texts.spf(spfPart.status, { domain, provider, estimate: spfPart.estimate, relay: input.smtpHost.trim() }) },
    dkim: { ...dkimPart, message: texts.dkim(dkimPart.status, { domain, provider }) },
    dmarc: { policy: dmarcPart.policy, record: dmarcPart.record, message: texts.dmarc(dmarcPart.policy, { domain }) },
    verdict,
    message: texts.verdict(verdict, { domain, dmarcPolicy: dmarcPart.policy, dkimMissing: !dkimPasses && provider !== null }),
  };
}
