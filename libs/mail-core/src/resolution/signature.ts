import type { UserMailSettings } from '@maestro/settings-schema';

const BLANK = /^\s*$/;

/**
 * AUTO: the server appends the user's signature (what a module sending by service key wants). NONE:
 * the body already holds it — the compose dialog showed the signature to the person, who may edit it.
 */
export const SIGNATURE_CHOICES = ['AUTO', 'NONE'] as const;
export type SignatureChoice = (typeof SIGNATURE_CHOICES)[number];

/**
 * The signature as it is appended: the user's lines with the empty ones at the start and end dropped.
 * Empty lines between text lines stay, because the eight-line box is laid out by hand (a gap before the
 * phone number is meant); leading ones only repeat the separating blank line we add ourselves.
 */
export function signatureText(signatureLines: UserMailSettings['signatureLines']): string {
  const lines = signatureLines.map((line) => line.trimEnd());
  const first = lines.findIndex((line) => !BLANK.test(line));
  if (first < 0) return '';
  const last = lines.length - 1 - [...lines].reverse().findIndex((line) => !BLANK.test(line));
  return lines.slice(first, last + 1).join('\n');
}

/**
 * The seed: the signature is added to the end of the message. After the body's own trailing blank
 * lines are dropped, one blank line separates it from the signature. No signature, no change.
 */
export function appendSignature(body: string, signatureLines: UserMailSettings['signatureLines']): string {
  const signature = signatureText(signatureLines);
  if (signature === '') return body;
  return `${body.trimEnd()}\n\n${signature}`;
}
