// The connection test's DNS look at the sender's domain: SPF, DKIM and DMARC (mailauth).
export { checkSenderDomain } from './check-sender-domain';
export type { DkimStatus, DmarcPolicy, DnsResolve, SenderDomainCheck, SenderDomainCheckInput, SenderVerdict, SpfStatus } from './check-sender-domain';
