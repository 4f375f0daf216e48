import { ModuleSendPolicyEntity } from '../../src/modules/send-policies/module-send-policy.entity';
import { DATABASE_KINDS } from '../support/test-databases';
import { startTestApi, type TestApi } from '../support/test-api';

const UPDATE_POLICY = 'mutation($s: MessageSource!, $i: SendPolicyInput!) { updateSendPolicy(source: $s, input: $i) { source sendMode defaultOutput migratedFromSendLater } }';

describe.each(DATABASE_KINDS)('send policies and standard texts on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('lists a policy for every program, defaults included', async () => {
    const result = await api.gql<{ sendPolicies: Array<{ source: string }> }>('{ sendPolicies { source sendMode defaultOutput } }', {}, { token: api.a.user.token });
    expect(result.data?.sendPolicies.map((p) => p.source)).toContain('SHIPPING_LABEL');
    expect(result.data?.sendPolicies).toHaveLength(11);
  });

  it('refuses the retired "send later" with a message that says what to pick', async () => {
    const result = await api.gql(UPDATE_POLICY, { s: 'SALES_ORDER', i: { sendMode: 'SEND_LATER' } }, { token: api.a.admin.token });
    expect(result.errors?.[0]?.extensions?.fields?.[0]).toMatchObject({ field: 'sendMode', code: 'SEND_LATER_RETIRED' });
    expect(result.errors?.[0]?.extensions?.fields?.[0]?.message).toMatch(/Lähetä heti, Avaa muokattavaksi tai Kysy lähetystapa/);
  });

  it('shows a policy the migration turned from "send later" into ASK as flagged, until an admin saves it', async () => {
    // What RetireSendLater leaves behind (its own test is in test/db/migrations.spec.ts).
    await api.runtime.db.getRepository(ModuleSendPolicyEntity).insert({ companyId: api.a.id, source: 'QUOTE', defaultOutput: 'EMAIL', sendMode: 'ASK', migratedFromSendLater: true });
    const listed = await api.gql<{ sendPolicies: Array<{ source: string; sendMode: string; migratedFromSendLater: boolean }> }>('{ sendPolicies { source sendMode migratedFromSendLater } }', {}, { token: api.a.admin.token });
    expect(listed.data?.sendPolicies.find((p) => p.source === 'QUOTE')).toEqual({ source: 'QUOTE', sendMode: 'ASK', migratedFromSendLater: true });
    const saved = await api.gql<{ updateSendPolicy: { migratedFromSendLater: boolean; sendMode: string } }>(UPDATE_POLICY, { s: 'QUOTE', i: { sendMode: 'ASK' } }, { token: api.a.admin.token });
    expect(saved.data?.updateSendPolicy).toMatchObject({ sendMode: 'ASK', migratedFromSendLater: false });
  });

  it("falls back to the program's default for a stored value that is no send mode, in one place", async () => {
    await api.runtime.services.settings.updateCompanySettings(api.b.id, { enabledChannels: 'EMAIL', companyEmail: 'b@yritys-b.fi', smtp: { host: 'smtp.yritys-b.fi' } });
    await api.runtime.db.getRepository(ModuleSendPolicyEntity).insert({ companyId: api.b.id, source: 'PURCHASE_ORDER', defaultOutput: 'EMAIL', sendMode: 'LATER', migratedFromSendLater: false });
    const listed = await api.gql<{ sendPolicies: Array<{ source: string; sendMode: string }> }>('{ sendPolicies { source sendMode } }', {}, { token: api.b.admin.token });
    expect(listed.data?.sendPolicies.find((p) => p.source === 'PURCHASE_ORDER')?.sendMode).toBe('OPEN_FOR_EDIT');
    const draft = await api.gql<{ composeDraft: { sendMode: string } }>('{ composeDraft(input: { source: PURCHASE_ORDER }) { sendMode } }', {}, { token: api.b.user.token });
    expect(draft.errors ?? draft.data?.composeDraft.sendMode).toBe('OPEN_FOR_EDIT');
  });

  it('replaces a standard text with the same source, language and name instead of duplicating it', async () => {
    const upsert = 'mutation($i: StandardTextInput!) { upsertStandardText(input: $i) { id subject } }';
    const input = { source: 'SALES_ORDER', language: 'SV', name: 'Orderbekräftelse', subject: 'Order {{documentNumber}}', body: 'Hej' };
    const first = await api.gql<{ upsertStandardText: { id: string } }>(upsert, { i: input }, { token: api.a.admin.token });
    const second = await api.gql<{ upsertStandardText: { id: string; subject: string } }>(upsert, { i: { ...input, subject: 'Orderbekräftelse {{documentNumber}}' } }, { token: api.a.admin.token });
    expect(second.data?.upsertStandardText.id).toBe(first.data?.upsertStandardText.id);
    const listed = await api.gql<{ standardTexts: unknown[] }>('{ standardTexts(source: SALES_ORDER, language: SV) { id subject } }', {}, { token: api.a.user.token });
    expect(listed.data?.standardTexts).toEqual([{ id: first.data?.upsertStandardText.id, subject: 'Orderbekräftelse {{documentNumber}}' }]);
  });

  it('refuses a standard text subject with a line break', async () => {
    const result = await api.gql('mutation($i: StandardTextInput!) { upsertStandardText(input: $i) { id } }', { i: { source: 'QUOTE', language: 'FI', name: 'x', subject: 'a\nb', body: '' } }, { token: api.a.admin.token });
    expect(result.errors?.[0]?.extensions?.fields?.[0]).toMatchObject({ field: 'subject', code: 'LINE_BREAK' });
  });
});
