/**
 * The failures below the mail protocol — certificates, TLS, DNS, TCP — told apart the same way for SMTP
 * and IMAP: by Node's and OpenSSL's error codes (the `originalCode` when a library re-labels them).
 */
export type NetworkFailureCode =
  | 'CERT_UNTRUSTED'
  | 'CERT_EXPIRED'
  | 'CERT_HOSTNAME_MISMATCH'
  | 'WRONG_ENCRYPTION'
  | 'TLS_FAILED'
  | 'UNKNOWN_HOST'
  | 'DNS_FAILED'
  | 'CONNECTION_REFUSED'
  | 'NETWORK_UNREACHABLE';

const CERT_UNTRUSTED_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REJECTED',
  'INVALID_CA',
]);
const CERT_EXPIRED_CODES = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const CERT_NAME_CODES = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH']);
// What OpenSSL says when the other end does not speak TLS at all: implicit TLS against a plain port.
const NOT_TLS_CODES = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'ERR_SSL_HTTP_REQUEST', 'ERR_SSL_UNKNOWN_PROTOCOL']);
const NOT_TLS_TEXT = /wrong version number|packet length too long|unknown protocol|http request/i;

/** The network-level code of a failure, or null when it is none of these. `code` is the low-level one. */
export function networkFailureCode(code: string, text: string): NetworkFailureCode | null {
  if (CERT_UNTRUSTED_CODES.has(code)) return 'CERT_UNTRUSTED';
  if (CERT_EXPIRED_CODES.has(code)) return 'CERT_EXPIRED';
  if (CERT_NAME_CODES.has(code)) return 'CERT_HOSTNAME_MISMATCH';
  if (NOT_TLS_CODES.has(code) || (code.startsWith('ERR_SSL') && NOT_TLS_TEXT.test(text))) return 'WRONG_ENCRYPTION';
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS')) return 'TLS_FAILED';
  if (code === 'ENOTFOUND') return 'UNKNOWN_HOST';
  if (code === 'EAI_AGAIN') return 'DNS_FAILED';
  if (code === 'ECONNREFUSED') return 'CONNECTION_REFUSED';
  if (code === 'ENETUNREACH' || code === 'EHOSTUNREACH' || code === 'EADDRNOTAVAIL') return 'NETWORK_UNREACHABLE';
  return null;
}
