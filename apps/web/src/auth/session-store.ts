import { useSyncExternalStore } from 'react';
import { print } from 'graphql';
import { RefreshSessionMutation } from './auth.operations';

/** The playground reads the same key, so a logged-in tab can try the API without pasting a token. */
export const SESSION_STORAGE_KEY = 'maestro.session';

/** A token is renewed from the refresh cookie this long before it runs out. */
const RENEW_BEFORE_MS = 60_000;

export interface Session {
  token: string;
  /** ISO date-time from the login response. */
  expiresAt: string;
}

export type SessionEnd = 'logout' | 'expired';

interface State {
  session: Session | null;
  /** Why the last session ended, so the login page can say so. */
  ended: SessionEnd | null;
  /** A new tab is asking the API for the browser's session (the refresh cookie). */
  restoring: boolean;
}

type Listener = () => void;
const listeners = new Set<Listener>();
let state: State | null = null;
let renewing: Promise<Session | null> | null = null;

function read(): Session | null {
  try {
    const parsed = JSON.parse(window.sessionStorage.getItem(SESSION_STORAGE_KEY) ?? 'null') as Partial<Session> | null;
    if (!parsed || typeof parsed.token !== 'string' || typeof parsed.expiresAt !== 'string') return null;
    return Date.parse(parsed.expiresAt) > Date.now() ? { token: parsed.token, expiresAt: parsed.expiresAt } : null;
  } catch {
    return null;
  }
}

function current(): State {
  state ??= { session: read(), ended: null, restoring: false };
  return state;
}

function emit(next: State) {
  state = next;
  listeners.forEach((listener) => listener());
}

/**
 * A new access token from the browser's httpOnly refresh cookie (which no script can read): null when
 * the browser has no session, or it ended (logout, a password change). One request at a time.
 */
function renewFromCookie(): Promise<Session | null> {
  renewing ??= (async () => {
    try {
      const response = await fetch('/graphql', {
        method: 'POST',
        credentials: 'same-origin',
        // The API's CSRF prevention wants this header (or JSON) of every request, the refresh included.
        headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
        body: JSON.stringify({ query: print(RefreshSessionMutation) }),
      });
      const body = (await response.json()) as { data?: { refreshSession?: Session | null } | null };
      const session = body.data?.refreshSession;
      return session && typeof session.token === 'string' ? { token: session.token, expiresAt: session.expiresAt } : null;
    } catch {
      return null;
    } finally {
      renewing = null;
    }
  })();
  return renewing;
}

/**
 * The login token of this tab, kept in sessionStorage (it dies with the tab) and renewed from the
 * refresh cookie before it runs out. A new tab of a signed-in browser gets its own token from the
 * cookie (`restore`), so the ERP can open a document in a new tab without asking for a login again.
 * Outside React so the Apollo link reads it for each request.
 */
export const sessionStore = {
  get: (): State => current(),
  token(): string | null {
    const { session } = current();
    if (session && Date.parse(session.expiresAt) <= Date.now()) {
      sessionStore.end('expired');
      return null;
    }
    return session?.token ?? null;
  },
  /** The token for the next request: renewed from the cookie when it is about to run out. */
  async freshToken(): Promise<string | null> {
    const { session } = current();
    if (!session || Date.parse(session.expiresAt) - Date.now() > RENEW_BEFORE_MS) return sessionStore.token();
    const renewed = await renewFromCookie();
    // Without a cookie session (ended elsewhere) the token still counts until it runs out.
    if (renewed && current().session) sessionStore.start(renewed);
    return sessionStore.token();
  },
  /** A tab without a token asks for the browser's session; the login page waits for the answer. */
  async restore(): Promise<void> {
    if (current().session || current().restoring) return;
    emit({ ...current(), restoring: true });
    const session = await renewFromCookie();
    if (session && !current().session) sessionStore.start(session);
    else emit({ ...current(), restoring: false });
  },
  start(session: Session): void {
    window.sessionStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
    emit({ session, ended: null, restoring: false });
  },
  end(reason: SessionEnd): void {
    window.sessionStorage.removeItem(SESSION_STORAGE_KEY);
    if (current().session === null && current().ended === reason) return;
    emit({ session: null, ended: reason, restoring: false });
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Tests start logged out. */
  reset(): void {
    state = null;
    renewing = null;
  },
};

export function useSessionState(): State {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
}
