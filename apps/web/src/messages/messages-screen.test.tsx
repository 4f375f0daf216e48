import { afterEach, describe, expect, it, vi } from 'vitest';
import { waitFor } from '@testing-library/react';
import { USER, messageError, messageRecipient, outboundMessage, sentCopy } from '../test/fixtures';
import { renderWithApp, screen, within, type Handler } from '../test/test-client';
import { MessagesScreen, type Folder } from './messages-screen';

function page(nodes: ReturnType<typeof outboundMessage>[], { hasNextPage = false, endCursor = null as string | null, totalCount = nodes.length } = {}) {
  return {
    data: { messages: { __typename: 'MessageConnection', totalCount, pageInfo: { __typename: 'PageInfo', endCursor, hasNextPage }, nodes } },
  };
}

function renderFolder(folder: Folder, handlers: Record<string, Handler>, pollMs = 3000) {
  return renderWithApp(<MessagesScreen folder={folder} pollMs={pollMs} />, { me: USER, handlers });
}

const rows = () => within(screen.getByRole('list', { name: /Lähetetyt|Lähtevät|Epäonnistuneet/ })).getAllByRole('button');
const readingPane = () => screen.getByRole('region', { name: 'Viestin tiedot' });

describe('Lähetetyt / Lähtevät / Epäonnistuneet', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('asks each folder for its statuses', async () => {
    const { callsOf } = renderFolder('failed', { Messages: () => page([]) });
    await screen.findByText('Ei viestejä.');
    expect(callsOf('Messages')[0]?.variables).toMatchObject({ filter: { status: ['FAILED', 'CANCELLED'], orBounced: true }, first: 25 });
  });

  it('asks Lähetetyt for sent messages only, not for bounced ones', async () => {
    const { callsOf } = renderFolder('sent', { Messages: () => page([]) });
    await screen.findByText('Ei viestejä.');
    expect(callsOf('Messages')[0]?.variables.filter).not.toHaveProperty('orBounced');
  });

  it('lists in the reading pane what the delivery notices said about each recipient', async () => {
    const bounce = { __typename: 'BounceInfo', address: 'olli@asiakas.fi', action: 'BOUNCED', status: '5.1.1', reply: '550 5.1.1 User unknown', message: 'Palautui: olli@asiakas.fi ei saanut viestiä (550 5.1.1 User unknown).', reportedAt: '2026-03-02T09:00:00.000Z' };
    const message = outboundMessage({ bounces: [bounce] });
    const { user } = renderFolder('failed', { Messages: () => page([message]), Message: () => ({ data: { message } }) });
    await user.click((await screen.findAllByRole('button', { name: /etu\.sukunimi@maestro\.fi/ }))[0] as HTMLElement);
    const list = await within(readingPane()).findByRole('list', { name: 'Palautusilmoitukset' });
    expect(within(list).getByRole('listitem').textContent).toContain('Palautui: olli@asiakas.fi ei saanut viestiä (550 5.1.1 User unknown).');
  });

  it('keeps messages handed to the mail program out of Lähetetyt, in their own folder "Siirretty sähköpostiohjelmaan"', async () => {
    const sent = renderFolder('sent', { Messages: () => page([]) });
    await screen.findByText('Ei viestejä.');
    expect(sent.callsOf('Messages')[0]?.variables.filter).toEqual({ status: ['SENT', 'PARTIALLY_SENT'] });
    sent.unmount();
    const handedOff = outboundMessage({
      id: 'msg-h',
      status: 'HANDED_OFF',
      sentAt: null,
      smtpResponse: null,
      handOff: { __typename: 'HandOff', emlUrl: '/messages/msg-h/draft.eml', mailtoUrl: null },
    });
    const { callsOf } = renderFolder('handedOff', { Messages: () => page([handedOff]) });
    expect(await screen.findByRole('heading', { level: 1, name: 'Siirretty sähköpostiohjelmaan' })).toBeTruthy();
    expect(callsOf('Messages')[0]?.variables.filter).toEqual({ status: ['HANDED_OFF'] });
    expect(within(screen.getByRole('list', { name: 'Siirretty sähköpostiohjelmaan' })).getByText('Sähköpostiohjelmaan')).toBeTruthy();
  });

  it('says how to write a date filter that is not a day, and filters by nothing until it is one', async () => {
    const { user, callsOf } = renderFolder('sent', { Messages: () => page([]) });
    await screen.findByText('Ei viestejä.');
    await user.type(screen.getByRole('textbox', { name: 'Päättyen' }), '2026-03-31');
    expect(await screen.findByText('Anna päivä muodossa pp.kk.vvvv, esim. 24.12.2026.')).toBeTruthy();
    expect(callsOf('Messages').every((c) => !('createdTo' in (c.variables.filter as object)))).toBe(true);
  });

  it('shows dates as dd.mm.yyyy in Finnish', async () => {
    renderFolder('sent', { Messages: () => page([outboundMessage({ sentAt: new Date(2026, 2, 5, 9, 7).toISOString() })]) });
    expect(await screen.findByText(/^05\.03\.2026\D+09\.07$/)).toBeTruthy();
  });

  it('shows the message in the reading pane: status, server reply, attempts, document and attachments', async () => {
    const message = outboundMessage({
      attachments: [{ __typename: 'AttachmentType', id: 'att-1', filename: 'Tilausvahvistus.pdf', size: 2048, contentType: 'application/pdf', sha256: 'ab', url: '/attachments/att-1' }],
    });
    const { user } = renderFolder('sent', { Messages: () => page([message]), Message: () => ({ data: { message } }) });
    await user.click((await screen.findAllByRole('button', { name: /etu\.sukunimi@maestro\.fi/ }))[0] as HTMLElement);
    const pane = readingPane();
    expect(await within(pane).findByText('250 2.0.0 OK: queued as 1234')).toBeTruthy();
    expect(within(pane).getByText('Yrityksiä').nextElementSibling?.textContent).toBe('1');
    expect(within(pane).getByText('Asiakirja').nextElementSibling?.textContent).toContain('MT-1001');
    expect(within(pane).getByRole('button', { name: 'Avaa Tilausvahvistus.pdf' })).toBeTruthy();
    expect(within(pane).queryByRole('button', { name: 'Lähetä uudelleen' })).toBeNull();
  });

  it('says in the reading pane that the message was copied to the Sent folder', async () => {
    const message = outboundMessage({ sentCopy: sentCopy('DONE', 'Kopioitu Lähetetyt-kansioon (Sent).') });
    const { user } = renderFolder('sent', { Messages: () => page([message]), Message: () => ({ data: { message } }) });
    await user.click((await screen.findAllByRole('button', { name: /etu\.sukunimi@maestro\.fi/ }))[0] as HTMLElement);
    const pane = readingPane();
    expect((await within(pane).findByText('Lähetetyt-kansio')).nextElementSibling?.textContent).toBe('Kopioitu Lähetetyt-kansioon (Sent).');
  });

  it('says why the copy is not in the Sent folder yet', async () => {
    const message = outboundMessage({ sentCopy: sentCopy('PENDING', 'Ei vielä kopioitu Lähetetyt-kansioon: IMAP-palvelin ei ota vastaan yhteyksiä.') });
    const { user } = renderFolder('sent', { Messages: () => page([message]), Message: () => ({ data: { message } }) });
    await user.click((await screen.findAllByRole('button', { name: /etu\.sukunimi@maestro\.fi/ }))[0] as HTMLElement);
    expect((await within(readingPane()).findByText('Lähetetyt-kansio')).nextElementSibling?.textContent).toContain('Ei vielä kopioitu Lähetetyt-kansioon');
  });

  it('says nothing about a Sent-folder copy when the account files none', async () => {
    const message = outboundMessage();
    const { user } = renderFolder('sent', { Messages: () => page([message]), Message: () => ({ data: { message } }) });
    await user.click((await screen.findAllByRole('button', { name: /etu\.sukunimi@maestro\.fi/ }))[0] as HTMLElement);
    await within(readingPane()).findByText('250 2.0.0 OK: queued as 1234');
    expect(within(readingPane()).queryByText('Lähetetyt-kansio')).toBeNull();
  });

  it('shows why a message failed, which recipients were refused, and sends it again on request', async () => {
    const failed = outboundMessage({
      status: 'FAILED',
      sentAt: null,
      smtpResponse: '550 5.1.1 User unknown',
      attempts: 3,
      lastError: messageError('RECIPIENT_REJECTED', 'Vastaanottajan palvelin hylkäsi osoitteen: tarkista osoite.', true),
      recipientErrors: [{ __typename: 'RecipientError', address: 'eiole@asiakas.example', code: 'RECIPIENT_REJECTED', message: '550 5.1.1 User unknown' }],
    });
    const { user, callsOf } = renderFolder('failed', {
      Messages: () => page([failed]),
      Message: () => ({ data: { message: failed } }),
      RetryMessage: ({ id }) => ({ data: { retryMessage: { ...failed, id, status: 'QUEUED', lastError: null } } }),
    });
    await user.click((await screen.findAllByRole('button', { name: /etu\.sukunimi/ }))[0] as HTMLElement);
    const pane = readingPane();
    expect(await within(pane).findByText(/Vastaanottajan palvelin hylkäsi osoitteen/)).toBeTruthy();
    expect(within(pane).getByText(/Pysyvä virhe/)).toBeTruthy();
    expect(within(pane).getByText(/eiole@asiakas\.example/)).toBeTruthy();
    await user.click(within(pane).getByRole('button', { name: 'Lähetä uudelleen' }));
    await waitFor(() => expect(callsOf('RetryMessage')[0]?.variables).toEqual({ id: 'msg-1' }));
    expect(await within(pane).findByText('Viesti on jonossa uudelleenlähetystä varten.')).toBeTruthy();
    expect(within(rows()[0] as HTMLElement).getByText('Jonossa')).toBeTruthy();
  });

  it('lists a partly sent message among the sent, with each recipient’s outcome in Finnish', async () => {
    const partly = outboundMessage({
      status: 'PARTIALLY_SENT',
      to: ['matti@asiakas.example', 'liisa@asiakas.example', 'ostot@asiakas.example'],
      nextAttemptAt: '2099-01-01T08:00:00.000Z',
      recipients: [
        messageRecipient('matti@asiakas.example', 'ACCEPTED', { reply: '250 2.0.0 OK: queued as 1234' }),
        messageRecipient('liisa@asiakas.example', 'ACCEPTED', { reply: '250 2.0.0 OK: queued as 1234' }),
        messageRecipient('ostot@asiakas.example', 'DEFERRED', { reply: '452 4.2.2 Mailbox busy', message: 'Vastaanottajaa ostot@asiakas.example ei hyväksytty juuri nyt (452)' }),
      ],
    });
    const { user, callsOf } = renderFolder('sent', { Messages: () => page([partly]), Message: () => ({ data: { message: partly } }) });
    expect(await within((await screen.findAllByRole('button', { name: /matti@asiakas\.example/ }))[0] as HTMLElement).findByText('Osittain lähetetty')).toBeTruthy();
    expect(callsOf('Messages')[0]?.variables.filter).toEqual({ status: ['SENT', 'PARTIALLY_SENT'] });
    await user.click((await screen.findAllByRole('button', { name: /matti@asiakas\.example/ }))[0] as HTMLElement);
    const list = await within(readingPane()).findByRole('list', { name: 'Vastaanottajien tila' });
    const items = within(list).getAllByRole('listitem').map((li) => li.textContent);
    expect(items[0]).toContain('matti@asiakas.example: Vastaanotettu');
    expect(items[2]).toContain('ostot@asiakas.example: Yritetään uudelleen – Vastaanottajaa ostot@asiakas.example ei hyväksytty juuri nyt (452)');
  });

  it('cancels a queued message', async () => {
    const queued = outboundMessage({ status: 'QUEUED', sentAt: null, smtpResponse: null, attempts: 0, waitReason: 'SCHEDULED', waitMessage: 'Ajastettu', nextAttemptAt: '2099-01-01T08:00:00.000Z' });
    const { user, callsOf } = renderFolder('outbox', {
      Messages: () => page([queued]),
      Message: () => ({ data: { message: queued } }),
      CancelMessage: () => ({ data: { cancelMessage: { ...queued, status: 'CANCELLED', waitReason: null } } }),
    });
    await user.click((await screen.findAllByRole('button', { name: /etu\.sukunimi/ }))[0] as HTMLElement);
    await user.click(await within(readingPane()).findByRole('button', { name: 'Peru lähetys' }));
    await waitFor(() => expect(callsOf('CancelMessage')).toHaveLength(1));
    expect(await within(rows()[0] as HTMLElement).findByText('Peruttu')).toBeTruthy();
  });

  it('updates a pending status live, and stops asking once nothing is pending', async () => {
    // Time is the test's: ten poll intervals pass at once instead of being slept through.
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let asked = 0;
    const queued = outboundMessage({ status: 'QUEUED', sentAt: null, smtpResponse: null, attempts: 0 });
    const { callsOf } = renderFolder(
      'outbox',
      {
        Messages: () => page([queued]),
        Message: ({ id }) => {
          asked += 1;
          return { data: { message: asked < 2 ? { ...queued, id, status: 'SENDING' } : outboundMessage({ id: String(id) }) } };
        },
      },
      40,
    );
    expect(await within(await screen.findByRole('list', { name: 'Lähtevät' })).findByText('Lähetetty')).toBeTruthy();
    const settled = callsOf('Message').length;
    await vi.advanceTimersByTimeAsync(40 * 10);
    expect(callsOf('Message').length).toBe(settled);
  });

  it('does not poll a folder where nothing is on its way', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { callsOf } = renderFolder('sent', { Messages: () => page([outboundMessage()]), Message: () => ({ data: { message: outboundMessage() } }) }, 20);
    await screen.findAllByRole('button', { name: /etu\.sukunimi/ });
    await vi.advanceTimersByTimeAsync(20 * 10);
    expect(callsOf('Message')).toHaveLength(0);
  });

  it('loads the next page with the cursor when Lisää is pressed', async () => {
    const { user, callsOf } = renderFolder('sent', {
      Messages: ({ after }) =>
        after
          ? page([outboundMessage({ id: 'msg-2', subject: 'Toinen' })], { totalCount: 2 })
          : page([outboundMessage({ id: 'msg-1', subject: 'Ensimmäinen' })], { hasNextPage: true, endCursor: 'c1', totalCount: 2 }),
    });
    await user.click(await screen.findByRole('button', { name: 'Lisää' }));
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(callsOf('Messages').at(-1)?.variables).toMatchObject({ after: 'c1' });
    expect(rows().map((r) => within(r).getByText(/Ensimmäinen|Toinen/).textContent)).toEqual(['Ensimmäinen', 'Toinen']);
    expect(screen.getByText('2 / 2 viestiä')).toBeTruthy();
  });

  it('keeps the list in place while a new search is answered, and says it is busy', async () => {
    let answerSearch: (() => void) | null = null;
    const { user } = renderFolder('sent', {
      Messages: async ({ filter }) => {
        if ((filter as { text?: string }).text) await new Promise<void>((resolve) => (answerSearch = resolve));
        return page([outboundMessage({ id: 'msg-1', subject: 'Ensimmäinen' })]);
      },
    });
    const [row] = await screen.findAllByRole('button', { name: /Ensimmäinen/ });
    await user.click(row as HTMLElement);
    await user.type(screen.getByRole('searchbox'), 'E');
    await waitFor(() => expect(answerSearch).not.toBeNull());
    // The row the user chose is the same element (focus and scroll stay), and the list says it is updating.
    expect(row?.isConnected).toBe(true);
    expect(screen.getByRole('region', { name: 'Viestit' }).getAttribute('aria-busy')).toBe('true');
    (answerSearch as unknown as () => void)();
    await waitFor(() => expect(screen.getByRole('region', { name: 'Viestit' }).getAttribute('aria-busy')).toBe('false'));
  });

  it('searches with the typed text and filters by program, channel and dates', async () => {
    const { user, callsOf } = renderFolder('sent', { Messages: () => page([]) });
    await screen.findByText('Ei viestejä.');
    await user.type(screen.getByRole('searchbox'), 'MT-1001');
    await waitFor(() => expect(callsOf('Messages').at(-1)?.variables.filter).toMatchObject({ text: 'MT-1001' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Ohjelma' }), 'Tarjoukset');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Kanava' }), 'Tekstiviesti');
    // Typed in the UI language's format: dd.mm.yyyy in Finnish, whatever the browser's language is.
    await user.type(screen.getByRole('textbox', { name: 'Alkaen' }), '1.3.2026');
    await waitFor(() =>
      expect(callsOf('Messages').at(-1)?.variables.filter).toMatchObject({
        status: ['SENT', 'PARTIALLY_SENT'],
        text: 'MT-1001',
        source: 'QUOTE',
        channel: 'SMS',
        createdFrom: new Date('2026-03-01T00:00:00').toISOString(),
      }),
    );
  });
});
