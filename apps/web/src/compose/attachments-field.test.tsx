import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Route, Routes } from 'react-router-dom';
import { waitFor } from '@testing-library/react';
import { USER, attachment, badUserInput, composeDraft, outboundMessage } from '../test/fixtures';
import { renderWithApp, screen, within, type Handler } from '../test/test-client';
import { ComposeScreen } from './compose-screen';
import { SendFromDocumentScreen } from './send-from-document-screen';

/** XMLHttpRequest as the upload uses it; each request waits until the test answers it. */
class FakeUpload {
  static requests: FakeUpload[] = [];
  headers: Record<string, string> = {};
  method = '';
  url = '';
  status = 0;
  response: unknown = null;
  responseType = '';
  body: FormData | null = null;
  upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: FormData) {
    this.body = body;
    FakeUpload.requests.push(this);
  }
  abort() {}
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ loaded, total, lengthComputable: true });
  }
  answer(status: number, response: unknown) {
    this.status = status;
    this.response = response;
    this.onload?.();
  }
}

function renderCompose() {
  return renderWithApp(<ComposeScreen />, {
    me: USER,
    handlers: {
      ComposeDraft: () => ({ data: { composeDraft: composeDraft({ source: 'CUSTOMER_CARD' }) } }),
      ComposeStandardTexts: () => ({ data: { standardTexts: [] } }),
      SendMessage: () => ({ data: { sendMessage: outboundMessage() } }),
    },
  });
}

