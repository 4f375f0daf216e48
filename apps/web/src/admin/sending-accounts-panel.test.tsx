import { describe, expect, it } from 'vitest';
import type { SendingAccountFieldsFragment } from '../gql/graphql';
import { ADMIN, type Answer } from '../test/fixtures';
import { renderWithApp, screen, within, type GraphQLAnswer } from '../test/test-client';
import { parkedAccountRow, sendingAccountRow } from './admin-fixtures';
import { SendingAccountsPanel } from './sending-accounts-panel';

type Account = Answer<SendingAccountFieldsFragment>;

/** As the API does: the probe ends the park now, and the next message tries the connection. */
const endPark = (a: Account): Account => ({ ...a, parkedUntil: null });

function renderPanel(accounts: Account[], probe: (account: Account) => Account | GraphQLAnswer = endPark) {
  let list = accounts;
  return renderWithApp(<SendingAccountsPanel />, {
    me: ADMIN,
    handlers: {
      SendingAccounts: () => ({ data: { sendingAccounts: list } }),
      ProbeSendingAccount: ({ accountKey }) => {
        const account = list.find((a) => a.accountKey === accountKey);
        if (!account) throw new Error(`The test has no account ${String(accountKey)}`);
        const after = probe(account);
        if (!('accountKey' in after)) return after;
        list = list.map((a) => (a.accountKey === accountKey ? after : a));
        return { data: { probeSendingAccount: after } };
      },
    },
  });
}

/** The row of an account, by its label. */
async function rowOf(label: string): Promise<HTMLElement> {
  const table = await screen.findByRole('table', { name: 'Lähetystilit' });
  const row = within(table).getAllByRole('row').find((r) => r.textContent?.includes(label));
  if (!row) throw new Error(`No row for ${label}`);
  return row;
}

describe('Lähetystilit', () => {
  it('shows a parked account with why it is parked and until when, in Finnish dates', async () => {
    renderPanel([parkedAccountRow({ parkedUntil: new Date(2026, 11, 6, 10, 45).toISOString() })]);
    const row = await rowOf('myynti@yritys.fi @ smtp.yritys.fi:587');
    const cells = within(row).getAllByRole('cell').map((c) => c.textContent);
    expect(cells[1]).toMatch(/^Tauolla 06\.12\.2026\D+10\.45 asti$/);
    expect(cells[2]).toBe('Palvelin ei vastannut');
    expect(cells[3]).toBe('3');
    expect(screen.getByRole('columnheader', { name: 'Yhtäaikaisia yhteyksiä' })).toBeTruthy();
  });

  it('Kokeile nyt ends the park and the row says the next message tries the connection', async () => {
    const { user, callsOf } = renderPanel([parkedAccountRow()]);
    await user.click(await screen.findByRole('button', { name: 'Kokeile nyt: myynti@yritys.fi @ smtp.yritys.fi:587' }));
    await screen.findByText('Tauolla: yhteyttä kokeillaan seuraavalla viestillä');
    expect(callsOf('ProbeSendingAccount').map((c) => c.variables)).toEqual([{ accountKey: 'key-parked' }]);
    expect(screen.getByRole('status').textContent).toContain('yhteyttä kokeillaan seuraavalla lähtevällä viestillä');
    expect(within(await rowOf('myynti@yritys.fi')).queryByRole('button')).toBeNull();
  });

  it('shows Toimii when the probe answers that the account works again', async () => {
    const { user } = renderPanel([parkedAccountRow()], (a) => ({ ...a, parked: false, parkedUntil: null, parkReason: null, parkMessage: null, connectionFailures: 0 }));
    await user.click(await screen.findByRole('button', { name: 'Kokeile nyt: myynti@yritys.fi @ smtp.yritys.fi:587' }));
    await screen.findByText('myynti@yritys.fi @ smtp.yritys.fi:587 toimii.');
    const cells = within(await rowOf('myynti@yritys.fi')).getAllByRole('cell').map((c) => c.textContent);
    expect(cells.slice(1, 4)).toEqual(['Toimii', '', '0']);
  });

  it("shows the API's reason when Kokeile nyt is refused, and keeps the row as it was", async () => {
    const { user } = renderPanel([parkedAccountRow()], () => ({ errors: [{ message: 'Lähettävää tiliä ei löydy.', extensions: { code: 'NOT_FOUND' } }] }));
    await user.click(await screen.findByRole('button', { name: 'Kokeile nyt: myynti@yritys.fi @ smtp.yritys.fi:587' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Lähettävää tiliä ei löydy.');
    expect(within(await rowOf('myynti@yritys.fi')).getAllByRole('cell')[1]?.textContent).toMatch(/^Tauolla .* asti$/);
  });

  it('offers no Kokeile nyt for an account that works', async () => {
    renderPanel([sendingAccountRow()]);
    const row = await rowOf('tuki@yritys.fi @ smtp.yritys.fi:587');
    expect(within(row).getAllByRole('cell')[1]?.textContent).toBe('Toimii');
    expect(within(row).queryByRole('button')).toBeNull();
  });

  it('says so when no message has gone out through any account yet', async () => {
    renderPanel([]);
    expect(await screen.findByText('Ei vielä lähetystilejä. Tili näkyy tässä, kun sen kautta on lähetetty ensimmäinen viesti.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
