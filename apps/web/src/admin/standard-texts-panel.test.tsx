import { describe, expect, it } from 'vitest';
import { waitFor } from '@testing-library/react';
import { ADMIN } from '../test/fixtures';
import { descriptionOf, renderWithApp, screen } from '../test/test-client';
import { StandardTextsPanel } from './standard-texts-panel';

const TEXT = {
  __typename: 'StandardTextType',
  id: 'text-1',
  source: 'SALES_ORDER',
  language: 'FI',
  name: 'Tilausvahvistus',
  subject: 'Tilausvahvistus {{documentNumber}}',
  body: 'Hei {{customerName}},\n\nkiitos tilauksestanne.',
  updatedAt: '2026-01-01T08:00:00.000Z',
};

function renderPanel() {
  return renderWithApp(<StandardTextsPanel />, {
    me: ADMIN,
    handlers: {
      StandardTexts: ({ source, language }) => ({ data: { standardTexts: source === 'SALES_ORDER' && language === 'FI' ? [TEXT] : [] } }),
      UpsertStandardText: ({ input }) => ({ data: { upsertStandardText: { ...TEXT, ...(input as object), id: 'text-1' } } }),
    },
  });
}

describe('Vakiotekstit', () => {
  it('lists the placeholders a text may use', async () => {
    renderPanel();
    await screen.findByRole('button', { name: 'Tilausvahvistus' });
    for (const placeholder of ['{{documentNumber}}', '{{customerName}}', '{{trackingCode}}', '{{trackingUrl}}', '{{dueDate}}']) expect(screen.getByText(placeholder)).toBeTruthy();
  });

  it('opens a text for editing with its body in a monospace editor', async () => {
    const { user } = renderPanel();
    await user.click(await screen.findByRole('button', { name: 'Tilausvahvistus' }));
    const body = screen.getByLabelText('Sisältö') as HTMLTextAreaElement;
    expect(body.value).toBe(TEXT.body);
    expect(body.style.fontFamily).toContain('monospace');
  });

  it('asks for a name before saving a new text', async () => {
    const { user, callsOf } = renderPanel();
    await screen.findByRole('button', { name: 'Tilausvahvistus' });
    await user.type(screen.getByLabelText('Otsikko'), 'Tarjous {{documentNumber}}');
    await user.click(screen.getByRole('button', { name: 'Tallenna' }));
    expect(descriptionOf(screen.getByLabelText('Nimi'))).toContain('Pakollinen tieto puuttuu.');
    expect(callsOf('UpsertStandardText')).toHaveLength(0);
  });

  it('saves the text for the chosen program and language', async () => {
    const { user, callsOf } = renderPanel();
    await user.click(await screen.findByRole('button', { name: 'Tilausvahvistus' }));
    await user.type(screen.getByLabelText('Sisältö'), '\nTerveisin');
    await user.click(screen.getByRole('button', { name: 'Tallenna' }));
    await waitFor(() =>
      expect(callsOf('UpsertStandardText')[0]?.variables.input).toEqual({
        id: 'text-1',
        source: 'SALES_ORDER',
        language: 'FI',
        name: 'Tilausvahvistus',
        subject: TEXT.subject,
        body: `${TEXT.body}\nTerveisin`,
      }),
    );
  });

  it('shows the texts of the chosen language only', async () => {
    const { user, callsOf } = renderPanel();
    await screen.findByRole('button', { name: 'Tilausvahvistus' });
    await user.selectOptions(screen.getByLabelText('Kieli'), 'Ruotsi');
    expect(await screen.findByText('Tälle ohjelmalle ja kielelle ei ole vielä vakiotekstejä.')).toBeTruthy();
    expect(callsOf('StandardTexts').at(-1)?.variables).toEqual({ source: 'SALES_ORDER', language: 'SV' });
  });
});
