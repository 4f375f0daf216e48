import { DATABASE_KINDS } from '../support/test-databases';
import { startTestApi, type TestApi } from '../support/test-api';

const SETTINGS_FIELDS = `
  enabledChannels smtpSendingEnabled companyEmail senderName defaultRecipients
  smtp { host port encryption authEnabled authMethod username passwordSet oauthClientSecretSet }
  warnings { field code message }`;

const READ = `query { companyMessageSettings { ${SETTINGS_FIELDS} } }`;
const UPDATE = `mutation($input: CompanyMessageSettingsInput!) { updateCompanyMessageSettings(input: $input) { ${SETTINGS_FIELDS} } }`;

const SEED_EXAMPLE = {
  enabledChannels: 'EMAIL_AND_SMS',
  companyEmail: 'yritys@yritys.fi',
  senderName: 'Yrityksen edustaja',
  smtp: { host: 'smtp.yritys.fi', authEnabled: true, port: 587, encryption: 'TLS', username: 'yritys.tunnus@yritys.fi', password: 'Sal@sana-1' },
  defaultRecipients: 'vakio.asiakas@asiakasyritys.fi; "Virtanen, Matti" <matti@yritys.fi>',
};

describe.each(DATABASE_KINDS)('company message settings on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('starts from the defaults with no password set', async () => {
    const result = await api.gql<{ companyMessageSettings: { enabledChannels: string; smtp: { passwordSet: boolean; port: number } } }>(READ, {}, { token: api.b.admin.token });
    expect(result.errors).toBeUndefined();
    expect(result.data?.companyMessageSettings.enabledChannels).toBe('NONE');
    expect(result.data?.companyMessageSettings.smtp).toMatchObject({ passwordSet: false, port: 587 });
  });

  it('saves the seed example and answers passwordSet instead of the password', async () => {
    const result = await api.gql<{ updateCompanyMessageSettings: Record<string, unknown> & { smtp: Record<string, unknown> } }>(UPDATE, { input: SEED_EXAMPLE }, { token: api.a.admin.token });
    expect(result.errors).toBeUndefined();
    expect(result.data?.updateCompanyMessageSettings.smtp).toMatchObject({ host: 'smtp.yritys.fi', passwordSet: true });
    expect(JSON.stringify(result)).not.toContain('Sal@sana-1');
    const read = await api.gql(READ, {}, { token: api.a.admin.token });
    expect(read.data).toEqual({ companyMessageSettings: result.data?.updateCompanyMessageSettings });
  });

  it('keeps the stored password when the input omits it or sends null, and clears it with ""', async () => {
    await api.gql(UPDATE, { input: SEED_EXAMPLE }, { token: api.a.admin.token });
    const omitted = await api.gql<{ updateCompanyMessageSettings: { smtp: { passwordSet: boolean } } }>(UPDATE, { input: { senderName: 'Toinen nimi' } }, { token: api.a.admin.token });
    expect(omitted.data?.updateCompanyMessageSettings.smtp.passwordSet).toBe(true);
    const nulled = await api.gql<{ updateCompanyMessageSettings: { smtp: { passwordSet: boolean } } }>(UPDATE, { input: { smtp: { password: null } } }, { token: api.a.admin.token });
    expect(nulled.data?.updateCompanyMessageSettings.smtp.passwordSet).toBe(true);
    const stored = await api.runtime.services.settings.companySettings(api.a.id);
    expect(stored.smtp.password).toBe('Sal@sana-1');
    const cleared = await api.gql<{ updateCompanyMessageSettings: { smtp: { passwordSet: boolean } } }>(UPDATE, { input: { smtp: { password: '' } } }, { token: api.a.admin.token });
    expect(cleared.data?.updateCompanyMessageSettings.smtp.passwordSet).toBe(false);
  });

  it('reports every bad field at once with BAD_USER_INPUT and saves nothing', async () => {
    await api.gql(UPDATE, { input: SEED_EXAMPLE }, { token: api.a.admin.token });
    const result = await api.gql(
      UPDATE,
      { input: { companyEmail: 'ei-osoite', senderName: 'Rivi\r\nBcc: x@y.fi', smtp: { port: 70000, host: 'smtp yritys.fi' }, defaultRecipients: 'a@x.fi; huono@; b@y.fi' } },
      { token: api.a.admin.token },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = result.errors?.[0]?.extensions?.fields?.map((f) => f.field).sort();
    expect(fields).toEqual(['companyEmail', 'defaultRecipients', 'senderName', 'smtp.host', 'smtp.port']);
    const stored = await api.runtime.services.settings.companySettings(api.a.id);
    expect(stored.companyEmail).toBe('yritys@yritys.fi');
    expect(stored.smtp.port).toBe(587);
  });

  it('answers in English when Accept-Language asks for it, in Finnish otherwise', async () => {
    const input = { input: { smtp: { port: 0 } } };
    const fi = await api.gql(UPDATE, input, { token: api.a.admin.token });
    const en = await api.gql(UPDATE, input, { token: api.a.admin.token, headers: { 'accept-language': 'en-GB,en;q=0.9,fi;q=0.5' } });
    expect(fi.errors?.[0]?.extensions?.fields?.[0]?.message).toMatch(/Portin/);
    expect(en.errors?.[0]?.extensions?.fields?.[0]?.message).toMatch(/port must be/i);
  });

  it('returns sanity warnings beside the saved settings', async () => {
    const result = await api.gql<{ updateCompanyMessageSettings: { warnings: Array<{ field: string; code: string }> } }>(
      UPDATE,
      { input: { ...SEED_EXAMPLE, smtp: { ...SEED_EXAMPLE.smtp, host: 'smtp.kolumbus.fi', port: 995, encryption: 'SSL' } } },
      { token: api.a.admin.token },
    );
    expect(result.errors).toBeUndefined();
    const codes = result.data?.updateCompanyMessageSettings.warnings.map((w) => w.code) ?? [];
    expect(codes.length).toBeGreaterThanOrEqual(2);
    const accountWarnings = result.data?.updateCompanyMessageSettings.warnings.filter((w) => w.code !== 'SENDER_NOT_MAILBOX') ?? [];
    expect(accountWarnings.every((w) => w.field.startsWith('smtp.'))).toBe(true);
  });

  it("warns that the seed's company address goes out through another mailbox's login (Send As)", async () => {
    const result = await api.gql<{ updateCompanyMessageSettings: { warnings: Array<{ field: string; code: string; message: string }> } }>(
      UPDATE,
      { input: { ...SEED_EXAMPLE, smtp: { ...SEED_EXAMPLE.smtp, host: 'smtp.office365.com' } } },
      { token: api.a.admin.token, headers: { 'accept-language': 'en' } },
    );
    const warning = result.data?.updateCompanyMessageSettings.warnings.find((w) => w.code === 'SENDER_NOT_MAILBOX');
    expect(warning?.field).toBe('companyEmail');
    expect(warning?.message).toContain('Add-RecipientPermission -Identity yritys@yritys.fi -Trustee yritys.tunnus@yritys.fi -AccessRights SendAs');
    const password = result.data?.updateCompanyMessageSettings.warnings.find((w) => w.code === 'OFFICE365_BASIC_AUTH');
    expect(password?.message).toContain('second half of 2027');
  });

  it('refuses the settings to a normal user', async () => {
    const result = await api.gql(READ, {}, { token: api.a.user.token });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses an SMTP account without authentication in a hosted deployment, saying why', async () => {
    const hosted = await startTestApi(kind, { env: { MAESTRO_HOSTED: 'true' } });
    try {
      const result = await hosted.gql(UPDATE, { input: { ...SEED_EXAMPLE, smtp: { ...SEED_EXAMPLE.smtp, authEnabled: false } } }, { token: hosted.a.admin.token });
      expect(result.errors?.[0]?.extensions?.fields).toEqual([expect.objectContaining({ field: 'smtp.authEnabled', code: 'AUTH_REQUIRED_HOSTED' })]);
      expect(result.errors?.[0]?.extensions?.fields?.[0]?.message).toMatch(/Konesalissa/);
    } finally {
      await hosted.close();
    }
  });
});