describe('Liitetiedosto', () => {
  beforeEach(() => {
    FakeUpload.requests = [];
    vi.stubGlobal('XMLHttpRequest', FakeUpload);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('uploads an added file with the token, shows its progress, and lists it once stored', async () => {
    const { user } = renderCompose();
    await screen.findByRole('form', { name: 'Lähetä viesti' });
    const file = new File(['Tuote A 10,00 €'], 'Hinnasto.txt', { type: 'text/plain' });
    await user.upload(screen.getByLabelText('Liitetiedosto', { selector: 'input' }), file);
    const request = FakeUpload.requests[0] as FakeUpload;
    expect([request.method, request.url, request.headers.authorization]).toEqual(['POST', '/attachments', 'Bearer test-token']);
    expect((request.body?.get('file') as File).name).toBe('Hinnasto.txt');
    request.progress(8, 16);
    expect(await screen.findByText('Ladataan Hinnasto.txt: 50 %')).toBeTruthy();
    request.answer(201, [{ id: 'att-1', filename: 'Hinnasto.txt', size: 16, contentType: 'text/plain', sha256: 'ab' }]);
    expect(await screen.findByRole('checkbox', { name: 'Valitse liite Hinnasto.txt' })).toBeTruthy();
    expect(screen.queryByText(/Ladataan/)).toBeNull();
  });

  it("shows the server's refusal of an oversize file and leaves it out", async () => {
    const { user } = renderCompose();
    await screen.findByRole('form', { name: 'Lähetä viesti' });
    await user.upload(screen.getByLabelText('Liitetiedosto', { selector: 'input' }), new File(['x'.repeat(64)], 'Iso.pdf'));
    (FakeUpload.requests[0] as FakeUpload).answer(413, { error: { code: 'FILE_TOO_LARGE', message: 'Tiedosto Iso.pdf on yli 1 Mt: pienennä tai pakkaa se.' } });
    expect(await screen.findByText('Tiedosto Iso.pdf on yli 1 Mt: pienennä tai pakkaa se.')).toBeTruthy();
    expect(screen.queryByRole('checkbox', { name: 'Valitse liite Iso.pdf' })).toBeNull();
  });
});

describe('attachments handed over by the program (attachmentIds)', () => {
  const opened: string[] = [];
  let fetchMock: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    opened.length = 0;
    fetchMock = vi.fn(async () => new Response('PDF', { status: 200, headers: { 'content-type': 'application/pdf', 'content-disposition': "inline; filename=\"liite.pdf\"" } }));
    vi.stubGlobal('fetch', fetchMock);
    Object.assign(URL, { createObjectURL: () => 'blob:maestro/liite', revokeObjectURL: () => undefined });
    vi.spyOn(window, 'open').mockImplementation((url) => {
      opened.push(String(url));
      return {} as Window;
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  const STORED: Record<string, ReturnType<typeof attachment>> = { 'att-1': attachment('att-1', 'Tilausvahvistus.pdf'), 'att-2': attachment('att-2', 'Ehdot.pdf') };

  function renderDocument(route = '/send?source=SALES_ORDER&documentRef=MT-1001&attachmentIds=att-1,att-2', sendMessage: Handler = () => ({ data: { sendMessage: outboundMessage() } })) {
    return renderWithApp(
      <Routes>
        <Route path="/send" element={<SendFromDocumentScreen />} />
      </Routes>,
      {
        route,
        me: USER,
        handlers: {
          ComposeDraft: ({ input }) => {
            const ids = (input as { attachmentIds?: string[] }).attachmentIds ?? [];
            // As the API reports them: each missing one by its index in the list sent.
            const missing = ids.flatMap((id, index) => (STORED[id] ? [] : [{ id, index }]));
            if (missing.length > 0) {
              return badUserInput(missing.map(({ id, index }) => ({ field: `attachmentIds.${index}`, code: 'INVALID_VALUE', message: `Liitettä ${id} ei löytynyt: lataa se uudelleen.` })));
            }
            return { data: { composeDraft: composeDraft({ sendMode: 'OPEN_FOR_EDIT', attachments: ids.flatMap((id) => STORED[id] ?? []) }) } };
          },
          ComposeStandardTexts: () => ({ data: { standardTexts: [] } }),
          SendMessage: sendMessage,
        },
      },
    );
  }

  it('lists them by name, opens the selected ones with the token, and sends only those not removed', async () => {
    const { user, callsOf } = renderDocument();
    const list = await screen.findByRole('list', { name: 'Liitetiedosto' });
    expect(callsOf('ComposeDraft')[0]?.variables.input).toMatchObject({ attachmentIds: ['att-1', 'att-2'] });
    expect(within(list).getAllByRole('checkbox').map((c) => c.getAttribute('aria-label'))).toEqual(['Valitse liite Tilausvahvistus.pdf', 'Valitse liite Ehdot.pdf']);

    await user.click(screen.getByRole('checkbox', { name: 'Valitse liite Tilausvahvistus.pdf' }));
    await user.click(screen.getByRole('button', { name: 'Näytä liitteet' }));
    await waitFor(() => expect(opened).toEqual(['blob:maestro/liite']));
    const get = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(get[0]).toBe('/attachments/att-1');
    expect((get[1].headers as Record<string, string>).authorization).toBe('Bearer test-token');

    await user.click(screen.getByRole('button', { name: 'Poista liitteet' }));
    expect(within(screen.getByRole('list', { name: 'Liitetiedosto' })).getAllByRole('checkbox').map((c) => c.getAttribute('aria-label'))).toEqual(['Valitse liite Ehdot.pdf']);

    await user.click(screen.getByRole('button', { name: 'Lähetä viesti' }));
    await waitFor(() => expect(callsOf('SendMessage')).toHaveLength(1));
    expect((callsOf('SendMessage')[0]?.variables.input as { attachmentIds: string[] }).attachmentIds).toEqual(['att-2']);
  });

  it('opens the message with the files that were found and names the one that was not', async () => {
    const { callsOf } = renderDocument('/send?source=SALES_ORDER&documentRef=MT-1001&attachmentIds=att-1,gone');
    const list = await screen.findByRole('list', { name: 'Liitetiedosto' });
    expect(within(list).getAllByRole('checkbox').map((c) => c.getAttribute('aria-label'))).toEqual(['Valitse liite Tilausvahvistus.pdf']);
    expect(screen.getByText('Liitettä gone ei löytynyt: lataa se uudelleen.')).toBeTruthy();
    expect(callsOf('SendMessage')).toHaveLength(0);
  });

  it('asks composeDraft once more without the missing files, from the indexes the API names, not once per file', async () => {
    const { callsOf } = renderDocument('/send?source=SALES_ORDER&documentRef=MT-1001&attachmentIds=gone,att-1,gone,lost,att-2');
    await screen.findByRole('list', { name: 'Liitetiedosto' });
    expect(callsOf('ComposeDraft').map((c) => (c.variables.input as { attachmentIds?: string[] }).attachmentIds)).toEqual([
      ['gone', 'att-1', 'lost', 'att-2'],
      ['att-1', 'att-2'],
    ]);
    expect(screen.getByText(/Liitettä gone ei löytynyt.*Liitettä lost ei löytynyt/)).toBeTruthy();
  });

  it('names the file the server no longer has when sending, by its index in what was sent', async () => {
    const { user } = renderDocument(undefined, () => badUserInput([{ field: 'attachmentIds.1', code: 'INVALID_VALUE', message: 'Liitettä att-2 ei löytynyt: lataa se uudelleen.' }]));
    await screen.findByRole('list', { name: 'Liitetiedosto' });
    await user.click(screen.getByRole('button', { name: 'Lähetä viesti' }));
    expect(await screen.findByText('Liitettä Ehdot.pdf ei enää löydy palvelimelta: poista se ja lisää uudelleen.')).toBeTruthy();
    expect(screen.queryByText(/att-2/)).toBeNull();
  });
});
