import Mustache, { type TemplateSpans } from 'mustache';
import type { Refusal } from '../refusals';
import { parseTemplate, type TemplatePart } from './parse-template';

/** Placeholder name -> value, e.g. `{ documentNumber: '10023', customerName: 'Virtanen Oy' }`. */
export type TemplateVariables = Readonly<Record<string, string>>;

export type FilledTemplate = { ok: true; text: string; missing: string[] } | { ok: false; refusal: Refusal };

/** Plain text goes out as is: `R&D <myynti>` must not become `R&amp;D &lt;myynti&gt;`. */
const PLAIN_TEXT = { escape: (value: unknown) => String(value) };

/** Line breaks that would split a header, or that mail programs show as one (NEL, LS, PS). */
const LINE_BREAKS = /[ \t]*[\r\n\u0085\u2028\u2029]+[ \t]*/g;

function valueOf(variables: TemplateVariables, name: string): string | undefined {
  // Own properties only: `{{constructor}}` must not be filled from Object.prototype.
  return Object.prototype.hasOwnProperty.call(variables, name) ? variables[name] : undefined;
}

function hasValue(variables: TemplateVariables, name: string): boolean {
  return (valueOf(variables, name) ?? '').trim() !== '';
}

function children(token: TemplateSpans[number]): TemplateSpans {
  return Array.isArray(token[4]) ? (token[4] as TemplateSpans) : [];
}

/**
 * The placeholders that would render without a value, in order. A section ({{#trackingUrl}}...) is
 * the template's own way to say "optional": its name is never missing, and what is inside a section
 * that does not render cannot be missing either.
 */
function collectMissing(tokens: TemplateSpans, variables: TemplateVariables, missing: Set<string>, sections: Set<string>): void {
  for (const token of tokens) {
    const [type, name] = token;
    if (type === 'name' || type === '&') {
      if (!hasValue(variables, name)) missing.add(name);
    } else if (type === '#' || type === '^') {
      sections.add(name);
      if (hasValue(variables, name) === (type === '#')) collectMissing(children(token), variables, missing, sections);
    }
  }
}

/**
 * Fills a standard text's placeholders. A placeholder without a value is listed in `missing` and left
 * visible in the text as `{{name}}`, so the person editing the draft sees where something is lacking
 * (the API decides whether a SEND_NOW draft with missing values may go). A name used as a section
 * stays falsy instead, so its optional block is skipped. Never throws on a malformed template.
 */
export function fillTemplate(template: string, variables: TemplateVariables, part?: TemplatePart): FilledTemplate {
  const parsed = parseTemplate(template, part);
  if (!parsed.ok) return parsed;
  const missing = new Set<string>();
  const sections = new Set<string>();
  collectMissing(parsed.tokens, variables, missing, sections);

  const view: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(variables)) view[name] = value;
  for (const name of missing) if (!sections.has(name)) view[name] = `{{${name}}}`;
  for (const name of sections) if (!hasValue(variables, name)) view[name] = '';

  const text = Mustache.render(template, view, {}, PLAIN_TEXT);
  return { ok: true, text, missing: [...missing] };
}

/**
 * A subject stays one line: a value holding CR/LF (a customer name copied from an address field) is
 * flattened to single spaces rather than refused, because the break is never meaningful in a subject
 * and refusing would block a send over cosmetics. This is also the header-injection guard.
 */
export function fillSubject(template: string, variables: TemplateVariables): FilledTemplate {
  const filled = fillTemplate(template, variables, 'subject');
  if (!filled.ok) return filled;
  return { ...filled, text: filled.text.replace(LINE_BREAKS, ' ').trim() };
}
