import { describe, expect, it } from 'vitest';
import { waitFor } from '@testing-library/react';
import type { Language } from '../gql/graphql';
import { USER, badUserInput, composeDraft, messageError, outboundMessage, refusal } from '../test/fixtures';
import { descriptionOf, renderWithApp, screen, within, type Handler } from '../test/test-client';
import { ComposeScreen } from './compose-screen';

function renderCompose(handlers: Record<string, Handler> = {}, draft: Parameters<typeof composeDraft>[0] = {}) {
  return renderWithApp(<ComposeScreen />, {
    route: '/compose',
    me: USER,
    handlers: {
      ComposeDraft: () => ({ data: { composeDraft: composeDraft({ source: 'CUSTOMER_CARD', documentRef: null, to: [], subject: '', body: '\nMaija Myyjä', ...draft }) } }),
      ComposeStandardTexts: () => ({ data: { standardTexts: [] } }),
      SendMessage: () => ({ data: { sendMessage: outboundMessage() } }),
      ...handlers,
    },
  });
}

async function fillIn(user: ReturnType<typeof renderCompose>['user']) {
  const form = await screen.findByRole('form', { name: 'Lähetä viesti' });
  await user.click(within(form).getByRole('textbox', { name: 'Vastaanottaja' }));
  await user.paste('a@x.fi; "Virtanen, Matti" <m@y.fi>');
  await user.type(within(form).getByRole('textbox', { name: 'Otsikko' }), 'Tarjous 42');
  const body = within(form).getByRole('textbox', { name: 'Sisältö' });
  await user.clear(body);
  await user.type(body, 'Hei Matti,{Enter}tässä tarjous.');
  return form;
}

const chipTexts = (form: HTMLElement) =>
  within(within(form).getByRole('list', { name: 'Vastaanottaja' }))
    .queryAllByRole('listitem')
    .map((c) => c.textContent);

