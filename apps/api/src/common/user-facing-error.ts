import { GraphQLError } from 'graphql';
import type { LocalizedText, Problem } from '@maestro/settings-schema';

/** The codes a client may branch on, each with the GraphQL `extensions.code` it travels as. */
export const ERROR_CODES = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  LOGIN_FAILED: 'UNAUTHENTICATED',
  LOGIN_THROTTLED: 'TOO_MANY_REQUESTS',
  CONFLICT: 'CONFLICT',
  REFUSED: 'REFUSED',
  /** Retryable: the database could not store the request (nothing was saved). */
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldProblem {
  field: string;
  code: string;
  message: LocalizedText;
}

/**
 * An error a person reads: it carries its text in Finnish and English, and the response plugin picks
 * the caller's language. `reason` is the stable sub-code (e.g. SEND_LATER_RETIRED).
 */
export class UserFacingError extends GraphQLError {
  constructor(
    readonly errorCode: ErrorCode,
    readonly text: LocalizedText,
    options: { reason?: string; fields?: FieldProblem[]; extra?: Record<string, unknown> } = {},
  ) {
    super(text.en, {
      extensions: {
        code: ERROR_CODES[errorCode],
        ...(options.reason ? { reason: options.reason } : {}),
        ...(options.fields ? { fields: options.fields } : {}),
        ...options.extra,
      },
    });
  }
}

export function badInput(problems: readonly Problem[], pathPrefix = ''): UserFacingError {
  const fields = problems.map((p) => ({ field: pathPrefix && p.path ? `${pathPrefix}.${p.path}` : p.path || pathPrefix, code: p.code, message: p.message }));
  const text =
    fields.length === 1
      ? { fi: `${fields[0]?.field}: ${fields[0]?.message.fi}`, en: `${fields[0]?.field}: ${fields[0]?.message.en}` }
      : { fi: `Tiedoissa on ${fields.length} virhettä: korjaa merkityt kentät.`, en: `The input has ${fields.length} problems: correct the marked fields.` };
  return new UserFacingError('BAD_USER_INPUT', text, { fields, reason: fields.length === 1 ? fields[0]?.code : 'INVALID_FIELDS' });
}

export function notFound(what: LocalizedText): UserFacingError {
  return new UserFacingError('NOT_FOUND', { fi: `${what.fi} ei löytynyt.`, en: `${what.en} was not found.` });
}

export function forbidden(): UserFacingError {
  return new UserFacingError('FORBIDDEN', {
    fi: 'Sinulla ei ole oikeutta tähän toimintoon. Pyydä pääkäyttäjää tekemään se.',
    en: 'You are not allowed to do this. Ask an administrator.',
  });
}

export function unauthenticated(): UserFacingError {
  return new UserFacingError('UNAUTHENTICATED', {
    fi: 'Kirjaudu sisään: pyynnöstä puuttuu voimassa oleva tunniste (Authorization: Bearer …).',
    en: 'Log in: the request has no valid token (Authorization: Bearer …).',
  });
}
