import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Route, Routes } from 'react-router-dom';
import { waitFor } from '@testing-library/react';
import { USER, composeDraft, outboundMessage, refusal } from '../test/fixtures';
import { renderWithApp, screen, within, type Handler } from '../test/test-client';
import { SendFromDocumentScreen } from './send-from-document-screen';

const SEND_URL = '/send?source=SALES_ORDER&documentRef=MT-1001&to=etu.sukunimi%40maestro.fi&language=FI';

function renderSend(route: string, draft: Parameters<typeof composeDraft>[0], extra: Record<string, Handler> = {}) {
  return renderWithApp(
    <Routes>
      <Route path="/send" element={<SendFromDocumentScreen />} />
      <Route path="/" element={<p>Etusivu</p>} />
    </Routes>,
    {
      route,
      me: USER,
      handlers: {
        ComposeDraft: () => ({ data: { composeDraft: composeDraft(draft) } }),
        ComposeStandardTexts: () => ({ data: { standardTexts: [] } }),
        SendMessage: ({ input }) => ({ data: { sendMessage: outboundMessage({ to: (input as { to: string[] }).to, subject: (input as { subject: string }).subject }) } }),
        ...extra,
      },
    },
  );
}

describe('sending from a document: the send mode decides', () => {
  it('SEND_NOW sends the draft at once and confirms it', async () => {
    const { callsOf } = renderSend(SEND_URL, { sendMode: 'SEND_NOW' });
    expect(await screen.findByText('Viesti lähetetty')).toBeTruthy();
    expect(callsOf('SendMessage')).toHaveLength(1);
    expect(callsOf('SendMessage')[0]?.variables.input).toMatchObject({
      source: 'SALES_ORDER',
      documentRef: 'MT-1001',
      to: ['etu.sukunimi@maestro.fi'],
      subject: 'Testilähetys',
      wait: true,
    });
    expect(screen.getByText('Palvelimen vastaus: 250 2.0.0 OK: queued as 1234')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Lähetä viesti' })).toBeNull();
  });

  it('SEND_NOW asks composeDraft with what the program gave: repeated to, language, standard text and the document number', async () => {
    const { callsOf } = renderSend('/send?source=QUOTE&documentRef=T-7&to=a%40x.fi&to=b%40y.fi&language=SV&standardTextId=st-1&var.customerName=Asiakas%20Oy', {
      sendMode: 'SEND_NOW',
    });
    await screen.findByText('Viesti lähetetty');
    expect(callsOf('ComposeDraft')[0]?.variables.input).toEqual({
      source: 'QUOTE',
      documentRef: 'T-7',
      language: 'SV',
      standardTextId: 'st-1',
      variables: { documentNumber: 'T-7', customerName: 'Asiakas Oy' },
      to: ['a@x.fi', 'b@y.fi'],
    });
  });

  it('OPEN_FOR_EDIT opens the compose dialog filled in, and sends nothing by itself', async () => {
    const { callsOf } = renderSend(SEND_URL, { sendMode: 'OPEN_FOR_EDIT' });
    const form = await screen.findByRole('form', { name: 'Lähetä viesti' });
    expect(within(form).getByRole('textbox', { name: 'Otsikko' })).toHaveProperty('value', 'Testilähetys');
    expect(within(form).getByRole('textbox', { name: 'Sisältö' })).toHaveProperty('value', 'Hei,\nTämä on testilähetys.\nTerveisin,\nMaestro');
    expect(
      within(within(form).getByRole('list', { name: 'Vastaanottaja' }))
        .getAllByRole('listitem')
        .map((c) => c.textContent),
    ).toEqual(['etu.sukunimi@maestro.fi']);
    expect(within(form).getByRole('textbox', { name: 'Lähettäjä' })).toHaveProperty('readOnly', true);
    expect(callsOf('SendMessage')).toHaveLength(0);
  });

  it('ASK asks "Lähetä heti / Avaa muokattavaksi" and sends only when told to', async () => {
    const { user, callsOf } = renderSend(SEND_URL, { sendMode: 'ASK' });
    const ask = await screen.findByRole('alertdialog', { name: 'Miten viesti lähetetään?' });
    expect(within(ask).getByRole('button', { name: 'Avaa muokattavaksi' })).toBeTruthy();
    expect(callsOf('SendMessage')).toHaveLength(0);
    await user.click(within(ask).getByRole('button', { name: 'Lähetä heti' }));
    expect(await screen.findByText('Viesti lähetetty')).toBeTruthy();
    expect(callsOf('SendMessage')).toHaveLength(1);
  });

  it('ASK opens the compose dialog when the user chooses Avaa muokattavaksi', async () => {
    const { user, callsOf } = renderSend(SEND_URL, { sendMode: 'ASK' });
    await user.click(await screen.findByRole('button', { name: 'Avaa muokattavaksi' }));
    expect(await screen.findByRole('form', { name: 'Lähetä viesti' })).toBeTruthy();
    expect(callsOf('SendMessage')).toHaveLength(0);
  });

  it('leaves nothing aria-hidden after Avaa muokattavaksi: screen readers reach the form and its buttons', async () => {
    const { user } = renderSend(SEND_URL, { sendMode: 'ASK' });
    await user.click(await screen.findByRole('button', { name: 'Avaa muokattavaksi' }));
    const form = await screen.findByRole('form', { name: 'Lähetä viesti' });
    // The dialog's modalizer hid the page while it was open; it must give it back when the dialog goes.
    await waitFor(() => expect(form.closest('[aria-hidden="true"]')).toBeNull());
    expect(within(form).getByRole('button', { name: 'Lähetä viesti' })).toBeTruthy();
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('opens the compose dialog with red chips when the program gave addresses that are not addresses', async () => {
    const { callsOf } = renderSend(
      '/send?source=SALES_ORDER&to=matti%40asiakas&to=b%40y.fi',
      { sendMode: 'SEND_NOW', to: [] },
      {
        ComposeDraft: ({ input }) =>
          (input as { to?: string[] }).to
            ? refusal('REFUSED', 'Virheellinen vastaanottaja: "matti@asiakas".', 'INVALID_RECIPIENTS')
            : { data: { composeDraft: composeDraft({ sendMode: 'SEND_NOW', to: [] }) } },
      },
    );
    const form = await screen.findByRole('form', { name: 'Lähetä viesti' });
    const chips = within(within(form).getByRole('list', { name: 'Vastaanottaja' })).getAllByRole('listitem');
    expect(chips.map((c) => [c.textContent, c.dataset.invalid])).toEqual([
      ['matti@asiakas', 'true'],
      ['b@y.fi', undefined],
    ]);
    expect(screen.getByText(/Ohjelman antamissa vastaanottajissa on virheitä/)).toBeTruthy();
    expect(callsOf('SendMessage')).toHaveLength(0);
  });

  it('says what is wrong when the address names no program', async () => {
    renderSend('/send?documentRef=MT-1001', {});
    expect(await screen.findByText(/Osoitteesta puuttuu ohjelma \(source\)/)).toBeTruthy();
  });
});

describe('sending from a document when SMTP sending is off (HAND_OFF)', () => {
  const createObjectURL = vi.fn(() => 'blob:maestro/draft');

  beforeEach(() => {
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  function renderHandOff(mailtoUrl: string | null) {
    return renderSend(
      SEND_URL,
      { sendMode: 'SEND_NOW', delivery: 'HAND_OFF' },
      {
        SendMessage: () => ({
          data: {
            sendMessage: outboundMessage({
              status: 'HANDED_OFF',
              sentAt: null,
              smtpResponse: null,
              handOff: { __typename: 'HandOff', emlUrl: '/messages/msg-1/draft.eml', mailtoUrl },
            }),
          },
        }),
      },
    );
  }

  it('records the message and offers the .eml draft and the mailto link instead of sending', async () => {
    const { callsOf } = renderHandOff('mailto:etu.sukunimi@maestro.fi?subject=Testil%C3%A4hetys');
    expect(await screen.findByRole('button', { name: 'Lataa luonnos (.eml)' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Avaa sähköpostiohjelmassa' }).getAttribute('href')).toBe('mailto:etu.sukunimi@maestro.fi?subject=Testil%C3%A4hetys');
    expect(callsOf('SendMessage')).toHaveLength(1);
    expect(screen.queryByText('Viesti lähetetty')).toBeNull();
  });

  it('opens the mail program at once through the mailto link when the message has no attachments', async () => {
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    renderHandOff('mailto:etu.sukunimi@maestro.fi?subject=Testil%C3%A4hetys');
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    expect((click.mock.contexts[0] as HTMLAnchorElement).href).toBe('mailto:etu.sukunimi@maestro.fi?subject=Testil%C3%A4hetys');
    // Nothing is downloaded unasked; the draft stays one click away.
    expect(fetchMock).not.toHaveBeenCalled();
    expect(screen.getByRole('link', { name: 'Siirretty sähköpostiohjelmaan' }).getAttribute('href')).toBe('/messages/handed-off');
  });

  it('offers the .eml draft at once, named after the subject, when there is no mailto link (attachments)', async () => {
    const fetchMock = vi.fn(
      async () => new Response('From: a@x.fi\r\nX-Unsent: 1\r\n\r\nHei', { status: 200, headers: { 'content-disposition': "attachment; filename*=UTF-8''Testil%C3%A4hetys.eml" } }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    renderHandOff(null);
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe('Testilähetys.eml');
  });

  it('downloads the draft with the token in the Authorization header, never in the URL', async () => {
    const fetchMock = vi.fn(async () => new Response('From: a@x.fi\r\nX-Unsent: 1\r\n\r\nHei', { status: 200, headers: { 'content-disposition': 'attachment; filename="Testilahetys.eml"' } }));
    vi.stubGlobal('fetch', fetchMock);
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const { user } = renderHandOff(null);
    await user.click(await screen.findByRole('button', { name: 'Lataa luonnos (.eml)' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/messages/msg-1/draft.eml');
    expect((init.headers as Record<string, string>).authorization).toBe('Bearer test-token');
    expect(url).not.toContain('test-token');
    const link = click.mock.contexts[0] as HTMLAnchorElement;
    expect(link.download).toBe('Testilahetys.eml');
    expect(link.href).toBe('blob:maestro/draft');
    expect(screen.queryByRole('link', { name: 'Avaa sähköpostiohjelmassa' })).toBeNull();
  });
});
