// The public door of @maestro/test-support: test doubles that only tests import (lint refuses them
// anywhere else): a stand-in for the OAuth2 identity providers, a DNS server on loopback, a private
// Dovecot, certificates made in the test, a free port to start servers on, a TCP relay that takes a
// server down and back on one port, and a tarpit that accepts connections and never answers.
export { makeSelfSignedCertificate } from './self-signed-certificate';
export type { SelfSignedCertificate } from './self-signed-certificate';
export { freePort } from './free-port';
export { startTcpRelay } from './tcp-relay';
export type { RunningTcpRelay } from './tcp-relay';
export { startTarpit } from './tarpit';
export type { RunningTarpit } from './tarpit';
export { startDovecot } from './start-dovecot';
export type { DovecotFolder, DovecotOptions, RunningDovecot, StoredMessage } from './start-dovecot';
export { startDnsServer } from './dns-server';
export type { DnsRecords, DnsZone, RunningDnsServer } from './dns-server';
export { startIdentityProvider, makeServiceAccountKey } from './identity-provider';
export type {
  GoogleAssertion,
  GoogleServiceAccountRegistration,
  IdentityProviderOptions,
  MicrosoftAppRegistration,
  RunningIdentityProvider,
  ServiceAccountKey,
} from './identity-provider';
