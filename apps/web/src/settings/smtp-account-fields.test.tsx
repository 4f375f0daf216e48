import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { NO_MESSAGES, type FieldMessages } from '../forms/field-messages';
import { descriptionOf, secretGroup } from '../test/test-client';
import { smtpAccount } from '../test/fixtures';
import type { SmtpAccountFieldsFragment } from '../gql/graphql';
import { smtpAccountForm, smtpAccountInput, type SmtpAccountForm } from './smtp-account-form';
import { SmtpAccountFields } from './smtp-account-fields';

function renderBlock(account: Record<string, unknown> = {}, messages: FieldMessages = NO_MESSAGES) {
  const latest: { form: SmtpAccountForm | null } = { form: null };
  function Harness() {
    const [form, setForm] = useState(() => smtpAccountForm(smtpAccount(account) as SmtpAccountFieldsFragment));
    latest.form = form;
    return <SmtpAccountFields value={form} messages={messages} onChange={setForm} />;
  }
  render(
    <FluentProvider theme={webLightTheme}>
      <Harness />
    </FluentProvider>,
  );
  return { user: userEvent.setup(), latest };
}

describe('SMTP block: Salaustapa and Portti', () => {
  it('suggests port 465 when Salaustapa changes from TLS to SSL and the port was the TLS default 587', async () => {
    const { user } = renderBlock({ encryption: 'TLS', port: 587 });
    await user.selectOptions(screen.getByLabelText('Salaustapa'), 'SSL');
    expect(screen.getByLabelText('Portti')).toHaveProperty('value', '465');
  });

  it('suggests port 25 when Salaustapa changes to Ei salausta from the SSL default 465', async () => {
    const { user } = renderBlock({ encryption: 'SSL', port: 465 });
    await user.selectOptions(screen.getByLabelText('Salaustapa'), 'Ei salausta');
    expect(screen.getByLabelText('Portti')).toHaveProperty('value', '25');
  });

  it('keeps a port the user chose on purpose when Salaustapa changes', async () => {
    const { user } = renderBlock({ encryption: 'TLS', port: 2525 });
    await user.selectOptions(screen.getByLabelText('Salaustapa'), 'SSL');
    expect(screen.getByLabelText('Portti')).toHaveProperty('value', '2525');
  });

  it("names the encryption's usual port under Portti when another port is set", () => {
    renderBlock({ encryption: 'TLS', port: 2525 });
    expect(descriptionOf(screen.getByLabelText('Portti'))).toContain('Salaustavan TLS tavallinen portti on 587.');
  });
});

