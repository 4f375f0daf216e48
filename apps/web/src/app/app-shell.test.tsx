import { describe, expect, it } from 'vitest';
import { waitFor } from '@testing-library/react';
import { ADMIN, USER, companySettings, meAnswer, smsSettings, userMailSettings } from '../test/fixtures';
import { renderWithApp, screen, within, type Handler } from '../test/test-client';
import { AppRoutes } from './app';

const handlers = (me: typeof ADMIN): Record<string, Handler> => ({
  Me: () => ({ data: meAnswer(me) }),
  MyMailSettings: () => ({ data: { myMailSettings: userMailSettings() } }),
  CompanyMessageSettings: () => ({ data: { companyMessageSettings: companySettings() } }),
  SmsSettings: () => ({ data: { smsSettings: smsSettings() } }),
  Users: () => ({ data: { users: [] } }),
  Logout: () => ({ data: { logout: true } }),
});

/** What every signed-in person finds in the navigation, in order. */
const USER_SCREENS = ['Etusivu', 'Lähetä viesti', 'Luonnokset', 'Tekstiviesti', 'Lähetetyt', 'Siirretty sähköpostiohjelmaan', 'Lähtevät', 'Epäonnistuneet', 'Sähköposti määrittely'];

async function navigation() {
  return within(await screen.findByRole('navigation', { name: 'Päävalikko' }));
}

describe('the signed-in shell', () => {
  it('shows a user no admin screens in the navigation', async () => {
    renderWithApp(<AppRoutes />, { handlers: handlers(USER) });
    const nav = await navigation();
    expect(nav.getAllByRole('link').map((l) => l.textContent)).toEqual(USER_SCREENS);
  });

  it('shows an admin Viestiasetukset and Ylläpito as well', async () => {
    renderWithApp(<AppRoutes />, { handlers: handlers(ADMIN) });
    const nav = await navigation();
    expect(nav.getAllByRole('link').map((l) => l.textContent)).toEqual([...USER_SCREENS, 'Viestiasetukset', 'Ylläpito']);
  });

  it('does not open an admin screen for a user who types its address', async () => {
    const { callsOf } = renderWithApp(<AppRoutes />, { route: '/admin/users', handlers: handlers(USER) });
    await screen.findByRole('heading', { level: 1, name: 'Sivua ei löydy' });
    expect(callsOf('Users')).toHaveLength(0);
  });

  it('opens Viestiasetukset for an admin', async () => {
    renderWithApp(<AppRoutes />, { route: '/message-settings', handlers: handlers(ADMIN) });
    expect(await screen.findByRole('heading', { level: 1, name: 'Viestiasetukset' })).toBeTruthy();
  });

  it('sends the token, the CSRF preflight header and the language with every request', async () => {
    const { callsOf } = renderWithApp(<AppRoutes />, { handlers: handlers(USER) });
    await waitFor(() => expect(callsOf('Me')).toHaveLength(1));
    expect(callsOf('Me')[0]?.headers).toMatchObject({ authorization: 'Bearer test-token', 'apollo-require-preflight': 'true', 'accept-language': 'fi' });
  });

  it('switches to English and asks the API again in English', async () => {
    const { user, callsOf } = renderWithApp(<AppRoutes />, { handlers: handlers(USER) });
    await navigation();
    await user.selectOptions(screen.getByLabelText('Kieli'), 'English');
    const nav = within(await screen.findByRole('navigation', { name: 'Main navigation' }));
    expect(nav.getAllByRole('link').map((l) => l.textContent)).toEqual(['Home', 'Send a message', 'Drafts', 'Text message', 'Sent', 'Handed to mail program', 'Outbox', 'Failed', 'My e-mail settings']);
    await waitFor(() => expect(callsOf('Me').at(-1)?.headers['accept-language']).toBe('en'));
  });

  it('folds the navigation behind Avaa valikko, which closes it again on a choice and on Escape', async () => {
    const { user } = renderWithApp(<AppRoutes />, { handlers: handlers(USER) });
    await navigation();
    const menu = screen.getByRole('button', { name: 'Avaa valikko' });
    expect(menu.getAttribute('aria-controls')).toBe(screen.getByRole('navigation', { name: 'Päävalikko' }).id);
    expect(menu.getAttribute('aria-expanded')).toBe('false');
    await user.click(menu);
    expect(screen.getByRole('button', { name: 'Sulje valikko' }).getAttribute('aria-expanded')).toBe('true');
    await user.keyboard('{Escape}');
    expect(screen.getByRole('button', { name: 'Avaa valikko' }).getAttribute('aria-expanded')).toBe('false');
    await user.click(screen.getByRole('button', { name: 'Avaa valikko' }));
    await user.click(within(screen.getByRole('navigation', { name: 'Päävalikko' })).getByRole('link', { name: 'Lähtevät' }));
    expect(await screen.findByRole('button', { name: 'Avaa valikko' })).toBeTruthy();
  });

  it('logs out at the API (every token and the refresh cookie end) and forgets the session', async () => {
    const { user, callsOf } = renderWithApp(<AppRoutes />, { handlers: handlers(USER) });
    await navigation();
    await user.click(screen.getByRole('button', { name: 'Kirjaudu ulos' }));
    expect(await screen.findByRole('heading', { name: 'Kirjaudu sisään' })).toBeTruthy();
    expect(callsOf('Logout')).toHaveLength(1);
    expect(callsOf('Logout')[0]?.headers.authorization).toBe('Bearer test-token');
    expect(window.sessionStorage.length).toBe(0);
  });

  it('forgets the session in this tab even when the API cannot be reached for the logout', async () => {
    const { user } = renderWithApp(<AppRoutes />, { handlers: { ...handlers(USER), Logout: () => Promise.reject(new Error('network down')) } });
    await navigation();
    await user.click(screen.getByRole('button', { name: 'Kirjaudu ulos' }));
    expect(await screen.findByRole('heading', { name: 'Kirjaudu sisään' })).toBeTruthy();
    expect(window.sessionStorage.length).toBe(0);
  });
});
