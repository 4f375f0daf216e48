import type { TemplateSpans } from 'mustache';
import type { Refusal } from '../refusals';
import { parseTemplate, type TemplatePart } from './parse-template';

export type PlaceholderList = { ok: true; names: string[] } | { ok: false; refusal: Refusal };

function collect(tokens: TemplateSpans, names: Set<string>): void {
  for (const token of tokens) {
    const [type, name] = token;
    if (type === 'name' || type === '&' || type === '#' || type === '^') names.add(name);
    if (Array.isArray(token[4])) collect(token[4] as TemplateSpans, names);
  }
}

/** Every placeholder and section name in a template, in order of appearance, each once. */
export function listPlaceholders(template: string, part?: TemplatePart): PlaceholderList {
  const parsed = parseTemplate(template, part);
  if (!parsed.ok) return parsed;
  const names = new Set<string>();
  collect(parsed.tokens, names);
  return { ok: true, names: [...names] };
}
