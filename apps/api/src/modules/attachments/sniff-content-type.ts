import { contentTypeByName } from '@maestro/mail-core';
import FileType from 'file-type';

/** How many leading bytes are looked at: what file-type needs for the formats it knows. */
export const SNIFF_BYTES = 4100;

/**
 * Types a browser shows without running anything, when the bytes really are that type: these alone
 * may be opened in the browser (Content-Disposition: inline). SVG is an image that runs script and
 * HTML, XHTML and XML are documents that do: they are downloads, whatever they are called.
 */
const INERT_WHEN_SNIFFED = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp']);

export interface SniffedType {
  /** The type the file is stored and mailed with. */
  contentType: string;
  /** True only for an inert type recognised from the bytes themselves (or text checked to be text). */
  inline: boolean;
}

/** Valid UTF-8 without NUL bytes (a multi-byte character cut at the end of the sample is fine). */
function looksLikeText(head: Buffer): boolean {
  if (head.length === 0 || head.includes(0)) return false;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let cut = 0; cut < 4 && cut < head.length; cut++) {
    try {
      decoder.decode(head.subarray(0, head.length - cut));
      return true;
    } catch {
      // a character cut in the middle: try without its first bytes
    }
  }
  return false;
}

/**
 * The type of an upload from its first bytes, never from what the client declared: the bytes' own
 * signature (file-type) first; text by its name's type when that is a text type, plain text otherwise;
 * anything else by its name (for the recipient's mail program), and never inline.
 */
export async function sniffContentType(head: Buffer, filename: string): Promise<SniffedType> {
  const found = await FileType.fromBuffer(head);
  if (found) return { contentType: found.mime, inline: INERT_WHEN_SNIFFED.has(found.mime) };
  const byName = contentTypeByName(filename);
  // Plain text (a .txt, or text with a name that says nothing) served as text/plain with nosniff is
  // shown as text, whatever markup it holds: the one text type that may open in the browser.
  if (looksLikeText(head) && (byName === 'text/plain' || byName === 'application/octet-stream')) return { contentType: 'text/plain', inline: true };
  return { contentType: byName, inline: false };
}
