import type SMTPConnection from 'nodemailer/lib/smtp-connection';

/** RFC 3461: the ENVID parameter is at most 100 characters of xtext. */
const ENVID_MAX = 100;

/**
 * The envelope id (RFC 3461 ENVID) sent with a message: its Message-ID without the angle brackets,
 * e.g. `0190f3c2-...@yritys.fi`. A delivery status notification repeats it as `Original-Envelope-Id`,
 * so a bounce names the message even when the returned headers are cut off; `messageIdForEnvelopeId`
 * turns it back. Null when the id would not fit (over 100 characters once xtext-encoded, or not
 * printable ASCII): such a message is matched by its returned headers instead.
 */
export function envelopeIdFor(messageId: string): string | null {
  const bare = messageId.trim().replace(/^<|>$/g, '');
  if (!bare || !/^[\x21-\x7e]+$/.test(bare)) return null;
  // xtext spells "+" and "=" as "+2B" and "+3D": three characters each.
  const encodedLength = bare.length + 2 * (bare.match(/[+=]/g)?.length ?? 0);
  return encodedLength <= ENVID_MAX ? bare : null;
}

/** The Message-ID an envelope id stands for (the inverse of `envelopeIdFor`). */
export function messageIdForEnvelopeId(envelopeId: string): string {
  return `<${envelopeId.trim().replace(/^<|>$/g, '')}>`;
}

/**
 * What the SMTP transport asks the server for (nodemailer sends it only when the server offers DSN):
 * a notice on failure or delay, never on success (NOTIFY=FAILURE,DELAY), with the original headers
 * only (RET=HDRS — enough to match it, and no customer content travels back), and the envelope id.
 */
export function dsnRequest(messageId: string): SMTPConnection.DSNOptions {
  const envid = envelopeIdFor(messageId);
  return { notify: ['FAILURE', 'DELAY'], ret: 'HDRS', ...(envid ? { envid } : {}) };
}
