import { describe, expect, it, vi } from 'vitest';
import { waitFor } from '@testing-library/react';
import { companySettings, smsSettings, smtpAccount, userMailSettings } from '../test/fixtures';
import { descriptionOf, renderWithApp, screen, type Handler } from '../test/test-client';
import { KEPT_SECRET_PLACEHOLDER } from '../forms/secret-edit';
import type { SmtpAccountFieldsFragment } from '../gql/graphql';
import { MessageSettingsPage } from './message-settings-page';
import { MyMailSettingsPage } from './my-mail-settings-page';
import { companySettingsForm, companySettingsInput, validateCompanySettingsForm } from './settings-forms';
import { smtpAccountForm } from './smtp-account-form';

// settings-schema requires the OAuth2 fields (OAUTH_FIELD_REQUIRED) and checks a service-account key's
// shape (SERVICE_ACCOUNT_KEY_INVALID). The browser never has a stored secret, yet one the form keeps
// must count as given, as it does when the server validates the merged record.

const KEY_FILE = JSON.stringify({ type: 'service_account', client_email: 'smtp@yritys.iam.gserviceaccount.com', private_key: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n' });

const MICROSOFT = {
  host: 'smtp.office365.com',
  authMethod: 'OAUTH2_MICROSOFT',
  passwordSet: false,
  oauthTenantId: 'yritys.onmicrosoft.com',
  oauthClientId: '6f1c2b9e-3d4a-4c55-9a0e-2b7d1e8f4a10',
  oauthClientSecretSet: true,
  oauthUser: 'myynti@yritys.fi',
} as const;

const GOOGLE = { host: 'smtp.gmail.com', authMethod: 'OAUTH2_GOOGLE', passwordSet: false, oauthServiceAccountKeySet: true, oauthUser: 'myynti@yritys.fi' } as const;

function renderCompany(smtp: Parameters<typeof smtpAccount>[0], handlers: Record<string, Handler> = {}) {
  const company = companySettings({ smtp: smtpAccount(smtp) });
  return renderWithApp(<MessageSettingsPage onClose={vi.fn()} />, {
    handlers: {
      CompanyMessageSettings: () => ({ data: { companyMessageSettings: company } }),
      SmsSettings: () => ({ data: { smsSettings: smsSettings() } }),
      UpdateCompanyMessageSettings: () => ({ data: { updateCompanyMessageSettings: company } }),
      ...handlers,
    },
  });
}

/** Changes Lähettäjän nimi (so there is something to save) and presses Käytä. */
async function changeAndApply(user: ReturnType<typeof renderCompany>['user']) {
  await user.type(await screen.findByLabelText('Lähettäjän nimi'), ' Oy');
  await user.click(screen.getByRole('button', { name: 'Käytä' }));
}

const smtpSent = (calls: ReturnType<typeof renderCompany>['callsOf']) => (calls('UpdateCompanyMessageSettings')[0]?.variables.input as { smtp: Record<string, unknown> }).smtp;

describe('client-side validation of OAuth2 accounts with stored secrets', () => {
  it('saves a Microsoft 365 account whose stored client secret is kept, and leaves the secret out of the request', async () => {
    const { user, callsOf } = renderCompany(MICROSOFT);
    await changeAndApply(user);
    await screen.findByText('Muutokset tallennettu.');
    expect(smtpSent(callsOf)).not.toHaveProperty('oauthClientSecret');
  });

  it('counts a stored client secret as given after Vaihda with nothing typed', async () => {
    const { user, callsOf } = renderCompany(MICROSOFT);
    await user.click(await screen.findByRole('button', { name: 'Vaihda sovelluksen salaisuus (Client secret)' }));
    await changeAndApply(user);
    await screen.findByText('Muutokset tallennettu.');
    expect(smtpSent(callsOf)).not.toHaveProperty('oauthClientSecret');
  });

  it('reports the client secret missing after Tyhjennä, beside its field, and sends nothing', async () => {
    const { user, callsOf } = renderCompany(MICROSOFT);
    await user.click(await screen.findByRole('button', { name: 'Tyhjennä sovelluksen salaisuus (Client secret)' }));
    await changeAndApply(user);
    await waitFor(() =>
      expect(descriptionOf(screen.getByRole('group', { name: 'Sovelluksen salaisuus (Client secret)' }))).toContain(
        'OAuth2-kirjautuminen tarvitsee tiedon: Sovelluksen salaisuus (Client secret).',
      ),
    );
    expect(callsOf('UpdateCompanyMessageSettings')).toHaveLength(0);
  });

  it('asks for a client secret when none is stored', async () => {
    const { user, callsOf } = renderCompany({ ...MICROSOFT, oauthClientSecretSet: false });
    await changeAndApply(user);
    await waitFor(() => expect(descriptionOf(screen.getByLabelText('Sovelluksen salaisuus (Client secret)'))).toContain('OAuth2-kirjautuminen tarvitsee tiedon'));
    expect(callsOf('UpdateCompanyMessageSettings')).toHaveLength(0);
  });

  it('still asks for the other Microsoft 365 fields while the secret is kept', async () => {
    const { user, callsOf } = renderCompany({ ...MICROSOFT, oauthTenantId: '' });
    await changeAndApply(user);
    await waitFor(() => expect(descriptionOf(screen.getByLabelText('Vuokraajan tunnus (Tenant ID)'))).toContain('OAuth2-kirjautuminen tarvitsee tiedon: Vuokraajan tunnus (Tenant ID).'));
    expect(screen.getByText('Korjaa yksi virhe ennen tallennusta')).toBeTruthy();
    expect(callsOf('UpdateCompanyMessageSettings')).toHaveLength(0);
  });

  it("does not check the shape of a stored service-account key it cannot see, and saves", async () => {
    const { user, callsOf } = renderCompany(GOOGLE);
    await changeAndApply(user);
    await screen.findByText('Muutokset tallennettu.');
    expect(smtpSent(callsOf)).not.toHaveProperty('oauthServiceAccountKey');
  });

  it('checks the shape of a newly pasted service-account key before sending', async () => {
    const { user, callsOf } = renderCompany(GOOGLE);
    await user.click(await screen.findByRole('button', { name: 'Vaihda palvelutilin avain (JSON)' }));
    await user.click(screen.getByLabelText('Palvelutilin avain (JSON)'));
    await user.paste('{"type": "service_account"}');
    await user.click(screen.getByRole('button', { name: 'Käytä' }));
    await waitFor(() => expect(descriptionOf(screen.getByLabelText('Palvelutilin avain (JSON)'))).toContain('client_email'));
    expect(callsOf('UpdateCompanyMessageSettings')).toHaveLength(0);
  });

  it('sends a newly pasted key of the right shape', async () => {
    const { user, callsOf } = renderCompany({ ...GOOGLE, oauthServiceAccountKeySet: false });
    await user.click(await screen.findByLabelText('Palvelutilin avain (JSON)'));
    await user.paste(KEY_FILE);
    await user.click(screen.getByRole('button', { name: 'Käytä' }));
    await screen.findByText('Muutokset tallennettu.');
    expect(smtpSent(callsOf).oauthServiceAccountKey).toBe(KEY_FILE);
  });

  it("counts a user's kept client secret as given in Sähköposti määrittely", async () => {
    const settings = userMailSettings({ smtp: smtpAccount({ ...MICROSOFT, host: 'smtp.office365.com' }) });
    const { user, callsOf } = renderWithApp(<MyMailSettingsPage onClose={vi.fn()} />, {
      handlers: {
        MyMailSettings: () => ({ data: { myMailSettings: settings } }),
        UpdateMyMailSettings: () => ({ data: { updateMyMailSettings: settings } }),
      },
    });
    await user.type(await screen.findByLabelText('Allekirjoitus, rivi 6'), 'x');
    await user.click(screen.getByRole('button', { name: 'Käytä' }));
    await screen.findByText('Muutokset tallennettu.');
    expect((callsOf('UpdateMyMailSettings')[0]?.variables.input as { smtp: Record<string, unknown> }).smtp.oauthClientSecret ?? null).toBeNull();
  });

  it('keeps the stand-in for a stored secret out of the form state and out of every request', () => {
    const form = companySettingsForm(companySettings({ smtp: smtpAccount({ ...MICROSOFT, passwordSet: true, oauthServiceAccountKeySet: true }) }) as never);
    expect(validateCompanySettingsForm(form)).toEqual({ ok: true });
    expect(JSON.stringify(form)).not.toContain(KEPT_SECRET_PLACEHOLDER);
    expect(JSON.stringify(companySettingsInput(form))).not.toContain(KEPT_SECRET_PLACEHOLDER);
    expect(smtpAccountForm(smtpAccount(MICROSOFT) as SmtpAccountFieldsFragment).oauthClientSecret).toEqual({ isSet: true, mode: 'keep', value: '' });
  });
});
