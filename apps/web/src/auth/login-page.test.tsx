import { describe, expect, it } from 'vitest';
import { waitFor } from '@testing-library/react';
import { AppRoutes } from '../app/app';
import { USER, meAnswer } from '../test/fixtures';
import { renderWithApp, screen, type Handler } from '../test/test-client';
import { SESSION_STORAGE_KEY } from './session-store';

const EXPIRES = new Date(Date.now() + 8 * 3600_000).toISOString();

function renderLogin(login: Handler, extra: Record<string, Handler> = {}) {
  return renderWithApp(<AppRoutes />, {
    session: false,
    route: '/login',
    handlers: { Login: login, Me: () => ({ data: meAnswer(USER) }), ...extra },
  });
}

async function fillIn(user: ReturnType<typeof renderLogin>['user'], username: string, password: string) {
  await user.type(screen.getByLabelText('Käyttäjätunnus'), username);
  await user.type(screen.getByLabelText('Salasana'), password);
  await user.click(screen.getByRole('button', { name: 'Kirjaudu' }));
}

describe('Kirjaudu sisään', () => {
  it('logs in with username and password and keeps the token in sessionStorage', async () => {
    const { user, callsOf } = renderLogin(() => ({ data: { login: { __typename: 'Session', token: 'jwt-token', expiresAt: EXPIRES } } }));
    expect(screen.getByRole('heading', { name: 'Kirjaudu sisään' })).toBeTruthy();
    await fillIn(user, 'myyja', 'oikea-salasana');
    await screen.findByRole('heading', { level: 1, name: 'Tervetuloa, Maija Myyjä' });
    expect(callsOf('Login')[0]?.variables).toEqual({ username: 'myyja', password: 'oikea-salasana' });
    expect(JSON.parse(window.sessionStorage.getItem(SESSION_STORAGE_KEY) ?? '{}')).toMatchObject({ token: 'jwt-token' });
  });

  it('sends the token it got as Authorization with the next request', async () => {
    const { user, callsOf } = renderLogin(() => ({ data: { login: { __typename: 'Session', token: 'jwt-token', expiresAt: EXPIRES } } }));
    await fillIn(user, 'myyja', 'oikea-salasana');
    await waitFor(() => expect(callsOf('Me')).toHaveLength(1));
    expect(callsOf('Me')[0]?.headers.authorization).toBe('Bearer jwt-token');
  });

  it("shows the API's refusal of a wrong password and stays on the login page", async () => {
    const { user } = renderLogin(() => ({
      data: null,
      errors: [{ message: 'Käyttäjätunnus tai salasana on väärin.', extensions: { code: 'UNAUTHENTICATED' } }],
    }));
    await fillIn(user, 'myyja', 'väärä');
    expect((await screen.findByRole('alert')).textContent).toContain('Käyttäjätunnus tai salasana on väärin.');
    expect(screen.getByLabelText('Salasana')).toHaveProperty('value', '');
    expect(window.sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it('shows the throttling message when there have been too many failed logins', async () => {
    const { user } = renderLogin(() => ({
      data: null,
      errors: [
        {
          message: 'Liian monta epäonnistunutta kirjautumista. Yritä uudelleen 8 sekunnin kuluttua.',
          extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 8 },
        },
      ],
    }));
    await fillIn(user, 'myyja', 'väärä');
    expect((await screen.findByRole('alert')).textContent).toContain('Yritä uudelleen 8 sekunnin kuluttua.');
  });

  it('asks for both username and password before calling the API', async () => {
    const { user, callsOf } = renderLogin(() => ({ data: null }));
    await user.type(screen.getByLabelText('Käyttäjätunnus'), 'myyja');
    await user.click(screen.getByRole('button', { name: 'Kirjaudu' }));
    expect(screen.getByRole('alert').textContent).toContain('Anna käyttäjätunnus ja salasana.');
    expect(callsOf('Login')).toHaveLength(0);
  });

  it('sends a visitor without a session to the login page', () => {
    renderWithApp(<AppRoutes />, { session: false, route: '/my-settings' });
    expect(screen.getByRole('heading', { name: 'Kirjaudu sisään' })).toBeTruthy();
  });

  it('returns to the login page, saying why, when the API no longer accepts the session', async () => {
    renderWithApp(<AppRoutes />, {
      route: '/',
      handlers: { Me: () => ({ data: null, errors: [{ message: 'Kirjaudu sisään: pyynnöstä puuttuu voimassa oleva tunniste.', extensions: { code: 'UNAUTHENTICATED' } }] }) },
    });
    await screen.findByRole('heading', { name: 'Kirjaudu sisään' });
    expect(screen.getByText('Istunto on päättynyt: kirjaudu uudelleen.')).toBeTruthy();
    expect(window.sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });
});
