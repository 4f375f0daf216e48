// Recipients as chips: what the user typed or pasted, cut into one chip per address (or phone
// number), each valid or red with the reason. The parsing is settings-schema's, the server's own rules.
import { PROBLEM_MESSAGES, formatAddress, parseAddressList, type LocalizedText } from '@maestro/settings-schema';

export interface Chip {
  /** Stable React key. */
  key: string;
  /** As shown on the chip: the formatted address, the E.164 number, or the piece as typed when invalid. */
  label: string;
  /** What is sent: the formatted address or the E.164 number; the piece as typed when invalid. */
  value: string;
  /** Why the piece is not a recipient; null for a valid chip. */
  problem: LocalizedText | null;
}

/** Turns a text into chips. */
export type ChipParser = (text: string) => Chip[];

let counter = 0;
const nextKey = () => `chip-${++counter}`;

export function validChip(label: string, value = label): Chip {
  return { key: nextKey(), label, value, problem: null };
}

export function invalidChip(piece: string, problem: LocalizedText): Chip {
  return { key: nextKey(), label: piece, value: piece, problem };
}

/**
 * The seed's "several addresses separated by ; or ,": `a@x.fi; "Virtanen, Matti" <m@y.fi>, c@z.fi`
 * is three chips. parseAddressList reports the bad pieces only when any is bad, so those are taken out
 * and the rest is parsed again; the chips keep the order they were typed in.
 */
export const parseAddressChips: ChipParser = (text) => {
  if (text.trim() === '') return [];
  const first = parseAddressList(text);
  if (first.ok) return first.addresses.map((a) => validChip(formatAddress(a)));

  let rest = text;
  const placed: { at: number; chip: Chip }[] = [];
  for (const error of first.errors) {
    const at = rest.indexOf(error.piece);
    placed.push({ at: at < 0 ? text.length : text.indexOf(error.piece), chip: invalidChip(error.piece, PROBLEM_MESSAGES[error.code]({ piece: error.piece })) });
    if (at >= 0) rest = `${rest.slice(0, at)}${' '.repeat(error.piece.length)}${rest.slice(at + error.piece.length)}`;
  }
  const second = parseAddressList(rest);
  if (second.ok) {
    for (const address of second.addresses) placed.push({ at: Math.max(0, text.indexOf(address.address)), chip: validChip(formatAddress(address)) });
  } else if (rest.trim().replace(/[;,\s]/g, '') !== '') {
    // What is left cannot be told apart (a line break, say): one red chip rather than losing it.
    placed.push({ at: 0, chip: invalidChip(rest.trim(), PROBLEM_MESSAGES.INVALID_ADDRESS({ piece: rest.trim() })) });
  }
  return placed.sort((a, b) => a.at - b.at).map((p) => p.chip);
};

/** Adds chips, leaving out a recipient that is already there (case-insensitively). */
export function addChips(existing: readonly Chip[], added: readonly Chip[]): Chip[] {
  const out = [...existing];
  for (const chip of added) if (!out.some((c) => c.value.toLowerCase() === chip.value.toLowerCase())) out.push(chip);
  return out;
}

/**
 * Where the text typed so far can be cut into chips: after the last `;` or `,` that is not inside
 * quotes or angle brackets. -1 when there is none.
 */
export function lastSeparator(text: string): number {
  let last = -1;
  let quoted = false;
  let angle = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && quoted) i++;
    else if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '<') angle++;
    else if (!quoted && ch === '>') angle = Math.max(0, angle - 1);
    else if (!quoted && angle === 0 && (ch === ';' || ch === ',')) last = i;
  }
  return last;
}
