import Mustache, { type TemplateSpans } from 'mustache';
import { refusal, type Refusal } from '../refusals';

/** A placeholder name: an identifier, so a flat name -> value map fills it (no dotted paths, no `.`). */
const PLACEHOLDER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Tags a standard text may hold: text, {{name}}, {{{name}}}/{{& name}}, sections, comments, delimiters. */
const ALLOWED_TAGS = new Set(['text', 'name', '&', '#', '^', '!', '=']);

/** Where a template is used, so a refusal can say "the subject template" or "the body template". */
export type TemplatePart = 'subject' | 'body';

export type ParsedTemplate = { ok: true; tokens: TemplateSpans } | { ok: false; refusal: Refusal };

function tagText(token: TemplateSpans[number]): string {
  const [type, value] = token;
  return type === 'name' ? `{{${value}}}` : `{{${type}${value}}}`;
}

function firstUnsupported(tokens: TemplateSpans): TemplateSpans[number] | null {
  for (const token of tokens) {
    const [type, value] = token;
    if (!ALLOWED_TAGS.has(type)) return token;
    if ((type === 'name' || type === '&' || type === '#' || type === '^') && !PLACEHOLDER_NAME.test(value)) return token;
    const children = (type === '#' || type === '^') && Array.isArray(token[4]) ? (token[4] as TemplateSpans) : [];
    const inner = firstUnsupported(children);
    if (inner) return inner;
  }
  return null;
}

/**
 * Mustache's tokens for a template, or a refusal a person can act on. Mustache throws on a malformed
 * template ("Unclosed tag at 10"); we turn that into a result so one bad standard text never crashes a
 * compose. Partials and dotted names are refused: standard texts are filled from a flat map.
 */
export function parseTemplate(template: string, part?: TemplatePart): ParsedTemplate {
  let tokens: TemplateSpans;
  try {
    tokens = Mustache.parse(template);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const offset = /at (\d+)/.exec(detail)?.[1];
    const position = offset === undefined ? '?' : Number(offset) + 1;
    return { ok: false, refusal: refusal('TEMPLATE_SYNTAX', { part: part ?? '', position, detail }) };
  }
  const unsupported = firstUnsupported(tokens);
  if (unsupported) return { ok: false, refusal: refusal('TEMPLATE_UNSUPPORTED_TAG', { part: part ?? '', tag: tagText(unsupported) }) };
  return { ok: true, tokens };
}
