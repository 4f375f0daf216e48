import { describe, expect, it } from 'vitest';
import { waitFor } from '@testing-library/react';
import { ADMIN } from '../test/fixtures';
import { renderWithApp, screen, within } from '../test/test-client';
import { BouncesPanel } from './bounces-panel';

const suppressed = (address: string) => ({
  __typename: 'SuppressedAddress',
  address,
  status: '5.1.1',
  reply: '550 5.1.1 User unknown',
  messageId: 'msg-1',
  createdAt: '2026-03-02T08:00:00.000Z',
});

function renderPanel(list = [suppressed('poissa@asiakas.fi')]) {
  let addresses = list;
  return renderWithApp(<BouncesPanel />, {
    me: ADMIN,
    handlers: {
      Bounces: () => ({
        data: { bounceRate: { __typename: 'BounceRateType', days: 30, sent: 200, bounced: 3, delayed: 1, rate: 0.015 }, suppressedAddresses: addresses },
      }),
      ClearSuppressedAddress: ({ address }) => {
        addresses = addresses.filter((a) => a.address !== address);
        return { data: { clearSuppressedAddress: true } };
      },
    },
  });
}

describe('Palautuneet osoitteet', () => {
  it("shows the company's bounce rate over 30 days", async () => {
    renderPanel();
    const rate = await screen.findByRole('status', { name: 'Palautusprosentti' });
    expect(rate.textContent).toBe('Viimeiset 30 päivää: 200 lähetettyä viestiä, joista 3 palautui (1,5 %). Viivästymisilmoituksia 1.');
  });

  it('lists the permanently bounced addresses with the remote reply', async () => {
    renderPanel();
    const table = await screen.findByRole('table', { name: 'Palautuneet osoitteet' });
    const cells = within(table).getAllByRole('row')[1]!.textContent;
    expect(cells).toContain('poissa@asiakas.fi');
    expect(cells).toContain('5.1.1 – 550 5.1.1 User unknown');
  });

  it('clears an address after asking, and says so', async () => {
    const { user, callsOf } = renderPanel();
    await user.click(await screen.findByRole('button', { name: 'Poista estolistalta: poissa@asiakas.fi' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Poistetaanko osoite estolistalta?' });
    await user.click(within(dialog).getByRole('button', { name: 'Poista estolistalta' }));
    await screen.findByText('poissa@asiakas.fi poistettiin estolistalta.');
    expect(callsOf('ClearSuppressedAddress')[0]?.variables).toEqual({ address: 'poissa@asiakas.fi' });
    await waitFor(() => expect(screen.getByText('Ei palautuneita osoitteita.')).toBeTruthy());
  });
});
