import type { FieldError } from '../api/graphql-errors';

/** Messages shown beside fields: errors (client-side validation or the API's) and the API's warnings. */
export interface FieldMessages {
  errors: readonly FieldError[];
  warnings: readonly { field: string; code: string; message: string }[];
}

export const NO_MESSAGES: FieldMessages = { errors: [], warnings: [] };

export function errorsAt(messages: FieldMessages, path: string): string[] {
  return messages.errors.filter((e) => e.field === path).map((e) => e.message);
}

export function warningsAt(messages: FieldMessages, path: string): string[] {
  return messages.warnings.filter((w) => w.field === path).map((w) => w.message);
}

/** The messages of a nested block (`smtp.port` -> `port`), for a component that knows only its own paths. */
export function scoped(messages: FieldMessages, prefix: string): FieldMessages {
  const strip = <T extends { field: string }>(list: readonly T[]) =>
    list.filter((m) => m.field.startsWith(`${prefix}.`)).map((m) => ({ ...m, field: m.field.slice(prefix.length + 1) }));
  return { errors: strip(messages.errors), warnings: strip(messages.warnings) };
}

export function hasMessagesUnder(messages: FieldMessages, paths: readonly string[]): boolean {
  return [...messages.errors, ...messages.warnings].some((m) => paths.includes(m.field));
}

/** A nested block's changed paths as the record's (`port` -> `smtp.port`). */
export function prefixed(prefix: string, changed: string | readonly string[]): string[] {
  return (typeof changed === 'string' ? [changed] : changed).map((path) => `${prefix}.${path}`);
}
