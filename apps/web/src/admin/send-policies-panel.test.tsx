import { describe, expect, it } from 'vitest';
import { waitFor } from '@testing-library/react';
import type { MessageSource } from '../gql/graphql';
import { ADMIN } from '../test/fixtures';
import { renderWithApp, screen, within } from '../test/test-client';
import { policyRow } from './admin-fixtures';
import { SendPoliciesPanel } from './send-policies-panel';

function renderPanel() {
  return renderWithApp(<SendPoliciesPanel />, {
    me: ADMIN,
    handlers: {
      SendPolicies: () => ({
        data: { sendPolicies: [policyRow('SALES_ORDER', { defaultOutput: 'PAPER', sendMode: 'ASK', migratedFromSendLater: true }), policyRow('QUOTE', { defaultOutput: 'PAPER' })] },
      }),
      UpdateSendPolicy: ({ source, input }) => ({ data: { updateSendPolicy: policyRow(source as MessageSource, { ...(input as object), migratedFromSendLater: false }) } }),
    },
  });
}

describe('Lähetystavat', () => {
  it('offers Paperille / Sähköpostina and the three send modes of the seed', async () => {
    renderPanel();
    expect(within(await screen.findByLabelText('Tulostustapa: Tarjoukset')).getAllByRole('option').map((o) => o.textContent)).toEqual(['Paperille', 'Sähköpostina']);
    expect(within(screen.getByLabelText('Lähetystapa: Tarjoukset')).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Lähetä heti',
      'Avaa muokattavaksi',
      'Kysy lähetystapa',
    ]);
  });

  it('asks the admin to confirm a policy migrated from the retired "send later"', async () => {
    const { user, callsOf } = renderPanel();
    expect(await screen.findByText(/oli "Lähetä myöhemmin", joka ei ole enää käytössä/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Vahvista: Myyntitilaukset' }));
    await waitFor(() => expect(callsOf('UpdateSendPolicy')[0]?.variables).toEqual({ source: 'SALES_ORDER', input: { defaultOutput: 'PAPER', sendMode: 'ASK' } }));
    await waitFor(() => expect(screen.queryByText(/Lähetä myöhemmin/)).toBeNull());
  });

  it('saves a changed send mode for its program', async () => {
    const { user, callsOf } = renderPanel();
    await user.selectOptions(await screen.findByLabelText('Lähetystapa: Tarjoukset'), 'Lähetä heti');
    await user.click(screen.getByRole('button', { name: 'Tallenna: Tarjoukset' }));
    await waitFor(() => expect(callsOf('UpdateSendPolicy')[0]?.variables).toEqual({ source: 'QUOTE', input: { defaultOutput: 'PAPER', sendMode: 'SEND_NOW' } }));
  });
});
