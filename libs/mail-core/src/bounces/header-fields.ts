/** One header-style field: its name in lower case, its value unfolded onto one line. */
export interface Field {
  name: string;
  value: string;
}

/**
 * Reads a block of RFC 5322-style fields (a header block, or one group of a delivery-status body):
 * continuation lines are joined, lines without a colon skipped. `maxFields` bounds the work on a
 * hostile block.
 */
export function parseFields(block: string, maxFields = 500): Field[] {
  const fields: Field[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (/^[ \t]/.test(line)) {
      const last = fields[fields.length - 1];
      if (last) last.value = `${last.value} ${line.trim()}`.trim();
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    if (fields.length >= maxFields) break;
    fields.push({ name: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim() });
  }
  return fields;
}

/** Splits a delivery-status body into its groups (per-message first, then one per recipient). */
export function fieldGroups(body: string): Field[][] {
  return body
    .split(/\r?\n[ \t]*\r?\n/)
    .map((group) => parseFields(group))
    .filter((group) => group.length > 0);
}

/** The header block of a message or of returned headers: everything up to the first empty line. */
export function headerBlock(text: string): string {
  const match = /\r?\n\r?\n/.exec(text);
  return match ? text.slice(0, match.index) : text;
}

/** The first value of a field, or undefined. */
export function fieldValue(fields: readonly Field[], name: string): string | undefined {
  return fields.find((f) => f.name === name)?.value;
}

/** A Message-ID as `<...>`, from a header value that may carry comments or miss its brackets. */
export function messageIdOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const bracketed = /<([^<>\s]+)>/.exec(value)?.[1];
  const bare = bracketed ?? /^\s*([^<>\s]+@[^<>\s]+)\s*$/.exec(value)?.[1];
  return bare ? `<${bare}>` : undefined;
}

/** RFC 3461 xtext: "+HH" stands for the byte HH. */
export function decodeXtext(value: string): string {
  return value.replace(/\+([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
