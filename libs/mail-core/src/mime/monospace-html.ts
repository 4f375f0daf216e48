const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] as string);
}

/** The plain-text body, escaped, in a monospace block: what the customer's mail program shows. */
export function monospaceHtml(text: string): string {
  return (
    '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>' +
    '<pre style="font-family: Consolas, \'Courier New\', monospace; font-size: 13px; white-space: pre-wrap; margin: 0">' +
    escapeHtml(text) +
    '</pre></body></html>'
  );
}
