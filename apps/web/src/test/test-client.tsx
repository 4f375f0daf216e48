import type { ReactElement, ReactNode } from 'react';
import { MemoryRouter } from 'react-router-dom';
import { Observable } from 'rxjs';
import { ApolloLink } from '@apollo/client';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { GraphQLFormattedError } from 'graphql';
import { createApolloClient } from '../api/apollo-client';
import { AppProviders } from '../app/app';
import { MeContext, type Me } from '../auth/me-context';
import { sessionStore } from '../auth/session-store';
import { languageStore } from '../i18n/language-store';

export interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: GraphQLFormattedError[];
}

/** Answers one operation; variables as sent. */
export type Handler = (variables: Record<string, unknown>) => GraphQLAnswer | Promise<GraphQLAnswer>;

export interface RecordedCall {
  operationName: string;
  variables: Record<string, unknown>;
  headers: Record<string, string>;
}

/**
 * The network replaced by handlers per operation name; everything above it (headers, cache, error
 * handling) is the app's real Apollo client. An operation without a handler fails the test.
 */
export function createTestLink(handlers: Record<string, Handler>) {
  const calls: RecordedCall[] = [];
  const link = new ApolloLink(
    (operation) =>
      new Observable((observer) => {
        const operationName = operation.operationName ?? '';
        const variables = structuredClone(operation.variables) as Record<string, unknown>;
        calls.push({ operationName, variables, headers: { ...(operation.getContext().headers as Record<string, string>) } });
        const handler = handlers[operationName];
        if (!handler) {
          observer.error(new Error(`The test has no handler for ${operationName}`));
          return;
        }
        Promise.resolve()
          .then(() => handler(variables))
          .then(
            (answer) => {
              observer.next(answer as ApolloLink.Result);
              observer.complete();
            },
            (error: unknown) => observer.error(error),
          );
      }),
  );
  return { link, calls, callsOf: (name: string) => calls.filter((c) => c.operationName === name) };
}

export interface RenderOptions {
  handlers?: Record<string, Handler>;
  route?: string;
  /** Logged in (a token in the session store); true unless said otherwise. */
  session?: boolean;
  /** Provides the signed-in user for screens that read it. */
  me?: Me;
}

/** Renders inside the app's providers with a test network, a memory router and a user-event session. */
export function renderWithApp(ui: ReactElement, { handlers = {}, route = '/', session = true, me }: RenderOptions = {}) {
  if (session) sessionStore.start({ token: 'test-token', expiresAt: new Date(Date.now() + 3600_000).toISOString() });
  const network = createTestLink(handlers);
  const client = createApolloClient({
    getToken: () => sessionStore.token(),
    getLanguage: () => languageStore.get(),
    onUnauthenticated: () => sessionStore.end('expired'),
    terminatingLink: network.link,
  });
  const withMe = (node: ReactNode) => (me ? <MeContext.Provider value={me}>{node}</MeContext.Provider> : node);
  const user = userEvent.setup();
  const result = render(
    <AppProviders client={client}>
      <MemoryRouter initialEntries={[route]}>{withMe(ui)}</MemoryRouter>
    </AppProviders>,
  );
  return { ...result, ...network, client, user };
}

/** The text that describes a control (its validation message and hint), as a screen reader reads it. */
export function descriptionOf(element: HTMLElement): string {
  const ids = (element.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

/** The write-only secret shown as "asetettu" with its buttons (a group named by its label). */
export function secretGroup(label: string) {
  return screen.getByRole('group', { name: label });
}

export { screen, within };
