import { parseOneAddress, type ASTNode, type ParsedMailbox } from 'email-addresses';
import { normalizeHostname } from './hostname';

/** One recipient: `name` is '' when the address was given without a display name. */
export interface ParsedAddress {
  name: string;
  address: string;
}

/** A piece of the typed text that is not an address; `piece` names it as the user typed it. */
export interface AddressError {
  piece: string;
  code: 'INVALID_ADDRESS' | 'LINE_BREAK';
}

export type AddressListResult =
  | { ok: true; addresses: ParsedAddress[]; formatted: string }
  | { ok: false; errors: AddressError[] };

const LINE_BREAK = /[\r\n]/;
// Other C0 controls, DEL, C1 controls (NEL) and the line and paragraph separators: never part of an
// address people type; the parser lets some through in quotes.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/;
// Inside the address itself (local part and domain) no space, control or invisible format character:
// nodemailer's address parser, which writes the envelope, splits at Unicode white space, so an address
// `Boss\u2028attacker@evil.test` that another parser took whole would be sent to attacker@evil.test.
const NOT_IN_ADDRESS = /[\p{Cc}\p{Cf}\p{Z}]/u;
// JavaScript's trim() plus the zero-width space that web pages and chat programs leave in copied text.
const EDGE_SPACE = /^[\s\u200b]+|[\s\u200b]+$/g;
const MAX_LOCAL_PART = 64; // RFC 5321 4.5.3.1.1
const MAX_ADDRESS = 254; // RFC 5321 path limit minus the angle brackets

interface Piece {
  text: string;
  /** The separator that ended this piece: ',' or ';', or '' at the end of the text. */
  separator: string;
}

/**
 * Cut the text at the seed's separators, `;` and `,`, except inside a quoted string, an angle
 * address or a comment. This only finds where one address ends; every address is then parsed by
 * the RFC 5322 parser (email-addresses), which also handles quoting and escapes inside the piece.
 */
function splitPieces(text: string): Piece[] {
  const pieces: Piece[] = [];
  let start = 0;
  let inQuote = false;
  let escaped = false;
  let angleDepth = 0;
  let commentDepth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (escaped) {
      escaped = false;
    } else if (ch === '\\' && (inQuote || commentDepth > 0)) {
      escaped = true;
    } else if (inQuote) {
      if (ch === '"') inQuote = false;
    } else if (ch === '"') {
      inQuote = true;
    } else if (ch === '(') {
      commentDepth++;
    } else if (ch === ')') {
      commentDepth = Math.max(0, commentDepth - 1);
    } else if (commentDepth > 0) {
      // inside a comment nothing else is structure
    } else if (ch === '<') {
      angleDepth++;
    } else if (ch === '>') {
      angleDepth = Math.max(0, angleDepth - 1);
    } else if ((ch === ';' || ch === ',') && angleDepth === 0) {
      pieces.push({ text: text.slice(start, i), separator: ch });
      start = i + 1;
    }
  }
  pieces.push({ text: text.slice(start), separator: '' });
  return pieces;
}

/**
 * Outlook copies "Virtanen, Matti <matti@yritys.fi>" without quotes, so its comma looks like a
 * separator. Pieces without an address that are followed, across commas, by a `<...>` address are the
 * start of that address's display name and are joined back to it.
 */
function joinUnquotedCommaNames(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (let i = 0; i < pieces.length; i++) {
    let j = i;
    while (j + 1 < pieces.length && isNameFragment(pieces[j] as Piece)) j++;
    const last = pieces[j] as Piece;
    if (j > i && last.text.includes('<') && !LINE_BREAK.test(last.text)) {
      out.push({ text: pieces.slice(i, j + 1).map((p) => p.text).join(','), separator: last.separator });
      i = j;
    } else {
      out.push(pieces[i] as Piece);
    }
  }
  return out;
}

function isNameFragment(piece: Piece): boolean {
  const text = piece.text.replace(EDGE_SPACE, '');
  return piece.separator === ',' && text !== '' && !/[@<>"\r\n]/.test(text);
}

/**
 * The display name rebuilt from the phrase's words: the parser's own `name` drops the space after
 * a quoted word (`Matti "Masa" Virtanen` comes out as `Matti MasaVirtanen`).
 */
function displayName(mailbox: ParsedMailbox): string {
  const phrase = mailbox.parts.name;
  if (!phrase) return '';
  const words: ASTNode[] = [];
  const collect = (node: ASTNode) => {
    if (node.name === 'word' || node.name === 'literal') words.push(node);
    else node.children.forEach(collect);
  };
  collect(phrase);
  let name = '';
  let previous: ASTNode | undefined;
  for (const word of words) {
    const spaced = previous !== undefined && (/\s$/.test(previous.tokens) || /^\s/.test(word.tokens));
    name += (spaced ? ' ' : '') + word.semantic.trim();
    previous = word;
  }
  name = name.trim();
  // Outlook writes display names in single quotes: 'Matti Virtanen' <matti@yritys.fi>.
  const unquoted = /^'(.*)'$/.exec(name);
  if (unquoted) name = (unquoted[1] as string).trim();
  return name.toLowerCase() === mailbox.address.toLowerCase() ? '' : name;
}

/**
 * A domain a mail server can deliver to: a dotted host name, IDN allowed. Not an IP address and not a
 * bare name such as `localhost`: in an office every real recipient has a dotted domain, and
 * `matti@yritys` is far more often a forgotten `.fi` than a meant address.
 */
function isDeliverableDomain(domain: string): boolean {
  const ascii = normalizeHostname(domain);
  return ascii !== null && ascii.includes('.') && !/^[\d.]+$/.test(ascii) && !ascii.includes(':');
}

function parseMailbox(text: string): ParsedAddress | null {
  if (CONTROL.test(text)) return null;
  const parsed = parseOneAddress({ input: text, rfc6532: true, rejectTLD: true, atInDisplayName: true, commaInDisplayName: true });
  if (parsed === null || parsed.type !== 'mailbox') return null; // groups ("Tiimi: a@x.fi;") are not recipients
  // A quoted local part ("john doe"@x.fi) is legal but the parser returns it unquoted; nobody we mail uses one.
  if (parsed.parts.local.tokens.includes('"')) return null;
  if (parsed.domain.trim() !== parsed.domain || !isDeliverableDomain(parsed.domain)) return null;
  if (parsed.local.length > MAX_LOCAL_PART || parsed.address.length > MAX_ADDRESS) return null;
  if (NOT_IN_ADDRESS.test(parsed.address)) return null;
  return { name: displayName(parsed), address: parsed.address };
}

/**
 * Show a line break in a piece as the two characters `\r` / `\n`, and any other control or separator
 * as `\u2028`, so the piece can be shown and logged on one line and nothing in it hides.
 */
function printable(piece: string): string {
  return piece
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n')
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, (ch) => `\\u${(ch.codePointAt(0) as number).toString(16).padStart(4, '0')}`);
}

