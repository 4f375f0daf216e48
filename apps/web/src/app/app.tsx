import { StrictMode, useEffect, useMemo, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { ApolloProvider } from '@apollo/client/react';
import type { ApolloClient } from '@apollo/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createApolloClient } from '../api/apollo-client';
import { LoginPage } from '../auth/login-page';
import { sessionStore, useSessionState } from '../auth/session-store';
import { languageStore } from '../i18n/language-store';
import { useLanguage } from '../i18n/i18n';
import { AppShell } from './app-shell';

/** The routes of the add-in: the login page, and everything else behind a session. */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/*" element={<AppShell />} />
    </Routes>
  );
}

/** Apollo, Fluent and the session, shared by the app and the tests (which bring their own client and router). */
export function AppProviders({ client, children }: { client: ApolloClient; children: ReactNode }) {
  const language = useLanguage();
  const { session } = useSessionState();
  useEffect(() => {
    // Whatever the last user saw must not show through to the next one.
    if (!session) void client.clearStore();
  }, [client, session]);
  return (
    <ApolloProvider client={client}>
      <FluentProvider theme={webLightTheme} lang={language}>
        {children}
      </FluentProvider>
    </ApolloProvider>
  );
}

export function App() {
  const client = useMemo(
    () =>
      createApolloClient({
        getToken: () => sessionStore.freshToken(),
        getLanguage: () => languageStore.get(),
        onUnauthenticated: () => sessionStore.end('expired'),
      }),
    [],
  );
  return (
    <StrictMode>
      <AppProviders client={client}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AppProviders>
    </StrictMode>
  );
}
