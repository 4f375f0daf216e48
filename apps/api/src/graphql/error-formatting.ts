import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { LocalizedText } from '@maestro/settings-schema';
import type { RequestContext } from '../common/request-context';
import type { Logger } from '../common/logger';
import { UserFacingError } from '../common/user-facing-error';
import { databaseErrorCode, databaseUnavailable, isDatabaseUnavailable } from '../db/database-unavailable';
import { withoutEchoedValues } from './echo-free-errors';

/** Codes graphql-js and Apollo give to the caller's own mistakes: safe to show as they are. */
const CALLER_MISTAKES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST', 'QUERY_TOO_COMPLEX']);

function unwrap(error: unknown): unknown {
  const original = (error as { originalError?: unknown } | null)?.originalError;
  return original && original !== error ? unwrap(original) : error;
}

/** `Variable "$input" got invalid value ... at "input.smtp.port"; ...` -> `smtp.port` */
function fieldOfCoercionError(message: string): string {
  const variable = /Variable "\$(\w+)"/.exec(message)?.[1];
  const at = /at "([^"]+)"/.exec(message)?.[1];
  if (at && variable && at.startsWith(`${variable}.`)) return at.slice(variable.length + 1);
  return at ?? variable ?? 'input';
}

/**
 * Our errors keep both languages until the response is written; anything unexpected is replaced by
 * an error id that is logged, so no stack trace or internal detail reaches a client.
 */
export function formatErrorWith(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrap(error);
    if (original instanceof UserFacingError) {
      return { message: formatted.message, path: formatted.path, locations: formatted.locations, extensions: { ...formatted.extensions, localized: original.text } };
    }
    if (isDatabaseUnavailable(original)) {
      // Retryable, and said so: nothing was stored (or the answer would have been "ok").
      log.warn({ code: databaseErrorCode(original), path: formatted.path }, 'a request was refused: the database is unavailable');
      const refusal = databaseUnavailable();
      return { message: refusal.message, path: formatted.path, locations: formatted.locations, extensions: { ...refusal.extensions, localized: refusal.text } };
    }
    const code = String(formatted.extensions?.code ?? '');
    // Refused before the operation ran (the caller could not be looked up): already in the caller's language.
    if (code === 'DATABASE_UNAVAILABLE') return { message: formatted.message, extensions: { ...formatted.extensions, http: undefined } };
    if (CALLER_MISTAKES.has(code)) {
      const extensions = { ...formatted.extensions };
      delete extensions.stacktrace;
      // The caller's value is not repeated back: it may be a password sent with the wrong type.
      const message = withoutEchoedValues(formatted.message);
      if (code === 'BAD_USER_INPUT' && !extensions.fields) {
        extensions.fields = [{ field: fieldOfCoercionError(formatted.message), code: 'INVALID_VALUE', message: { fi: message, en: message } }];
      }
      return { message, locations: formatted.locations, path: formatted.path, extensions };
    }
    const errorId = randomUUID();
    log.error({ errorId, err: original }, 'unexpected error in a GraphQL operation');
    return {
      message: `Odottamaton virhe (tunnus ${errorId}). Yritä uudelleen; jos virhe toistuu, kerro tunnus ylläpidolle. / Unexpected error (id ${errorId}).`,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', errorId },
    };
  };
}

/** Pick the caller's language for every message in the response (Accept-Language; Finnish first). */
export function localizeErrorsPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          const lang = contextValue.language;
          response.body.singleResult.errors = response.body.singleResult.errors.map((err) => {
            const ext = { ...(err.extensions ?? {}) } as Record<string, unknown>;
            const localized = ext.localized as LocalizedText | undefined;
            delete ext.localized;
            if (Array.isArray(ext.fields)) {
              ext.fields = (ext.fields as Array<{ field: string; code: string; message: LocalizedText | string }>).map((f) => ({
                field: f.field,
                code: f.code,
                message: typeof f.message === 'string' ? f.message : f.message[lang],
              }));
            }
            return { ...err, message: localized ? localized[lang] : err.message, extensions: ext };
          });
        },
      };
    },
  };
}
