import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, visit, type DocumentNode } from 'graphql';
import type { RequestContext } from '../common/request-context';
import { UserFacingError } from '../common/user-facing-error';
import { withoutSuggestions } from './echo-free-errors';

/** True when the operation asks for the schema itself (`__schema`, `__type`); `__typename` is no such question. */
export function asksForSchema(document: DocumentNode): boolean {
  let asks = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        asks = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return asks;
}

const SIGN_IN_FOR_SCHEMA = () =>
  new UserFacingError(
    'UNAUTHENTICATED',
    {
      fi: 'Rajapinnan kuvaus (introspektio) näytetään vain kirjautuneelle: kirjaudu sisään ja lähetä tunniste (Authorization: Bearer …).',
      en: 'The schema (introspection) is shown to signed-in callers only: log in and send the token (Authorization: Bearer …).',
    },
    { reason: 'INTROSPECTION_NEEDS_LOGIN', extra: { http: { status: 401 } } },
  );

/**
 * Introspection and field suggestions for signed-in callers only: an anonymous caller learns nothing
 * of the schema beyond `login` — no list of operations, no "Did you mean …?" to guess names with.
 * (The playground's own introspection runs with the caller's token.)
 */
export function introspectionForSignedInPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (!contextValue.caller && asksForSchema(document)) throw SIGN_IN_FOR_SCHEMA();
        },
        async willSendResponse({ response, contextValue }) {
          if (contextValue.caller || response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map((err) => ({ ...err, message: withoutSuggestions(err.message) }));
        },
      };
    },
  };
}