describe('Lähetä viesti', () => {
  it('shows Lähettäjä greyed and read-only', async () => {
    renderCompose();
    const from = await screen.findByRole('textbox', { name: 'Lähettäjä' });
    expect(from).toHaveProperty('value', 'Maija Myyjä <testi.yritys@maestro.fi>');
    expect(from).toHaveProperty('readOnly', true);
    expect(from).toHaveProperty('disabled', true);
  });

  it('sends what was written, with wait and an idempotencyKey, and confirms SENT', async () => {
    const { user, callsOf } = renderCompose();
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Lähetä viesti' }));
    expect(await screen.findByText('Viesti lähetetty')).toBeTruthy();
    const input = callsOf('SendMessage')[0]?.variables.input as Record<string, unknown>;
    expect(input).toMatchObject({
      source: 'CUSTOMER_CARD',
      to: ['a@x.fi', '"Virtanen, Matti" <m@y.fi>'],
      cc: [],
      bcc: [],
      subject: 'Tarjous 42',
      body: 'Hei Matti,\ntässä tarjous.',
      wait: true,
      sendAt: null,
    });
    expect(typeof input.idempotencyKey).toBe('string');
  });

  it('tells the server the list and the body are final: the person saw the default recipients and the signature', async () => {
    const { user, callsOf } = renderCompose();
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Lähetä viesti' }));
    await screen.findByText('Viesti lähetetty');
    expect(callsOf('SendMessage')[0]?.variables.input).toMatchObject({ defaultRecipients: 'EXCLUDE', signature: 'NONE' });
  });

  it('shows the default recipients the company puts in Piilokopio, each removable', async () => {
    const vakio = { __typename: 'MailboxType', name: '', address: 'arkisto@yritys.fi', formatted: 'arkisto@yritys.fi' };
    const { user, callsOf } = renderCompose({}, { bcc: [vakio] });
    const form = await fillIn(user);
    const bcc = within(form).getByRole('list', { name: 'Piilokopio' });
    expect(within(bcc).getAllByRole('listitem').map((c) => c.textContent)).toEqual(['arkisto@yritys.fi']);
    await user.click(within(bcc).getByRole('button', { name: /Poista/ }));
    await user.click(screen.getByRole('button', { name: 'Lähetä viesti' }));
    await screen.findByText('Viesti lähetetty');
    expect(callsOf('SendMessage')[0]?.variables.input).toMatchObject({ bcc: [] });
  });

  it('keeps everything the user wrote when the server refuses, and shows why', async () => {
    const { user } = renderCompose({
      SendMessage: () => refusal('REFUSED', 'Sähköpostilähetys ei ole käytössä tällä yrityksellä: lisää sähköposti Viestiasetusten "Palvelu käytössä" -kohtaan.', 'EMAIL_DISABLED'),
    });
    const form = await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Lähetä viesti' }));
    expect(await screen.findByText(/Sähköpostilähetys ei ole käytössä tällä yrityksellä/)).toBeTruthy();
    expect(chipTexts(form)).toEqual(['a@x.fi', '"Virtanen, Matti" <m@y.fi>']);
    expect(within(form).getByRole('textbox', { name: 'Otsikko' })).toHaveProperty('value', 'Tarjous 42');
    expect(within(form).getByRole('textbox', { name: 'Sisältö' })).toHaveProperty('value', 'Hei Matti,\ntässä tarjous.');
  });

  it('keeps the form and shows the reason when the message FAILED, and sends again as a new message', async () => {
    let attempt = 0;
    const { user, callsOf } = renderCompose({
      SendMessage: () => {
        attempt += 1;
        return {
          data: {
            sendMessage:
              attempt === 1
                ? outboundMessage({ status: 'FAILED', sentAt: null, lastError: messageError('RECIPIENT_REJECTED', 'Palvelin hylkäsi vastaanottajan a@x.fi: tarkista osoite.', true) })
                : outboundMessage(),
          },
        };
      },
    });
    const form = await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Lähetä viesti' }));
    expect(await screen.findByText('Palvelin hylkäsi vastaanottajan a@x.fi: tarkista osoite.')).toBeTruthy();
    expect(within(form).getByRole('textbox', { name: 'Otsikko' })).toHaveProperty('value', 'Tarjous 42');
    await user.click(screen.getByRole('button', { name: 'Lähetä viesti' }));
    await screen.findByText('Viesti lähetetty');
    const [first, second] = callsOf('SendMessage').map((c) => (c.variables.input as { idempotencyKey: string }).idempotencyKey);
    expect(second).not.toBe(first);
  });

  it("shows the server's field problems beside their fields", async () => {
    const { user } = renderCompose({
      SendMessage: () =>
        badUserInput([
          { field: 'to.1', code: 'INVALID_ADDRESS', message: 'Palvelin: vastaanottajassa on virhe.' },
          { field: 'subject', code: 'TOO_LONG', message: 'Liian pitkä: enintään 998 merkkiä.' },
        ]),
    });
    const form = await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Lähetä viesti' }));
    await waitFor(() => expect(descriptionOf(within(form).getByRole('textbox', { name: 'Otsikko' }))).toContain('Liian pitkä: enintään 998 merkkiä.'));
    expect(descriptionOf(within(form).getByRole('textbox', { name: 'Vastaanottaja' }))).toContain('Palvelin: vastaanottajassa on virhe.');
  });

  it('retries with the same idempotencyKey after a lost answer, so the message is stored once', async () => {
    let attempt = 0;
    const { user, callsOf } = renderCompose({
      SendMessage: () => {
        attempt += 1;
        if (attempt === 1) throw new TypeError('Failed to fetch');
        return { data: { sendMessage: outboundMessage() } };
      },
    });
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Lähetä viesti' }));
    expect(await screen.findByText(/Palvelimeen ei saatu yhteyttä/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Lähetä viesti' }));
    await screen.findByText('Viesti lähetetty');
    const keys = callsOf('SendMessage').map((c) => (c.variables.input as { idempotencyKey: string }).idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  it('sends once on a double click', async () => {
    let release: () => void = () => undefined;
    const { user, callsOf } = renderCompose({
      SendMessage: () => new Promise((resolve) => (release = () => resolve({ data: { sendMessage: outboundMessage() } }))),
    });
    await fillIn(user);
    await user.dblClick(screen.getByRole('button', { name: 'Lähetä viesti' }));
    await waitFor(() => expect(callsOf('SendMessage')).toHaveLength(1));
    release();
    await screen.findByText('Viesti lähetetty');
    expect(callsOf('SendMessage')).toHaveLength(1);
  });

  it('checks the form with the server’s rules before sending: a recipient is needed, invalid chips block', async () => {
    const { user, callsOf } = renderCompose();
    const form = await screen.findByRole('form', { name: 'Lähetä viesti' });
    await user.click(screen.getByRole('button', { name: 'Lähetä viesti' }));
    expect(descriptionOf(within(form).getByRole('textbox', { name: 'Vastaanottaja' }))).toContain('Anna vähintään yksi vastaanottaja.');
    await user.type(within(form).getByRole('textbox', { name: 'Vastaanottaja' }), 'matti@yritys');
    await user.click(screen.getByRole('button', { name: 'Lähetä viesti' }));
    expect(descriptionOf(within(form).getByRole('textbox', { name: 'Vastaanottaja' }))).toContain('"matti@yritys" ei ole kelvollinen sähköpostiosoite');
    expect(callsOf('SendMessage')).toHaveLength(0);
  });

  it('shows Kopio and Piilokopio only when asked for', async () => {
    const { user } = renderCompose();
    const form = await screen.findByRole('form', { name: 'Lähetä viesti' });
    expect(within(form).queryByRole('textbox', { name: 'Kopio' })).toBeNull();
    await user.click(within(form).getByRole('button', { name: 'Lisää Kopio-kenttä' }));
    expect(within(form).getByRole('textbox', { name: 'Kopio' })).toBeTruthy();
    expect(within(form).queryByRole('textbox', { name: 'Piilokopio' })).toBeNull();
  });

  it('makes Kopio and Piilokopio real buttons that open their field with the cursor in it, as in Outlook', async () => {
    const { user } = renderCompose();
    const form = await screen.findByRole('form', { name: 'Lähetä viesti' });
    const bcc = within(form).getByRole('button', { name: 'Lisää Piilokopio-kenttä' });
    expect(bcc.textContent).toBe('Piilokopio');
    expect(bcc.getAttribute('aria-expanded')).toBe('false');
    await user.click(bcc);
    const field = within(form).getByRole('textbox', { name: 'Piilokopio' });
    expect(document.activeElement).toBe(field);
    expect(within(form).queryByRole('button', { name: 'Lisää Piilokopio-kenttä' })).toBeNull();
    await user.type(field, 'salainen@yritys.fi;');
    expect(
      within(within(form).getByRole('list', { name: 'Piilokopio' }))
        .getAllByRole('listitem')
        .map((c) => c.textContent),
    ).toEqual(['salainen@yritys.fi']);
  });

  it('fills Otsikko and Sisältö from the chosen standard text and language', async () => {
    const { user, callsOf } = renderCompose({
      ComposeStandardTexts: ({ language }) => ({
        data: { standardTexts: [{ __typename: 'StandardTextType', id: `st-${String(language)}`, name: `Tarjous ${String(language)}`, language, source: 'CUSTOMER_CARD' }] },
      }),
      ComposeDraft: ({ input }) => {
        const { standardTextId, language } = input as { standardTextId?: string; language?: Language };
        return standardTextId
          ? { data: { composeDraft: composeDraft({ source: 'CUSTOMER_CARD', language, standardTextId, subject: 'Offert 42', body: 'Hej,\n\nMaija Myyjä' }) } }
          : { data: { composeDraft: composeDraft({ source: 'CUSTOMER_CARD', to: [], subject: '', body: '' }) } };
      },
    });
    const form = await screen.findByRole('form', { name: 'Lähetä viesti' });
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Kieli' }), 'Ruotsi');
    await waitFor(() => expect(within(form).getByRole('combobox', { name: 'Vakioteksti' })).toHaveProperty('disabled', false));
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Vakioteksti' }), 'Tarjous SV');
    await waitFor(() => expect(within(form).getByRole('textbox', { name: 'Otsikko' })).toHaveProperty('value', 'Offert 42'));
    expect(within(form).getByRole('textbox', { name: 'Sisältö' })).toHaveProperty('value', 'Hej,\n\nMaija Myyjä');
    expect(callsOf('ComposeDraft').at(-1)?.variables.input).toMatchObject({ source: 'CUSTOMER_CARD', language: 'SV', standardTextId: 'st-SV' });
  });

  it('keeps what the user wrote when the chosen language has no standard text', async () => {
    const { user } = renderCompose({
      ComposeDraft: ({ input }) => ({
        data: { composeDraft: composeDraft({ source: 'CUSTOMER_CARD', to: [], subject: '', body: '\nMaija Myyjä', language: (input as { language?: Language }).language ?? 'FI' }) },
      }),
    });
    const form = await fillIn(user);
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Kieli' }), 'Englanti');
    await waitFor(() => expect(within(form).getByRole('combobox', { name: 'Kieli' })).toHaveProperty('disabled', false));
    expect(within(form).getByRole('textbox', { name: 'Otsikko' })).toHaveProperty('value', 'Tarjous 42');
    expect(within(form).getByRole('textbox', { name: 'Sisältö' })).toHaveProperty('value', 'Hei Matti,\ntässä tarjous.');
  });

  it('shows Liitetiedosto only when the program allows attachments', async () => {
    renderCompose({}, { attachmentsAllowed: false });
    await screen.findByRole('form', { name: 'Lähetä viesti' });
    expect(screen.queryByRole('button', { name: 'Lisää liite' })).toBeNull();
  });

  it('asks for a future time for a scheduled send, and sends it as sendAt', async () => {
    const { user, callsOf } = renderCompose();
    await fillIn(user);
    await user.click(screen.getByRole('checkbox', { name: 'Ajastettu lähetys' }));
    await user.click(screen.getByRole('button', { name: 'Lähetä viesti' }));
    expect(await screen.findByText('Valitse lähetysaika.')).toBeTruthy();
    // Typed in the UI language's format (dd.mm.yyyy hh.mm), whatever the browser's language is.
    const when = screen.getByRole('textbox', { name: 'Lähetysaika' });
    await user.type(when, '2099-01-02');
    expect(await screen.findByText('Anna aika muodossa pp.kk.vvvv hh.mm, esim. 24.12.2026 08.30.')).toBeTruthy();
    await user.clear(when);
    await user.type(when, '2.1.2099 8.30');
    await user.click(screen.getByRole('button', { name: 'Lähetä viesti' }));
    await waitFor(() => expect(callsOf('SendMessage')).toHaveLength(1));
    expect(callsOf('SendMessage')[0]?.variables.input).toMatchObject({ sendAt: new Date(2099, 0, 2, 8, 30).toISOString(), wait: false });
  });
});
