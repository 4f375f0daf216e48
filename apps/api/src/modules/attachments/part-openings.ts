const CRLF = Buffer.from('\r\n');
const DASH = 0x2d;

/**
 * Counts the parts a multipart body opens (`--boundary` at the start of a line, not followed by `--`),
 * chunk by chunk as the body streams past. Busboy skips a part whose Content-Disposition it cannot
 * read without a word: a file named `hinnat\` arrives from a browser as `filename="hinnat\"`, a quoted
 * string that never ends. The upload compares this count with the parts busboy reported, so such a
 * file is refused instead of dropped while the others are stored.
 */
export class PartOpenings {
  private readonly delimiter: Buffer;
  // The body's first line has no CRLF before it: start as if one had just passed.
  private carry: Buffer = CRLF;
  private opened = 0;

  constructor(boundary: string) {
    this.delimiter = Buffer.from(`\r\n--${boundary}`);
  }

  get count(): number {
    return this.opened;
  }

  push(chunk: Buffer): void {
    const data = Buffer.concat([this.carry, chunk]);
    let from = 0;
    let keep: number;
    for (;;) {
      const at = data.indexOf(this.delimiter, from);
      if (at === -1) {
        // A delimiter may begin in the last bytes and end in the next chunk.
        keep = Math.max(from, data.length - this.delimiter.length - 1);
        break;
      }
      const after = at + this.delimiter.length;
      // The two bytes after it tell an opening from the closing `--`: wait for them.
      if (after + 2 > data.length) {
        keep = at;
        break;
      }
      if (data[after] !== DASH || data[after + 1] !== DASH) this.opened += 1;
      from = after;
    }
    this.carry = Buffer.from(data.subarray(keep));
  }
}
