import { CombinedGraphQLErrors, ServerError, ServerParseError } from '@apollo/client/errors';
import type { Dictionary } from '../i18n/dictionary';

/** One problem with one field, as the API reports it (`extensions.fields`), in the request's language. */
export interface FieldError {
  /** Dotted path, e.g. `smtp.port`. */
  field: string;
  code: string;
  message: string;
}

function graphQLErrors(error: unknown) {
  return CombinedGraphQLErrors.is(error) ? error.errors : [];
}

/** The field problems of a BAD_USER_INPUT answer; empty for any other error. */
export function fieldErrorsOf(error: unknown): FieldError[] {
  return graphQLErrors(error).flatMap((e) => {
    if (e.extensions?.code !== 'BAD_USER_INPUT' || !Array.isArray(e.extensions.fields)) return [];
    return (e.extensions.fields as unknown[]).flatMap((f) => {
      const { field, code, message } = (f ?? {}) as Partial<FieldError>;
      return typeof field === 'string' && typeof message === 'string' ? [{ field, code: String(code ?? ''), message }] : [];
    });
  });
}

/**
 * What a person reads about a failed request. The API's own messages already say what is wrong and
 * what to do, in the language of the request; network trouble gets ours.
 */
export function messageOf(error: unknown, t: Dictionary): string {
  const errors = graphQLErrors(error);
  if (errors.length > 0) return errors.map((e) => e.message).join(' ');
  if (ServerError.is(error) || ServerParseError.is(error) || error instanceof TypeError) return t.errors.network;
  return t.errors.unexpected;
}
