import { describe, expect, it } from 'vitest';
import { Route, Routes } from 'react-router-dom';
import { waitFor } from '@testing-library/react';
import type { DraftsQuery } from '../gql/graphql';
import { USER, messageDraft, type Answer } from '../test/fixtures';
import { renderWithApp, screen, within } from '../test/test-client';
import { DraftsScreen } from './drafts-screen';

const row = (overrides: Parameters<typeof messageDraft>[0] = {}): Answer<DraftsQuery['drafts'][number]> => {
  const { id, source, documentRef, subject, to, createdBy, createdAt, expiresAt } = messageDraft(overrides);
  return { __typename: 'MessageDraft', id, source, documentRef, subject, to, createdBy, createdAt, expiresAt };
};

function renderDrafts(drafts: Array<Answer<DraftsQuery['drafts'][number]>>) {
  let current = drafts;
  return renderWithApp(
    <Routes>
      <Route path="/drafts" element={<DraftsScreen />} />
      <Route path="/send" element={<p>Luonnos avattu</p>} />
    </Routes>,
    {
      route: '/drafts',
      me: USER,
      handlers: {
        Drafts: () => ({ data: { drafts: current } }),
        DiscardDraft: ({ id }) => {
          current = current.filter((d) => d.id !== id);
          return { data: { discardDraft: id } };
        },
      },
    },
  );
}

describe('Luonnokset', () => {
  it('lists the drafts with their recipients, document and expiry, each opening its link', async () => {
    const { user } = renderDrafts([row(), row({ id: 'draft-2', subject: '', to: [] })]);
    const list = await screen.findByRole('list', { name: 'Luonnokset' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toContain('Tilausvahvistus MT-1001');
    expect(items[0]?.textContent).toContain('Vastaanottaja: matti@asiakas.fi');
    expect(items[0]?.textContent).toContain('Vanhenee');
    expect(items[1]?.textContent).toContain('(ei otsikkoa)');
    expect(within(items[0]!).getByRole('link', { name: 'Avaa luonnos Tilausvahvistus MT-1001' }).getAttribute('href')).toBe('/send?draft=draft-1');
    await user.click(within(items[0]!).getByRole('link', { name: 'Avaa luonnos Tilausvahvistus MT-1001' }));
    expect(await screen.findByText('Luonnos avattu')).toBeTruthy();
  });

  it('throws a draft away after asking', async () => {
    const { user, callsOf } = renderDrafts([row()]);
    await user.click(await screen.findByRole('button', { name: 'Hylkää luonnos Tilausvahvistus MT-1001' }));
    await user.click(within(await screen.findByRole('alertdialog', { name: 'Hylätäänkö luonnos?' })).getByRole('button', { name: 'Hylkää luonnos' }));
    await waitFor(() => expect(callsOf('DiscardDraft')[0]?.variables).toEqual({ id: 'draft-1' }));
    expect(await screen.findByText(/Ei luonnoksia/)).toBeTruthy();
  });

  it('says so when there are none', async () => {
    renderDrafts([]);
    expect(await screen.findByText(/Ei luonnoksia/)).toBeTruthy();
  });
});
