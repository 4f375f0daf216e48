import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import type { UiLanguage } from '../i18n/dictionary';

export interface ApolloClientOptions {
  /** The bearer token for this request, or null when logged out (renewed first when it is about to run out). */
  getToken: () => string | null | Promise<string | null>;
  getLanguage: () => UiLanguage;
  /** The API no longer accepts the token (expired, user deactivated): end the session. */
  onUnauthenticated: () => void;
  /** Tests replace the network; the app talks to the same origin. */
  terminatingLink?: ApolloLink;
}

interface MessagePage {
  nodes: readonly unknown[];
  pageInfo: unknown;
  totalCount: number;
}

/**
 * Settings records have no id: each is one per company (or per user), so they are cached as
 * singletons and a mutation's answer replaces what the query showed; its warnings replace the old ones.
 * Messages are cached by id, so a poll of one message updates every list that shows it; the pages of
 * `messages` ("Lisää") are one list per filter.
 */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          messages: {
            keyArgs: ['filter'],
            merge(existing: MessagePage | undefined, incoming: MessagePage, { args }) {
              // A first page (a new search, a refresh) replaces; a page after a cursor is appended.
              if (!existing || !args?.after) return incoming;
              return { ...incoming, nodes: [...existing.nodes, ...incoming.nodes] };
            },
          },
          message: {
            // A message already in the cache (from a list, a send) is read from there first.
            read: (existing, { args, toReference }) => existing ?? (typeof args?.id === 'string' ? toReference({ __typename: 'OutboundMessage', id: args.id }) : undefined),
          },
        },
      },
      Me: { keyFields: [] },
      CompanyMessageSettingsType: { keyFields: [], fields: { warnings: { merge: false } } },
      SmsSettingsType: { keyFields: [], fields: { warnings: { merge: false } } },
      UserMailSettingsType: { keyFields: ['userId'], fields: { warnings: { merge: false } } },
      ModuleSendPolicyType: { keyFields: ['source'] },
      // Kokeile nyt answers the account it probed: its row in Lähetystilit updates from the cache.
      SendingAccount: { keyFields: ['accountKey'] },
      SmtpAccountType: { keyFields: false, merge: true },
      SettingsWarning: { keyFields: false },
    },
  });
}

/** `login` refuses wrong passwords with UNAUTHENTICATED too; that is not a session ending. */
const OPERATIONS_WITHOUT_SESSION = new Set(['Login']);

export function createApolloClient(options: ApolloClientOptions): ApolloClient {
  const headers = new SetContextLink(async (previous) => {
    const token = await options.getToken();
    return {
      headers: {
        ...previous.headers,
        // Apollo Server's CSRF prevention refuses requests without it.
        'apollo-require-preflight': 'true',
        'accept-language': options.getLanguage(),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    };
  });
  const sessionEnded = new ErrorLink(({ error, operation }) => {
    if (OPERATIONS_WITHOUT_SESSION.has(operation.operationName ?? '')) return;
    if (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) options.onUnauthenticated();
  });
  const network = options.terminatingLink ?? new HttpLink({ uri: '/graphql' });
  return new ApolloClient({ link: ApolloLink.from([sessionEnded, headers, network]), cache: createCache() });
}