describe('SMTP block: the password is write-only', () => {
  it('shows a set password as "asetettu" with Vaihda and Tyhjennä, and no password field', () => {
    renderBlock({ passwordSet: true });
    const group = secretGroup('Salasana');
    expect(group.textContent).toContain('asetettu');
    expect(within(group).getByRole('button', { name: 'Vaihda salasana' })).toBeTruthy();
    expect(within(group).getByRole('button', { name: 'Tyhjennä salasana' })).toBeTruthy();
    expect(document.querySelector('input[type="password"]')).toBeNull();
  });

  it('reveals an empty password field when Vaihda is pressed', async () => {
    const { user } = renderBlock({ passwordSet: true });
    await user.click(screen.getByRole('button', { name: 'Vaihda salasana' }));
    expect(screen.getByLabelText('Salasana')).toHaveProperty('value', '');
    expect(screen.getByLabelText('Salasana')).toHaveProperty('type', 'password');
  });

  it('keeps the stored password when the revealed field is left empty', async () => {
    const { user, latest } = renderBlock({ passwordSet: true });
    await user.click(screen.getByRole('button', { name: 'Vaihda salasana' }));
    expect(latest.form && 'password' in smtpAccountInput(latest.form)).toBe(false);
  });

  it('sends the new password as typed', async () => {
    const { user, latest } = renderBlock({ passwordSet: true });
    await user.click(screen.getByRole('button', { name: 'Vaihda salasana' }));
    await user.type(screen.getByLabelText('Salasana'), 'uusi-salasana');
    expect(latest.form && smtpAccountInput(latest.form).password).toBe('uusi-salasana');
  });

  it('sends an empty password, which clears it, after Tyhjennä', async () => {
    const { user, latest } = renderBlock({ passwordSet: true });
    await user.click(screen.getByRole('button', { name: 'Tyhjennä salasana' }));
    expect(secretGroup('Salasana').textContent).toContain('Tyhjennetään, kun tallennat.');
    expect(latest.form && smtpAccountInput(latest.form).password).toBe('');
  });

  it('goes back to the stored password with Peru', async () => {
    const { user, latest } = renderBlock({ passwordSet: true });
    await user.click(screen.getByRole('button', { name: 'Tyhjennä salasana' }));
    await user.click(screen.getByRole('button', { name: 'Peru muutos: salasana' }));
    expect(secretGroup('Salasana').textContent).toContain('asetettu');
    expect(latest.form && 'password' in smtpAccountInput(latest.form)).toBe(false);
  });

  it('shows an unset password as an empty password field', () => {
    renderBlock({ passwordSet: false });
    expect(screen.getByLabelText('Salasana')).toHaveProperty('value', '');
    expect(screen.queryByRole('button', { name: 'Vaihda salasana' })).toBeNull();
  });
});

describe('SMTP block: fields', () => {
  it("labels the seed's fields with the seed's words", () => {
    renderBlock();
    for (const label of ['SMTP-palvelin', 'Autentikointi', 'Portti', 'Salaustapa', 'Käyttäjätunnus']) expect(screen.getByLabelText(label)).toBeTruthy();
    expect(within(screen.getByLabelText('Autentikointi')).getAllByRole('option').map((o) => o.textContent)).toEqual(['On käytössä', 'Ei käytössä']);
    expect(within(screen.getByLabelText('Salaustapa')).getAllByRole('option').map((o) => o.textContent)).toEqual(['Ei salausta', 'SSL', 'TLS']);
  });

  it('disables the credentials when Autentikointi is Ei käytössä', async () => {
    const { user } = renderBlock({ authEnabled: true });
    await user.selectOptions(screen.getByLabelText('Autentikointi'), 'Ei käytössä');
    expect(screen.getByLabelText('Käyttäjätunnus')).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Vaihda salasana' })).toHaveProperty('disabled', true);
  });

  it('asks for the Microsoft 365 OAuth2 details when that sign-in is chosen', async () => {
    const { user } = renderBlock();
    await user.selectOptions(screen.getByLabelText('Autentikointitapa'), 'OAuth2 (Microsoft 365)');
    expect(screen.getByLabelText('Vuokraajan tunnus (Tenant ID)')).toBeTruthy();
    expect(screen.getByLabelText('Sovelluksen tunnus (Client ID)')).toBeTruthy();
    expect(screen.getByLabelText('Sovelluksen salaisuus (Client secret)')).toBeTruthy();
    expect(screen.queryByLabelText('Salasana')).toBeNull();
  });

  it('keeps Lisäasetukset closed until asked', async () => {
    const { user } = renderBlock();
    expect(screen.queryByLabelText('Viestejä minuutissa enintään')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Lisäasetukset' }));
    expect(screen.getByLabelText('Viestejä minuutissa enintään')).toBeTruthy();
  });

  it('opens Lisäasetukset by itself when one of its fields has a problem', () => {
    renderBlock({}, { errors: [{ field: 'recipientsPerDay', code: 'INVALID_NUMBER', message: 'Anna kokonaisluku väliltä 1–10000000.' }], warnings: [] });
    expect(descriptionOf(screen.getByLabelText('Vastaanottajia vuorokaudessa enintään'))).toContain('Anna kokonaisluku väliltä 1–10000000.');
  });
});
