import { afterEach, describe, expect, it, vi } from 'vitest';
import { Route, Routes } from 'react-router-dom';
import { AppRoutes } from '../app/app';
import { USER, meAnswer } from '../test/fixtures';
import { renderWithApp, screen } from '../test/test-client';
import { SESSION_STORAGE_KEY, sessionStore } from './session-store';

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

/** The API's answer to refreshSession, as the browser's fetch sees it (the cookie travels by itself). */
function refreshAnswers(...answers: Array<{ token: string; expiresAt: string } | null>) {
  const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => {
    const session = answers.length > 1 ? answers.shift() : answers[0];
    const body = session
      ? { data: { refreshSession: { __typename: 'Session', ...session } } }
      : { data: null, errors: [{ message: 'Istuntoa ei ole tai se on päättynyt', extensions: { code: 'UNAUTHENTICATED', reason: 'SESSION_ENDED' } }] };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a new tab of a signed-in browser', () => {
  it('takes the session from the refresh cookie, asking as the API requires (JSON, preflight header, same-origin cookie)', async () => {
    const fetchMock = refreshAnswers({ token: 'new-tab-token', expiresAt: inMinutes(15) });
    await sessionStore.restore();
    expect(sessionStore.get().session).toEqual({ token: 'new-tab-token', expiresAt: expect.any(String) });
    expect(JSON.parse(window.sessionStorage.getItem(SESSION_STORAGE_KEY) ?? '{}')).toMatchObject({ token: 'new-tab-token' });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/graphql');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' } });
    expect(String(init?.body)).toContain('refreshSession');
  });

  it('opens the page it was sent to without asking for a login', async () => {
    refreshAnswers({ token: 'new-tab-token', expiresAt: inMinutes(15) });
    const restored = sessionStore.restore();
    const { callsOf } = renderWithApp(
      <Routes>
        <Route path="/*" element={<AppRoutes />} />
      </Routes>,
      { session: false, route: '/', handlers: { Me: () => ({ data: meAnswer(USER) }) } },
    );
    await restored;
    expect(await screen.findByRole('heading', { level: 1, name: 'Tervetuloa, Maija Myyjä' })).toBeTruthy();
    expect(callsOf('Me')[0]?.headers.authorization).toBe('Bearer new-tab-token');
    expect(screen.queryByLabelText('Käyttäjätunnus')).toBeNull();
  });

  it('shows the login, without an "expired" notice, when the browser has no session', async () => {
    refreshAnswers(null);
    const restored = sessionStore.restore();
    renderWithApp(<AppRoutes />, { session: false, route: '/' });
    await restored;
    expect(await screen.findByRole('heading', { name: 'Kirjaudu sisään' })).toBeTruthy();
    expect(screen.queryByText('Istunto on päättynyt: kirjaudu uudelleen.')).toBeNull();
  });
});

describe('a token about to run out', () => {
  it('is renewed from the cookie before the request goes, once for requests at the same moment', async () => {
    const fetchMock = refreshAnswers({ token: 'renewed', expiresAt: inMinutes(15) });
    sessionStore.start({ token: 'old', expiresAt: inMinutes(0.5) });
    const tokens = await Promise.all([sessionStore.freshToken(), sessionStore.freshToken()]);
    expect(tokens).toEqual(['renewed', 'renewed']);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('is used as it is while it has time left', async () => {
    const fetchMock = refreshAnswers({ token: 'renewed', expiresAt: inMinutes(15) });
    sessionStore.start({ token: 'current', expiresAt: inMinutes(10) });
    expect(await sessionStore.freshToken()).toBe('current');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('counts until it runs out when the cookie session has ended (logged out in another tab)', async () => {
    refreshAnswers(null);
    sessionStore.start({ token: 'last', expiresAt: inMinutes(0.5) });
    expect(await sessionStore.freshToken()).toBe('last');
  });
});
