import { describe, expect, it } from 'vitest';
import { Route, Routes } from 'react-router-dom';
import { waitFor } from '@testing-library/react';
import { USER, messageDraft, outboundMessage, refusal } from '../test/fixtures';
import { renderWithApp, screen, within, type Handler } from '../test/test-client';
import { SendFromDocumentScreen } from '../compose/send-from-document-screen';

function renderDraft(draft: Parameters<typeof messageDraft>[0] = {}, extra: Record<string, Handler> = {}) {
  return renderWithApp(
    <Routes>
      <Route path="/send" element={<SendFromDocumentScreen />} />
      <Route path="/drafts" element={<p>Luonnosten lista</p>} />
    </Routes>,
    {
      route: '/send?draft=draft-1',
      me: USER,
      handlers: {
        Draft: () => ({ data: { draft: messageDraft(draft) } }),
        ComposeStandardTexts: () => ({ data: { standardTexts: [] } }),
        SendDraft: ({ input }) => ({ data: { sendDraft: outboundMessage({ to: (input as { to: string[] }).to, subject: (input as { subject: string }).subject }) } }),
        UpdateDraft: () => ({ data: { updateDraft: messageDraft({ subject: 'Tallennettu' }) } }),
        DiscardDraft: () => ({ data: { discardDraft: 'draft-1' } }),
        Drafts: () => ({ data: { drafts: [] } }),
        ...extra,
      },
    },
  );
}

describe('a draft a program stored, opened from its link (/send?draft=…)', () => {
  it('opens prefilled with its recipients, text and the PDF the program uploaded', async () => {
    const { callsOf } = renderDraft();
    const form = await screen.findByRole('form', { name: 'Lähetä viesti' });
    expect(callsOf('Draft')[0]?.variables).toEqual({ id: 'draft-1' });
    expect(within(within(form).getByRole('list', { name: 'Vastaanottaja' })).getAllByRole('listitem').map((c) => c.textContent)).toEqual(['matti@asiakas.fi']);
    expect(within(form).getByRole('textbox', { name: 'Otsikko' })).toHaveProperty('value', 'Tilausvahvistus MT-1001');
    expect(within(form).getByRole('checkbox', { name: 'Valitse liite MT-1001.pdf' })).toBeTruthy();
  });

  it('sends it as the person finally wrote it, through sendDraft with its attachment', async () => {
    const { user, callsOf } = renderDraft();
    const form = await screen.findByRole('form', { name: 'Lähetä viesti' });
    await user.clear(within(form).getByRole('textbox', { name: 'Otsikko' }));
    await user.type(within(form).getByRole('textbox', { name: 'Otsikko' }), 'Muokattu otsikko');
    await user.click(screen.getByRole('button', { name: 'Lähetä viesti' }));
    expect(await screen.findByText('Viesti lähetetty')).toBeTruthy();
    expect(callsOf('SendDraft')[0]?.variables).toMatchObject({ id: 'draft-1', input: { to: ['matti@asiakas.fi'], subject: 'Muokattu otsikko', attachmentIds: ['att-1'], wait: true } });
    expect(callsOf('SendMessage')).toHaveLength(0);
  });

  it('asks first when the program says Kysy lähetystapa, and Lähetä heti sends it as it is', async () => {
    const { user, callsOf } = renderDraft({ sendMode: 'ASK' });
    const ask = await screen.findByRole('alertdialog', { name: 'Miten viesti lähetetään?' });
    await user.click(within(ask).getByRole('button', { name: 'Lähetä heti' }));
    expect(await screen.findByText('Viesti lähetetty')).toBeTruthy();
    expect(callsOf('SendDraft')[0]?.variables.input).toMatchObject({ to: ['matti@asiakas.fi'], subject: 'Tilausvahvistus MT-1001', attachmentIds: ['att-1'] });
  });

  it('saves the edits without sending (Tallenna luonnos)', async () => {
    const { user, callsOf } = renderDraft();
    await screen.findByRole('form', { name: 'Lähetä viesti' });
    await user.click(screen.getByRole('button', { name: 'Tallenna luonnos' }));
    expect(await screen.findByText('Luonnos tallennettu.')).toBeTruthy();
    expect(callsOf('UpdateDraft')[0]?.variables).toMatchObject({ id: 'draft-1', input: { to: ['matti@asiakas.fi'], attachmentIds: ['att-1'] } });
    expect(callsOf('SendDraft')).toHaveLength(0);
  });

  it('throws it away after asking (Hylkää luonnos)', async () => {
    const { user, callsOf } = renderDraft();
    await screen.findByRole('form', { name: 'Lähetä viesti' });
    await user.click(screen.getByRole('button', { name: 'Hylkää luonnos' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Hylätäänkö luonnos?' });
    await user.click(within(confirm).getByRole('button', { name: 'Hylkää luonnos' }));
    expect(await screen.findByText('Luonnos hylättiin: sitä ei lähetetty.')).toBeTruthy();
    await waitFor(() => expect(callsOf('DiscardDraft')).toHaveLength(1));
  });

  it('says why a "send now" message waits for the person', async () => {
    renderDraft({ hold: 'INCOMPLETE', to: [] });
    expect(await screen.findByText(/puuttuu tietoja/)).toBeTruthy();
  });

  it("shows the server's reason for a draft that expired or was already sent, with the way to Luonnokset", async () => {
    const { user } = renderDraft({}, { Draft: () => refusal('NOT_FOUND', 'Luonnos on vanhentunut eikä sitä voi enää lähettää: avaa viesti uudelleen ohjelmasta.', 'DRAFT_EXPIRED') });
    expect(await screen.findByText(/Luonnos on vanhentunut/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Luonnokset' }));
    expect(await screen.findByText('Luonnosten lista')).toBeTruthy();
  });
});
