import { useSyncExternalStore } from 'react';

/** The playground reads the same key, so a logged-in tab can try the API without pasting a token. */
export const SESSION_STORAGE_KEY = 'maestro.session';

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
}

type Listener = () => void;
const listeners = new Set<Listener>();
let state: State | null = null;

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
  state ??= { session: read(), ended: null };
  return state;
}

function emit(next: State) {
  state = next;
  listeners.forEach((listener) => listener());
}

/**
 * The login token, kept in sessionStorage (it dies with the tab). Outside React so the Apollo link
 * reads it for each request.
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
  start(session: Session): void {
    window.sessionStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
    emit({ session, ended: null });
  },
  end(reason: SessionEnd): void {
    window.sessionStorage.removeItem(SESSION_STORAGE_KEY);
    if (current().session === null && current().ended === reason) return;
    emit({ session: null, ended: reason });
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Tests start logged out. */
  reset(): void {
    state = null;
  },
};

export function useSessionState(): State {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
}