/**
 * The seed's "several addresses separated by ; or ,": every address parsed, empty pieces skipped,
 * duplicates (case-insensitive) dropped keeping the first, and the list formatted back. Any piece that
 * is not an address is reported, all at once; CR/LF anywhere is refused (header injection).
 */
export function parseAddressList(text: string): AddressListResult {
  // The same few lists (a company's defaults, a user's address) are parsed on every draft and send.
  const known = recentlyParsed.get(text);
  if (known) return copyOf(known);
  const result = parseAddressListUncached(text);
  if (recentlyParsed.size >= RECENT_LIMIT) recentlyParsed.delete(recentlyParsed.keys().next().value as string);
  recentlyParsed.set(text, result);
  return copyOf(result);
}

const RECENT_LIMIT = 1000;
const recentlyParsed = new Map<string, AddressListResult>();

/** Every caller gets objects of its own: a result kept for reuse is never handed out itself. */
function copyOf(result: AddressListResult): AddressListResult {
  return result.ok
    ? { ok: true, addresses: result.addresses.map((a) => ({ ...a })), formatted: result.formatted }
    : { ok: false, errors: result.errors.map((e) => ({ ...e })) };
}

function parseAddressListUncached(text: string): AddressListResult {
  const addresses: ParsedAddress[] = [];
  const errors: AddressError[] = [];
  for (const piece of joinUnquotedCommaNames(splitPieces(text))) {
    if (LINE_BREAK.test(piece.text)) {
      errors.push({ piece: printable(piece.text).replace(EDGE_SPACE, ''), code: 'LINE_BREAK' });
      continue;
    }
    const trimmed = piece.text.replace(EDGE_SPACE, '');
    if (trimmed === '') continue;
    const parsed = parseMailbox(trimmed);
    if (parsed === null) errors.push({ piece: printable(trimmed), code: 'INVALID_ADDRESS' });
    else addresses.push(parsed);
  }
  if (errors.length > 0) return { ok: false, errors };
  const unique = mergeAddressLists(addresses);
  return { ok: true, addresses: unique, formatted: formatAddressList(unique) };
}

// RFC 5322 atext, plus any non-ASCII character (RFC 6532), in words separated by single spaces.
const PLAIN_PHRASE = /^[\w!#$%&'*+\-/=?^`{|}~\u0080-\u{10ffff}]+(?: [\w!#$%&'*+\-/=?^`{|}~\u0080-\u{10ffff}]+)*$/u;

/** RFC 5322 display form: `matti@yritys.fi`, `Matti Virtanen <matti@yritys.fi>`, `"Virtanen, Matti" <matti@yritys.fi>`. */
export function formatAddress(a: ParsedAddress): string {
  // Whitespace runs (CR/LF included) become one space: a name must never start a new header line.
  const name = a.name.replace(/\s+/g, ' ').trim();
  if (name === '') return a.address;
  const phrase = PLAIN_PHRASE.test(name) ? name : `"${name.replace(/["\\]/g, '\\$&')}"`;
  return `${phrase} <${a.address}>`;
}

/** The list in display form, joined with `; ` as Outlook shows it. */
export function formatAddressList(list: readonly ParsedAddress[]): string {
  return list.map(formatAddress).join('; ');
}

/**
 * The identity of an address for de-duplication: lower case, Unicode NFC, and the domain in its
 * ASCII (punycode) form, so `Myynti@Pörssi.fi` and `myynti@xn--prssi-jua.fi` are one recipient.
 */
export function addressKey(address: string): string {
  const text = address.replace(EDGE_SPACE, '').normalize('NFC');
  const at = text.lastIndexOf('@');
  if (at < 0) return text.toLowerCase();
  const domain = text.slice(at + 1);
  return `${text.slice(0, at).toLowerCase()}@${normalizeHostname(domain) ?? domain.toLowerCase()}`;
}

/** Lists joined in order, each address once (case-insensitive); the first occurrence and its name win. */
export function mergeAddressLists(...lists: ReadonlyArray<readonly ParsedAddress[]>): ParsedAddress[] {
  const seen = new Set<string>();
  const out: ParsedAddress[] = [];
  for (const list of lists) {
    for (const entry of list) {
      const key = addressKey(entry.address);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ name: entry.name, address: entry.address });
    }
  }
  return out;
}
