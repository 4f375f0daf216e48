/**
 * Bidirectional-text controls: embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069)
 * and the direction marks. In a file name they make `Lasku‮fdp.exe` read as `Laskuexe.pdf`.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** True when the text holds a bidirectional-text control. */
export function hasBidiControls(text: string): boolean {
  return new RegExp(BIDI_CONTROLS.source, 'u').test(text);
}

/**
 * The text with every bidirectional-text control shown as `[U+202E]`, so a name reads in the order
 * its characters really are: how file names are shown to people (the names themselves are kept).
 */
export function showBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, (ch) => `[U+${(ch.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}]`);
}
