import { describe, expect, it } from 'vitest';
import { waitFor } from '@testing-library/react';
import { ADMIN } from '../test/fixtures';
import { renderWithApp, screen, within } from '../test/test-client';
import { serviceKeyRow, userRow } from './admin-fixtures';
import { ServiceKeysPanel } from './service-keys-panel';

const SECRET = 'msk_key-2_c2VjcmV0LXRoYXQtaXMtc2hvd24tb25jZQ';

function renderPanel() {
  let keys = [serviceKeyRow()];
  return renderWithApp(<ServiceKeysPanel />, {
    me: ADMIN,
    handlers: {
      ServiceKeys: () => ({ data: { serviceKeys: keys } }),
      Users: () => ({ data: { users: [userRow('admin-1', 'admin', 'ADMIN'), userRow('user-1', 'myyja', 'USER', { displayName: 'Maija Myyjä' })] } }),
      CreateServiceKey: ({ input }) => {
        const created = serviceKeyRow({ id: 'key-2', ...(input as object) });
        keys = [...keys, created];
        return { data: { createServiceKey: { __typename: 'CreatedServiceKey', key: SECRET, serviceKey: created } } };
      },
      RevokeServiceKey: ({ id }) => ({ data: { revokeServiceKey: serviceKeyRow({ id: String(id), revokedAt: '2026-02-01T08:00:00.000Z' }) } }),
    },
  });
}

async function createKey(user: ReturnType<typeof renderPanel>['user']) {
  await user.click(await screen.findByRole('button', { name: 'Uusi palveluavain' }));
  const form = await screen.findByRole('dialog', { name: 'Uusi palveluavain' });
  await user.type(within(form).getByLabelText(/Nimi/), 'Ostojen ERP');
  await user.type(within(form).getByLabelText(/Moduuli/), 'purchases');
  await user.selectOptions(within(form).getByLabelText('Oletuskäyttäjä'), 'Maija Myyjä (myyja)');
  await user.click(within(form).getByRole('button', { name: 'Luo avain' }));
  return screen.findByRole('alertdialog', { name: 'Palveluavain luotu' });
}

describe('Palveluavaimet', () => {
  it('shows a new key with a warning that it is shown only this once', async () => {
    const { user, callsOf } = renderPanel();
    const shown = await createKey(user);
    expect(within(shown).getByLabelText('Avain')).toHaveProperty('value', SECRET);
    expect(shown.textContent).toContain('Avain näytetään vain tämän kerran.');
    expect(callsOf('CreateServiceKey')[0]?.variables.input).toEqual({ name: 'Ostojen ERP', module: 'purchases', defaultUserId: 'user-1' });
  });

  it('copies the key to the clipboard', async () => {
    const { user } = renderPanel();
    const shown = await createKey(user);
    await user.click(within(shown).getByRole('button', { name: 'Kopioi' }));
    await within(shown).findByText('Avain kopioitu leikepöydälle.');
    expect(await navigator.clipboard.readText()).toBe(SECRET);
  });

  it('forgets the key once its dialog is closed, and never caches it', async () => {
    const { user, client } = renderPanel();
    const shown = await createKey(user);
    await user.click(within(shown).getByRole('button', { name: 'Sulje' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(document.body.innerHTML).not.toContain(SECRET);
    expect(JSON.stringify(client.extract())).not.toContain(SECRET);
    expect(await screen.findByRole('cell', { name: 'Ostojen ERP' })).toBeTruthy();
  });

  it('revokes a key only after the admin confirms', async () => {
    const { user, callsOf } = renderPanel();
    await user.click(await screen.findByRole('button', { name: 'Peru palveluavain Myynnin ERP' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Perutaanko palveluavain?' });
    expect(callsOf('RevokeServiceKey')).toHaveLength(0);
    await user.click(within(confirm).getByRole('button', { name: 'Peru avain' }));
    await waitFor(() => expect(callsOf('RevokeServiceKey')[0]?.variables).toEqual({ id: 'key-1' }));
    expect(await screen.findByText(/^Peruttu/)).toBeTruthy();
  });
});
