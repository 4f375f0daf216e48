import { describe, expect, it } from 'vitest';
import { waitFor } from '@testing-library/react';
import { ADMIN, badUserInput } from '../test/fixtures';
import { descriptionOf, renderWithApp, screen, within, type Handler } from '../test/test-client';
import { userRow } from './admin-fixtures';
import { UsersPanel } from './users-panel';

function renderPanel(handlers: Record<string, Handler> = {}) {
  return renderWithApp(<UsersPanel />, {
    me: ADMIN,
    handlers: {
      Users: () => ({ data: { users: [userRow('admin-1', 'admin', 'ADMIN'), userRow('user-1', 'myyja', 'USER')] } }),
      UpdateUser: ({ id, input }) => ({ data: { updateUser: userRow(String(id), id === 'admin-1' ? 'admin' : 'myyja', 'USER', input as Record<string, unknown>) } }),
      ...handlers,
    },
  });
}

describe('Käyttäjät', () => {
  it('lists the sender addresses users gave themselves and confirms one', async () => {
    const pending = [{ __typename: 'UnconfirmedSender', userId: 'user-1', username: 'myyja', email: 'toimitusjohtaja@yritys.fi', senderName: 'Toimitusjohtaja' }];
    const { user, callsOf } = renderPanel({
      UnconfirmedSenders: () => ({ data: { unconfirmedSenders: callsOf('ConfirmUserSender').length ? [] : pending } }),
      ConfirmUserSender: () => ({ data: { confirmUserSender: null } }),
    });
    const table = await screen.findByRole('table', { name: 'Vahvistamattomat lähettäjät' });
    expect(within(table).getByText('toimitusjohtaja@yritys.fi')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Vahvista käyttäjän myyja lähettäjä' }));
    await waitFor(() => expect(callsOf('ConfirmUserSender')[0]?.variables).toEqual({ userId: 'user-1' }));
  });

  it('clears a sender address a user gave themselves', async () => {
    const pending = [{ __typename: 'UnconfirmedSender', userId: 'user-1', username: 'myyja', email: 'toimitusjohtaja@yritys.fi', senderName: '' }];
    const { user, callsOf } = renderPanel({
      UnconfirmedSenders: () => ({ data: { unconfirmedSenders: pending } }),
      UpdateUserMailSettings: () => ({ data: { updateUserMailSettings: null } }),
    });
    await user.click(await screen.findByRole('button', { name: 'Tyhjennä käyttäjän myyja lähettäjä' }));
    await waitFor(() => expect(callsOf('UpdateUserMailSettings')[0]?.variables).toEqual({ userId: 'user-1', input: { email: '', senderName: '' } }));
  });

  it('does not let an admin change their own role', async () => {
    renderPanel();
    expect(await screen.findByLabelText('Käyttäjän admin rooli')).toHaveProperty('disabled', true);
  });

  it('does not let an admin deactivate themselves', async () => {
    renderPanel();
    expect(await screen.findByRole('button', { name: 'Poista käytöstä: admin' })).toHaveProperty('disabled', true);
  });

  it("changes another user's role", async () => {
    const { user, callsOf } = renderPanel();
    await user.selectOptions(await screen.findByLabelText('Käyttäjän myyja rooli'), 'Pääkäyttäjä');
    await waitFor(() => expect(callsOf('UpdateUser')[0]?.variables).toEqual({ id: 'user-1', input: { role: 'ADMIN' } }));
  });

  it('deactivates another user', async () => {
    const { user, callsOf } = renderPanel();
    await user.click(await screen.findByRole('button', { name: 'Poista käytöstä: myyja' }));
    await waitFor(() => expect(callsOf('UpdateUser')[0]?.variables).toEqual({ id: 'user-1', input: { active: false } }));
  });

  it("shows the server's problems with a new user beside their fields", async () => {
    const { user } = renderPanel({ CreateUser: () => badUserInput([{ field: 'password', code: 'INVALID_VALUE', message: 'Salasanan on oltava vähintään 10 merkkiä.' }]) });
    await user.click(await screen.findByRole('button', { name: 'Uusi käyttäjä' }));
    const dialog = await screen.findByRole('dialog', { name: 'Uusi käyttäjä' });
    await user.type(within(dialog).getByLabelText(/Käyttäjätunnus/), 'uusi');
    await user.type(within(dialog).getByLabelText(/Salasana/), 'lyhyt');
    await user.click(within(dialog).getByRole('button', { name: 'Luo käyttäjä' }));
    await waitFor(() => expect(descriptionOf(within(dialog).getByLabelText(/Salasana/))).toContain('Salasanan on oltava vähintään 10 merkkiä.'));
  });
});
